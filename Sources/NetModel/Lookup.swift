/// Helpers that keep the rules linear and quick at 100,000 contacts: a table from id to position
/// that hashes ids cheaply, and a sort key for folded names that compares like the string.

/// The position of each id in a list of ids (the first, when an id is there twice). Ids are long
/// (UUIDs), and the standard library's seeded hash costs more per id than the rules do, so the
/// table hashes ids eight bytes at a time; a lookup compares the whole id, so a collision costs
/// time, never a wrong answer. Ids are byte strings, equal when their UTF-8 bytes are (not merely
/// canonically equivalent, as `String`s are equal): an NFC and an NFD spelling are two ids.
struct IDTable: Sendable {
    /// Each id's first position.
    private var firsts: StringMap<Int>
    /// The first position of each id that is there more than once, by its later positions.
    private var earlier: [Int: Int] = [:]

    /// How many ids were added (the next id's position).
    private var added = 0

    init(_ ids: [String]) {
        firsts = StringMap(capacity: ids.count, byBytes: true)
        for id in ids { add(id) }
    }

    /// The table of a list's ids (read in place: no array of them is made).
    init<T: Identifiable>(of items: [T]) where T.ID == String {
        firsts = StringMap(capacity: items.count, byBytes: true)
        items.withUnsafeBufferPointer { list in
            for i in list.indices { add(list[i].id) }
        }
    }

    private mutating func add(_ id: String) {
        if let first = firsts.insertIfAbsent(id, added) { earlier[added] = first }
        added += 1
    }

    /// The position of the first `id` in the list, or nil.
    func position(of id: String) -> Int? { firsts[id] }

    /// The id in the list whose UTF-8 is `ascii` (ASCII bytes), or nil.
    func id(matching ascii: UnsafeRawBufferPointer) -> String? { firsts.key(matching: ascii) }

    /// The position of the first id in the list whose UTF-8 is `ascii` (ASCII bytes), or nil.
    func position(matching ascii: UnsafeRawBufferPointer) -> Int? { firsts.value(matching: ascii) }

    /// Each position whose id is there earlier in the list too, with that first position; in list order.
    var duplicates: [(position: Int, first: Int)] {
        earlier.map { (position: $0.key, first: $0.value) }.sorted { $0.position < $1.position }
    }

    /// Figures kept by first position, given to every position of the same id.
    func spread<T>(_ byFirstPosition: [T]) -> [T] {
        guard !earlier.isEmpty else { return byFirstPosition }
        return byFirstPosition.indices.map { byFirstPosition[earlier[$0] ?? $0] }
    }

    /// The hash of a text's UTF-8 bytes (`hash(bytes:)`), for a table comparing texts by their bytes.
    static func byteHash(_ text: String) -> Int {
        JSONWriter.withUTF8(text) { hash(bytes: UnsafeRawBufferPointer($0)).hash }
    }

    /// A hash for texts compared as `String`s (canonically equivalent texts hash alike): as
    /// `byteHash` for ASCII text.
    static func hash(_ id: String) -> Int {
        let ascii = id.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            let (h, isASCII) = hash(bytes: UnsafeRawBufferPointer(bytes))
            return isASCII ? h : nil
        }
        if let h = ascii ?? nil { return h }
        // Text with ; ` K written as the three scalars canonically equal to them is that ASCII text.
        var mapped: [UInt8] = []
        for scalar in id.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: mapped.append(UInt8(scalar.value))
            case 0x037E: mapped.append(UInt8(ascii: ";"))
            case 0x1FEF: mapped.append(UInt8(ascii: "`"))
            case 0x212A: mapped.append(UInt8(ascii: "K"))
            default: return id.hashValue
            }
        }
        return mapped.withUnsafeBytes { hash(bytes: $0).hash }
    }

    /// The hash of the bytes, eight at a time, and whether they are all ASCII.
    @inline(__always)
    static func hash(bytes raw: UnsafeRawBufferPointer) -> (hash: Int, ascii: Bool) {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), high: UInt64 = 0
        if raw.count < 8 {
            for b in raw {
                h = h << 8 | UInt64(b)
                high |= UInt64(b)
            }
            h = mix(h)
        } else {
            var i = 0
            while i + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                (h, high) = (mix(h ^ word), high | word)
                i += 8
            }
            // The last (partial) word: the last eight bytes, overlapping the word before.
            if i < raw.count {
                let word = raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self)
                (h, high) = (mix(h ^ word), high | word)
            }
        }
        return (Int(truncatingIfNeeded: h >> 1), high & 0x8080_8080_8080_8080 == 0)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        return z &* 0x94D0_49BB_1331_11EB
    }
}

