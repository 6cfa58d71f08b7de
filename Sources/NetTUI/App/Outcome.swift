import NetModel
import NetStore
import NetInterchange

/// What an effect came to. The driver sends it back into the update as `Input.done`, the way it
/// sends a key: the update alone decides what it means on screen (the status line, a question, a
/// quit that waited for the save).
enum Outcome: Sendable {
    /// A save to `path` (the open file, or the one saved as, which becomes the open file).
    case saved(path: String, Result<Store.Saved, StoreError>)
    /// "Save as" found `existing` at `path`: nothing was written; the person is asked first.
    case fileExists(path: String, ExistingFile)
    /// `contacts` contacts were written to `path` as `format`, or why not.
    case exported(path: String, contacts: Int, format: ExportFormat, Result<Void, StoreError>)
    /// The editor closed on the focused field's text, or why it could not run.
    case edited(Result<String, EditorError>)
    /// A file of contacts read and matched against the network: the changes to apply as one step.
    case imported(path: String, Result<Imported, ImportError>)
    /// The names in `folder` that begin with `start` (none when it cannot be read).
    case folderListed(String, start: String, [FolderName])
}

/// A name in a folder, and whether it is a folder itself (through a symbolic link too).
struct FolderName: Equatable, Sendable {
    var name: String
    var isFolder: Bool
}

/// An import read and merged, not yet applied.
struct Imported: Sendable {
    var changes: [Change]
    var summary: ImportSummary
}
