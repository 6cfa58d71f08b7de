#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The byte view the readers outside Plumbing work on: Swift's `Span<UInt8>` (a bounds-checked,
// non-escaping view of contiguous bytes: `array.span`, `array.span.extracting(range)`,
// `string.utf8.span`), with the scans that need the C library or a word at a time done here, each
// checking its range once and then reading without a check per byte.

extension Span where Element == UInt8 {
    /// The first `byte` in `from..<to` (`to` nil: to the end), found with memchr.
    @inlinable
    package func firstIndex(of byte: UInt8, from: Int = 0, to: Int? = nil) -> Int? {
        let to = to ?? count
        precondition(from >= 0 && from <= to && to <= count, "range out of bounds")
        guard from < to else { return nil }
        return withUnsafeBufferPointer { p -> Int? in
            guard let hit = memchr(p.baseAddress! + from, Int32(byte), to - from) else { return nil }
            return UnsafeRawPointer(p.baseAddress!).distance(to: hit)
        }
    }

    /// Whether `byte` is anywhere in the view.
    @inlinable
    package func contains(_ byte: UInt8) -> Bool { firstIndex(of: byte) != nil }

    /// Where `needle` first occurs in `from..<to` (`findBytes`, which see for `byLast`).
    package func firstIndex(of needle: [UInt8], from: Int, to: Int? = nil, byLast: Bool = false) -> Int? {
        let to = to ?? count
        precondition(from >= 0 && from <= to && to <= count, "range out of bounds")
        guard !needle.isEmpty else { return from }
        return withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            return findBytes(needle, in: base, from: from, to: to, byLast: byLast)
        }
    }

    /// Whether `needle` occurs within `range`: memchr to each place its `anchor` byte is (the
    /// needle's rarest byte makes the fewest false starts), then the whole needle compared.
    package func contains(_ needle: [UInt8], anchor: Int, in range: Range<Int>) -> Bool {
        precondition(range.lowerBound >= 0 && range.upperBound <= count && needle.indices.contains(anchor), "range out of bounds")
        let length = range.count, size = needle.count
        guard length >= size else { return false }
        return withUnsafeBufferPointer { all in
            needle.withUnsafeBufferPointer { w in
                let text = all.baseAddress! + range.lowerBound
                // The anchor byte can sit at text[anchor ... length - size + anchor].
                var at = anchor
                let last = length - size + anchor
                while at <= last {
                    guard let hit = memchr(text + at, Int32(w[anchor]), last - at + 1) else { return false }
                    at = UnsafeRawPointer(text).distance(to: UnsafeRawPointer(hit))
                    if memcmp(text + at - anchor, w.baseAddress!, size) == 0 { return true }
                    at += 1
                }
                return false
            }
        }
    }

    /// The first byte in `from..<to` (`to` nil: to the end) that is `a` or `b`.
    @inlinable
    package func firstIndex(of a: UInt8, or b: UInt8, from: Int, to: Int? = nil) -> Int? {
        let to = to ?? count
        precondition(from >= 0 && from <= to && to <= count, "range out of bounds")
        return withUnsafeBufferPointer { p -> Int? in
            var i = from
            while i < to {
                if p[i] == a || p[i] == b { return i }
                i += 1
            }
            return nil
        }
    }

    /// How many of the bytes in `range` are `byte`.
    @inlinable
    package func count(of byte: UInt8, in range: Range<Int>) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return withUnsafeBufferPointer { p in
            var n = 0
            for i in range where p[i] == byte { n += 1 }
            return n
        }
    }

    /// Where the run of ASCII bytes (below 0x80) that starts at `from` ends, at `to` at most:
    /// eight bytes at a time.
    @inlinable
    package func endOfASCII(from: Int, to: Int) -> Int {
        precondition(from >= 0 && from <= to && to <= count, "range out of bounds")
        return withUnsafeBufferPointer { p in
            var i = from
            while i + 8 <= to, UInt64(littleEndian: UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            while i < to, p[i] < 0x80 { i += 1 }
            return i
        }
    }

    /// The eight bytes at `i` as one number, the first in the lowest byte (`Words.word`).
    @inlinable @inline(__always)
    package func word(at i: Int) -> UInt64 {
        precondition(i >= 0 && i <= count &- 8, "word out of bounds")
        return withUnsafeBufferPointer { UInt64(littleEndian: UnsafeRawPointer($0.baseAddress! + i).loadUnaligned(as: UInt64.self)) }
    }

    /// The bytes of `range` decoded as UTF-8 (invalid sequences become U+FFFD, as `String(decoding:)`).
    @inlinable
    package func string(_ range: Range<Int>) -> String {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// All the bytes decoded as UTF-8.
    @inlinable
    package var string: String { string(0..<count) }

    /// The bytes of `range` as an array.
    @inlinable
    package func array(_ range: Range<Int>) -> [UInt8] {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
        return withUnsafeBufferPointer { Array($0[range]) }
    }

    /// All the bytes as an array.
    @inlinable
    package var array: [UInt8] { array(0..<count) }

    /// Whether the view holds exactly `bytes`.
    @inlinable
    package func equals(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == count else { return false }
        guard count > 0 else { return true }
        return withUnsafeBufferPointer { p in bytes.withUnsafeBufferPointer { memcmp(p.baseAddress!, $0.baseAddress!, count) == 0 } }
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of `span`.
    @inlinable
    package mutating func append(_ span: Span<UInt8>) {
        span.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of `text`.
    @inlinable
    package mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}

extension StaticString {
    /// Byte `k` of the text's UTF-8 (the literal's bytes, read in place).
    @inlinable @inline(__always)
    package subscript(byte k: Int) -> UInt8 {
        precondition(k >= 0 && k < utf8CodeUnitCount, "byte out of bounds")
        return withUTF8Buffer { $0[k] }
    }
}

extension ByteStrings {
    /// A text of `count` bytes, byte `k` being `byte(k)`, made in place (one allocation). Bytes
    /// that are not valid UTF-8 are repaired as `String(decoding:)` does.
    @inlinable
    package static func string(count: Int, _ byte: (Int) -> UInt8) -> String {
        String(unsafeUninitializedCapacity: count) { out in
            for k in 0..<count { out[k] = byte(k) }
            return count
        }
    }

    /// `a + b + c` made in one allocation (`+` takes several, one text at a time).
    package static func concat(_ a: String, _ b: String, _ c: String = "") -> String {
        let count = a.utf8.count + b.utf8.count + c.utf8.count
        guard count > 0 else { return "" }
        return String(unsafeUninitializedCapacity: count) { out in
            put(c, out, at: put(b, out, at: put(a, out, at: 0)))
            return count
        }
    }

    /// Writes the UTF-8 of `s` at `out[at...]`; returns where it ends. (A function of its own: one
    /// nested in `concat`, with its texts and place captured, checked each access at run time.)
    @discardableResult
    private static func put(_ s: String, _ out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        withUTF8(s) { u in
            precondition(at + u.count <= out.count)
            if let from = u.baseAddress { (out.baseAddress! + at).initialize(from: from, count: u.count) }
            return at + u.count
        }
    }
}
