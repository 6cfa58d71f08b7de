import Glibc
import NetModel
import NetStore
import NetInterchange

/// A file already at the path "save as" is to write. It is replaced only once the person says so:
/// `y` for a NetTUI data file, the typed word `replace` for anything else (a thesis, a folder).
enum ExistingFile: Equatable, Sendable {
    case dataFile(contacts: Int)
    /// Not a NetTUI data file; what it is, in words, when it is not an ordinary file.
    case other(String?)

    /// What is at `path`; nil when nothing is, or when it is the open file (`open`) itself.
    static func at(_ path: String, besides open: String?) -> ExistingFile? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return lstat(path, &st) == 0 ? .other("a symbolic link to nothing") : nil
        }
        if let open, FileIdentity(path: open) == FileIdentity(st) { return nil }
        guard st.st_mode & S_IFMT == S_IFREG else { return .other(Store.kindName(st.st_mode)) }
        if st.st_size == 0 { return .other("an empty file") }
        guard let loaded = try? Store.load(path) else { return .other(nil) }
        return .dataFile(contacts: loaded.network.contacts.count)
    }
}
