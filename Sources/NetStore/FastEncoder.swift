#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

/// Writes a `Network` as the data file's bytes directly, without a `JSON` tree for contacts, networks,
/// events and interactions: byte for byte what `JSONWriter.write(NetworkCodec.json(network))` writes
/// (`NetworkCodec.encodeTree`). Each object's keys come in the `KeyTable`'s order, its unknown keys
/// merged in at their sorted places; numbers, strings and unknown values go through the same
/// `JSON.number` and `JSONWriter` code as the tree; the small parts (`me`, `scheme`, conflicts, exit
/// decisions) are the tree's own. Saving to a file, the big lists are encoded in blocks on every core
/// while earlier blocks are written (`BlockWriter`). (Encoding them in parallel into memory was
/// measured and gained nothing: the time goes into filling fresh memory, which two threads did no
/// faster than one.)
///
/// It writes straight into the result array's memory, sized by a generous guess (`sizeGuess`);
/// should the guess be short, it goes on in memory of its own and the array is made from that.
/// A write costs far less than an array's `append`. It cannot be copied (two copies would write
/// into, and free, one buffer): the memory of its own is freed when it goes (`deinit`).
struct FastEncoder: JSONOutput, ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether `base` is memory of our own (to free) rather than the result array's.
    private var owned: Bool
    /// Where the bytes go when the buffer is full, when they are written to a file as they are made.
    private var sink: Int32?
    /// Why writing to `sink` stopped (nothing more is written then).
    private var stop: Stop?
    /// The bytes written to `sink` so far (`sunk`), and how many it may take.
    private var sunk = 0, maxBytes = Int.max
    /// Whether a string longer than the reader takes was written (`JSONOutput.overlongString`).
    private(set) var wroteOverlongString = false
    /// The timestamp written last, and its bytes (`timestamp`).
    private var lastStamp = (seconds: Int64.min, count: 0, bytes: (UInt64(0), UInt64(0), UInt64(0), UInt64(0)))

    /// An encoder writing into memory of its own.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.bindMemory(to: UInt8.self, capacity: self.capacity)
        owned = true
    }

    /// An encoder writing into `buffer` while it has room.
    private init(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
        owned = false
    }

    private var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    deinit {
        if owned { free(base) }
    }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        if capacity - count < bytes.count { grow(bytes.count) }
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    private mutating func grow(_ needed: Int) {
        if sink != nil {
            flush()
            if needed <= capacity { return }
        }
        capacity = max(capacity * 2, count + needed)
        if owned {
            base = realloc(base, capacity)!.bindMemory(to: UInt8.self, capacity: capacity)
        } else {
            let own = malloc(capacity)!.bindMemory(to: UInt8.self, capacity: capacity)
            own.update(from: base, count: count)
            base = own
            owned = true
        }
    }

    static func encode(_ n: Network) -> [UInt8] {
        var spilled: [UInt8]?
        let bytes = [UInt8](unsafeUninitializedCapacity: sizeGuess(n)) { buffer, initialized in
            var w = FastEncoder(into: buffer)
            w.document(n)
            if w.owned {
                spilled = Array(w.written)
            } else {
                initialized = w.count
            }
        }
        return spilled ?? bytes
    }

    /// Why writing a network to a file stopped before its end.
    enum Stop: Equatable {
        /// A write failed with this error number.
        case failed(Int32)
        /// The file would be larger than it may be.
        case tooLarge
        /// A string would be longer than the reader takes.
        case overlongString
    }

    /// Writes the network's bytes to `fd` as they are made, a buffer of `bufferBytes` at a time, and
    /// returns why it stopped before the end, or nil. The same bytes as `encode`. It stops, before
    /// writing them, at the bytes that would make the file larger than `maxBytes`, and at a buffer
    /// holding a string the reader would refuse.
    static func encode(_ n: Network, to fd: Int32, maxBytes: Int = .max, bufferBytes: Int = 4 << 20) -> Stop? {
        var w = FastEncoder(capacity: bufferBytes)
        (w.sink, w.maxBytes) = (fd, maxBytes)
        w.document(n)
        w.flush()
        return w.stop
    }

    /// Writes the buffer to `sink` (while it may) and empties it.
    private mutating func flush() {
        guard let sink else { return }
        if stop == nil {
            var sunk = self.sunk
            stop = writeOut(to: sink, written: &sunk, maxBytes: maxBytes)
            self.sunk = sunk
        }
        count = 0
    }

    mutating func overlongString() { wroteOverlongString = true }

    /// Forgets what the encoder holds.
    mutating func clear() { (count, wroteOverlongString) = (0, false) }

    /// Writes what the encoder holds to `fd`, where `written` bytes were written before, and empties
    /// it; returns why it wrote nothing instead (a string the reader would refuse; more than
    /// `maxBytes` in all) or why the write failed, or nil.
    mutating func writeOut(to fd: Int32, written: inout Int, maxBytes: Int) -> Stop? {
        defer { clear() }
        if wroteOverlongString { return .overlongString }
        if count > maxBytes - written { return .tooLarge }
        written += count
        return writeAll(fd, UnsafeRawBufferPointer(start: base, count: count)).map(Stop.failed)
    }

    /// A guess at the size of the file, on the generous side (room the file does not use is never
    /// touched, so costs nothing): the lists, most of it, by the average size of a sample of each.
    private static func sizeGuess(_ n: Network) -> Int {
        func guess<T>(_ items: [T], _ write: (inout FastEncoder, T) -> Void) -> Int {
            guard !items.isEmpty else { return 0 }
            var w = FastEncoder(capacity: 1 << 16)
            let sample = stride(from: 0, to: items.count, by: max(1, items.count / 64))
            for i in sample { write(&w, items[i]) }
            return (w.count / sample.underestimatedCount + 32) * items.count
        }
        let lists = guess(n.contacts) { $0.contact($1) } + guess(n.interactions) { $0.interaction($1) }
            + guess(n.networks) { $0.group($1) } + guess(n.events) { $0.event($1) }
        return (1 << 20) + lists * 3 / 2
    }

    private mutating func document(_ n: Network) {
        // The key is left out while there are no conflicts.
        let omit: UInt64 = n.conflicts.isEmpty ? 1 << TopKey.conflicts.rawValue : 0
        object(Keys.top, n.extra, indent: 0, omit: omit) { w, k in
            switch TopKey(rawValue: k).unsafelyUnwrapped {
            case .conflicts: w.json(.array(n.conflicts.map(NetworkCodec.json)), indent: 1)
            case .contacts: w.list(n.contacts) { $0.contact($1) }
            case .events: w.list(n.events) { $0.event($1) }
            case .interactions: w.list(n.interactions, precedes: { $0.pointee.storedID < $1.pointee.storedID }) { $0.interaction($1) }
            case .me: w.json(NetworkCodec.json(n.me), indent: 1)
            case .networks: w.list(n.networks) { $0.group($1) }
            case .schemaVersion: w.number(Double(n.schemaVersion))
            case .scheme: w.json(NetworkCodec.json(n.scheme), indent: 1)
            }
        }
        write(0x0A)
    }

    // MARK: - Entities (each an element of a top-level list: its lines at indent 2, its values' at 3)

    /// A contact, its fields written as its table says (`ContactFields`).
    private mutating func contact(_ c: Contact) {
        // The table read in place, not copied: a copy retains its arrays, from every chunk's thread.
        object(ContactFields.schema.keys, c.extra, indent: 2, omit: ContactFields.schema.omitted(c)) { w, k in ContactFields.schema.fields[k].encode(&w, c) }
    }

    mutating func ratingChange(_ h: RatingChange) {
        object(Keys.ratingChange, h.extra, indent: 4) { w, k in
            switch RatingChangeKey(rawValue: k).unsafelyUnwrapped {
            case .date: w.day(h.date)
            case .fromFuture: w.rating(h.fromFuture)
            case .fromNow: w.rating(h.fromNow)
            case .toFuture: w.rating(h.toFuture)
            case .toNow: w.rating(h.toNow)
            }
        }
    }

    /// A network, its fields written as its table says (`GroupFields`).
    private mutating func group(_ g: NetworkGroup) {
        object(GroupFields.schema.keys, g.extra, indent: 2) { w, k in GroupFields.schema.fields[k].encode(&w, g) }
    }

    /// An event, its fields written as its table says (`EventFields`).
    private mutating func event(_ e: Event) {
        object(EventFields.schema.keys, e.extra, indent: 2) { w, k in EventFields.schema.fields[k].encode(&w, e) }
    }

    private mutating func interaction(_ i: Interaction) {
        object(Keys.interaction, i.extra, indent: 2) { w, k in
            switch InteractionKey(rawValue: k).unsafelyUnwrapped {
            case .contact: w.string(i.contact)
            case .date: w.day(i.date)
            case .followUp: if let f = i.followUp { w.followUp(f) } else { w.null() }
            case .gave: w.string(i.gave)
            case .got: w.string(i.got)
            case .id: w.id(i.storedID)
            case .kind: w.string(i.kind.rawValue)
            case .note: w.string(i.note)
            }
        }
    }

    private mutating func followUp(_ f: FollowUp) {
        object(Keys.followUp, f.extra, indent: 3) { w, k in
            switch FollowUpKey(rawValue: k).unsafelyUnwrapped {
            case .done: w.day(f.done)
            case .due: w.day(f.due)
            case .what: w.string(f.what)
            }
        }
    }

    // MARK: - Lists

    /// How many items of a list a block of a parallel save holds (about half a megabyte of contacts).
    static let blockItems = 512

    /// A top-level list, sorted by id (as `NetworkCodec.json` sorts it: by the ids' bytes).
    /// `precedes`: whether one item's id orders before another's (by default, by their bytes).
    private mutating func list<T: Identifiable>(_ items: [T],
                                                precedes: (UnsafePointer<T>, UnsafePointer<T>) -> Bool = { ByteStrings.precedes($0.pointee.id, $1.pointee.id) },
                                                _ write: (inout FastEncoder, T) -> Void) where T.ID == String {
        guard !items.isEmpty else { return self.write("[]") }
        self.write(UInt8(ascii: "["))
        items.withUnsafeBufferPointer { items in
            let at = items.baseAddress!
            // `sorted` is stable, so an already sorted list keeps its order, and sorting the indices
            // gives the order sorting the items would.
            let sorted = (1..<items.count).allSatisfy { !precedes(at + $0, at + $0 - 1) }
            let order = sorted ? nil : items.indices.sorted { precedes(at + $0, at + $1) }
            func encode(_ range: Range<Int>, into w: inout FastEncoder) {
                for i in range {
                    if i > 0 { w.write(UInt8(ascii: ",")) }
                    w.newline(2)
                    write(&w, items[order?[i] ?? i])
                }
            }
            let size = Self.blockItems
            if let sink, Cores.count > 1, items.count >= 4 * size {
                // Saving: the items in blocks encoded on every core while earlier blocks are written.
                flush()
                guard stop == nil else { return }
                var sunk = self.sunk
                stop = BlockWriter.write(blocks: (items.count + size - 1) / size, to: sink, written: &sunk, maxBytes: maxBytes,
                                         workers: Cores.count) { k, w in
                    encode(k * size..<min(items.count, (k + 1) * size), into: &w)
                }
                self.sunk = sunk
            } else {
                encode(items.indices, into: &self)
            }
        }
        newline(1)
        self.write(UInt8(ascii: "]"))
    }

    // MARK: - Objects and arrays

    /// An object with the keys of `keys` (but those whose bits `omit` has) and its unknown keys
    /// `extra`, sorted by their UTF-8 bytes; a known key wins over an unknown one of the same name.
    /// `field` writes the value of the known key it is given. `indent`: the level of the object's
    /// own lines.
    @inline(__always)
    private mutating func object(_ keys: KeyTable, _ extra: [JSONKey: JSON], indent: Int, omit: UInt64 = 0,
                                 _ field: (inout FastEncoder, Int) -> Void) {
        precondition(indent + 1 < KeyTable.memberLevels)
        write(UInt8(ascii: "{"))
        // Unknown keys, each with the number of known keys before it.
        var unknown: [(key: JSONKey, rank: Int)] = []
        if !extra.isEmpty {
            unknown = extra.keys.filter { let k = keys.index(of: $0.text); return k < 0 || omit >> UInt64(k) & 1 != 0 }
                .sorted().map { ($0, keys.rank(of: $0.text)) }
        }
        var e = 0, first = true
        for k in 0..<keys.count where omit >> UInt64(k) & 1 == 0 {
            while e < unknown.count, unknown[e].rank <= k {
                member(unknown[e].key.text, extra[unknown[e].key]!, indent: indent, first: &first)
                e += 1
            }
            write(keys.member(k, level: indent + 1, first: first))
            first = false
            field(&self, k)
        }
        while e < unknown.count {
            member(unknown[e].key.text, extra[unknown[e].key]!, indent: indent, first: &first)
            e += 1
        }
        if !first { newline(indent) }
        write(UInt8(ascii: "}"))
    }

    private mutating func member(_ key: String, _ value: JSON, indent: Int, first: inout Bool) {
        separator(indent: indent, first: &first)
        JSONWriter.writeString(key, into: &self)
        write(": ")
        JSONWriter.write(value, indent: indent + 1, into: &self)
    }

    @inline(__always)
    private mutating func separator(indent: Int, first: inout Bool) {
        if !first { write(UInt8(ascii: ",")) }
        first = false
        newline(indent + 1)
    }

    /// An array whose lines are at `indent`, its elements one level in.
    @inline(__always)
    mutating func array<S: Collection>(_ items: S, indent: Int, _ element: (inout FastEncoder, S.Element) -> Void) {
        guard !items.isEmpty else { return write("[]") }
        write(UInt8(ascii: "["))
        var first = true
        for item in items {
            separator(indent: indent, first: &first)
            element(&self, item)
        }
        newline(indent)
        write(UInt8(ascii: "]"))
    }

    private static let spaces: StaticString = "                "

    @inline(__always)
    private mutating func newline(_ indent: Int) {
        write(0x0A)
        if indent * 2 <= Self.spaces.utf8CodeUnitCount {
            write(UnsafeBufferPointer(start: Self.spaces.utf8Start, count: indent * 2))
        } else {
            for _ in 0..<indent { write("  ") }
        }
    }

    // MARK: - Values

    mutating func json(_ value: JSON, indent: Int) { JSONWriter.write(value, indent: indent, into: &self) }

    @inline(__always)
    mutating func string(_ s: String) { JSONWriter.writeString(s, into: &self) }

    mutating func strings(_ s: [String], indent: Int) { array(s, indent: indent) { $0.string($1) } }

    /// An id: a UUID written straight from its numbers (it needs no escapes), any other as its text.
    private mutating func id(_ id: CompactID) {
        let wrote: Void? = id.withUUIDBytes { bytes in
            write(UInt8(ascii: "\""))
            write(bytes.assumingMemoryBound(to: UInt8.self))
            write(UInt8(ascii: "\""))
        }
        if wrote == nil { string(id.text) }
    }

    mutating func null() { write("null") }

    mutating func bool(_ b: Bool) { write(b ? "true" : "false") }

    mutating func number(_ d: Double) { json(JSON.number(d), indent: 0) }

    /// Each rating as `JSON.number` writes its value.
    private static let ratingTexts: [[UInt8]] = Rating.allCases.map { Array(JSON.number($0.value).textValue.utf8) }

    @inline(__always)
    mutating func rating(_ r: Rating?) {
        guard let r else { return null() }
        Self.ratingTexts[r.rawValue].withUnsafeBufferPointer { write($0) }
    }

    /// An object of ratings by key (a contact's criteria).
    mutating func ratings(_ map: [String: Rating], indent: Int) {
        guard !map.isEmpty else { return write("{}") }
        write(UInt8(ascii: "{"))
        var first = true
        for key in map.keys.sorted(by: ByteStrings.precedes) {
            separator(indent: indent, first: &first)
            string(key)
            write(": ")
            rating(map[key])
        }
        newline(indent)
        write(UInt8(ascii: "}"))
    }

    /// A day as `Day.description` writes it, `"YYYY-MM-DD"`, or `null`.
    mutating func day(_ d: Day?) {
        guard let d else { return null() }
        write(UInt8(ascii: "\""))
        dayDigits(d)
        write(UInt8(ascii: "\""))
    }

    /// A timestamp as `Timestamp.description` writes it: `"YYYY-MM-DDTHH:MM:SSZ"`. The one written
    /// last is written again from its bytes: an import stamps each contact it adds with the same
    /// time, twice.
    mutating func timestamp(_ t: Timestamp) {
        // Room for it all, so that it is not flushed away while it is written.
        if capacity - count < 32 { grow(32) }
        if t.seconds == lastStamp.seconds, lastStamp.count > 0 {
            return withUnsafeBytes(of: lastStamp.bytes) { write(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: lastStamp.count)) }
        }
        let start = count
        let second = Int((t.seconds % 86_400 + 86_400) % 86_400)
        write(UInt8(ascii: "\""))
        dayDigits(t.day)
        write(UInt8(ascii: "T"))
        digits(second / 3600, 2)
        write(UInt8(ascii: ":"))
        digits(second / 60 % 60, 2)
        write(UInt8(ascii: ":"))
        digits(second % 60, 2)
        write("Z\"")
        guard count - start <= MemoryLayout.size(ofValue: lastStamp.bytes) else { return }
        lastStamp.seconds = t.seconds
        lastStamp.count = count - start
        withUnsafeMutableBytes(of: &lastStamp.bytes) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base + start, count: count - start)) }
    }

    private mutating func dayDigits(_ d: Day) {
        let (y, m, day) = d.components
        // Outside years 0–9999 `description` pads differently: let it write them.
        guard (0...9999).contains(y) else { return ByteStrings.withUTF8(d.description) { write($0) } }
        digits(y, 4)
        write(UInt8(ascii: "-"))
        digits(m, 2)
        write(UInt8(ascii: "-"))
        digits(day, 2)
    }

    /// `n` (0 ≤ n < 10^width) in `width` digits, zero-padded.
    @inline(__always)
    private mutating func digits(_ n: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = n
        while divisor > 0 {
            write(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
