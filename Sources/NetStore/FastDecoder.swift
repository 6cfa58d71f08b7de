#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import NetModel
import Plumbing

/// The fast decoder gave up. It never says why: `NetworkCodec.decode` then reads the file with the
/// validating path, which finds and words every problem.
struct FastBail: Error {}

/// Reads a data file straight from its bytes into a `Network`, without a `JSON` tree for the keys it
/// knows, and the big lists (contacts, interactions, …) in parallel chunks. It takes only files that
/// are entirely valid: the moment it meets anything the validating path (`NetworkCodec.decodeTree`)
/// would report or anything unusual (a syntax error, a wrong type, a value off its scale, a missing
/// required key, a duplicate key, a limit, a byte-order mark, a newer schema, `{}` for a list), it
/// gives up and returns nil. For every file it takes, its network equals the validating path's
/// (`referenceProblems`, which span entities, are still found on the result).
///
/// Values it does not map itself go to the slow path's own code on just their bytes: unknown keys
/// and escaped strings to `JSONParser.parseValue`, `me`, `scheme`, `conflicts` and exit decisions
/// (small, rare) to `NetworkCodec`'s `FieldReader` mapping.
///
/// It reads bytes in memory (`decode`), or a large file a window at a time (`decode(file:size:)`,
/// `FileWindows`), handing each window's pages back once read.
struct FastDecoder {
    /// The bytes: an array's (valid while `decode` runs) or the file's memory that `windows` owns.
    private let base: UnsafePointer<UInt8>
    /// Where the bytes this decoder may read end: the end of the bytes, or of the window of a file
    /// read a window at a time (`windows`), which grows as the decoder reads on. Every read is
    /// bounded by it, the validating parser's too (`parsed`): past it are bytes not read yet, or
    /// bytes another chunk's thread is reading into place.
    private var end: Int
    /// The end of the bytes (of the file).
    private let fileEnd: Int
    /// A file read a window at a time, or nil when all the bytes are in memory.
    private var windows: FileWindows?
    /// Half its window: the decoder reads on when its window ends nearer than this.
    private let halfWindow: Int
    /// How far this decoder's window may grow: the end of the file, or for a chunk of a list, where
    /// the next chunk starts (which that chunk reads, and hands back, itself).
    private var limit: Int
    private var pos = 0
    /// Where the key being read starts.
    private var keyStart = 0
    private var minChunkBytes = FastDecoder.minChunkBytes
    /// Whether the pages of bytes already read go back to the system as the big lists are read
    /// (a file read a window at a time), and up to where they have.
    private var releasesPages = false
    private var releasedTo = 0
    /// Texts read lately, to share one copy of a text that many items repeat (see `sharedText`);
    /// each chunk of a list has its own.
    private var recentTexts: RecentTexts?
    /// The contacts' ids, once the contacts are read: an interaction's contact is then the contact's
    /// own id (one copy of each id, not one more per interaction: 24 MB at 300,000 interactions).
    private var contactIDs: IDTable?

    /// A list smaller than two of these is read in one piece.
    static let minChunkBytes = 1 << 20

    /// A network read, with the table of its contacts' ids when the decoder made one.
    struct Decoded {
        var network: Network
        var contactIDs: IDTable?
    }

    /// The network in `bytes`, or nil where the validating path must read them.
    static func decode(_ bytes: [UInt8], chunks: Int = Cores.count, minChunkBytes: Int = minChunkBytes) -> Network? {
        decoded(bytes, chunks: chunks, minChunkBytes: minChunkBytes)?.network
    }

    /// `decode`, with the decoder's table of contact ids.
    static func decoded(_ bytes: [UInt8], chunks: Int = Cores.count, minChunkBytes: Int = minChunkBytes) -> Decoded? {
        decode(bytes, chunks: chunks, minChunkBytes: minChunkBytes)
    }

    /// The network in the file open as `fd`, of `size` bytes, read a window of `windowBytes` at a
    /// time into memory the size of the file, each window's pages handed back once read: the file
    /// and the network read from it are never both whole in memory (at 100,000 contacts the file is
    /// 190 MiB). Nil where the validating path must read the file: it has problems, an item is
    /// larger than half a window, the file cannot be read, or it changed while it was read.
    static func decode(file fd: Int32, size: Int, windowBytes: Int = defaultWindowBytes, chunks: Int = Cores.count,
                       minChunkBytes: Int = minChunkBytes) -> Decoded? {
        var before = stat()
        guard size > 0, fstat(fd, &before) == 0, Int(before.st_size) == size else { return nil }
        // Memory for the whole file, none of it touched yet: a window's pages are filled as it is read.
        guard let windows = FileWindows(fd: fd, size: size, windowBytes: windowBytes) else { return nil }
        let decoded = decode(base: windows.base, count: size, windows: windows, chunks: chunks, minChunkBytes: minChunkBytes)
        var after = stat()
        guard fstat(fd, &after) == 0, after.st_size == before.st_size, after.st_mtim.tv_sec == before.st_mtim.tv_sec,
              after.st_mtim.tv_nsec == before.st_mtim.tv_nsec else { return nil }
        return decoded
    }

    /// A window of this many bytes is read at a time (a chunk of a list reads its own).
    static let defaultWindowBytes = 8 << 20