/// A folded name (or any text) as a sort key that orders exactly as the `String` does, faster.
///
/// `String` compares text in normalization form C (NFC), scalar by scalar; text that is in NFC
/// already orders as its UTF-8 bytes. Keys are checked once for being plainly in NFC (every scalar
/// ASCII, or a letter of a script without combining: Greek and Cyrillic letters, kana, CJK
/// ideographs); two such keys compare by their first sixteen bytes and, when those are equal, by
/// all their bytes. Folded Korean is Hangul decomposed into jamo (NFD); such a key is composed back
/// once and then compares as plain text, which is what `String` does with it too (see `composed`).
/// Other keys compare as the `String`, but for one shortcut (see `lead`).
public struct SortKey: Comparable, Sendable {
    let text: String
    /// The text in NFC when `plain`: `text` itself, or its Hangul composed.
    private let nfc: String
    /// The first sixteen bytes of `nfc`, big-endian, zero-padded (when `plain`).
    private let prefix: (UInt64, UInt64)
    /// In NFC by the check above (`nfc` is).
    private let plain: Bool
    private let ascii: Bool
    /// What the first scalar of the text in NFC is known to be, for comparing with a key that is
    /// not plain: in NFC an ASCII scalar followed by one stays itself, and any other scalar stays
    /// above ASCII, but for three that are canonically equal to an ASCII character.
    private let lead: Lead

    enum Lead { case ascii, above, unknown }

    public init(_ text: String) {
        self.text = text
        var scalars = text.unicodeScalars.makeIterator()
        switch (scalars.next()?.value, scalars.next()?.value) {
        case (let first?, let second) where first < 0x80:
            lead = (second ?? 0) < 0x80 ? .ascii : .unknown
        case (let first?, _):
            lead = SortKey.asciiSingletons.contains(first) ? .unknown : .above
        case (nil, _):
            lead = .unknown
        }
        ascii = text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        let nfc = ascii || text.unicodeScalars.allSatisfy(SortKey.isPlain) ? text : SortKey.composed(text)
        (self.nfc, plain) = (nfc ?? text, nfc != nil)
        var words: (UInt64, UInt64) = (0, 0)
        if plain {
            for (n, b) in self.nfc.utf8.prefix(16).enumerated() {
                if n < 8 { words.0 |= UInt64(b) << (56 - 8 * n) } else { words.1 |= UInt64(b) << (120 - 8 * n) }
            }
        }
        prefix = words
    }

    /// Scalars whose canonical decomposition is one ASCII character: ; ` K.
    static let asciiSingletons: Set<UInt32> = [0x037E, 0x1FEF, 0x212A]

