#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

extension Store {
    /// Writes an output that is not the data file (an export) to `path`. A device, a FIFO or any
    /// other file that is not a regular one (`/dev/stdout`, `/dev/null`, a pipe a program reads)
    /// is written to directly: no temporary file, no rename, no `.bak`. A regular file is replaced
    /// as a save replaces the data file (`write`), but never a data file that some nettui has open,
    /// and a NetTUI data file only when `replacingDataFile` (`--force`; `howToReplace` says how to
    /// ask for it). A FIFO with no reader is waited on, as a shell's `>` does, unless
    /// `waitForReader` is false (the dashboard). `content` writes to the sink it is given; an error
    /// it throws (a `WriteFailure`, its own) refuses the output with its message. Returns a warning
    /// when no `.bak` could be kept.
    @discardableResult
    public static func writeOutput(to path: String, replacingDataFile: Bool = false, howToReplace: String? = nil,
                                   waitForReader: Bool = true, _ content: (ByteSink) throws -> Void) throws(StoreError) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return try write(to: path, content).warning }
        switch st.st_mode & S_IFMT {
        case S_IFREG:
            if case .held(let pid) = FileLock.holder(of: path) {
                throw StoreError("\(path) is a data file open in nettui\(pid.map { " (pid \($0))" } ?? ""); an export never replaces it")
            }
            if !replacingDataFile && isDataFile(path) {
                throw StoreError("\(path) is a NetTUI data file; an export would replace it" + (howToReplace.map { " (\($0))" } ?? ""))
            }
            return try write(to: path, content).warning
        case S_IFDIR:
            throw StoreError("cannot write to \(path): it is a folder")
        default:
            let fd = open(path, O_WRONLY | O_CLOEXEC | (waitForReader ? 0 : O_NONBLOCK))
            guard fd >= 0 else {
                let why = errno == ENXIO ? "no program is reading from it" : errnoText()
                throw StoreError("cannot write to \(path): \(why)")
            }
            defer { close(fd) }
            if !waitForReader { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) }
            do { try content(ByteSink(fd: fd)) } catch { throw StoreError("cannot write to \(path): \(error)") }
            return nil
        }
    }

    /// Whether the regular file at `path` is a NetTUI data file, judged cheaply: a JSON object
    /// (after any BOM and white space) with `"schemaVersion"` in its first or last 64 KiB (the keys
    /// are written in order, so it sits near the end, before the small `scheme`).
    public static func isDataFile(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return false }
        let window = 64 << 10
        func chunk(at offset: Int) -> [UInt8] {
            var buf = [UInt8](repeating: 0, count: window)
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(offset)) }
            return n > 0 ? Array(buf[0..<n]) : []
        }
        let head = chunk(at: 0)
        var body = head[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).first == UInt8(ascii: "{") else { return false }
        let key = Array("\"schemaVersion\"".utf8)
        func has(_ bytes: [UInt8]) -> Bool {
            guard bytes.count >= key.count else { return false }
            return (0...(bytes.count - key.count)).contains { i in bytes[i] == key[0] && bytes[i..<(i + key.count)].elementsEqual(key) }
        }
        return has(head) || (st.st_size > window && has(chunk(at: Int(st.st_size) - window)))
    }
}