    private static func decode(_ bytes: [UInt8], chunks: Int, minChunkBytes: Int) -> Decoded? {
        bytes.withUnsafeBufferPointer { buffer -> Decoded? in
            guard let base = buffer.baseAddress else { return nil }
            return decode(base: base, count: buffer.count, windows: nil, chunks: chunks, minChunkBytes: minChunkBytes)
        }
    }

    /// The `count` bytes at `base`: all there, or (`windows`) the file's memory, to be read into a
    /// window at a time.
    private static func decode(base: UnsafePointer<UInt8>, count: Int, windows: FileWindows?, chunks: Int, minChunkBytes: Int) -> Decoded? {
        var decoder = FastDecoder(base: base, end: windows == nil ? count : 0, windows: windows)
        decoder.minChunkBytes = minChunkBytes
        decoder.releasesPages = windows != nil
        do {
            let network = try decoder.network(chunks: chunks)
            return Decoded(network: network, contactIDs: decoder.contactIDs)
        } catch {
            return nil
        }
    }

    private init(base: UnsafePointer<UInt8>, end: Int, windows: FileWindows?) {
        self.base = base
        self.end = end
        self.windows = windows
        fileEnd = windows?.size ?? end
        limit = fileEnd
        halfWindow = (windows?.windowBytes ?? 0) / 2
    }

    // MARK: - The document

    // `depth` below: how many objects and arrays enclose a value in the document, for
    // `JSONParser.parseValue`'s nesting limit (top level 1, an entity's keys 3).

