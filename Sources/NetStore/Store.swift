#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

/// What went wrong reading or writing a data file, in words for the person at the keyboard.
public struct StoreError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var problems: [Problem]

    public init(_ message: String, problems: [Problem] = []) {
        self.message = message
        self.problems = problems
    }

    public var description: String { message }
}

/// Reading and writing the data file. All file I/O of the document goes through here.
public enum Store {
    /// A loaded file, and why it must stay read-only (a newer schema), if it must.
    public struct Loaded: Sendable {
        /// The network with its log's index, for the rules (`exitCandidates`, `Briefing`, reports).
        public var view: NetworkView
        public var network: Network { view.network }
        public var readOnlyReason: String?
        /// The file as it was read, for noticing a change made outside before the next save.
        public var stamp: FileStamp?
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The largest file `readBytes` reads (256 MiB; a data file of 5,000 contacts is about 4 MB): a
    /// larger one is refused at once instead of filling the memory. A save never writes a larger
    /// one (`write`): what the program writes, it reads.
    public static let maxFileBytes = 256 << 20

    /// The file open for reading, with its size; nil when it does not exist. The caller closes it.
    /// A data file must be a regular file: it is opened without waiting (a FIFO would block the
    /// open, and its reads forever) and anything else is refused before a byte is read. A `source`
    /// to import may also be a pipe (`<(…)`) or a device, read to its end. A `sideFile` (the rescued
    /// edits and their base) is read as it is saved (`saveSideFile`): a symbolic link at its name is
    /// refused, never followed, and so is anything else that is not a regular file.
    private static func openData(_ path: String, source: Bool = false, sideFile: Bool = false) throws(StoreError) -> (fd: Int32, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (source ? 0 : O_NONBLOCK) | (sideFile ? O_NOFOLLOW : 0))
        if fd < 0 {
            if errno == ENOENT { return nil }
            var st = stat()
            if sideFile && errno == ELOOP && lstat(path, &st) == 0 {
                throw StoreError("\(path) is \(kindName(st.st_mode)), not a regular file; it was not followed (remove it if you did not put it there)")
            }
            throw StoreError("cannot open \(path): \(errnoText())")
        }
        var st = stat()
        let kind = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0
        let problem: StoreError? = if sideFile && kind != S_IFREG {
            StoreError("\(path) is \(kindName(st.st_mode)), not a regular file; it was not read (remove it if you did not put it there)")
        } else if kind == S_IFDIR {
            StoreError("\(path) is a folder, not a data file")
        } else if kind != S_IFREG && !source {
            StoreError("\(path) is \(kindName(st.st_mode)), not a regular file: a data file must be a regular file")
        } else if st.st_size > maxFileBytes {
            tooLarge(path)
        } else {
            nil
        }
        if let problem {
            close(fd)
            throw problem
        }
        if !source { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
        return (fd, max(0, Int(st.st_size)))
    }

    private static func tooLarge(_ path: String) -> StoreError {
        StoreError("\(path) is too large: a data file may be at most \(maxFileBytes >> 20) MiB")
    }

    /// Reads the whole file, which must be a regular file. Returns nil when it does not exist.
    public static func readBytes(_ path: String) throws(StoreError) -> [UInt8]? {
        try readBytes(path, source: false)
    }

    /// Reads a file to import whole: a regular file, or a pipe or device read to its end.
    public static func readSource(_ path: String) throws(StoreError) -> [UInt8]? {
        try readBytes(path, source: true)
    }

    private static func readBytes(_ path: String, source: Bool) throws(StoreError) -> [UInt8]? {
        guard let (fd, expected) = try openData(path, source: source) else { return nil }
        defer { close(fd) }
        return try readAll(fd, expected: expected, path: path)
    }

