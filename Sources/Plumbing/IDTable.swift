/// The position of each id in a list of ids (the first, when an id is there twice). Ids are long
/// (UUIDs), and the standard library's seeded hash costs more per id than the rules do, so the
/// table hashes ids eight bytes at a time; a lookup compares the whole id, so a collision costs
/// time, never a wrong answer. Ids are byte strings, equal when their UTF-8 bytes are (not merely
/// canonically equivalent, as `String`s are equal): an NFC and an NFD spelling are two ids.
package struct IDTable: Sendable {
    /// Each id's first position.
    private var firsts: StringMap<Int>
    /// The first position of each id that is there more than once, by its later positions.
    private var earlier: [Int: Int] = [:]

    /// How many ids were added (the next id's position).
    private var added = 0

    package init(_ ids: [String]) {
        firsts = StringMap(capacity: ids.count, byBytes: true)
        for id in ids { add(id) }
    }

    /// The table of a list's ids (read in place: no array of them is made).
    /// (Inlined where it is called, so that `items[i].id` reads the id alone: a generic call
    /// across modules would copy each whole item to read it.)
    @inlinable
    package init<T: Identifiable>(of items: [T]) where T.ID == String {
        self.init(count: items.count) { items[$0].id }
    }

    /// The table of `count` ids, the `k`th being `id(k)`.
    package init(count: Int, id: (Int) -> String) {
        firsts = StringMap(capacity: count, byBytes: true)
        for k in 0..<count { add(id(k)) }
    }

    private mutating func add(_ id: String) {
        if let first = firsts.insertIfAbsent(id, added) { earlier[added] = first }
        added += 1
    }

    /// The position of the first `id` in the list, or nil.
    package func position(of id: String) -> Int? { firsts[id] }

    /// The position of the first `id` in the list, else its position in `other` plus `offset`; a
    /// UUID is looked up by its bytes, spelled out once for both tables (no `String` is made).
    package func position(of id: CompactID, orIn other: IDTable? = nil, offset: Int = 0) -> Int? {
        let byBytes = id.withUUIDBytes { bytes in
            firsts.value(matching: bytes) ?? other?.firsts.value(matching: bytes).map { $0 + offset }
        }
        if let byBytes { return byBytes }
        let text = id.text
        return firsts[text] ?? other?.firsts[text].map { $0 + offset }
    }

    /// The id in the list whose UTF-8 is `ascii` (ASCII bytes), or nil.
    package func id(matching ascii: UnsafeRawBufferPointer) -> String? { firsts.key(matching: ascii) }

    /// The position of the first id in the list whose UTF-8 is `ascii` (ASCII bytes), or nil.
    package func position(matching ascii: UnsafeRawBufferPointer) -> Int? { firsts.value(matching: ascii) }

    /// Each position whose id is there earlier in the list too, with that first position; in list order.
    package var duplicates: [(position: Int, first: Int)] {
        earlier.map { (position: $0.key, first: $0.value) }.sorted { $0.position < $1.position }
    }

    /// Figures kept by first position, given to every position of the same id.
    package func spread<T>(_ byFirstPosition: [T]) -> [T] {
        guard !earlier.isEmpty else { return byFirstPosition }
        return byFirstPosition.indices.map { byFirstPosition[earlier[$0] ?? $0] }
    }

    /// The hash of a text's UTF-8 bytes (`hash(bytes:)`), for a table comparing texts by their bytes.
    package static func byteHash(_ text: String) -> Int {
        ByteStrings.withUTF8(text) { hash(bytes: UnsafeRawBufferPointer($0)).hash }
    }

    /// A hash for texts compared as `String`s (canonically equivalent texts hash alike): as
    /// `byteHash` for ASCII text.
    package static func hash(_ id: String) -> Int {
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
    @inlinable @inline(__always)
    package static func hash(bytes raw: UnsafeRawBufferPointer) -> (hash: Int, ascii: Bool) {
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

    @usableFromInline @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        return z &* 0x94D0_49BB_1331_11EB
    }
}

