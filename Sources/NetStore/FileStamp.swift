#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

/// What a data file was when it was read or saved: which file (device and inode), its size, its
/// modification and status-change times, and a hash of its bytes when they were at hand whole. A
/// save compares the file on disk with it — one `stat` — to notice a change another program made
/// since (a `git pull`, an editor, `nettui import` from a script); see `Store.save(_:base:onDisk:to:)`.
public struct FileStamp: Equatable, Sendable {
    public var file: FileIdentity
    public var size: Int64
    public var modified: Int64
    public var modifiedNanos: Int
    /// The status-change time: no program can set it, so a writer that puts the old modification
    /// time back (`touch -r`, `cp -p`) still changes it.
    public var changed: Int64
    public var changedNanos: Int
    /// `ContentHash` of the bytes; nil when they were not read whole (a large file is read a
    /// window at a time, and a save streams its bytes).
    public var hash: UInt64?

    init(_ st: stat, hash: UInt64? = nil) {
        file = FileIdentity(st)
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec)
        modifiedNanos = Int(st.st_mtim.tv_nsec)
        changed = Int64(st.st_ctim.tv_sec)
        changedNanos = Int(st.st_ctim.tv_nsec)
        self.hash = hash
    }

    /// The stamp of the file at `path` (a link is followed); nil when there is none.
    public static func of(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(st)
    }

    /// True when `other` is the same file, unchanged as far as `stat` tells (the hash is not compared).
    public func sameVersion(as other: FileStamp) -> Bool {
        var mine = self, theirs = other
        (mine.hash, theirs.hash) = (nil, nil)
        return mine == theirs
    }
}

/// What the open document knows of its file on disk, for noticing changes made outside.
public enum OnDisk: Equatable, Sendable {
    /// Nothing is known (a state made without reading a file): saves do not check.
    case unknown
    /// There was no file when it was opened: one found at save time was made by someone else.
    case absent
    /// The file as read or last saved.
    case file(FileStamp)
}

/// A 64-bit hash of a byte stream (not cryptographic): enough to tell whether a file's bytes are
/// the ones read, at memory speed (a word at a time).
public enum ContentHash {
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        let words = bytes.count / 8
        if let base = bytes.baseAddress {
            for i in 0..<words {
                h = mix(h ^ base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            }
            var tail: UInt64 = 0
            for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
            h = mix(h ^ tail)
        }
        return mix(h)
    }

    public static func of(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { of($0) } }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x &* 0xBF58_476D_1CE4_E5B9
        z ^= z >> 31
        return z &* 0x94D0_49BB_1331_11EB
    }
}