    private mutating func network(chunks: Int) throws(FastBail) -> Network {
        try ensureWindow()
        skipWhitespace()
        var n = Network()
        var version: Int?
        var me = JSON.object([:]), scheme = JSON.object([:]), conflicts = JSON.object([:])
        let extra = try members(Keys.top, depth: 1) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            let indent = d.lineIndent(before: d.keyStart)
            switch TopKey(rawValue: k).unsafelyUnwrapped {
            case .schemaVersion:
                guard case .number(let text) = try d.parsed(depth: 1), let whole = FieldReader.wholeNumber(text) else { throw FastBail() }
                version = whole
            case .me: me = try d.parsed(depth: 1)
            case .scheme: scheme = try d.parsed(depth: 1)
            case .conflicts: conflicts = try d.parsed(depth: 1)
            case .contacts:
                n.contacts = try d.list(indent, chunks) { (d: inout FastDecoder) throws(FastBail) in try d.contact() }
                d.contactIDs = IDTable(of: n.contacts)
            case .networks: n.networks = try d.list(indent, chunks) { (d: inout FastDecoder) throws(FastBail) in try d.group() }
            case .events: n.events = try d.list(indent, chunks) { (d: inout FastDecoder) throws(FastBail) in try d.event() }
            case .interactions:
                n.interactions = try d.list(indent, chunks) { (d: inout FastDecoder) throws(FastBail) in try d.interaction() }
            }
        }
        try ensureWindow()
        skipWhitespace()
        // A newer schema is for the validating path to report (the file opens read-only).
        guard pos == fileEnd, let version, version <= Network.currentSchemaVersion else { throw FastBail() }
        n.schemaVersion = version
        var problems: [Problem] = []
        n.me = NetworkCodec.me(me, problems: &problems)
        n.scheme = NetworkCodec.scheme(scheme, problems: &problems)
        n.conflicts = NetworkCodec.list(conflicts, "conflicts", problems: &problems, NetworkCodec.conflict)
        guard problems.isEmpty else { throw FastBail() }
        n.extra = extra
        return n
    }

    /// A contact, its fields read as its table says (`ContactFields`).
    private mutating func contact() throws(FastBail) -> Contact {
        // The table read in place, not copied: a copy retains its arrays, from every chunk's thread.
        var c = Contact(id: "", name: "", created: IdentityDefaults.epoch)
        c.updated = IdentityDefaults.unset
        var seen: UInt64 = 0
        // `extra` takes the unknown keys; a field may put a value it keeps as unknown in `c.extra`.
        var extra = try members(ContactFields.schema.keys, depth: 3, seen: &seen) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            try ContactFields.schema.fields[k].decode(&d, &c)
        }
        guard seen & ContactFields.required == ContactFields.required,
              IdentityDefaults.resolve(id: c.id, created: c.created, updated: &c.updated) else { throw FastBail() }
        if !c.extra.isEmpty { extra.merge(c.extra) { $1 } }
        c.extra = extra
        // Moved out: `c` is captured by the closure above, and returning it made a copy (every
        // string retained, then released with the original).
        var out = Contact(id: "", name: "", created: IdentityDefaults.epoch)
        swap(&out, &c)
        return out
    }

    mutating func ratingChange() throws(FastBail) -> RatingChange {
        var date: Day?, now = (from: Rating.tenth, to: Rating.tenth), future = now
        let extra = try members(Keys.ratingChange, depth: 5) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            switch RatingChangeKey(rawValue: k).unsafelyUnwrapped {
            case .date: date = try d.optionalDay()
            case .fromFuture: future.from = try d.optionalRating() ?? .tenth
            case .fromNow: now.from = try d.optionalRating() ?? .tenth
            case .toFuture: future.to = try d.optionalRating() ?? .tenth
            case .toNow: now.to = try d.optionalRating() ?? .tenth
            }
        }
        guard let date else { throw FastBail() }
        var change = RatingChange(date: date, fromNow: now.from, fromFuture: future.from, toNow: now.to, toFuture: future.to)
        change.extra = extra
        return change
    }

    /// A network, its fields read as its table says (`GroupFields`).
    private mutating func group() throws(FastBail) -> NetworkGroup {
        var g = NetworkGroup(id: "", name: "", created: IdentityDefaults.epoch)
        g.updated = IdentityDefaults.unset
        var seen: UInt64 = 0
        let extra = try members(GroupFields.schema.keys, depth: 3, seen: &seen) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            try GroupFields.schema.fields[k].decode(&d, &g)
        }
        guard seen & GroupFields.required == GroupFields.required,
              IdentityDefaults.resolve(id: g.id, created: g.created, updated: &g.updated) else { throw FastBail() }
        g.extra = extra
        return g
    }

    /// An event, its fields read as its table says (`EventFields`).
    private mutating func event() throws(FastBail) -> Event {
        var e = Event(id: "", name: "", date: Day(ordinal: 0))
        var seen: UInt64 = 0
        let extra = try members(EventFields.schema.keys, depth: 3, seen: &seen) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            try EventFields.schema.fields[k].decode(&d, &e)
        }
        guard seen & EventFields.required == EventFields.required, !e.id.isEmpty else { throw FastBail() }
        e.extra = extra
        return e
    }

    private mutating func interaction() throws(FastBail) -> Interaction {
        var id: CompactID?, contact: String?, date: Day?, kind = InteractionKind.meeting
        var note = "", gave = "", got = "", followUp: FollowUp?
        let extra = try members(Keys.interaction, depth: 3) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            switch InteractionKey(rawValue: k).unsafelyUnwrapped {
            case .contact: contact = try d.contactID()
            case .date: date = try d.optionalDay()
            case .followUp: followUp = try d.null() ? nil : d.followUp()
            case .gave: gave = try d.optionalSharedText()
            case .got: got = try d.optionalSharedText()
            case .id: id = try d.compactID()
            case .kind: kind = try d.optionalEnum(Keys.interactionKinds) ?? .meeting
            case .note: note = try d.optionalSharedText()
            }
        }
        guard let id, !id.isEmpty, let contact, let date else { throw FastBail() }
        var i = Interaction(id: id, contact: contact, date: date, kind: kind)
        i.note = note
        i.gave = gave
        i.got = got
        i.followUp = followUp
        i.extra = extra
        return i
    }

    private mutating func followUp() throws(FastBail) -> FollowUp {
        var due: Day?, what = "", done: Day?
        let extra = try members(Keys.followUp, depth: 4) { (d: inout FastDecoder, k: Int) throws(FastBail) in
            switch FollowUpKey(rawValue: k).unsafelyUnwrapped {
            case .done: done = try d.optionalDay()
            case .due: due = try d.optionalDay()
            case .what: what = try d.optionalString() ?? ""
            }
        }
        guard let due else { throw FastBail() }
        var f = FollowUp(due: due, what: what, done: done)
        f.extra = extra
        return f
    }

    /// An exit decision: rare and small, so read by the validating path's own code.
    mutating func decision() throws(FastBail) -> (ExitDecision?, [JSONKey: JSON]) {
        if try null() { return (nil, [:]) }
        guard let decision = NetworkCodec.decision(try parsed(depth: 3)) else { throw FastBail() }
        return decision
    }

    // MARK: - Lists, in parallel chunks

    /// What one chunk of a list read: its items, and whether it stopped where the next chunk starts
    /// (else it read on to the end of the list, which is then at `end`).
    private struct Chunk<T> {
        let items = Pile<T>()
        var stopped = false
        var end = 0
        /// Where its window ended (a file read a window at a time).
        var windowEnd = 0
        var failed = false
    }

    /// A top-level list, whose key's line is indented `keyIndent`. A big one is read in chunks, in
    /// parallel: split points are guessed from the layout the writer uses (an item starts on its own
    /// line, after a line ending in `,`; a raw newline is never inside a string) and each is only
    /// trusted once the chunk before it, read like the whole list would be, ends exactly there.
    private mutating func list<T>(_ keyIndent: Range<Int>?, _ chunks: Int,
                                  _ item: (inout FastDecoder) throws(FastBail) -> T) throws(FastBail) -> [T] {
        guard try peek() == UInt8(ascii: "[") else { throw FastBail() }
        pos += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { pos += 1; return [] }
        let starts = chunks > 1 ? splitPoints(keyIndent, chunks) : [pos]
        guard starts.count > 1 else {
            var items: [T] = []
            (releasedTo, recentTexts) = (pos, RecentTexts())
            _ = try self.items(until: Int.max, into: &items, item)
            recentTexts = nil
            return items
        }
        let decoder = self
        let results = inParallel(starts.count) { k -> Chunk<T> in
            var d = decoder
            d.pos = starts[k]
            (d.releasedTo, d.recentTexts) = (starts[k], RecentTexts())
            let stop = k + 1 < starts.count ? starts[k + 1] : Int.max
            if d.windows != nil {
                // Its own window, from its start up to (not into) the next chunk's part.
                (d.end, d.limit) = (starts[k], min(stop, d.fileEnd))
            }
            var chunk = Chunk<T>()
            var items = chunk.items
            do {
                chunk.stopped = try d.items(until: stop, into: &items, item)
                (chunk.end, chunk.windowEnd) = (d.pos, d.end)
            } catch {
                chunk.failed = true
            }
            return chunk
        }
        for (k, chunk) in results.enumerated() {
            // Every chunk up to here started where the one before it stopped: it is part of the list.
            if chunk.failed { throw FastBail() }
            if !chunk.stopped {
                pos = chunk.end
                if windows != nil { end = chunk.windowEnd }
                return Pile.joined(results[...k].map(\.items))
            }
        }
        throw FastBail()  // not reached: the last chunk has nowhere to stop
    }

    /// Reads items up to the end of the list, or until the next item would start at `stop`; true when stopped there.
    private mutating func items<T, Sink: ItemSink<T>>(until stop: Int, into out: inout Sink,
                                                      _ item: (inout FastDecoder) throws(FastBail) -> T) throws(FastBail) -> Bool {
        let first = pos
        while true {
            try ensureWindow()
            out.append(try item(&self))
            if releasesPages && pos - releasedTo >= Self.releaseStep { releaseRead() }
            guard try nextElement() else { return false }
            if pos == stop { return true }
            if out.count == 16 {
                // Room for as many items as the bytes left would hold at the size of these (a guess on
                // the generous side: room not used is memory never touched), so that the items are
                // not moved again and again as the list grows.
                out.reserveCapacity(32 + (min(stop, fileEnd) - pos) / max(1, (pos - first) / 16))
            }
        }
    }

    /// Where chunks of the list whose first item is at `pos` may start: `pos`, then up to `chunks - 1`
    /// offsets of later items at the first item's indentation, spread over the list.
    private func splitPoints(_ keyIndent: Range<Int>?, _ chunks: Int) -> [Int] {
        let first = pos
        guard let keyIndent, let itemIndent = lineIndent(before: first) else { return [first] }
        // The list ends at a line of `]` indented like its key.
        let close = [UInt8(ascii: "\n")] + span(keyIndent) + [UInt8(ascii: "]")]
        let itemStart = [UInt8(ascii: ","), UInt8(ascii: "\n")] + span(itemIndent) + [base[first]]
        guard let listEnd = find(close, from: first, to: fileEnd) else { return [first] }
        let size = listEnd - first
        let count = min(chunks, size / minChunkBytes)
        guard count > 1 else { return [first] }
        var starts = [first]
        for k in 1..<count {
            guard let at = find(itemStart, from: first + size / count * k, to: listEnd) else { break }
            let start = at + itemStart.count - 1
            if start > starts.last! { starts.append(start) }
        }
        return starts
    }

    /// The white space between the start of the line and `i`, when only white space stands there.
    private func lineIndent(before i: Int) -> Range<Int>? {
        var s = i
        while s > 0, base[s - 1] == 0x20 || base[s - 1] == 0x09 { s -= 1 }
        return s > 0 && base[s - 1] == 0x0A ? s..<i : nil
    }

    private func span(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base + r.lowerBound, count: r.count) }

    /// The offset of the first `needle` in `from..<to` (of a file read a window at a time: read
    /// from the file, past the window).
    private func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        guard let windows else { return findBytes(needle, in: base, from: from, to: to) }
        return windows.find(needle, from: from, to: to)
    }

    /// Reads on when the window ends less than half a window ahead (and may grow). All the bytes
    /// in memory: `end` is `limit`, and this is one comparison (it runs for every member read).
    @inline(__always)
    private mutating func ensureWindow() throws(FastBail) {
        if end < limit && end - pos < halfWindow { try readOn() }
    }

    private mutating func readOn() throws(FastBail) {
        guard let windows else { return }
        let to = min(limit, pos + windows.windowBytes)
        guard windows.load(end..<to) else { throw FastBail() }
        end = to
    }

    // MARK: - Structure

    @inline(__always)
    private mutating func skipWhitespace() {
        while pos < end {
            let b = base[pos]
            if b > 0x20 { return }
            if b == 0x20, pos + 8 <= end {
                // Indentation: spaces eight at a time.
                let other = Words.word(base + pos) ^ 0x2020_2020_2020_2020
                pos += other == 0 ? 8 : other.trailingZeroBitCount >> 3
                continue
            }
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            pos += 1
        }
    }

    @inline(__always)
    private func peek() throws(FastBail) -> UInt8 {
        guard pos < end else { throw FastBail() }
        return base[pos]
    }

    /// At `{`: true when a member follows (and `pos` is at its key), false for `{}`.
    @inline(__always)
    private mutating func beginObject() throws(FastBail) -> Bool {
        guard try peek() == UInt8(ascii: "{") else { throw FastBail() }
        pos += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "}") { pos += 1; return false }
        return true
    }

    /// After a member's value: true when another member follows (`pos` at its key), false at `}`.
    @inline(__always)
    private mutating func nextMember() throws(FastBail) -> Bool { try next(closing: UInt8(ascii: "}")) }

    /// After an element: true when another element follows (`pos` at it), false at `]`.
    @inline(__always)
    private mutating func nextElement() throws(FastBail) -> Bool { try next(closing: UInt8(ascii: "]")) }

    @inline(__always)
    private mutating func next(closing: UInt8) throws(FastBail) -> Bool {
        skipWhitespace()
        let b = try peek()
        pos += 1
        if b == UInt8(ascii: ",") { skipWhitespace(); return true }
        if b == closing { return false }
        throw FastBail()
    }

    /// At a key: its index in `table` (and `hint` the one after it), or -1 with the key in `unknown`.
    /// `pos` moves on to the value.
    @inline(__always)
    private mutating func key(_ table: KeyTable, hint: inout Int, unknown: inout String) throws(FastBail) -> Int {
        guard try peek() == UInt8(ascii: "\"") else { throw FastBail() }
        var k: Int
        if hint < table.count, table.isKey(hint, at: base + pos + 1, available: end - pos - 1) {
            // The key expected next, as written: compared in place, not scanned first.
            k = hint
            pos += table.length(of: hint) + 2
        } else if let span = try stringSpan() {
            k = table.index(of: span.bytes, hint: hint)
            if k < 0 { unknown = try text(span) }
        } else {
            let name = try parsedString()
            k = table.index(of: name)
            if k < 0 { unknown = name }
        }
        if k >= 0 { hint = k + 1 }
        try colon()
        return k
    }

    @inline(__always)
    private mutating func colon() throws(FastBail) {
        skipWhitespace()
        guard try peek() == UInt8(ascii: ":") else { throw FastBail() }
        pos += 1
        skipWhitespace()
    }

    /// Reads the object at `pos`: the value of each key of `table` by `value` (given the key's
    /// index), each unknown key's as the validating path keeps it, returned. A key twice gives up.
    @inline(__always)
    private mutating func members(_ table: KeyTable, depth: Int,
                                  _ value: (inout FastDecoder, Int) throws(FastBail) -> Void) throws(FastBail) -> [JSONKey: JSON] {
        var seen: UInt64 = 0
        return try members(table, depth: depth, seen: &seen, value)
    }

    /// `members`, with the bits (by index) of the keys of `table` met in `seen`.
    @inline(__always)
    private mutating func members(_ table: KeyTable, depth: Int, seen: inout UInt64,
                                  _ value: (inout FastDecoder, Int) throws(FastBail) -> Void) throws(FastBail) -> [JSONKey: JSON] {
        var hint = 0, unknown = "", extra: [JSONKey: JSON] = [:]
        guard try beginObject() else { return extra }
        repeat {
            try ensureWindow()
            keyStart = pos
            let k = try key(table, hint: &hint, unknown: &unknown)
            if k < 0 {
                guard extra[JSONKey(unknown)] == nil else { throw FastBail() }
                extra[JSONKey(unknown)] = try unknownValue(depth: depth)
            } else {
                let bit: UInt64 = 1 << UInt64(k)
                guard seen & bit == 0 else { throw FastBail() }
                seen |= bit
                try value(&self, k)
            }
        } while try nextMember()
        return extra
    }

    /// The value of a key the decoder does not map. A list of strings (what importers keep there:
    /// organisation units, say) is read here, as the validating path's parser would read it;
    /// anything else by that parser.
    private mutating func unknownValue(depth: Int) throws(FastBail) -> JSON {
        let start = pos
        if depth < JSONParser.maxDepth, try peek() == UInt8(ascii: "["),
           let list = try? array({ (d: inout FastDecoder) throws(FastBail) in JSON.string(try d.requiredString()) }) {
            return .array(list)
        }
        pos = start
        return try parsed(depth: depth)
    }

    /// The value at `pos`, read by the validating path's parser from the window: a value that runs
    /// on past it (into bytes not read yet) is not taken.
    private mutating func parsed(depth: Int) throws(FastBail) -> JSON {
        do {
            let (value, next) = try JSONParser.parseValue(in: UnsafeBufferPointer(start: base, count: end), at: pos, depth: depth)
            pos = next
            return value
        } catch {
            throw FastBail()
        }
    }

    /// How many bytes are read between two hand-backs of pages.
    private static let releaseStep = 1 << 20
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Hands back the whole pages between `releasedTo` and `pos`: bytes this decoder has read and
    /// no one reads again (a chunk reads only its own part of the list, and the page it shares
    /// with the next chunk stays). Whole huge pages where the file's memory asked for them: handing
    /// back part of one would split it.
    private mutating func releaseRead() {
        let granule = windows?.hugePages == true ? hugePageBytes : Self.pageSize
        releasedTo = Self.releasePages(UnsafeRawPointer(base + releasedTo), UnsafeRawPointer(base + pos), granule: granule) - UnsafeRawPointer(base)
    }

    /// Hands back the whole pages (of `granule` bytes) between `from` and `to`, which no one reads
    /// again (they read as zeros afterwards), and returns where the next hand-back starts: `to`'s
    /// page, which is not whole yet.
    @discardableResult
    static func releasePages(_ from: UnsafeRawPointer, _ to: UnsafeRawPointer, granule: Int = pageSize) -> UnsafeRawPointer {
        let first = (Int(bitPattern: from) + granule - 1) / granule * granule
        let last = Int(bitPattern: to) / granule * granule
        guard last > first else { return from }
        madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_DONTNEED)
        return UnsafeRawPointer(bitPattern: last)!
    }

    // MARK: - Values

    /// At `null`: reads it and returns true; at anything else, false.
    @inline(__always)
    mutating func null() throws(FastBail) -> Bool {
        guard pos < end, base[pos] == UInt8(ascii: "n") else { return false }
        guard pos + 4 <= end, base[pos + 1] == UInt8(ascii: "u"), base[pos + 2] == UInt8(ascii: "l"),
              base[pos + 3] == UInt8(ascii: "l") else { throw FastBail() }
        pos += 4
        return true
    }

    /// A string's bytes between its quotes, and whether they are all ASCII.
    private struct Span {
        var bytes: UnsafeBufferPointer<UInt8>
        var ascii: Bool
        var count: Int { bytes.count }
    }

    /// At a string: its bytes when it has no escapes (`pos` moves past it), else nil (`pos` stays).
    @inline(__always)
    private mutating func stringSpan() throws(FastBail) -> Span? {
        let start = pos + 1
        // The validating path refuses a longer string as soon as it has seen that much of it: the
        // closing quote of a string of exactly `maxStringBytes` bytes is the last byte looked at.
        let limit = min(end, start + JSONParser.maxStringBytes + 1)
        var i = start
        var high: UInt64 = 0
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        while i + 8 <= limit {
            let word = Words.word(base + i)
            if JSONParser.hasSpecialByte(word) { break }
            high |= word
            i += 8
        }
        while true {
            guard i < limit else { throw FastBail() }
            let b = base[i]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { return nil }
            if b < 0x20 { throw FastBail() }
            high |= UInt64(b)
            i += 1
        }
        pos = i + 1
        return Span(bytes: UnsafeBufferPointer(start: base + start, count: i - start), ascii: high & 0x8080_8080_8080_8080 == 0)
    }

    /// The string a span holds; invalid UTF-8 gives up.
    @inline(__always)
    private func text(_ span: Span) throws(FastBail) -> String {
        guard let s = JSONParser.string(span.bytes, ascii: span.ascii) else { throw FastBail() }
        return s
    }

    /// A string with escapes, read by the validating path's parser.
    private mutating func parsedString() throws(FastBail) -> String {
        guard case .string(let s) = try parsed(depth: 0) else { throw FastBail() }
        return s
    }

    /// A string; `null` is as missing as an absent key, which the validating path reports.
    @inline(__always)
    mutating func requiredString() throws(FastBail) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw FastBail() }
        if let span = try stringSpan() { return try text(span) }
        return try parsedString()
    }

    /// An id, made a `String` only when it is not a UUID in lower case.
    private mutating func compactID() throws(FastBail) -> CompactID {
        guard try peek() == UInt8(ascii: "\"") else { throw FastBail() }
        guard let span = try stringSpan() else { return CompactID(try parsedString()) }
        if let id = CompactID(uuid: UnsafeRawBufferPointer(span.bytes)) { return id }
        return CompactID(try text(span))
    }

    /// An interaction's contact: the id of the contact read with these bytes, when there is one.
    private mutating func contactID() throws(FastBail) -> String {
        guard try peek() == UInt8(ascii: "\""), let contactIDs else { return try requiredString() }
        guard let span = try stringSpan() else { return try parsedString() }
        if span.ascii, let id = contactIDs.id(matching: UnsafeRawBufferPointer(span.bytes)) { return id }
        return try text(span)
    }

    /// A string, or nil for `null`.
    @inline(__always)
    mutating func optionalString() throws(FastBail) -> String? {
        try null() ? nil : requiredString()
    }

    /// An array of strings; `null` is an empty one.
    mutating func strings() throws(FastBail) -> [String] {
        try null() ? [] : array { (d: inout FastDecoder) throws(FastBail) in try d.sharedText() }
    }

    /// A field written only when not empty (`FieldReader.nonEmptyStrings`): a list of strings that
    /// is not empty; any other value is put in `odd` under `key`, as the validating path keeps it.
    mutating func nonEmptyStrings(_ key: JSONKey, else odd: inout [JSONKey: JSON]) throws(FastBail) -> [String] {
        let start = pos
        if try peek() == UInt8(ascii: "["), let list = try? uniqueStrings(), !list.isEmpty { return list }
        pos = start
        odd[key] = try unknownValue(depth: 3)
        return []
    }

    /// A list of texts no other item repeats (e-mail addresses): each its own copy, not looked up
    /// among the texts read lately.
    mutating func uniqueStrings() throws(FastBail) -> [String] {
        try null() ? [] : array { (d: inout FastDecoder) throws(FastBail) in try d.requiredString() }
    }

    /// `optionalString() ?? ""` for a text that many items may repeat word for word (an
    /// organisation, a role, a tag, a note of what was given): one copy of it is kept for them all.
    @inline(__always)
    mutating func optionalSharedText() throws(FastBail) -> String {
        try null() ? "" : sharedText()
    }

    /// A string; when it is one of the texts read lately, that text (the same storage).
    private mutating func sharedText() throws(FastBail) -> String {
        guard try peek() == UInt8(ascii: "\""), let recent = recentTexts else { return try requiredString() }
        guard let span = try stringSpan() else { return try parsedString() }
        return try recent.text(span.bytes) { () throws(FastBail) in try text(span) }
    }

    /// An array of the values `element` reads.
    @inline(__always)
    mutating func array<T>(_ element: (inout FastDecoder) throws(FastBail) -> T) throws(FastBail) -> [T] {
        guard try peek() == UInt8(ascii: "[") else { throw FastBail() }
        pos += 1
        skipWhitespace()
        if try peek() == UInt8(ascii: "]") { pos += 1; return [] }
        // Most lists hold one or two values: made at their size, where appending to an empty
        // array allocates it twice for two.
        let first = try element(&self)
        guard try nextElement() else { return [first] }
        let second = try element(&self)
        guard try nextElement() else { return [first, second] }
        var out: [T] = []
        out.reserveCapacity(4)
        out.append(first)
        out.append(second)
        repeat { out.append(try element(&self)) } while try nextElement()
        return out
    }

    /// One of an enum's raw values; nil for `null`.
    mutating func optionalEnum<E>(_ table: EnumTable<E>) throws(FastBail) -> E? {
        try null() ? nil : enumValue(table)
    }

    @inline(__always)
    private mutating func enumValue<E>(_ table: EnumTable<E>) throws(FastBail) -> E {
        guard try peek() == UInt8(ascii: "\"") else { throw FastBail() }
        if let span = try stringSpan() {
            let i = table.keys.index(of: span.bytes, hint: 0)
            guard i >= 0 else { throw FastBail() }
            return table.cases[i]
        }
        guard let e = E(rawValue: try parsedString()) else { throw FastBail() }
        return e
    }

    /// An array of an enum's raw values; `null` is an empty one.
    mutating func enums<E>(_ table: EnumTable<E>) throws(FastBail) -> [E] {
        try null() ? [] : array { (d: inout FastDecoder) throws(FastBail) in try d.enumValue(table) }
    }

    @inline(__always)
    mutating func optionalBool() throws(FastBail) -> Bool? {
        if try null() { return nil }
        if pos + 4 <= end, base[pos] == UInt8(ascii: "t"), base[pos + 1] == UInt8(ascii: "r"),
           base[pos + 2] == UInt8(ascii: "u"), base[pos + 3] == UInt8(ascii: "e") {
            pos += 4
            return true
        }
        if pos + 5 <= end, base[pos] == UInt8(ascii: "f"), base[pos + 1] == UInt8(ascii: "a"), base[pos + 2] == UInt8(ascii: "l"),
           base[pos + 3] == UInt8(ascii: "s"), base[pos + 4] == UInt8(ascii: "e") {
            pos += 5
            return false
        }
        throw FastBail()
    }

    /// A finite number; nil for `null`.
    mutating func optionalNumber() throws(FastBail) -> Double? {
        if try null() { return nil }
        guard case .number(let text) = try parsed(depth: 0), let d = FieldReader.usableNumber(text) else { throw FastBail() }
        return d
    }

    /// A rating; nil for `null`. The forms the writer uses are read from their bytes, any other
    /// number by value (`1.0`, `1e1`).
    @inline(__always)
    mutating func optionalRating() throws(FastBail) -> Rating? {
        if try null() { return nil }
        let b = try peek()
        if b == UInt8(ascii: "0") {
            if endsNumber(pos + 1) { pos += 1; return .zero }
            if pos + 3 <= end, base[pos + 1] == UInt8(ascii: "."), base[pos + 2] == UInt8(ascii: "1"), endsNumber(pos + 3) {
                pos += 3
                return .tenth
            }
        } else if b == UInt8(ascii: "1") {
            if endsNumber(pos + 1) { pos += 1; return .one }
            if pos + 2 <= end, base[pos + 1] == UInt8(ascii: "0"), endsNumber(pos + 2) { pos += 2; return .ten }
        }
        guard case .number(let text) = try parsed(depth: 0), let d = Double(text), let r = Rating(value: d) else { throw FastBail() }
        return r
    }

    /// Whether a number's text ends before `i`.
    @inline(__always)
    private func endsNumber(_ i: Int) -> Bool {
        guard i < end else { return true }
        switch base[i] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
             UInt8(ascii: "+"), UInt8(ascii: "-"): return false
        default: return true
        }
    }

    /// An object of ratings by key (a contact's criteria); `null` is an empty one.
    mutating func ratingMap() throws(FastBail) -> [String: Rating] {
        if try null() { return [:] }
        var out: [String: Rating] = [:]
        if try beginObject() {
            repeat {
                let key = try requiredString()
                try colon()
                guard out[key] == nil, let rating = try optionalRating() else { throw FastBail() }
                out[key] = rating
            } while try nextMember()
        }
        return out
    }

    /// A day, `YYYY-MM-DD`; nil for `null`.
    mutating func optionalDay() throws(FastBail) -> Day? {
        try optionalDate(length: 10, Self.day, Day.init(iso:))
    }

    /// A timestamp, `YYYY-MM-DDTHH:MM:SSZ`; nil for `null`.
    mutating func optionalTimestamp() throws(FastBail) -> Timestamp? {
        try optionalDate(length: 20, { Timestamp(utc: $0) }, Timestamp.init(iso:))
    }

    /// A string read by `text`, or, when it is `length` bytes long (the form the writer uses),
    /// from its bytes by `bytes`; nil for `null`. Anything they do not read gives up.
    @inline(__always)
    private mutating func optionalDate<D>(length: Int, _ bytes: (UnsafeBufferPointer<UInt8>) -> D?,
                                          _ text: (String) -> D?) throws(FastBail) -> D? {
        if try null() { return nil }
        guard try peek() == UInt8(ascii: "\"") else { throw FastBail() }
        let date: D?
        if let span = try stringSpan() {
            date = span.count == length ? bytes(span.bytes) : text(try self.text(span))
        } else {
            date = text(try parsedString())
        }
        guard let date else { throw FastBail() }
        return date
    }

    /// `Day(iso:)` of exactly `YYYY-MM-DD`, from its bytes.
    static func day(_ s: UnsafeBufferPointer<UInt8>) -> Day? {
        guard s.count == 10, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              let y = digits(s, 0, 4), let m = digits(s, 5, 2), let d = digits(s, 8, 2) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    @inline(__always)
    private static func digits(_ s: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> Int? {
        var n = 0
        for i in from..<(from + count) {
            let digit = s[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            n = n * 10 + Int(digit)
        }
        return n
    }
}

/// A list's items as one chunk reads them, in a buffer they can be moved out of: the chunks are
/// joined without copying (and so retaining and releasing) every string in them.
/// Where a list's items go as they are read: an array (a list read in one piece) or a `Pile` (a chunk).
protocol ItemSink<Item> {
    associatedtype Item
    var count: Int { get }
    mutating func append(_ item: consuming Item)
    mutating func reserveCapacity(_ minimumCapacity: Int)
}

extension Array: ItemSink {}

final class Pile<T>: ItemSink {
    private var base: UnsafeMutablePointer<T>
    private var capacity = 16
    private(set) var count = 0

    init() { base = .allocate(capacity: 16) }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Room for `minimumCapacity` items: the items move into new memory (`moveInitialize`, the
    /// way Swift moves values) and the old is freed.
    func reserveCapacity(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        let grown = UnsafeMutablePointer<T>.allocate(capacity: minimumCapacity)
        grown.moveInitialize(from: base, count: count)
        base.deallocate()
        (base, capacity) = (grown, minimumCapacity)
    }

    func append(_ item: consuming T) {
        if count == capacity { reserveCapacity(capacity * 2) }
        (base + count).initialize(to: item)
        count += 1
    }

    /// The items of `piles`, in order, moved into one array (the piles are left empty), each pile on
    /// a core of its own. They move a megabyte at a time, and the pages moved from are handed back
    /// as they go, so that the list is not in memory twice (at 300,000 interactions, 45 MB more at
    /// the peak).
    static func joined(_ piles: [Pile<T>]) -> [T] {
        let step = max(1, (1 << 20) / MemoryLayout<T>.stride)
        var starts = [0]
        for pile in piles { starts.append(starts.last! + pile.count) }
        return Array(unsafeUninitializedCapacity: starts.last!) { buffer, initialized in
            // Each pile fills only its own part of the array.
            let out = UncheckedSendable(buffer.baseAddress)
            _ = inParallel(piles.count) { k in
                let pile = piles[k]
                var moved = 0
                var released = UnsafeRawPointer(pile.base)
                while moved < pile.count {
                    let n = min(step, pile.count - moved)
                    (out.value! + starts[k] + moved).moveInitialize(from: pile.base + moved, count: n)
                    moved += n
                    released = FastDecoder.releasePages(released, pile.base + moved)
                }
                pile.count = 0
            }
            initialized = starts.last!
        }
    }
}

/// The texts a decoder read lately, by a hash of their bytes, one per slot: a text met again while
/// it is still in its slot is the same `String`, not another copy. Lists repeat texts (tags,
/// organisations, roles, what was given and got); one copy of each saves a heap block per item
/// and, at 300,000 interactions, tens of megabytes. Texts short enough to be stored inside the
/// `String` itself (15 bytes) take no heap block and are not kept.
final class RecentTexts {
    private static let count = 4096
    /// Behind a pointer, not in an array property: read and written without exclusivity checks.
    private let slots: UnsafeMutablePointer<String?>

    init() {
        slots = .allocate(capacity: Self.count)
        slots.initialize(repeating: nil, count: Self.count)
    }

    deinit {
        slots.deinitialize(count: Self.count)
        slots.deallocate()
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>, _ make: () throws(FastBail) -> String) throws(FastBail) -> String {
        guard bytes.count > 15 else { return try make() }
        let slot = IDTable.hash(bytes: UnsafeRawBufferPointer(bytes)).hash & (Self.count - 1)
        if let kept = slots[slot], hasBytes(kept, UnsafeRawBufferPointer(bytes)) { return kept }
        let made = try make()
        slots[slot] = made
        return made
    }
}
