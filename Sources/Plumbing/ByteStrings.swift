#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Texts as byte strings: the keys and ids of a data file are the bytes written, compared, ordered
/// and hashed by their UTF-8 bytes — never by `String`'s canonical equivalence.
@usableFromInline package enum ByteStrings {
    /// `body` of the UTF-8 bytes of `s`, without copying them where they are stored contiguously.
    @inlinable @inline(__always)
    @usableFromInline package static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = s.utf8.withContiguousStorageIfAvailable(body) { return result }
        var s = s
        return s.withUTF8(body)
    }

    /// Whether `a` sorts before `b` by their UTF-8 bytes: the order of keys in the file.
    package static func precedes(_ a: String, _ b: String) -> Bool {
        withUTF8(a) { a in withUTF8(b) { b in precedes(a, b) } }
    }

    @inlinable
    package static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order < 0 || (order == 0 && a.count < b.count)
    }

    /// Whether two texts are the same bytes (not merely canonically equivalent, as `==` says).
    @inlinable @inline(__always)
    package static func same(_ a: String, _ b: String) -> Bool {
        withUTF8(a) { a in
            withUTF8(b) { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    /// Feeds the UTF-8 bytes of `s` to `hasher`.
    package static func hash(_ s: String, into hasher: inout Hasher) {
        withUTF8(s) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
