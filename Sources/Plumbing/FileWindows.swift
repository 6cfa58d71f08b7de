#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read into memory the size of the file a window at a time, each byte at its offset, for
/// `FastDecoder.decode(file:size:)`: the decoder reads a window, hands its pages back and reads the
/// next, so that the whole file is never in memory at once. The memory is this object's own: an
/// anonymous mapping, zeros until a window is read into it (and again once its pages are handed
/// back), unmapped when the last reference goes. So every byte of it is always initialised, and
/// it outlives every decoder (each holds a reference) that reads it. Bytes outside what a decoder
/// has read are not to be read: the decoder keeps to its window (its reads are bounded by it). The
/// chunks of a list, read on several threads, each read their own part.
package final class FileWindows: @unchecked Sendable {
    package let size: Int
    package let windowBytes: Int
    /// Whether the memory asked for huge pages (`adviseHugePages`; a large file's, untouched yet).
    package let hugePages: Bool
    private let fd: Int32
    private let buffer: UnsafeMutablePointer<UInt8>

    /// Nil when the memory cannot be mapped (or `size` is not positive).
    package init?(fd: Int32, size: Int, windowBytes: Int) {
        guard size > 0 else { return nil }
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        (self.fd, self.size, self.windowBytes) = (fd, size, windowBytes)
        buffer = mapped.bindMemory(to: UInt8.self, capacity: size)
        hugePages = adviseHugePages(mapped, size)
    }

    deinit { munmap(buffer, size) }

    /// The first byte of the file's memory (valid while this object lives).
    package var base: UnsafePointer<UInt8> { UnsafePointer(buffer) }

    /// Reads `range` of the file into place; false when it cannot (an error, or the file is shorter now).
    package func load(_ range: Range<Int>) -> Bool {
        read(range, into: buffer + range.lowerBound)
    }

    private func read(_ range: Range<Int>, into out: UnsafeMutablePointer<UInt8>) -> Bool {
        var done = 0
        while done < range.count {
            let n = pread(fd, out + done, range.count - done, off_t(range.lowerBound + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// The offset of the first `needle` in `from..<to`, read a block at a time into a small buffer
    /// of its own (the file's memory is not touched). Nil when it is not there, or the file cannot
    /// be read. A long stretch (the end of a list of 100 MB, say) is searched in parts on every
    /// core, each part reaching far enough into the next to hold a needle that starts in it: the
    /// first part with a hit has the first needle.
    package func find(_ needle: [UInt8], from: Int, to: Int) -> Int? {
        let parts = to - from >= Self.partBytes ? Cores.count : 1
        let hits = inParallel(parts) { k in
            find(needle, in: from + (to - from) * k / parts, min(to, from + (to - from) * (k + 1) / parts + needle.count - 1))
        }
        for hit in hits {
            guard hit.read else { return nil }
            if let at = hit.at { return at }
        }
        return nil
    }

    /// The length from which `find` searches in parts.
    package static let partBytes = 8 << 20

    /// The first `needle` in `from..<to`, and whether every block could be read.
    private func find(_ needle: [UInt8], in from: Int, _ to: Int) -> (at: Int?, read: Bool) {
        let blockBytes = 1 << 20
        guard blockBytes > needle.count else { return (nil, false) }
        var block = [UInt8](repeating: 0, count: blockBytes)
        return block.withUnsafeMutableBufferPointer { block -> (at: Int?, read: Bool) in
            var at = from
            while to - at >= needle.count {
                let stop = min(to, at + blockBytes)
                guard read(at..<stop, into: block.baseAddress!) else { return (nil, false) }
                if let hit = findBytes(needle, in: block.baseAddress!, from: 0, to: stop - at, byLast: true) { return (at + hit, true) }
                // The next block starts where a needle cut by this one's end would.
                at = stop == to ? to : stop - (needle.count - 1)
            }
            return (nil, true)
        }
    }
}

