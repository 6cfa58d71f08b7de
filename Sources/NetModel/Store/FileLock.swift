#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a data file, held while a program has it open for writing, so there are
/// never two writers. It is an `flock` on `PATH.lock`, which the kernel drops when the holder
/// exits or is killed: a stale lock never blocks. The file records the holder's pid for messages.
public final class FileLock {
    public enum Outcome {
        case acquired(FileLock)
        /// Someone else holds it; their pid when the lock file names one.
        case held(pid: Int32?)
    }

    public let lockPath: String
    private var fd: Int32

    private init(lockPath: String, fd: Int32) {
        self.lockPath = lockPath
        self.fd = fd
    }

    deinit { release() }

    public static func lockPath(for path: String) -> String { path + ".lock" }

    public static func acquire(for path: String) throws(StoreError) -> Outcome {
        let lockPath = lockPath(for: path)
        for _ in 0..<10 {
            let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw StoreError("cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let pid = readPID(fd)
                close(fd)
                return .held(pid: pid)
            }
            // The holder may have removed the file between our open and flock: then we locked an
            // orphan, so try again on the file that is there now.
            var mine = stat(), there = stat()
            if fstat(fd, &mine) == 0, stat(lockPath, &there) == 0, mine.st_ino == there.st_ino, mine.st_dev == there.st_dev {
                let text = Array("\(getpid())\n".utf8)
                _ = ftruncate(fd, 0)
                _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                return .acquired(FileLock(lockPath: lockPath, fd: fd))
            }
            close(fd)
        }
        throw StoreError("cannot lock \(path): the lock file keeps changing")
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingWhitespace)
    }

    /// Removes the lock file and drops the lock. Safe to call twice.
    public func release() {
        guard fd >= 0 else { return }
        unlink(lockPath)
        close(fd)
        fd = -1
    }
}
