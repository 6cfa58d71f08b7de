/// A map from strings to values that keeps the first value given for a key: a growing cousin of
/// `IDTable`, hashed the same way. An import of 100,000 cards looks up and adds hundreds of
/// thousands of long keys (ids, source keys, e-mail addresses, names), where `Dictionary`'s seeded
/// hash of each is most of the matching's cost. Keys are equal as `String`s (canonically
/// equivalent: names, e-mail addresses), or, `byBytes`, when their bytes are (ids).
package struct StringMap<Value> {
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

    package init(capacity: Int = 0, byBytes: Bool = false) {
        self.byBytes = byBytes
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    package var count: Int { keys.count }

    /// The hash of a key as this map hashes keys: `IDTable.byteHash` or `IDTable.hash`.
    @inline(__always)
    package func hash(_ key: String) -> Int { byBytes ? IDTable.byteHash(key) : IDTable.hash(key) }

    @inline(__always)
    private func same(_ a: String, _ b: String) -> Bool { byBytes ? ByteStrings.same(a, b) : a == b }

    package subscript(key: String) -> Value? { self[key, hash: hash(key)] }

    /// `self[key]` for a key whose `hash` is `h` (worked out once for a lookup and an insert).
    package subscript(key: String, hash h: Int) -> Value? {
        probe(h) { same($0, key) }.position.map { values[$0] }
    }

    /// The key whose UTF-8 is `ascii`, which holds ASCII bytes only (as `IDTable.hash` hashes
    /// them, which for ASCII is how it hashes the key), or nil.
    package func key(matching ascii: UnsafeRawBufferPointer) -> String? { position(matching: ascii).map { keys[$0] } }

    /// The value of that key, or nil.
    package func value(matching ascii: UnsafeRawBufferPointer) -> Value? { position(matching: ascii).map { values[$0] } }

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
    package mutating func insertIfAbsent(_ key: String, _ value: Value) -> Value? { insertIfAbsent(key, value, hash: hash(key)) }

    /// `insertIfAbsent` of a key whose `hash` is `h`.
    @discardableResult
    package mutating func insertIfAbsent(_ key: String, _ value: Value, hash h: Int) -> Value? {
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
    package mutating func insertOrFind(_ key: String, _ value: Value, hash h: Int) -> Int? {
        if 2 * (keys.count + 1) > slots.count { grow() }
        let (found, slot) = probe(h) { $0 == key }
        if let found { return found }
        keys.append(key)
        values.append(value)
        slots[slot] = Self.tag(h) | UInt64(keys.count)
        return nil
    }

    /// The value at a position `insertOrFind` returned.
    package subscript(position p: Int) -> Value {
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
