/// Eight bytes at a time: the word scans of the JSON parser, the writer and the import's text.
@usableFromInline package enum Words {
    /// The eight bytes at `p`, the first in the lowest byte.
    @inlinable @inline(__always)
    package static func word(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }
}