    /// Scalars that are in NFC and never combine with a neighbour.
    static func isPlain(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x7F,
             0x0391...0x03A1, 0x03A3...0x03A9, 0x03B1...0x03C9,  // Greek letters
             0x0410...0x044F,  // Cyrillic letters
             0x3041...0x3096, 0x30A1...0x30FA,  // kana (not the voicing marks)
             0x3400...0x4DBF, 0x4E00...0x9FFF:  // CJK ideographs
            return true
        default:
            return false
        }
    }

    /// Plain text with Hangul in conjoining jamo, each syllable a leading consonant, a vowel and
    /// maybe a trailing consonant (as `SearchText.fold` leaves Korean), composed into Hangul
    /// syllables: its NFC. Nil for any other text. Two such texts compare as `String`s exactly as
    /// their compositions do as bytes: each is the decomposition of its composition, so when one
    /// composition starts the other, one text starts the other too, and `String` orders a text
    /// before any longer text it starts.
    static func composed(_ text: String) -> String? {
        var out = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            let v = s.value
            if isPlain(s) {
                out.append(s)
                continue
            }
            guard (0x1100...0x1112).contains(v), let vowel = scalars.popFirst()?.value, (0x1161...0x1175).contains(vowel) else { return nil }
            var syllable = 0xAC00 + ((v - 0x1100) * 21 + (vowel - 0x1161)) * 28
            if let t = scalars.first?.value, (0x11A8...0x11C2).contains(t) {
                syllable += t - 0x11A7
                scalars.removeFirst()
            }
            out.append(Unicode.Scalar(syllable)!)
        }
        return String(out)
    }

    /// The order of the first sixteen bytes when both keys are plain; nil when that does not decide.
    @inline(__always)
    fileprivate static func quickLess(_ a: SortKey, _ b: SortKey) -> Bool? {
        guard a.plain && b.plain else {
            switch (a.lead, b.lead) {
            case (.ascii, .above): return true
            case (.above, .ascii): return false
            default: return nil
            }
        }
        if a.prefix.0 != b.prefix.0 { return a.prefix.0 < b.prefix.0 }
        if a.prefix.1 != b.prefix.1 { return a.prefix.1 < b.prefix.1 }
        return nil
    }

    public static func < (a: SortKey, b: SortKey) -> Bool {
        if let less = quickLess(a, b) { return less }
        if a.plain && b.plain && !(a.ascii && b.ascii) { return a.nfc.utf8.lexicographicallyPrecedes(b.nfc.utf8) }
        return a.text < b.text
    }

    public static func == (a: SortKey, b: SortKey) -> Bool {
        if quickLess(a, b) != nil { return false }
        if a.plain && b.plain && !(a.ascii && b.ascii) { return a.nfc.utf8.elementsEqual(b.nfc.utf8) }
        return a.text == b.text
    }

    /// The order of positions `0..<figures.count` that lists the highest figure first, then by key,
    /// then by id (the order of the exit, matrix and overdue lists).
    /// A long list is sorted on every core (`sortedPositions`): the order one sort gives.
    static func ranked<F: Comparable>(_ figures: [F], keys: [SortKey], ids: [String], minimumRun: Int = 4096) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            if figures[a] != figures[b] { return figures[a] > figures[b] }
            if let less = quickLess(keys[a], keys[b]) { return less }
            if keys[a] != keys[b] { return keys[a] < keys[b] }
            return ids[a] < ids[b]
        }
        return sortedPositions(figures.count, minimumRun: minimumRun, by: before)
    }
}

/// A map from strings to values that keeps the first value given for a key: a growing cousin of
/// `IDTable`, hashed the same way. An import of 100,000 cards looks up and adds hundreds of
/// thousands of long keys (ids, source keys, e-mail addresses, names), where `Dictionary`'s seeded
/// hash of each is most of the matching's cost. Keys are equal as `String`s (canonically
/// equivalent: names, e-mail addresses), or, `byBytes`, when their bytes are (ids).
struct StringMap<Value> {
    private let byBytes: Bool
    private var keys: [String] = []
    private var values: [Value] = []
    /// The high 32 bits of the key's hash (`IDTable.hash`) over its position in `keys` plus one; 0 is
    /// an empty slot. The hash bits turn most probes that meet another key into a compare of two
    /// integers instead of two strings far apart in memory.
    private var slots: [UInt64]
    private var mask: Int

    private static var tagBits: UInt64 { 0xFFFF_FFFF_0000_0000 }
    private static var positionBits: UInt64 { 0xFFFF_FFFF }

    @inline(__always)
    private static func tag(_ hash: Int) -> UInt64 { UInt64(truncatingIfNeeded: hash) & tagBits }

