#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `needle` first occurs in `base[from..<to]` (an offset from `base`): memchr to each place
/// its first byte is (or, `byLast`, its last byte: for a needle whose first byte is common, such as
/// a newline before indentation), then memcmp. For the splitters that cut a large file into parts
/// to read on several cores.
package func findBytes(_ needle: [UInt8], in base: UnsafePointer<UInt8>, from: Int, to: Int, byLast: Bool = false) -> Int? {
    let lead = byLast ? needle.count - 1 : 0
    var i = from
    while to - i >= needle.count {
        guard let hit = memchr(base + i + lead, Int32(needle[lead]), to - i - needle.count + 1) else { return nil }
        i = UnsafeRawPointer(base).distance(to: hit) - lead
        if needle.withUnsafeBytes({ memcmp(base + i, $0.baseAddress!, $0.count) }) == 0 { return i }
        i += 1
    }
    return nil
}

/// Whether `text`'s UTF-8 is exactly `bytes`.
@inline(__always)
package func hasBytes(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    text.utf8.count == bytes.count
        && text.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 } == true
}

/// Writes `bytes` to `fd`, on through short writes and interruptions; returns the error number of a
/// write that failed, or nil.
package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var done = 0
    while done < bytes.count {
        #if canImport(Glibc)
        let n = Glibc.write(fd, base + done, bytes.count - done)
        #else
        let n = Darwin.write(fd, base + done, bytes.count - done)
        #endif
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return n < 0 ? errno : EIO }
        done += n
    }
    if bytes.count >= 1 << 16 { startWriteBack(fd) }
    return nil
}

/// Starts writing to disk what was written to `fd` so far, without waiting for it (Linux's
/// `sync_file_range`, which Swift's Glibc module does not declare: looked up once). `writeAll`
/// calls it after each write of 64 KB or more (a save's blocks, an export's megabytes), so that the
/// disk writes while the next bytes are made, and the `fsync` that ends the save has little left to
/// wait for: 39 ms to 0.4 ms at 100,000 contacts.
package func startWriteBack(_ fd: Int32) {
    #if os(Linux)
    _ = syncFileRange?(fd, 0, 0, 2)  // the whole file, SYNC_FILE_RANGE_WRITE
    #endif
}

#if os(Linux)
private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
private let syncFileRange: SyncFileRange? = dlsym(dlopen(nil, RTLD_NOW), "sync_file_range").map {
    unsafeBitCast($0, to: SyncFileRange.self)
}
#endif

/// The size of a huge page (x86-64 and most 64-bit systems).
package let hugePageBytes = 2 << 20

/// Asks for huge pages in the whole huge pages of `count` bytes at `base`, memory not touched yet
/// that a large data file is about to be read into a window at a time (`FileWindows`): one page
/// fault, and one page to clear, per 2 MB instead of per 4 KB (at 200 MB, 50,000 faults fewer).
/// Only from 64 MB: below, the memory held in part-used huge pages (5 MB more at 20 MB) outweighs
/// the faults saved. (An import's source, read whole at once, was slower so: 540 → 590 ms at 43 MB.)
/// A hint: where the system gives none (transparent huge pages off), nothing changes. Returns
/// whether it asked.
package func adviseHugePages(_ base: UnsafeMutableRawPointer, _ count: Int) -> Bool {
    #if os(Linux)
    guard count >= 64 << 20 else { return false }
    let first = (Int(bitPattern: base) + hugePageBytes - 1) / hugePageBytes * hugePageBytes
    let last = (Int(bitPattern: base) + count) / hugePageBytes * hugePageBytes
    return last > first && madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_HUGEPAGE) == 0
    #else
    return false
    #endif
}
