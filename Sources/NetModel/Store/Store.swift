#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        public var network: Network
        public var readOnlyReason: String?
        /// The log's index of `network`, for the rules (`exitCandidates`, `Briefing`, reports).
        public var logIndex: LogIndex
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The largest file `readBytes` reads (256 MiB; a data file of 5,000 contacts is about 4 MB): a
    /// larger one is refused at once instead of filling the memory. A save never writes a larger
    /// one (`write`): what the program writes, it reads.
    public static let maxFileBytes = 256 << 20

    /// The file open for reading, with its size; nil when it does not exist. The caller closes it.
    private static func openData(_ path: String) throws(StoreError) -> (fd: Int32, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw StoreError("cannot open \(path): \(errnoText())")
        }
        var st = stat()
        let problem: StoreError? = if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            StoreError("\(path) is a folder, not a data file")
        } else if st.st_size > maxFileBytes {
            tooLarge(path)
        } else {
            nil
        }
        if let problem {
            close(fd)
            throw problem
        }
        return (fd, max(0, Int(st.st_size)))
    }

    private static func tooLarge(_ path: String) -> StoreError {
        StoreError("\(path) is too large: a data file may be at most \(maxFileBytes >> 20) MiB")
    }

    /// Reads the whole file. Returns nil when it does not exist.
    public static func readBytes(_ path: String) throws(StoreError) -> [UInt8]? {
        guard let (fd, expected) = try openData(path) else { return nil }
        defer { close(fd) }
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
        guard let decoded = try decode(path) else { return nil }
        let future = decoded.problems.filter { $0.kind == .futureSchema }
        let fatal = decoded.problems.filter { $0.kind != .futureSchema }
        guard let network = decoded.network, let logIndex = decoded.logIndex, fatal.isEmpty else {
            throw StoreError("\(path) cannot be opened: \(fatal.count) problem\(fatal.count == 1 ? "" : "s") found (run `nettui check \(path)` for all of them)",
                             problems: fatal)
        }
        return Loaded(network: network, readOnlyReason: future.first.map { "\($0.message); opened read-only" }, logIndex: logIndex)
    }

    /// The file read and decoded with every problem found (`NetworkCodec.decode`). Nil when it
    /// does not exist. A large file is read a window at a time as it is decoded, never whole in
    /// memory (`FastDecoder.decode(file:size:)`); when that gives up, the validating path reads the
    /// whole file, and finds every problem.
    public static func decode(_ path: String) throws(StoreError) -> NetworkCodec.Decoded? {
        guard let (fd, size) = try openData(path) else { return nil }
        let windowed = size >= NetworkCodec.windowedBytes
        let fast = windowed ? FastDecoder.decode(file: fd, size: size) : nil
        close(fd)
        if let fast { return NetworkCodec.checked(fast) }
        guard let bytes = try readBytes(path) else { return nil }
        return windowed ? NetworkCodec.decodeTree(bytes) : NetworkCodec.decode(bytes)
    }

    /// Saves atomically: the bytes go to a temporary file in the same folder (mode 0600), which is
    /// flushed to disk and then renamed over the old file, so the file on disk is always either the
    /// old or the new version. The previous version is kept as `PATH.bak`.
    /// The bytes are written as they are encoded, a few megabytes at a time: the file is never
    /// whole in memory (at 100,000 contacts, 190 MiB less while saving).
    /// A save that would write a file larger than `maxBytes`, or a string longer than the reader
    /// takes, is refused before the old file is touched.
    public static func save(_ network: Network, to path: String) throws(StoreError) {
        try save(network, to: path, maxBytes: maxFileBytes)
    }

    /// `save`, a file of at most `maxBytes` (for tests: the real limit takes 256 MiB to reach).
    static func save(_ network: Network, to path: String, maxBytes: Int) throws(StoreError) {
        try write(to: path, maxBytes: maxBytes) { fd throws(StoreError) in
            switch FastEncoder.encode(network, to: fd, maxBytes: maxBytes) {
            case nil: return nil
            case .failed(let error)?: return error
            case .tooLarge?: throw tooLargeToSave(path, maxBytes: maxBytes)
            case .overlongString?:
                let what = NetworkCodec.overlongString(in: network) ?? "a text"
                throw StoreError("cannot save \(path): \(what); the file on disk is unchanged")
            }
        }
    }

    /// A data file's bytes, saved as `save` saves (at most `maxFileBytes`).
    public static func write(_ bytes: [UInt8], to givenPath: String) throws(StoreError) {
        try write(to: givenPath, maxBytes: maxFileBytes) { fd in bytes.withUnsafeBytes { writeAll(fd, $0) } }
    }

    private static func tooLargeToSave(_ path: String, maxBytes: Int) -> StoreError {
        StoreError("cannot save \(path): it would be larger than \(byteSize(maxBytes)), the most a data file may be (this program would refuse to open it); the file on disk is unchanged")
    }

    /// `256 MiB`, or a number of bytes that is no whole number of MiB.
    static func byteSize(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// `write`, the content written to the temporary file by `content`, which returns the error
    /// number of a failed write, or nil: for content made as it is written, never whole in memory.
    /// (An export's: no size limit; a data file's go through `save`.)
    public static func write(to givenPath: String, _ content: (Int32) throws(StoreError) -> Int32?) throws(StoreError) {
        try write(to: givenPath, maxBytes: nil, content)
    }

    /// `write`; with `maxBytes`, a temporary file that ends up larger than that is never renamed
    /// into place: the one limit the reader (`maxFileBytes`) and every save share.
    static func write(to givenPath: String, maxBytes: Int?, _ content: (Int32) throws(StoreError) -> Int32?) throws(StoreError) {
        let path = followingSymlink(givenPath)
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
        defer { if !ok { unlink(tmp) } }
        let failed: Int32?
        do {
            failed = try content(fd)
        } catch {
            close(fd)
            throw error
        }
        if let failed {
            close(fd)
            throw StoreError("cannot save to \(path): \(String(cString: strerror(failed))); the file on disk is unchanged")
        }
        var st = stat()
        if let maxBytes, fstat(fd, &st) == 0, Int(st.st_size) > maxBytes {
            close(fd)
            throw tooLargeToSave(path, maxBytes: maxBytes)
        }
        if fsync(fd) != 0 {
            let why = errnoText()
            close(fd)
            throw StoreError("cannot save to \(path): \(why); the file on disk is unchanged")
        }
        close(fd)
        // Keep the old version as .bak: a hard link costs nothing and leaves PATH in place until the rename.
        // The old version becomes PATH.bak by a rename too, so a kill at any moment leaves either
        // the previous .bak or the new one, never none.
        let bak = path + ".bak", bakTmp = tmp + "-bak"
        if access(path, F_OK) == 0 {
            unlink(bakTmp)
            if link(path, bakTmp) != 0 { try? copyFile(path, to: bakTmp) }
            chmod(bakTmp, 0o600)
            // When PATH and PATH.bak are already one file (a save killed between its two renames),
            // rename succeeds without doing anything and leaves bakTmp: remove it either way.
            rename(bakTmp, bak)
            unlink(bakTmp)
        }
        guard rename(tmp, path) == 0 else { throw StoreError("cannot save to \(path): \(errnoText()); the file on disk is unchanged") }
        ok = true
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
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
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            guard name.count > prefix.count, name.starts(with: prefix) else { continue }
            // PID, or PID-bak for the old version on its way to PATH.bak.
            var digits = name[prefix.count...]
            if digits.count > 4, digits.suffix(4).elementsEqual("-bak".utf8) { digits = digits.dropLast(4) }
            guard digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let pid = Int32(String(decoding: digits, as: UTF8.self)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + String(decoding: name, as: UTF8.self)) }
        }
    }

    /// A data file reached through a symbolic link is saved where the link points, so the rename
    /// replaces the file and not the link.
    static func followingSymlink(_ path: String) -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK, let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func copyFile(_ from: String, to: String) throws(StoreError) {
        guard let bytes = try readBytes(from) else { return }
        let fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError("cannot create \(to)") }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// Where unsaved edits go when the program is stopped by a signal; the next start offers them back.
    public static func recoveryPath(for path: String) -> String { path + ".unsaved.json" }

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
