#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

/// The keys one kind of object holds, in the order the file has them: sorted by their UTF-8 bytes.
/// The fast decoder finds keys in it by their bytes; the fast encoder writes the keys in its order.
/// Built from an enum whose cases are the keys, in that order, so that code can switch on them.
struct KeyTable: @unchecked Sendable {  // immutable; `members` is never written after `init`
    let names: [String]
    /// The keys' UTF-8, one after another (key `k` at `offsets[k]..<offsets[k + 1]`). Allocated
    /// once and never freed (as `members` is), so that keys are compared without an array's overhead.
    private let bytes: UnsafePointer<UInt8>
    private let offsets: [Int]
    /// For each key, its first eight bytes as a little-endian word — for a key shorter than that,
    /// its bytes and the closing quote — and the mask of the bytes that count (same allocation).
    private let heads: UnsafePointer<UInt64>
    /// For each indentation level below `memberLevels` and each key, what the encoder writes before
    /// the key's value: `,`, a newline, the indentation, `"key": `. Allocated once and never freed
    /// (the tables are static), so that it can be written from without an array's overhead.
    private let members: UnsafePointer<UInt8>
    private let memberOffsets: [Int]
    static let memberLevels = 8

    init<Key: CaseIterable & RawRepresentable>(_: Key.Type) where Key.RawValue == Int {
        self.init(Key.allCases.map { "\($0)" })
        precondition(Key.allCases.enumerated().allSatisfy { $0.offset == $0.element.rawValue })
    }

    init(_ names: [String]) {
        precondition(zip(names, names.dropFirst()).allSatisfy(ByteStrings.precedes),
                     "keys must be sorted by their UTF-8 bytes")
        self.names = names
        let utf8 = names.flatMap(\.utf8)
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: Swift.max(1, utf8.count))
        bytes.initialize(from: utf8, count: utf8.count)
        self.bytes = UnsafePointer(bytes)
        offsets = names.reduce(into: [0]) { $0.append($0.last! + $1.utf8.count) }
        let heads = UnsafeMutablePointer<UInt64>.allocate(capacity: Swift.max(1, 2 * names.count))
        for (k, name) in names.enumerated() {
            let head = Array((Array(name.utf8) + [UInt8(ascii: "\"")]).prefix(8))
            heads[2 * k] = head.enumerated().reduce(0) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
            heads[2 * k + 1] = head.count == 8 ? ~0 : (1 << UInt64(8 * head.count)) - 1
        }
        self.heads = UnsafePointer(heads)
        let written = (0..<Self.memberLevels).flatMap { level in
            names.map { Array(",\n\(String(repeating: "  ", count: level))\"\($0)\": ".utf8) }
        }
        memberOffsets = written.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        let members = UnsafeMutablePointer<UInt8>.allocate(capacity: memberOffsets.last!)
        members.initialize(from: written.flatMap { $0 }, count: memberOffsets.last!)
        self.members = UnsafePointer(members)
    }

    /// What comes before the value of key `k` in an object whose members are indented `level`
    /// levels, without the comma for the object's first member.
    @inline(__always)
    func member(_ k: Int, level: Int, first: Bool) -> UnsafeBufferPointer<UInt8> {
        let i = level * names.count + k
        let start = memberOffsets[i] + (first ? 1 : 0)
        return UnsafeBufferPointer(start: members + start, count: memberOffsets[i + 1] - start)
    }

    var count: Int { names.count }

    /// The length of key `k` in bytes.
    @inline(__always)
    func length(of k: Int) -> Int { offsets[k + 1] - offsets[k] }

    /// The index of the key whose bytes are `key`, or -1; `hint`, the key expected next, is tried first.
    @inline(__always)
    func index(of key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int {
        func matches(_ i: Int) -> Bool {
            length(of: i) == key.count && memcmp(bytes + offsets[i], key.baseAddress!, key.count) == 0
        }
        if hint < names.count, matches(hint) { return hint }
        for i in 0..<names.count where i != hint && matches(i) { return i }
        return -1
    }

    /// Whether the `available` bytes at `p` start with key `k` and the quote that closes it: the
    /// file's next key is `k` as written (keys hold no quote, backslash or control character).
    @inline(__always)
    func isKey(_ k: Int, at p: UnsafePointer<UInt8>, available: Int) -> Bool {
        let start = offsets[k], length = length(of: k)
        guard available > length else { return false }
        guard available >= 8 else { return p[length] == UInt8(ascii: "\"") && memcmp(p, bytes + start, length) == 0 }
        // Eight bytes at once: a short key with its quote, or a long key's first eight bytes.
        guard Words.word(p) & heads[2 * k + 1] == heads[2 * k] else { return false }
        return length < 8 || (p[length] == UInt8(ascii: "\"") && memcmp(p + 8, bytes + start + 8, length - 8) == 0)
    }

    /// The index of a key, or -1: the key of the same bytes (as the slow path's `JSONKey`s compare).
    func index(of name: String) -> Int { names.firstIndex { sameBytes($0, name) } ?? -1 }

    /// How many of the keys sort before `name` by their UTF-8 bytes.
    func rank(of name: String) -> Int {
        ByteStrings.withUTF8(name) { key in
            var low = 0, high = names.count
            while low < high {
                let mid = (low + high) / 2
                let k = UnsafeBufferPointer(start: bytes + offsets[mid], count: length(of: mid))
                if ByteStrings.precedes(k, key) { low = mid + 1 } else { high = mid }
            }
            return low
        }
    }
}

/// The raw values of a string enum, as a `KeyTable` (sorted) with the case of each.
struct EnumTable<E: RawRepresentable & CaseIterable & Sendable>: Sendable where E.RawValue == String {
    let keys: KeyTable
    let cases: [E]

    init(_: E.Type) {
        cases = E.allCases.sorted { ByteStrings.precedes($0.rawValue, $1.rawValue) }
        keys = KeyTable(cases.map(\.rawValue))
    }
}

// The keys of each kind of object the fast codec reads and writes itself (the rest goes through the
// slow path's `FieldReader` and `JSON` helpers). Contacts, networks and events take theirs from
// their field tables (Schema/); the rest are written out here, and tests check each against what
// the slow path writes.
enum TopKey: Int, CaseIterable { case conflicts, contacts, events, interactions, me, networks, schemaVersion, scheme }
enum RatingChangeKey: Int, CaseIterable { case date, fromFuture, fromNow, toFuture, toNow }
enum InteractionKey: Int, CaseIterable { case contact, date, followUp, gave, got, id, kind, note }
enum FollowUpKey: Int, CaseIterable { case done, due, what }

enum Keys {
    static let top = KeyTable(TopKey.self)
    static let contact = ContactFields.schema.keys
    static let ratingChange = KeyTable(RatingChangeKey.self)
    static let group = GroupFields.schema.keys
    static let event = EventFields.schema.keys
    static let interaction = KeyTable(InteractionKey.self)
    static let followUp = KeyTable(FollowUpKey.self)

    static let contactKinds = EnumTable(ContactKind.self)
    static let stages = EnumTable(Stage.self)
    static let purposes = EnumTable(Purpose.self)
    static let interactionKinds = EnumTable(InteractionKind.self)
}