    /// The rest of an open file, `expected` bytes long when it was opened.
    private static func readAll(_ fd: Int32, expected: Int, path: String) throws(StoreError) -> [UInt8] {
        // Straight into the array, one byte more than the file's size: a file that has grown since
        // `fstat` reads on in chunks below.
        var failure: StoreError?
        var out = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            // A large file's first half is read on another core meanwhile (the copy from the page
            // cache and the fresh pages it fills are most of the time a read takes).
            if expected >= 16 << 20 {
                let half = expected / 2
                let shared = UncheckedSendable(buffer.baseAddress!)
                // Each half: 0 when read whole, else errno, or -1 when the file ended early.
                let halves = inParallel(2) { k -> Int32 in
                    let (from, to) = k == 0 ? (0, half) : (half, expected)
                    var at = from
                    while at < to {
                        let n = pread(fd, shared.value + at, to - at, off_t(at))
                        if n < 0 && errno == EINTR { continue }
                        if n < 0 { return errno }
                        if n == 0 { return -1 }
                        at += n
                    }
                    return 0
                }
                if let problem = halves.first(where: { $0 != 0 }) {
                    let why = problem < 0 ? "it got shorter while being read" : String(cString: strerror(problem))
                    failure = StoreError("cannot read \(path): \(why)")
                    return
                }
                count = expected
                // What follows (the file grew since `fstat`, or the one byte more) is read below.
                guard lseek(fd, off_t(expected), SEEK_SET) >= 0 else { return }
            }
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = StoreError("cannot read \(path): \(errnoText())")
                    return
                }
                if n == 0 { return }
                count += n
            }
        }
        if let failure { throw failure }
        if out.count <= expected { return out }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot read \(path): \(errnoText())")
            }
            if n == 0 { break }
            if out.count + n > maxFileBytes { throw tooLarge(path) }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Loads a data file; nil when it does not exist. A file with problems is refused with every
    /// problem listed, except a newer schema, which loads read-only.
    public static func load(_ path: String) throws(StoreError) -> Loaded? {
        try load(path, sideFile: false)
    }

    /// Loads a side file of a data file (the rescued edits, their base) as `load` does, but refuses
    /// a symbolic link or anything else that is not a regular file at its name without following
    /// or reading it: as `saveSideFile` never writes through one, nothing planted there is read.
    public static func loadSideFile(_ path: String) throws(StoreError) -> Loaded? {
        try load(path, sideFile: true)
    }

    private static func load(_ path: String, sideFile: Bool) throws(StoreError) -> Loaded? {
        guard let (decoded, stamp) = try decodeStamped(path, sideFile: sideFile) else { return nil }
        let future = decoded.problems.filter { $0.kind == .futureSchema }
        let fatal = decoded.problems.filter { $0.kind != .futureSchema }
        guard let view = decoded.view, fatal.isEmpty else {
            throw StoreError("\(path) cannot be opened: \(fatal.count) problem\(fatal.count == 1 ? "" : "s") found (run `nettui check \(path)` for all of them)",
                             problems: fatal)
        }
        return Loaded(view: view, readOnlyReason: future.first.map { "\($0.message); opened read-only" }, stamp: stamp)
    }

    /// The file read and decoded with every problem found (`NetworkCodec.decode`). Nil when it
    /// does not exist. A large file is read a window at a time as it is decoded, never whole in
    /// memory (`FastDecoder.decode(file:size:)`); when that gives up, the validating path reads the
    /// whole file, and finds every problem.
    public static func decode(_ path: String) throws(StoreError) -> NetworkCodec.Decoded? {
        try decodeStamped(path)?.decoded
    }

    /// `decode`, and the stamp of the file read: its `stat` before reading (a change while it is
    /// read makes the next save look at it again), with the hash of its bytes when they were read whole.
    /// A `sideFile` is refused unless it is a regular file (`loadSideFile`).
    public static func decodeStamped(_ path: String, sideFile: Bool = false) throws(StoreError) -> (decoded: NetworkCodec.Decoded, stamp: FileStamp)? {
        guard let (fd, size) = try openData(path, sideFile: sideFile) else { return nil }
        defer { close(fd) }
        var st = stat()
        fstat(fd, &st)
        let windowed = size >= NetworkCodec.windowedBytes
        // The windowed decoder gives up when the file's size or time changed while it read.
        if windowed, let fast = FastDecoder.decode(file: fd, size: size) { return (NetworkCodec.checked(fast), FileStamp(st)) }
        let bytes = try readAll(fd, expected: size, path: path)
        return (windowed ? NetworkCodec.decodeTree(bytes) : NetworkCodec.decode(bytes), FileStamp(st, hash: ContentHash.of(bytes)))
    }

    /// What a write did when it succeeded: the stamp of the file written (a save's check for outside
    /// changes compares against it), and a warning when the previous version could not be kept as
    /// `PATH.bak` (the save itself is done).
    public struct Written: Sendable, Equatable {
        public var stamp: FileStamp
        public var warning: String?
    }

    /// Saves atomically: the bytes go to a temporary file in the same folder, which is flushed to
    /// disk and then renamed over the old file, so the file on disk is always either the old or
    /// the new version. The previous version is kept as `PATH.bak`. A file that exists keeps its
    /// owner, group and mode (a team may share one 0640); a new file is 0600. A write-protected
    /// file (no owner-write bit, `writeProtection`) or one that is not a regular file is refused.
    /// `lock`, when the saver holds the file's lock, moves to the new file with the rename.
    /// The bytes are written as they are encoded, a few megabytes at a time: the file is never
    /// whole in memory (at 100,000 contacts, 190 MiB less while saving).
    /// This writes over whatever is there; `save(_:base:onDisk:to:lock:)` first merges a change
    /// another program made since the file was read. A save that would write a file larger than
    /// `maxFileBytes`, or a string longer than the reader takes, is refused before the old file is
    /// touched: what the program writes, it reads.
    @discardableResult
    public static func save(_ network: Network, to path: String, lock: FileLock? = nil) throws(StoreError) -> Written {
        try save(network, to: path, lock: lock, maxBytes: maxFileBytes)
    }

    /// `save`, a file of at most `maxBytes` (for tests: the real limit takes 256 MiB to reach).
    @discardableResult
    static func save(_ network: Network, to path: String, lock: FileLock? = nil, maxBytes: Int) throws(StoreError) -> Written {
        try write(to: path, lock: lock, maxBytes: maxBytes, encoding(network, for: path, maxBytes: maxBytes))
    }

    /// A side file of a data file (the rescued edits and their base): saved like the data file, but
    /// a symbolic link or anything else that is not a regular file at its name is refused, never
    /// followed, and it is always mode 0600 and the saver's.
    @discardableResult
    public static func saveSideFile(_ network: Network, to path: String) throws(StoreError) -> Written {
        try write(to: path, sideFile: true, maxBytes: maxFileBytes, encoding(network, for: path, maxBytes: maxFileBytes))
    }

    /// The content of a save of `network` to `path`: the encoder stops at the first byte past
    /// `maxBytes` or at a string the reader would refuse, and the save is refused with why.
    static func encoding(_ network: Network, for path: String, maxBytes: Int) -> (ByteSink) throws -> Void {
        { sink in
            switch FastEncoder.encode(network, to: sink.fd, maxBytes: maxBytes) {
            case nil: return
            case .failed(let error)?: throw WriteFailure(code: error)
            case .tooLarge?: throw tooLargeToSave(path, maxBytes: maxBytes)
            case .overlongString?:
                let what = NetworkCodec.overlongString(in: network) ?? "a text"
                throw StoreError("cannot save \(path): \(what); the file on disk is unchanged")
            }
        }
    }

    /// A data file's bytes, saved as `save` saves (at most `maxFileBytes`).
    @discardableResult
    public static func write(_ bytes: [UInt8], to givenPath: String) throws(StoreError) -> Written {
        try write(to: givenPath, maxBytes: maxFileBytes) { try $0.write(bytes) }
    }

    private static func tooLargeToSave(_ path: String, maxBytes: Int) -> StoreError {
        StoreError("cannot save \(path): it would be larger than \(byteSize(maxBytes)), the most a data file may be (this program would refuse to open it); the file on disk is unchanged")
    }

    /// `256 MiB`, or a number of bytes that is no whole number of MiB.
    static func byteSize(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// `write`, the content written to the temporary file by `content`, as it is made (never whole
    /// in memory). An error `content` throws (a `WriteFailure`, a `StoreError`, its own) refuses
    /// the save with its message, and the file is left as it was.
    /// With `maxBytes`, a temporary file that ends up larger than that is never renamed into place:
    /// the one limit the reader (`maxFileBytes`) and every save share; an export has none.
    @discardableResult
    public static func write(to givenPath: String, lock: FileLock? = nil, sideFile: Bool = false, maxBytes: Int? = nil,
                             _ content: (ByteSink) throws -> Void) throws(StoreError) -> Written {
        try write(to: givenPath, lock: lock, sideFile: sideFile, maxBytes: maxBytes, content, if: nil)!
    }

    /// `write`, replacing the file only if `stillSo()` holds once the new bytes are on disk, just
    /// before the rename; nil, and the file left as it is, when it does not.
    static func write(to givenPath: String, lock: FileLock? = nil, sideFile: Bool = false, maxBytes: Int? = nil,
                      _ content: (ByteSink) throws -> Void, if stillSo: (() -> Bool)?) throws(StoreError) -> Written? {
        let path = sideFile ? givenPath : followingSymlink(givenPath)
        var st = stat()
        let old: stat? = lstat(path, &st) == 0 ? st : nil
        if let old {
            let kind = old.st_mode & S_IFMT
            if sideFile && kind != S_IFREG {
                throw StoreError("cannot save to \(path): it is \(kindName(old.st_mode)), not a regular file; it was not followed or replaced (remove it if you did not put it there)")
            }
            if kind != S_IFREG && kind != S_IFDIR && kind != S_IFLNK {
                throw StoreError("cannot save to \(path): it is \(kindName(old.st_mode)), not a regular file; nothing was written")
            }
            if !sideFile, let why = writeProtection(path) {
                throw StoreError("cannot save to \(path): \(why); the file on disk is unchanged")
            }
        }
        let oldFile: stat? = old.flatMap { ($0.st_mode & S_IFMT) == S_IFREG ? $0 : nil }
        // A data file keeps its owner, group and mode; anything new, and a side file, is 0600.
        let keep = sideFile ? nil : oldFile
        let dir = directory(of: path)
        let tmp = dir + "/" + tempPrefix(of: path) + "\(getpid())"
        // Before writing, so that however many saves are killed there is never more than one
        // temporary file (the last killed one's) in the folder.
        removeStaleTemps(of: path)
        // Anything already at this name was left by an earlier process with our pid: replace it.
        // O_EXCL | O_NOFOLLOW: a symlink or FIFO planted there is never followed or waited on.
        unlink(tmp)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError("cannot save to \(path): cannot create a file in \(dir) (\(baseName(of: tmp))): \(errnoText()); the file on disk is unchanged")
        }
        var ok = false
        var fdOpen = true
        defer {
            if fdOpen { close(fd) }
            if !ok { unlink(tmp) }
        }
        do {
            try content(ByteSink(fd: fd))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot save to \(path): \(error); the file on disk is unchanged")
        }
        var size = stat()
        if let maxBytes, fstat(fd, &size) == 0, Int(size.st_size) > maxBytes {
            throw tooLargeToSave(path, maxBytes: maxBytes)
        }
        if let keep {
            // Owner and group first: a change of owner may clear mode bits. Only root can give a
            // file to another user; anyone else's save leaves it theirs, as any editor would.
            if keep.st_uid != geteuid() || keep.st_gid != getegid() { _ = fchown(fd, keep.st_uid, keep.st_gid) }
            _ = fchmod(fd, keep.st_mode & 0o777)
        }
        if fsync(fd) != 0 {
            throw StoreError("cannot save to \(path): \(errnoText()); the file on disk is unchanged")
        }
        // The holder's lock on the data file moves to the new file, locked before it is in place.
        let handOver = lock.map { $0.filePath == resolvedPath(path) && flock(fd, LOCK_EX | LOCK_NB) == 0 } ?? false
        var written = stat()
        fstat(fd, &written)
        if !handOver {
            close(fd)
            fdOpen = false
        }
        if let stillSo, !stillSo() { return nil }
        // Keep the old version as .bak: a hard link costs nothing and leaves PATH in place until the rename.
        // The old version becomes PATH.bak by a rename too, so a kill at any moment leaves either
        // the previous .bak or the new one, never none.
        var warning: String?
        if let oldFile {
            let bak = path + ".bak", bakTmp = tmp + "-bak"
            unlink(bakTmp)
            var kept = link(path, bakTmp) == 0
            if !kept {
                do { try copyFile(path, to: bakTmp, like: oldFile); kept = true } catch {
                    warning = "no backup could be kept: \(error.message)"
                }
            }
            // When PATH and PATH.bak are already one file (a save killed between its two renames),
            // rename succeeds without doing anything and leaves bakTmp: remove it either way.
            if kept && rename(bakTmp, bak) != 0 {
                var b = stat()
                let why = lstat(bak, &b) == 0 && (b.st_mode & S_IFMT) == S_IFDIR ? "is a folder" : "cannot be replaced: \(errnoText())"
                warning = "no backup could be kept: \(bak) \(why)"
            }
            unlink(bakTmp)
        }
        guard rename(tmp, path) == 0 else { throw StoreError("cannot save to \(path): \(errnoText()); the file on disk is unchanged") }
        ok = true
        if handOver, let lock {
            lock.adoptDataFile(fd)
            fdOpen = false
        }
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
        // The file's stamp after the rename (which may change its status time) — unless another
        // program replaced it meanwhile: then the written file's own, which the next save finds changed.
        var now = stat()
        let same = stat(path, &now) == 0 && now.st_dev == written.st_dev && now.st_ino == written.st_ino
        return Written(stamp: FileStamp(same ? now : written), warning: warning)
    }

    /// The temporary file of a save is this prefix followed by the saving process's pid.
    static func tempPrefix(of path: String) -> String { "." + baseName(of: path) + ".tmp-" }

    /// Removes the temporary files that saves of `path` by processes no longer running left behind
    /// (a process killed mid-save cannot clean up), so they never accumulate. A live process's
    /// temporary file is left alone.
    static func removeStaleTemps(of path: String) {
        let dir = directory(of: path)
        let prefix = Array(tempPrefix(of: path).utf8)
        guard let d = opendir(dir) else { return }
        defer { closedir(d) }
        while let entry = readdir(d) {
            let name = direntName(entry)
            guard name.count > prefix.count, name.starts(with: prefix) else { continue }
            // PID, or PID-bak for the old version on its way to PATH.bak.
            var digits = name[prefix.count...]
            if digits.count > 4, digits.suffix(4).elementsEqual("-bak".utf8) { digits = digits.dropLast(4) }
            guard digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + String(decoding: name, as: UTF8.self)) }
        }
    }

    /// The name in a directory entry, read where it lies up to its NUL. (Not `entry.pointee.d_name`:
    /// that copies all 256 bytes of the field, and an entry is only as long as its name, so for the
    /// last entry `readdir` has buffered the copy reads past the buffer — AddressSanitizer's
    /// heap-buffer-overflow in `ExportTests`.)
    static func direntName(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let name = UnsafeRawPointer(entry).advanced(by: MemoryLayout<dirent>.offset(of: \.d_name)!)
            .assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: name, count: strlen(name)))
    }

    /// A data file reached through a symbolic link is saved where the link points, so the rename
    /// replaces the file and not the link.
    static func followingSymlink(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A copy of `from` at the new name `to`, with the owner, group and mode of `like`.
    static func copyFile(_ from: String, to: String, like: stat) throws(StoreError) {
        guard let bytes = try readBytes(from) else { throw StoreError("\(from) vanished") }
        let fd = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError("cannot create \(to): \(errnoText())") }
        defer { close(fd) }
        if let failed = bytes.withUnsafeBytes({ writeAll(fd, $0) }) { throw StoreError("cannot write \(to): \(String(cString: strerror(failed)))") }
        _ = fchown(fd, like.st_uid, like.st_gid)
        _ = fchmod(fd, like.st_mode & 0o777)
    }

    /// Where unsaved edits go when the program is stopped by a signal; the next start offers them back.
    public static func recoveryPath(for path: String) -> String { path + ".unsaved.json" }

    /// The network the rescued edits were made on (the file as last read or saved), written with
    /// them: the base for merging them into a file changed since.
    public static func recoveryBasePath(for path: String) -> String { path + ".unsaved.base.json" }

    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    public static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Creates a folder and its parents (mode 0700: they hold personal data).
    public static func makeDirectories(_ dir: String) throws(StoreError) {
        var current = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw StoreError("cannot create the folder \(current): \(errnoText())")
            }
        }
    }
}
