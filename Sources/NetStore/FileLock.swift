#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing
import Synchronization

/// An exclusive lock on a data file, held while a program has it open for writing, so there are
/// never two writers. It is an `flock` on `FILE.lock` beside the file as resolved (`Store.resolvedPath`:
/// one lock file however the file is named — relative, `./x`, a symbolic link), and, while the
/// file exists, an `flock` on the data file itself, which a hard link by another name also finds.
/// The kernel drops both when the holder exits or is killed: a stale lock never blocks. The lock
/// file records the holder's pid for messages; it is never followed if it is a link.
///
/// However the program ends — `release()`, the lock's `deinit`, or an exit that skips both
/// (`exit()` with a network too large to free on the way out, an error thrown out of `main`) — the
/// lock file goes with the lock: every lock held is released by the process's exit handler
/// (`HeldLocks`), so no path out of the program has to remember it.
public final class FileLock: Sendable {
    public enum Outcome {
        case acquired(FileLock)
        /// Someone else holds it; their pid when the lock file names one.
        case held(pid: Int32?)
    }

    public let lockPath: String
    /// The data file as resolved.
    public let filePath: String
    /// The lock file's descriptor (-1 once released) and the data file's, locked too (-1 while it
    /// does not exist): a save on another thread adopts a new data file (`adoptDataFile`).
    private let fds: Mutex<(lock: Int32, data: Int32)>

    private init(lockPath: String, filePath: String, fd: Int32, dataFD: Int32) {
        self.lockPath = lockPath
        self.filePath = filePath
        self.fds = Mutex((fd, dataFD))
        HeldLocks.add(fd, lockPath)
    }

    deinit { release() }

    public static func lockPath(for path: String) -> String { Store.resolvedPath(path) + ".lock" }

