/// An id as the data file has it, kept in 16 bytes when it is a UUID written in lower case (as this
/// program makes its ids): as a `String` such an id takes 80 more bytes on the heap, which at
/// 300,000 interactions is 24 MB. Any other id is kept as its text, so every id reads back as it
/// was written. Two ids are equal, and order, as their texts do.
package struct CompactID: Equatable, Sendable, Comparable {
    private enum Storage: Equatable, Sendable {
        /// The 32 hex digits as two numbers, which order as the texts do.
        case uuid(UInt64, UInt64)
        case text(String)
    }

    private let storage: Storage

    package init(_ text: String) {
        storage = Self.uuid(of: text).map { .uuid($0.0, $0.1) } ?? .text(text)
    }

    /// A version-4 UUID (of the RFC 4122 variant) made of these 128 bits, but for the six that
    /// say so.
    package init(version4 high: UInt64, _ low: UInt64) {
        storage = .uuid(high & ~0xF000 | 0x4000, low & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000)
    }

    /// A version-7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then 12 and 62 bits
    /// `a` and `b` (each cut to that many), with the six bits of version and variant between.
    package init(version7 millis: UInt64, _ a: UInt64, _ b: UInt64) {
        storage = .uuid(millis << 16 | 0x7000 | a & 0xFFF, 0x8000_0000_0000_0000 | b & 0x3FFF_FFFF_FFFF_FFFF)
    }

    /// The id whose UTF-8 is `utf8`, when that is a lower-case UUID (without making a `String`).
    package init?(uuid utf8: UnsafeRawBufferPointer) {
        guard let (high, low) = Self.uuid(utf8) else { return nil }
        storage = .uuid(high, low)
    }

    package var text: String {
        switch storage {
        case .text(let text): return text
        case .uuid: return String(unsafeUninitializedCapacity: 36) { write(to: $0.baseAddress!) }
        }
    }

    package var isEmpty: Bool {
        if case .text(let text) = storage { return text.isEmpty }
        return false
    }

    /// `uuid(_:)` of a text's UTF-8.
    package static func uuid(of text: String) -> (UInt64, UInt64)? {
        var text = text
        return text.withUTF8 { uuid(UnsafeRawBufferPointer($0)) }
    }

    /// The 32 hex digits of a UUID in lower case as two numbers; nil for anything else.
    @inlinable
    package static func uuid(_ u: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        let dash = UInt8(ascii: "-")
        guard u.count == 36, u[8] == dash, u[13] == dash, u[18] == dash, u[23] == dash else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0, valid = true
        // The digits between the dashes: the first sixteen make `high`, the rest `low`.
        @inline(__always) func digits(_ range: Range<Int>, _ value: inout UInt64) {
            for i in range {
                let b = u[i]
                let decimal = b &- 0x30 < 10, letter = b &- 0x61 < 6
                valid = valid && (decimal || letter)
                value = value << 4 | UInt64((decimal ? b &- 0x30 : b &- 0x57) & 0xF)
            }
        }
        digits(0..<8, &high)
        digits(9..<13, &high)
        digits(14..<18, &high)
        digits(19..<23, &low)
        digits(24..<36, &low)
        return valid ? (high, low) : nil
    }

    /// Writes the id's UTF-8 (36 bytes) at `out` and returns 36 when it is a UUID; otherwise
    /// writes nothing and returns 0.
    @discardableResult
    private func write(to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard case .uuid(let high, let low) = storage else { return 0 }
        // Each group of digits from its number's highest remaining digit down; dashes between.
        @inline(__always) func digits(_ range: Range<Int>, _ value: UInt64, from shift: Int) {
            var shift = shift
            for i in range {
                let d = UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF
                out[i] = d < 10 ? 0x30 + d : 0x57 + d
                shift -= 4
            }
        }
        digits(0..<8, high, from: 60)
        digits(9..<13, high, from: 28)
        digits(14..<18, high, from: 12)
        digits(19..<23, low, from: 60)
        digits(24..<36, low, from: 44)
        (out[8], out[13], out[18], out[23]) = (0x2D, 0x2D, 0x2D, 0x2D)  // the dashes
        return 36
    }

    /// `body` of the id's UTF-8 when it is a UUID (made on the stack, not as a `String`), else nil.
    package func withUUIDBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard case .uuid = storage else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { out in
            write(to: out.baseAddress!)
            return body(UnsafeRawBufferPointer(out))
        }
    }

    /// By the ids' UTF-8 bytes (the order of the file).
    package static func < (a: CompactID, b: CompactID) -> Bool {
        if case .uuid(let ah, let al) = a.storage, case .uuid(let bh, let bl) = b.storage { return (ah, al) < (bh, bl) }
        return ByteStrings.precedes(a.text, b.text)
    }

    /// Equal when the ids' bytes are (ids are byte strings: not canonical equivalence).
    package static func == (a: CompactID, b: CompactID) -> Bool {
        switch (a.storage, b.storage) {
        case let (.uuid(ah, al), .uuid(bh, bl)): return ah == bh && al == bl
        case let (.text(x), .text(y)): return ByteStrings.same(x, y)
        default: return false
        }
    }
}
