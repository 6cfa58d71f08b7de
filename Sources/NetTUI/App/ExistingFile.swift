import NetModel
import NetStore

/// A file already at the path "save as" is to write. It is replaced only once the person says so:
/// `y` for a NetTUI data file, the typed word `replace` for anything else (a thesis, a folder).
enum ExistingFile: Equatable, Sendable {
    case dataFile(contacts: Int)
    /// Not a NetTUI data file; what it is, in words, when it is not an ordinary file.
    case other(String?)

    /// What is at `path`; nil when nothing is, or when it is the open file (`open`) itself.
    static func at(_ path: String, besides open: String?) -> ExistingFile? {
        func isOpen(_ file: FileIdentity) -> Bool { open.map { FileIdentity(path: $0) == file } ?? false }
        switch Store.whatIsAt(path) {
        case nil: return nil
        case .danglingLink?: return .other("a symbolic link to nothing")
        case .other(let kind, let file)?: return isOpen(file) ? nil : .other(kind)
        case .regular(let size, let file)?:
            if isOpen(file) { return nil }
            if size == 0 { return .other("an empty file") }
        }
        guard let loaded = try? Store.load(path) else { return .other(nil) }
        return .dataFile(contacts: loaded.network.contacts.count)
    }
}