    public static func acquire(for path: String) throws(StoreError) -> Outcome {
        let filePath = Store.resolvedPath(path)
        let lockPath = filePath + ".lock"
        for _ in 0..<10 {
            let fd = try openLockFile(lockPath)
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let pid = readPID(fd)
                close(fd)
                return .held(pid: pid)
            }
            // The holder may have removed the file between our open and flock: then we locked an
            // orphan, so try again on the file that is there now.
            var mine = stat(), there = stat()
            guard fstat(fd, &mine) == 0, lstat(lockPath, &there) == 0, mine.st_ino == there.st_ino, mine.st_dev == there.st_dev else {
                close(fd)
                continue
            }
            // The data file by any other name (a hard link) is locked by whoever has it open.
            let dataFD = lockData(filePath)
            if dataFD == -2 {
                unlink(lockPath)
                close(fd)
                return .held(pid: FileIdentity(path: filePath).flatMap(flockHolder))
            }
            let text = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return .acquired(FileLock(lockPath: lockPath, filePath: filePath, fd: fd, dataFD: dataFD))
        }
        throw StoreError("cannot lock \(path): the lock file keeps changing")
    }

    /// The lock file, opened or created without following a link, and refused unless it is a
    /// regular file (a link planted there would have the pid written over whatever it points at).
    private static func openLockFile(_ lockPath: String) throws(StoreError) -> Int32 {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            var st = stat()
            if lstat(lockPath, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
                throw StoreError("cannot use the lock file \(lockPath): it is \(Store.kindName(st.st_mode)), not a regular file; it was not followed (remove it if you did not put it there)")
            }
            throw StoreError("cannot create the lock file \(lockPath): \(String(cString: strerror(code)))")
        }
        var st = stat()
        if fstat(fd, &st) != 0 || (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw StoreError("cannot use the lock file \(lockPath): it is \(Store.kindName(st.st_mode)), not a regular file (remove it if you did not put it there)")
        }
        return fd
    }

    /// An flock on the data file `path` (already resolved): its descriptor, -1 when there is no
    /// regular file to lock, -2 when another holds it.
    private static func lockData(_ path: String) -> Int32 {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return -1 }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return -1
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return errno == EWOULDBLOCK ? -2 : -1
        }
        return fd
    }

    /// Whether another lock than this one is held on the file `path` names (any of its names), and
    /// the holder's pid when known — without taking it: for a writer that must not replace a data
    /// file in use (`nettui export -o`). A momentary shared lock, dropped at once.
    public static func holder(of path: String) -> Outcome? {
        let filePath = Store.resolvedPath(path)
        func busy(_ fd: Int32) -> Bool {
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
            if flock(fd, LOCK_SH | LOCK_NB) == 0 {
                flock(fd, LOCK_UN)
                return false
            }
            return errno == EWOULDBLOCK
        }
        let lockFD = open(filePath + ".lock", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if lockFD >= 0 {
            let pid = readPID(lockFD)
            if busy(lockFD) { return .held(pid: pid) }
        }
        let dataFD = open(filePath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if dataFD >= 0, busy(dataFD) { return .held(pid: FileIdentity(path: filePath).flatMap(flockHolder)) }
        return nil
    }

    /// Who holds an `flock` on the file `id` (for a file locked under another name, whose lock file
    /// cannot be found by name), from the kernel's table `/proc/locks`: nil where there is none, or
    /// when the file system reports other numbers there.
    static func flockHolder(of id: FileIdentity) -> Int32? {
        guard let table = try? Store.readSource("/proc/locks") else { return nil }
        // The kernel's encoding of a dev_t (glibc's major/minor are macros Swift cannot call).
        let dev = id.device
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff), minor = (dev & 0xff) | ((dev >> 12) & ~0xff)
        for line in table.split(separator: UInt8(ascii: "\n")) {
            // "1: FLOCK  ADVISORY  WRITE 24130 fe:00:16220257 0 EOF"; "1: -> …" is a waiter.
            let f = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard f.count >= 6, f[1] == "FLOCK" else { continue }
            let where_ = f[5].split(separator: ":")
            guard where_.count == 3, UInt64(where_[0], radix: 16) == major, UInt64(where_[1], radix: 16) == minor,
                  UInt64(where_[2]) == id.inode else { continue }
            return Int32(f[4])
        }
        return nil
    }

    /// Whether `path` names the file this lock is on.
    public func covers(_ path: String) -> Bool {
        if Store.resolvedPath(path) == filePath { return true }
        guard let mine = fds.withLock({ $0.data >= 0 ? FileIdentity(fd: $0.data) : nil }) else { return false }
        return FileIdentity(path: path) == mine
    }

    /// A save has renamed a new file, open as `fd`, over the data file: it is the one locked from
    /// now on. `Store.write` flocks it before the rename, so the new file is never unlocked.
    func adoptDataFile(_ fd: Int32) {
        fds.withLock {
            if $0.data >= 0 { close($0.data) }
            $0.data = fd
        }
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buf[0..<n], as: UTF8.self).trimmingWhitespace)
    }

    /// Removes the lock file and drops the lock. Safe to call twice.
    public func release() {
        fds.withLock {
            guard $0.lock >= 0 else { return }
            HeldLocks.remove($0.lock)
            unlink(lockPath)
            close($0.lock)
            if $0.data >= 0 { close($0.data) }
            $0 = (-1, -1)
        }
    }
}

/// The lock files this process holds, by the descriptor its `flock` is on: at exit (`exit()`, a
/// return from `main`) each is removed, as `FileLock.release` would, before the kernel drops the
/// locks with the descriptors. Registered with `atexit` when the first lock is taken; a child
/// process (`posix_spawn`, a fork) never removes its parent's.
enum HeldLocks {
    private static let held = Mutex<[Int32: String]>([:])
    private static let owner = getpid()
    private static let atExit: Void = { atexit { HeldLocks.releaseAll() } }()

    static func add(_ fd: Int32, _ lockPath: String) {
        _ = atExit
        held.withLock { $0[fd] = lockPath }
    }

    static func remove(_ fd: Int32) {
        _ = held.withLock { $0.removeValue(forKey: fd) }
    }

    private static func releaseAll() {
        guard getpid() == owner else { return }
        let all: [Int32: String] = held.withLock { h in
            let all = h
            h = [:]
            return all
        }
        for (fd, lockPath) in all {
            unlink(lockPath)
            close(fd)
        }
    }
}