    init(capacity: Int = 0, byBytes: Bool = false) {
        self.byBytes = byBytes
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    /// The hash of a key as this map hashes keys: `IDTable.byteHash` or `IDTable.hash`.
    @inline(__always)
    func hash(_ key: String) -> Int { byBytes ? IDTable.byteHash(key) : IDTable.hash(key) }

    @inline(__always)
    private func same(_ a: String, _ b: String) -> Bool { byBytes ? sameBytes(a, b) : a == b }

    subscript(key: String) -> Value? { self[key, hash: hash(key)] }

    /// `self[key]` for a key whose `hash` is `h` (worked out once for a lookup and an insert).
    subscript(key: String, hash h: Int) -> Value? {
        probe(h) { same($0, key) }.position.map { values[$0] }
    }

    /// The key whose UTF-8 is `ascii`, which holds ASCII bytes only (as `IDTable.hash` hashes
    /// them, which for ASCII is how it hashes the key), or nil.
    func key(matching ascii: UnsafeRawBufferPointer) -> String? { position(matching: ascii).map { keys[$0] } }

    /// The value of that key, or nil.
    func value(matching ascii: UnsafeRawBufferPointer) -> Value? { position(matching: ascii).map { values[$0] } }

    private func position(matching ascii: UnsafeRawBufferPointer) -> Int? {
        probe(IDTable.hash(bytes: ascii).hash) { hasBytes($0, ascii) }.position
    }

    /// The key of hash `h` that `isKey` accepts: its position in `keys`, or nil and the empty slot
    /// where it would go.
    @inline(__always)
    private func probe(_ h: Int, _ isKey: (String) -> Bool) -> (position: Int?, slot: Int) {
        var slot = h & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (nil, slot) }
            if entry & Self.tagBits == Self.tag(h) {
                let p = Int(entry & Self.positionBits) - 1
                if isKey(keys[p]) { return (p, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the key with this value unless it is there already: then it keeps its first value, and
    /// returns it.
    @discardableResult
    mutating func insertIfAbsent(_ key: String, _ value: Value) -> Value? { insertIfAbsent(key, value, hash: hash(key)) }

    /// `insertIfAbsent` of a key whose `hash` is `h`.
    @discardableResult
    mutating func insertIfAbsent(_ key: String, _ value: Value, hash h: Int) -> Value? {
        if 2 * (keys.count + 1) > slots.count { grow() }
        let (found, slot) = probe(h) { same($0, key) }
        if let found { return values[found] }
        keys.append(key)
        values.append(value)
        slots[slot] = Self.tag(h) | UInt64(keys.count)
        return nil
    }

    /// Adds the key with `value` unless it is there already: then returns the position of the value
    /// it has (for `subscript(position:)`).
    @inline(__always)
    mutating func insertOrFind(_ key: String, _ value: Value, hash h: Int) -> Int? {
        if 2 * (keys.count + 1) > slots.count { grow() }
        let (found, slot) = probe(h) { $0 == key }
        if let found { return found }
        keys.append(key)
        values.append(value)
        slots[slot] = Self.tag(h) | UInt64(keys.count)
        return nil
    }

    /// The value at a position `insertOrFind` returned.
    subscript(position p: Int) -> Value {
        get { values[p] }
        set { values[p] = newValue }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (p, key) in keys.enumerated() {
            let h = hash(key)
            var slot = h & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Self.tag(h) | UInt64(p + 1)
        }
    }
}

extension StringMap: Sendable where Value: Sendable {}

extension SearchText {
    /// The positions of `folded` (names folded with `fold`) in name order, names alike by `ids`:
    /// the order `String` comparison gives, reached through sort keys (at 100,000 contacts, sorting
    /// by `String` itself is most of the time the dashboard takes to build its first frame).
    public static func order(byFolded folded: [String], ids: [String], minimumRun: Int = 4096) -> [Int] {
        let keys = parallelMap(count: folded.count) { SortKey(folded[$0]) }
        return SortKey.ranked([UInt8](repeating: 0, count: folded.count), keys: keys, ids: ids, minimumRun: minimumRun)  // no figure to rank by
    }

    /// `order(byFolded:ids:)` of contacts whose names folded are `folded`.
    public static func order(byFolded folded: [String], of contacts: [Contact]) -> [Int] {
        order(byFolded: folded, ids: contacts.withUnsafeBufferPointer { p in parallelMap(count: p.count) { p[$0].id } })
    }

    /// Each contact's name folded (`fold`), on every core. The contacts are read in place: one
    /// handed to a closure would be copied, every string of it retained and released.
    public static func foldedNames(of contacts: [Contact]) -> [String] {
        contacts.withUnsafeBufferPointer { p in parallelMap(count: p.count) { fold(p[$0].name) } }
    }
}
