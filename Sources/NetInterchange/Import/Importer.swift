import NetModel
import NetStore
import Plumbing

/// What an import did (or, in a dry run, would do). Every record of the source is counted once:
/// added + updated + unchanged + skipped = records read.
public struct ImportSummary: Sendable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// Records not imported: the source line and why.
    public var skipped: [(line: Int, reason: String)] = []
    /// The added and updated records, in source order.
    public var entries: [Entry] = []

    public struct Entry: Equatable, Sendable {
        public enum Action: Equatable, Sendable {
            case added
            /// The contact's fields that changed.
            case updated(fields: [String])
        }
        public var line: Int
        public var name: String
        public var action: Action
    }

    public init() {}

    /// One line of counts, then every skipped record with its line and reason.
    public var text: String { report(details: false) }

    /// The counts, then (with `details`) the records that are added and updated — at most `limit`
    /// of each — then the skipped ones.
    public func report(details: Bool, limit: Int = 200, dryRun: Bool = false) -> String {
        var lines = [(dryRun ? "Dry run — would import: " : "Imported: ")
            + "\(added) added, \(updated) updated, \(unchanged) unchanged, \(skipped.count) skipped"]
        if details {
            let adds = entries.filter { $0.action == .added }
            let updates = entries.filter { $0.action != .added }
            if !adds.isEmpty {
                lines.append(dryRun ? "Would add:" : "Added:")
                for e in adds.prefix(limit) { lines.append("  line \(e.line): \(e.name)") }
                if adds.count > limit { lines.append("  … and \(adds.count - limit) more") }
            }
            if !updates.isEmpty {
                lines.append(dryRun ? "Would update:" : "Updated:")
                for e in updates.prefix(limit) {
                    guard case .updated(let fields) = e.action else { continue }
                    lines.append("  line \(e.line): \(e.name) (\(fields.joined(separator: ", ")))")
                }
                if updates.count > limit { lines.append("  … and \(updates.count - limit) more") }
            }
        }
        if !skipped.isEmpty {
            lines.append("Skipped:")
            for s in skipped { lines.append("  line \(s.line): \(s.reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Brings contacts from outside into a network without duplicating anyone: parse a source file,
/// merge its records into the network as undoable `Change`s, save.
public enum Importer {
    // MARK: - Reading a source

    /// Reads and parses an import source. A missing or unreadable file, a binary file, a file of
    /// another format and malformed content are errors naming the file, the line and the problem.
    public static func parse(path: String, format: ImportFormat) throws(ImportError) -> [ImportedContact] {
        try parse(read(path), path: path, format: format)
    }

    /// The bytes of an import source; a missing or unreadable file is an error naming it.
    static func read(_ path: String) throws(ImportError) -> [UInt8] {
        do {
            guard let bytes = try Store.readSource(path) else { throw ImportError(path: path, "no such file") }
            return bytes
        } catch let error as StoreError {
            throw ImportError(path: path, error.message)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(path: path, "\(error)")
        }
    }

    /// Parses a source already in memory; `path` names it in errors.
    public static func parse(_ raw: [UInt8], path: String, format: ImportFormat) throws(ImportError) -> [ImportedContact] {
        do {
            switch format {
            case .vcard: return try VCard.parse(raw, path: path)
            case .linkedin: return try LinkedInCSV.parse(raw, path: path)
            case .google: return try GoogleCSV.parse(raw, path: path)
            }
        } catch {
            // A file refused as a whole may just be the other kind: say so.
            if error.line == nil, let other = detect(raw), other != format {
                var e = error
                e.message += "; it looks like a \(other.title) file: use `nettui import \(other.rawValue)`"
                throw e
            }
            throw error
        }
    }

    /// The format a file's content is in, when it is one of ours.
    public static func detect(_ raw: [UInt8]) -> ImportFormat? {
        guard let bytes = try? ImportText.prepare(raw, path: "", expecting: "") else { return nil }
        let head = Array(bytes.prefix(1 << 16))
        if VCardReader.contains(head, "BEGIN:VCARD") { return .vcard }
        if LinkedInCSV.findHeader(bytes, path: "") != nil { return .linkedin }
        var reader = CSVReader(bytes, path: "")
        while let r = try? reader.next() {
            if r.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            return GoogleCSV.isHeader(CSVReader.columns(r.fields)) ? .google : nil
        }
        return nil
    }

    // MARK: - Merging

    /// Merges imported records into a network. Each record is matched to an existing contact —
    /// by NetTUI id, then by source key (vCard UID, LinkedIn profile), then by e-mail (any case),
    /// then by name + organisation folded (case, accents and spacing ignored; a record without an
    /// organisation by name alone) — and the match is updated field by field without erasing
    /// anything: empty fields are filled, lists gain the values they lack, a value already there
    /// is never replaced. A record that matches nobody is added; one whose keys lead to two
    /// contacts or more is merged into none (skipped, ambiguous). Two records with different
    /// LinkedIn profiles are different people even when their e-mail or name matches, and so are
    /// two records of one import with NetTUI ids of their own. Later records of the same import
    /// match contacts added by earlier ones.
    ///
    /// The changes are one `.contact` change per contact added or changed, to be applied (and
    /// undone) as one step; importing the same records again, in any order, gives no changes
    /// (see `Merger.settle`). `newID` makes the ids of contacts added, never the same one twice.
    public static func merge(_ incoming: [ImportedContact], into network: Network, now: Timestamp,
                             newID: () -> String) -> (changes: [Change], summary: ImportSummary) {
        var m = merger(incoming, into: network, now: now, newID: newID)
        return (m.takeChanges(), m.summary)
    }

    /// The merger that has taken every record of `incoming` (which the contacts it adds take the
    /// values of: passed on, not kept, the list is not copied first).
    static func merger(_ incoming: consuming [ImportedContact], into network: Network, now: Timestamp, newID: () -> String) -> Merger {
        var m = Merger(network: network, now: now, expected: incoming.count)
        // Borrowed, and taken in place: a record read as `incoming[k]` would be copied (every string of it).
        let keys = parallelMap(incoming) { MatchKeys($0) }
        for k in incoming.indices { m.take(&incoming[k], keys: keys[k], newID: newID) }
        m.settle(newID: newID)
        return m
    }

    /// The merger of `parse(raw, …)` into the network `open` gives, and that network, with the merge
    /// overlapping the reading: a large vCard file is read in pieces on every core, and each piece
    /// is merged as soon as those before it are (`inOrder`). Should a piece not read as it does in
    /// the whole file, or the network not open, all of it is read and merged again as one: an
    /// error in the source is reported before one in the data file, as when it is read first.
    static func parseAndMerge(_ raw: [UInt8], path: String, format: ImportFormat, into open: () throws(ImportError) -> Network,
                              now: Timestamp, newID: () -> String) throws(ImportError) -> (merger: Merger, network: Network) {
        var opened: Result<Network, ImportError>?
        func network() -> Result<Network, ImportError> {
            if opened == nil { opened = Result { () throws(ImportError) in try open() } }
            return opened!
        }
        if format == .vcard, raw.count >= VCard.piecesFrom, let bytes = try? ImportText.prepare(raw, path: path, expecting: "a vCard file"),
           let merged = mergeInPieces(bytes, path: path, network: { try? network().get() }, now: now, newID: newID) {
            return merged
        }
        let records = try parse(raw, path: path, format: format)
        let n = try network().get()
        return (merger(records, into: n, now: now, newID: newID), n)
    }

    /// The vCard file `p` read in pieces of about 1 MB on every core and merged piece by piece, in
    /// order, into the network `network` gives; nil when the file is smaller than `minimumBytes`, a
    /// piece does not read as it does in the whole file, or there is no network. (The last piece is
    /// read on one core while the other has none left: the smaller the pieces, the shorter that is.)
    static func mergeInPieces(_ p: [UInt8], path: String, network: () -> Network?, now: Timestamp,
                              newID: () -> String, minimumBytes: Int = VCard.piecesFrom) -> (merger: Merger, network: Network)? {
        let workers = Cores.count
        // The network is opened first, on every core (inside a worker, it would have one core
        // only); the merger, whose indexing is one core's work, is made with the first piece
        // while the other workers read on. Room for a card of every 400 bytes (most take more: a
        // larger guess costs every lookup a sparser table, a smaller one a rehash).
        guard let pieces = VCard.pieces(p, count: max(2 * workers, p.count >> 20), minimumBytes: minimumBytes),
              let base = network() else { return nil }
        var merger: Merger?
        var lines = 0, whole = true
        inOrder(pieces.count, workers: workers, maxWaiting: 2 * workers, make: { k in
            VCard.readPiece(p, pieces[k], path: path)
        }, consume: { _, piece in
            guard var piece = piece.take() else {
                whole = false
                return false
            }
            if merger == nil { merger = Merger(network: base, now: now, expected: p.count / 400) }
            // Each piece counted its lines from its own start.
            merger!.lineOffset = lines
            for k in piece.cards.indices { merger!.take(&piece.cards[k], keys: nil, newID: newID) }
            lines += piece.lines
            return true
        })
        guard whole, var merger else { return nil }
        merger.settle(newID: newID)
        return (merger, base)
    }

    // MARK: - The whole command

    /// The result of `run`.
    public struct Outcome: Sendable {
        public var summary: ImportSummary
        /// The network after the import (unchanged in a dry run).
        public var network: Network
        /// Whether the data file was written.
        public var saved: Bool
        /// Said when the data file was written but its previous version could not be kept as `.bak`.
        public var warning: String?
        /// The source's bytes and the spent merge (its indexes hold hundreds of thousands of
        /// strings at 100,000 contacts), freed with the outcome: a command that ends the program
        /// next (`nettui import`) does not spend a core freeing them first.
        let spent: (source: [UInt8], merger: Merger)
    }

    /// `nettui import`: parses `source`, merges it into the data file and saves — only when the whole
    /// import succeeded, something changed and it is not a dry run. The data file is locked for the
    /// duration (refused when another program holds it); a missing data file starts empty; a file
    /// that cannot be read, or is read-only (newer schema), is refused. Nothing is written on any error.
    public static func run(source: String, format: ImportFormat, dataFile: String, dryRun: Bool = false,
                           createFolder: Bool = false, now: Timestamp, newID: () -> String) throws(ImportError) -> Outcome {
        let raw = try read(source)
        func storeError(_ e: StoreError) -> ImportError {
            var message = e.message
            for p in e.problems.prefix(5) { message += "\n  \(p)" }
            if e.problems.count > 5 { message += "\n  … and \(e.problems.count - 5) more" }
            return ImportError(path: dataFile, message)
        }
        var lock: FileLock?
        defer { lock?.release() }
        // The data file, locked and loaded when the merge needs it (after the source is read, or,
        // when it is read in pieces, before: see `parseAndMerge`); a missing one starts empty.
        func open() throws(ImportError) -> Network {
            var network = Network()
            do {
                if !dryRun {
                    if createFolder { try Store.makeDirectories(Store.directory(of: dataFile)) }
                    if let why = Store.writeProtection(dataFile) { throw ImportError(path: dataFile, "cannot import into it: \(why)") }
                    switch try FileLock.acquire(for: dataFile) {
                    case .acquired(let l): lock = l
                    case .held(let pid):
                        throw ImportError(path: dataFile, "the data file is open in another nettui" + (pid.map { " (pid \($0))" } ?? "") + "; close it and import again")
                    }
                }
                if let loaded = try Store.load(dataFile) {
                    if let why = loaded.readOnlyReason, !dryRun { throw ImportError(path: dataFile, "cannot import into this file: \(why)") }
                    network = loaded.network
                }
            } catch let e as StoreError {
                throw storeError(e)
            } catch let e as ImportError {
                throw e
            } catch {
                throw ImportError(path: dataFile, "\(error)")
            }
            return network
        }
        var (m, network) = try parseAndMerge(raw, path: source, format: format, into: open, now: now, newID: newID)
        guard !dryRun, !m.touched.isEmpty else {
            return Outcome(summary: m.summary, network: network, saved: false, spent: (raw, m))
        }
        // The contacts as applying the changes would leave them, without making the changes.
        network.contacts = m.takeContacts()
        let saved: Store.Written
        do {
            saved = try Store.save(network, to: dataFile)
        } catch {
            throw storeError(error)
        }
        return Outcome(summary: m.summary, network: network, saved: true, warning: saved.warning, spent: (raw, m))
    }
}

extension Importer {
    /// Ids for the contacts an import adds: version-7 UUIDs (RFC 9562), each after the one before
    /// (`Version7Sequence`). The contacts of an import are added in the order of its source, so
    /// those of an import into a new file are in id order, the file's, as they are made: nothing
    /// to sort, and the file is written in the order they sit in memory. The system's generator (a
    /// system call per number) seeds the demo's splitmix64 once; ids need to be unique, not secret,
    /// and the import checks each against the ids in use anyway.
    public static func uuidGenerator(now: Timestamp) -> () -> String {
        var system = SystemRandomNumberGenerator()
        var ids = Version7Sequence(now: now, generator: SplitMix(seed: system.next(), stream: system.next()))
        return { ids.next().text }
    }
}

/// Version-7 UUIDs in increasing order: the time in milliseconds, then 74 bits that count up by
/// random steps from a random start (with its top bit clear, so that a long run of steps fits).
/// Should they ever run out, the time moves on a millisecond and they start again.
struct Version7Sequence {
    var millis: UInt64
    /// The 74 bits, as 12 and 62.
    var a: UInt64, b: UInt64
    var generator: SplitMix

    init(now: Timestamp, generator: SplitMix) {
        self.generator = generator
        millis = UInt64(max(0, now.seconds)) * 1000
        (a, b) = (0, 0)
        restart()
    }

    mutating func restart() {
        (a, b) = (generator.next() & 0x7FF, generator.next() & 0x3FFF_FFFF_FFFF_FFFF)
    }

    mutating func next() -> CompactID {
        b += 1 + generator.next() >> 32
        if b >> 62 != 0 {
            b &= 0x3FFF_FFFF_FFFF_FFFF
            a += 1
            if a >> 12 != 0 {
                millis += 1
                restart()
            }
        }
        return CompactID(version7: millis, a, b)
    }
}

extension ImportFormat {
    /// How the format is named in messages.
    public var title: String {
        switch self {
        case .vcard: return "vCard"
        case .linkedin: return "LinkedIn connections CSV"
        case .google: return "Google Contacts CSV"
        }
    }
}

extension VCardReader {
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) {
            var k = 0
            while k < needle.count, upper(bytes[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        return false
    }
}

/// A record's keys for matching: its e-mails as `ImportText.emailKey`s and its name + organisation
/// as `Merger.nameKey`. Worked out on every core for a list of records merged at once, and by the
/// merge itself, when it needs them, for a file read in pieces (a record matched by id or source
/// key needs none: a re-import of a large file makes none). A contact added from the record has
/// the same keys (e-mails, name and organisation are taken from the record as they are).
struct MatchKeys {
    var emails: [String]
    var name: String
    /// `IDTable.hash(name)`: the name is looked up, then indexed when the record is added (and a
    /// name of more than ASCII costs `String`'s own hash).
    var nameHash: Int
    /// The length (in UTF-8) of the name's part of `name`, with the separator after it: the key of
    /// the name alone (`byNameAlone`) is that prefix.
    var nameOnly: Int

    /// `borrowing`: an initializer's argument is otherwise its own, and the record (every string of
    /// it) would be copied to be passed.
    init(_ r: borrowing ImportedContact) {
        self.init(emails: r.emails, name: r.name, organization: r.organization)
    }

    /// The keys of a record lent in place (`parallelMap` over the records): only these fields are read.
    init(_ r: Lent<ImportedContact>) {
        self.init(emails: r.emails, name: r.name, organization: r.organization)
    }

    private init(emails: [String], name: String, organization: String) {
        self.emails = emails.map(ImportText.emailKey)
        (self.name, nameOnly) = Merger.nameKeyAndPrefix(name, organization)
        nameHash = IDTable.hash(self.name)
    }
}

/// The state of one merge: the contacts as they become, and indexes for matching.
struct Merger {
    /// The network merged into.
    let network: Network
    let now: Timestamp
    var contacts: [Contact]
    /// Every id in the file: a contact's with its position, any other with -1. Built on first use
    /// (`buildIDs`): a re-import matched by source key, that adds no one, needs none.
    var ids: StringMap<Int>?
    /// Source keys, e-mail keys, name + organisation (`nameKey`), and the name alone
    /// (`nameKey(name, "")`, for records without an organisation): each index built on first use
    /// (a re-import matched by id needs none, one matched by source key only the first; an import
    /// whose records all have an organisation never the last).
    var byKey: KeyHolders?
    var byEmail: KeyHolders?
    var byName: KeyHolders?
    var byNameAlone: KeyHolders?
    /// The records skipped because their keys lead to two contacts or more, looked at again once
    /// every record is merged (`settle`).
    var pending: [Pending] = []
    /// Contacts from this position on were added by this import (in `settle`, by its last round).
    var addedFrom: Int
    /// The positions of the contacts added or changed, in the order they were first touched.
    var touched: [Int] = []
    /// Whether each contact (by position) is in `touched`.
    var isTouched: [Bool]
    var summary = ImportSummary()

    /// How many records are coming, to size the indexes.
    var expected = 0
    /// Added to the records' lines in the summary (for a piece of a file, the lines before it).
    var lineOffset = 0

    init(network: Network, now: Timestamp, expected: Int = 0) {
        self.expected = expected
        self.network = network
        self.now = now
        contacts = network.contacts
        addedFrom = contacts.count
        isTouched = [Bool](repeating: false, count: network.contacts.count)
    }

    /// A record skipped as ambiguous: its keys, its line in the source, and its place in `summary.skipped`.
    struct Pending {
        var record: ImportedContact
        var keys: MatchKeys?
        var line: Int
        var skipped: Int
    }

    /// What a record's keys lead to.
    enum Match {
        case none
        case contact(Int)
        /// Two contacts or more by the first rule that finds anyone (the rule, and two of them).
        case ambiguous(String, Int, Int)
    }

    /// The contacts before the merge.
    var base: [Contact] { network.contacts }

    /// Whether the network merged into has nothing with an id (a new file).
    var networkHasNoIDs: Bool {
        network.contacts.isEmpty && network.networks.isEmpty && network.events.isEmpty && network.interactions.isEmpty
    }

    /// Makes `ids`: the ids of the network, and of the contacts added since.
    mutating func buildIDs() {
        // Ids compared by their bytes, as the data file's reader compares them.
        var ids = StringMap<Int>(capacity: contacts.count + expected + network.networks.count + network.events.count
                                 + network.interactions.count, byBytes: true)
        // Through spans: iterating the lists would copy each item (all its strings) to read its id.
        let contacts = self.contacts, list = contacts.span
        for i in list.indices { ids.insertIfAbsent(list[i].id, i) }
        for g in network.networks { ids.insertIfAbsent(g.id, -1) }
        for e in network.events { ids.insertIfAbsent(e.id, -1) }
        let interactions = network.interactions, log = interactions.span
        for i in log.indices { ids.insertIfAbsent(log[i].id, -1) }
        self.ids = ids
    }

    /// Indexes every contact by the keys `keys` gives `add` (called once, on first use of that index).
    /// The contact is borrowed from a span of the list: passed as a value, it was copied.
    func index(perContact: Int, _ keys: (borrowing Contact, (String) -> Void) -> Void) -> KeyHolders {
        var map = KeyHolders(capacity: perContact * (contacts.count + expected))
        let list = contacts.span
        for i in list.indices { keys(list[i]) { map.add($0, i) } }
        return map
    }

    /// Indexes contact `c` at position `i`.
    mutating func indexKeys(of c: Contact, at i: Int) {
        if byKey != nil { for k in c.sourceKeys { byKey?.add(k, i) } }
        if byEmail != nil { for e in c.emails { byEmail?.add(ImportText.emailKey(e), i) } }
        guard byName != nil || byNameAlone != nil else { return }
        let (key, alone) = Self.nameKeyAndPrefix(c.name, c.organization)
        byName?.add(key, i)
        if byNameAlone != nil { byNameAlone?.add(alone < key.utf8.count ? String(decoding: key.utf8.prefix(alone), as: UTF8.self) : key, i) }
    }

    /// Indexes at position `i` the contact to be added from record `r`, whose keys are `keys`: the
    /// contact's keys are the record's.
    mutating func indexKeys(of r: ImportedContact, at i: Int, keys: MatchKeys) {
        if byKey != nil { for k in r.sourceKeys { byKey?.add(k, i) } }
        if byEmail != nil { for e in keys.emails { byEmail?.add(e, i) } }
        byName?.add(keys.name, i, hash: keys.nameHash)
        if byNameAlone != nil {
            if keys.nameOnly < keys.name.utf8.count {
                byNameAlone?.add(String(decoding: keys.name.utf8.prefix(keys.nameOnly), as: UTF8.self), i)
            } else {
                byNameAlone?.add(keys.name, i, hash: keys.nameHash)
            }
        }
    }

    static func nameKey(_ name: String, _ org: String) -> String { nameKeyAndPrefix(name, org).key }

    /// `nameKey`, and the length of its prefix that is `nameKey(name, "")`.
    static func nameKeyAndPrefix(_ name: String, _ org: String) -> (key: String, nameOnly: Int) {
        // Made in one buffer: folding each part to a text of its own and joining them took five allocations.
        var key: [UInt8] = []
        key.reserveCapacity(name.utf8.count + 1 + org.utf8.count)
        ImportText.fold(name, into: &key)
        key.append(0x1F)
        let nameOnly = key.count
        ImportText.fold(org, into: &key)
        return (String(decoding: key, as: UTF8.self), nameOnly)
    }

    static func isLinkedIn(_ key: String) -> Bool { key.hasPrefix("linkedin:") }

    /// A record and a contact (by position: `contacts[i]` passed as a value would be copied) tied
    /// to different LinkedIn profiles are different people; so are a record with a NetTUI id of its
    /// own and a contact this import added under another id (two contacts of one export, say, whose
    /// e-mail or name and organisation happen to be the same).
    func conflicts(_ i: Int, _ r: ImportedContact) -> Bool {
        let c = contacts.span
        if let id = r.id, i >= addedFrom, c[i].id != id { return true }
        guard r.sourceKeys.contains(where: Self.isLinkedIn) else { return false }
        // Without making lists: a contact's keys are checked where they are (a contact matched by
        // name is checked against each record of that name).
        var tied = false
        for k in c[i].sourceKeys where Self.isLinkedIn(k) {
            if r.sourceKeys.contains(k) { return false }
            tied = true
        }
        return tied
    }

    /// What record `r` matches; `keys` are its keys, worked out here when not yet (a record matched
    /// by id or source key needs none). The rules are tried in turn — id, source keys, e-mails,
    /// name (+ organisation) — and the first that finds anyone decides: one contact is the match;
    /// two or more (one address of two contacts, or addresses of different contacts) are
    /// ambiguous, and the record is merged into none of them (docs/IMPORT.md). Every holder of
    /// every key counts, whatever the order contacts were added in, so a re-import, which sees
    /// each record against the result, finds what the import did (see `settle`).
    mutating func match(_ r: ImportedContact, keys: inout MatchKeys?) -> Match {
        if let id = r.id {
            if ids == nil { buildIDs() }
            if let i = ids?[id], i >= 0 { return .contact(i) }
        }
        if !r.sourceKeys.isEmpty {
            if byKey == nil { byKey = index(perContact: 2) { c, add in for k in c.sourceKeys { add(k) } } }
            var found = Candidates()
            for k in r.sourceKeys { collect(.sourceKey, k, hash: IDTable.hash(k), r, into: &found) }
            if let m = Self.decide(found, "source key") { return m }
        }
        if keys == nil { keys = MatchKeys(r) }
        guard let keys else { return .none }
        if !keys.emails.isEmpty {
            if byEmail == nil { byEmail = index(perContact: 2) { c, add in for e in c.emails { add(ImportText.emailKey(e)) } } }
            var found = Candidates()
            for e in keys.emails { collect(.email, e, hash: IDTable.hash(e), r, into: &found) }
            if let m = Self.decide(found, "e-mail") { return m }
        }
        // A record without an organisation meets every contact of its name, whatever its
        // organisation: a contact whose organisation a merge filled is still the same person.
        // (Neither key ever stops being the contact's: a merge fills a name or an organisation
        // only where there was none. The key of name + no organisation a contact had before is
        // left in `byName`, where only records with an organisation look.)
        var found = Candidates()
        if keys.nameOnly == keys.name.utf8.count {
            if byNameAlone == nil { byNameAlone = index(perContact: 1) { c, add in add(Self.nameKey(c.name, "")) } }
            collect(.nameAlone, keys.name, hash: keys.nameHash, r, into: &found)
            return Self.decide(found, "name") ?? .none
        }
        if byName == nil { byName = index(perContact: 1) { c, add in add(Self.nameKey(c.name, c.organization)) } }
        collect(.name, keys.name, hash: keys.nameHash, r, into: &found)
        return Self.decide(found, "name and organisation") ?? .none
    }

    /// The indexes of `match`'s rules 2 to 4.
    enum Index { case sourceKey, email, name, nameAlone }

    /// Adds to `found` the holders of `key` (whose `IDTable.hash` is `h`) in `index`, leaving out
    /// those `conflicts` rules out for record `r` (by e-mail and name; a source key is the
    /// record's own). (The index is named, not passed: passed, it was copied, or the merger was.)
    @inline(__always)
    func collect(_ index: Index, _ key: String, hash h: Int, _ r: ImportedContact, into found: inout Candidates) {
        let v: Int?
        switch index {
        case .sourceKey: v = byKey?.holder(key, hash: h)
        case .email: v = byEmail?.holder(key, hash: h)
        case .name: v = byName?.holder(key, hash: h)
        case .nameAlone: v = byNameAlone?.holder(key, hash: h)
        }
        guard let v else { return }
        if v >= 0 {
            if index == .sourceKey || !conflicts(v, r) { found.add(v) }
            return
        }
        let holders: [Int]
        switch index {
        case .sourceKey: holders = byKey!.shared(v)
        case .email: holders = byEmail!.shared(v)
        case .name: holders = byName!.shared(v)
        case .nameAlone: holders = byNameAlone!.shared(v)
        }
        for i in holders where index == .sourceKey || !conflicts(i, r) {
            found.add(i)
            if found.second >= 0 { return }
        }
    }

    static func decide(_ found: Candidates, _ rule: String) -> Match? {
        if found.first < 0 { return nil }
        return found.second < 0 ? .contact(found.first) : .ambiguous(rule, found.first, found.second)
    }

    /// Why a record is skipped as ambiguous, naming two of the contacts it meets (each with its
    /// first e-mail address, as two of them often have the same name).
    func ambiguity(_ rule: String, _ a: Int, _ b: Int) -> String {
        func named(_ i: Int) -> String { contacts[i].name + (contacts[i].emails.first.map { " <\($0)>" } ?? "") }
        return "meets more than one contact by \(rule) (\(named(a)); \(named(b))): merged into none"
    }

    /// Merges record `r`, whose keys are `keys` (`MatchKeys(r)`, or nil to work them out when
    /// needed); a contact added from it takes its values (which leaves it emptied).
    mutating func take(_ r: inout ImportedContact, keys given: MatchKeys?, newID: () -> String) {
        var keys = given
        let line = r.line + lineOffset
        if let reason = r.skipReason {
            summary.skipped.append((line, reason))
            return
        }
        if r.name.isEmpty {
            summary.skipped.append((line, "no name"))
            return
        }
        switch match(r, keys: &keys) {
        case .contact(let i):
            update(i, from: r, line: line)
        case .ambiguous(let rule, let a, let b):
            summary.skipped.append((line, ambiguity(rule, a, b)))
            pending.append(Pending(record: r, keys: keys, line: line, skipped: summary.skipped.count - 1))
        case .none:
            add(&r, keys: keys, line: line, newID: newID)
        }
    }

    /// Merges record `r` into contact `i`; true when that changed the contact.
    @discardableResult
    mutating func update(_ i: Int, from r: ImportedContact, line: Int) -> Bool {
        // A record with an id of its own that met a contact by another rule: no contact added
        // later may take that id, or a re-import would match the record by it to that one.
        if let id = r.id, contacts.span[i].id != id { ids?.insertIfAbsent(id, -1) }
        // Borrowed from a span: `contacts[i]` passed as a value would be copied.
        if contacts.withLent(i, { Self.addsNothing(r, to: $0) }) {
            summary.unchanged += 1
            return false
        }
        var (after, fields) = Self.merged(contacts[i], r)
        if fields.isEmpty {
            summary.unchanged += 1
            return false
        }
        after.updated = now
        contacts[i] = after
        indexKeys(of: after, at: i)
        touch(i)
        summary.updated += 1
        summary.entries.append(.init(line: line, name: after.name, action: .updated(fields: fields)))
        return true
    }

    /// Adds a contact made from record `r` (which leaves it emptied).
    mutating func add(_ r: inout ImportedContact, keys: MatchKeys?, line: Int, newID: () -> String) {
        // Into a network without ids, ids made by `newID` (which never repeats itself) are
        // all new: the table waits for a record with an id of its own (see `match`).
        if ids == nil, r.id != nil || !networkHasNoIDs { buildIDs() }
        var id = r.id ?? ""
        while id.isEmpty || ids?[id] != nil { id = newID() }
        let i = contacts.count
        ids?.insertIfAbsent(id, i)
        // The first contact added: room for all that may come (the list is copied then anyway,
        // being the network's until changed).
        if i == base.count { contacts.reserveCapacity(i + expected) }
        isTouched.append(true)
        touched.append(i)
        summary.added += 1
        summary.entries.append(.init(line: line, name: r.name, action: .added))
        // Unless the record's X-NETTUI-EXTRA may set them, the contact's keys are the record's,
        // indexed before its values move into the contact.
        let extra = !r.extra.isEmpty
        if !extra { indexKeys(of: r, at: i, keys: keys ?? MatchKeys(r)) }
        // Made in its place: a contact made elsewhere would be copied into the list.
        contacts.append(Contact(id: id, name: "", created: now))
        Self.fill(&contacts[i], from: &r, now: now)
        if extra { indexKeys(of: contacts[i], at: i) }
    }

    /// Looks again at the records skipped as ambiguous, once every record is merged, until a round
    /// changes nothing. A record merged into a contact, or added, meets that contact again in a
    /// re-import (the contact holds its keys; more holders only make it ambiguous, which changes
    /// nothing); a skipped record left nothing behind, and records after it may since have made
    /// its keys lead to one contact, which a re-import would then change. So the records skipped
    /// are judged again as a re-import would judge them — against the network as it now is, the
    /// contacts added so far counting as the network's — and the import ends only when that
    /// changes nothing: importing the same records again then changes nothing.
    mutating func settle(newID: () -> String) {
        var resolved: [Int] = []
        var changed = true
        while changed, !pending.isEmpty {
            changed = false
            addedFrom = contacts.count
            let round = pending
            pending = []
            for var p in round {
                switch match(p.record, keys: &p.keys) {
                case .ambiguous(let rule, let a, let b):
                    summary.skipped[p.skipped].reason = ambiguity(rule, a, b)
                    pending.append(p)
                case .contact(let i):
                    if update(i, from: p.record, line: p.line) { changed = true }
                    resolved.append(p.skipped)
                case .none:
                    add(&p.record, keys: p.keys, line: p.line, newID: newID)
                    changed = true
                    resolved.append(p.skipped)
                }
            }
        }
        guard !resolved.isEmpty else { return }
        let gone = Set(resolved)
        summary.skipped = summary.skipped.enumerated().filter { !gone.contains($0.offset) }.map(\.element)
        summary.entries.sort { $0.line < $1.line }
    }

    mutating func touch(_ i: Int) {
        if !isTouched[i] {
            isTouched[i] = true
            touched.append(i)
        }
    }

    /// The network's contacts after the merge, as `Network.apply(takeChanges())` would leave them
    /// (for a network whose contact ids are unique, as in any network loaded from a file), without
    /// making the changes: the merged contacts, in id order when any was added. The merger is spent.
    mutating func takeContacts() -> [Contact] {
        var list: [Contact] = []
        swap(&list, &contacts)
        if list.count > base.count { list.sortByID() }
        return list
    }

    /// The changes: one per contact added or changed, in the order first touched. The contacts are
    /// moved into them (a copy would retain each of their strings), which leaves the merger spent.
    mutating func takeChanges() -> [Change] {
        var out: [Change] = []
        out.reserveCapacity(touched.count)
        let blank = Contact(id: "", name: "", created: now)
        for i in touched {
            var after = blank
            swap(&after, &contacts[i])
            if i < base.count {
                if base[i] != after { out.append(.contact(before: base[i], after: after)) }
            } else {
                out.append(.contact(before: nil, after: after))
            }
        }
        return out
    }

    /// Fills new contact `c` with record `r`'s values, moved out of it (a copy would retain each
    /// string, and the record's end release it).
    static func fill(_ c: inout Contact, from r: inout ImportedContact, now: Timestamp) {
        c.created = r.created ?? now
        c.updated = r.updated ?? now
        swap(&c.name, &r.name)
        swap(&c.organization, &r.organization)
        swap(&c.role, &r.role)
        swap(&c.emails, &r.emails)
        swap(&c.phones, &r.phones)
        swap(&c.tags, &r.tags)
        swap(&c.kinds, &r.kinds)
        swap(&c.competences, &r.competences)
        swap(&c.needs, &r.needs)
        swap(&c.notes, &r.notes)
        c.importanceNow = r.importanceNow ?? .tenth
        c.importanceFuture = r.importanceFuture ?? .tenth
        c.stage = r.stage ?? .interest
        c.chemistry = r.chemistry
        swap(&c.criteria, &r.criteria)
        swap(&c.ratingHistory, &r.ratingHistory)
        swap(&c.owner, &r.owner)
        swap(&c.sourceKeys, &r.sourceKeys)
        swap(&c.urls, &r.urls)
        var extra: [(JSONKey, JSON)] = []
        if !r.birthday.isEmpty { extra.append((ImportKeys.birthday, .string(r.birthday))) }
        if !r.organizationUnits.isEmpty { extra.append((ImportKeys.organizationUnits, .array(r.organizationUnits.map(JSON.string)))) }
        if r.isOrganization { extra.append((ImportKeys.isOrganization, .bool(true))) }
        // Made in one go: a dictionary grown key by key is rehashed as it grows.
        if !extra.isEmpty { c.extra = Dictionary(uniqueKeysWithValues: extra) }
        // Other fields of a NetTUI export (X-NETTUI-EXTRA) are read by the data file's codec.
        if !r.extra.isEmpty { c = ContactJSON.setting(r.extra, on: c, fillOnly: false) }
    }

    /// Appends the values `list` lacks, comparing by `key`.
    static func union(_ list: inout [String], _ new: [String], key: (String) -> String) -> Bool {
        // Most often (a re-import) every value is there already as it is written: nothing to add.
        guard !new.isEmpty, !new.allSatisfy({ $0.isEmpty || list.contains($0) }) else { return false }
        var changed = false
        if list.count + new.count <= 16 {
            // The usual case: a few items, where a linear search beats building a set.
            var keys = list.map(key)
            for v in new where !v.isEmpty {
                let k = key(v)
                if !keys.contains(k) {
                    keys.append(k)
                    list.append(v)
                    changed = true
                }
            }
            return changed
        }
        var have = Set(list.map(key))
        for v in new where !v.isEmpty && have.insert(key(v)).inserted {
            list.append(v)
            changed = true
        }
        return changed
    }

    /// Whether record `r` leaves contact `c` as it is, at a look: every value of the record is
    /// there already as it is written, or fills nothing (the usual case of a re-import). False
    /// when not sure, and `merged` decides; true only when `merged` would change no field. Spares
    /// the copy `merged` makes of the contact: every string of it retained, each a cache miss (and
    /// the contact is lent in place to every rule: passed as a value from an array, even `borrowing`, it is copied too).
    static func addsNothing(_ r: ImportedContact, to c: Lent<Contact>) -> Bool {
        for rule in ContactMergeRules.all where !rule.addsNothing(c, r) { return false }
        return true
    }

    /// The contact with the record's values merged in, and the names of the fields that changed,
    /// by the rules of `ContactMergeRules` (a new rule there needs a value in its test's random records).
    static func merged(_ existing: Contact, _ r: ImportedContact) -> (Contact, [String]) {
        var c = existing
        var fields: [String] = []
        for rule in ContactMergeRules.all { rule.merge(&c, r, &fields) }
        return (c, fields)
    }
}
