#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NetModel
import Plumbing

/// Which file a path or descriptor is (device and inode): two names of one file, a symbolic link
/// or a hard link, have one identity.
public struct FileIdentity: Equatable, Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// The file `path` names (following links); nil when there is none.
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    init?(fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(st)
    }
}

extension Store {
    /// The file `path` names as one absolute path, however it is named (relative, `./x`, through a
    /// symbolic link): the realpath of the file, or of its folder followed by its name when it does
    /// not exist yet. `path` itself when not even its folder exists.
    public static func resolvedPath(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let dir = realpath(directory(of: path), nil) else { return path }
        defer { free(dir) }
        let folder = String(cString: dir)
        return (folder == "/" ? "" : folder) + "/" + baseName(of: path)
    }

    /// What is at a path, in the program's words.
    public enum PathKind: Equatable, Sendable {
        /// An ordinary file (reached through any links) of `size` bytes.
        case regular(size: Int, FileIdentity)
        /// Something else: a folder, a device, a FIFO… (`kindName`), also reached through links.
        case other(kind: String, FileIdentity)
        /// A symbolic link that leads nowhere.
        case danglingLink
    }

    /// What `path` names, following links; nil when nothing is there.
    public static func whatIsAt(_ path: String) -> PathKind? {
        var st = stat()
        guard stat(path, &st) == 0 else { return lstat(path, &st) == 0 ? .danglingLink : nil }
        guard st.st_mode & S_IFMT == S_IFREG else { return .other(kind: kindName(st.st_mode), FileIdentity(st)) }
        return .regular(size: Int(st.st_size), FileIdentity(st))
    }

    /// What kind of file a mode says, in words, for a file that is not a regular one.
    public static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a folder"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// Why the existing file at `path` must not be replaced although it could be: its owner-write
    /// bit is off (mode 0444: read-only on purpose). Judged by the mode, not `access`, since root
    /// ignores permission bits. Nil for a writable file, or none.
    public static func writeProtection(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_mode & S_IWUSR == 0 else { return nil }
        return "\(path) is write-protected (mode 0\(String(st.st_mode & 0o777, radix: 8)))"
    }
}
