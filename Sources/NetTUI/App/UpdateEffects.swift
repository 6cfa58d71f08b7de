import NetModel
import NetStore
import NetInterchange

/// The update's half of the effects: what each came to (`Outcome`, sent back by the driver as
/// `Input.done`) becomes the status line, a summary, a question, or the quit a save was to be
/// followed by.
extension AppState {
    mutating func finished(_ outcome: Outcome) -> [Effect] {
        switch outcome {
        case .saved(let to, .success(let saved)):
            // Saved as another file: it is the open one now, writable unless its format is newer.
            path = to
            if network.schemaVersion <= Network.currentSchemaVersion { readOnlyReason = nil }
            self.saved(saved)
            // A save that merged an outside change does not quit: the person sees what it did.
            defer { quitsAfterSave = false }
            return quitsAfterSave && saved.merge == nil ? [.quit] : []
        case .saved(_, .failure(let error)):
            quitsAfterSave = false  // never quit after a failed save
            saveFinished(error)
        case .fileExists(let path, let existing):
            quitsAfterSave = false
            askToReplace(path, existing)
        case .exported(let path, let count, let format, .success):
            message = StatusMessage(text: "Exported \(count) contacts to \(path) (\(format.rawValue))", isError: false)
        case .exported(_, _, _, .failure(let error)):
            message = StatusMessage(text: "Not exported: \(error.message)", isError: true)
        case .edited(let result):
            editorFinished(result)
        case .imported(let path, .success(let imported)):
            importFinished(path: path, changes: imported.changes, summary: imported.summary)
        case .imported(_, .failure(let error)):
            message = StatusMessage(text: "Not imported: \(error.description); nothing changed", isError: true)
        case .folderListed(let folder, let start, let names):
            // Only if the palette still shows that path (nothing typed since).
            guard case .palette(var p) = modal, let path = p.pathToComplete(home: home), path.folder == folder, path.start == start else { break }
            p.complete(path, with: names)
            modal = .palette(p)
        }
        return []
    }

    /// The editor closed: its text replaces the focused field's (nil: it failed, and says why).
    private mutating func editorFinished(_ result: Result<String, EditorError>) {
        guard case .form(var form) = modal else { return }
        switch result {
        case .success(let text):
            // Editors end files with a line break; a field does not.
            var t = text
            while t.last == "\n" { t.removeLast() }
            form.fields[form.focus].input = TextField(t)
            form.error = nil
            modal = .form(form)
        case .failure(let e):
            message = StatusMessage(text: "Not edited: \(e.message)", isError: true)
        }
    }

    /// An import read and merged: applied as one step, and what it did shown.
    private mutating func importFinished(path: String, changes: [Change], summary: ImportSummary) {
        commit(changes)
        let lines = summary.report(details: true).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        modal = .summary(title: "Imported \(Store.baseName(of: path))" + (changes.isEmpty ? "" : " — u undoes it"), lines: lines, scroll: 0)
    }

    /// A save to `path` succeeded: the file now holds `saved.network`. When the save merged a change
    /// made outside, the merged network is shown, one undoable step after the edits (`u` takes the
    /// outside change back out of the view; the file keeps it until the next save).
    mutating func saved(_ saved: Store.Saved) {
        if saved.merge != nil {
            history.record(network.changes(to: saved.network))
            network = saved.network
            refresh()
        }
        onDisk = .file(saved.stamp)
        saveFinished(nil, warning: saved.warning)
        keptBase = nil  // the network shown is the file's now
        let name = Store.baseName(of: path ?? "")
        let but = saved.warning.map { ", but \($0)" } ?? ""
        if let merge = saved.merge {
            let n = merge.conflicts.count
            message = n == 0
                ? StatusMessage(text: "Saved, merged with changes made outside \(name) (no conflicts; u takes them back out)" + but, isError: saved.warning != nil)
                : StatusMessage(text: "Saved, merged with changes made outside: \(n) conflict\(n == 1 ? "" : "s") — ! to see them" + but, isError: saved.warning != nil)
        } else if saved.recreated {
            message = StatusMessage(text: "Saved: \(name) had been removed or moved by another program, and was written again" + but, isError: saved.warning != nil)
        }
    }

    /// How a save went; `warning`: a save done without keeping a backup.
    mutating func saveFinished(_ error: StoreError?, warning: String? = nil) {
        if let error {
            message = StatusMessage(text: "Not saved: \(error.message). Your edits are still here.", isError: true)
        } else {
            history.markSaved()
            let n = network.contacts.count
            message = StatusMessage(text: "Saved \(n) contact\(n == 1 ? "" : "s") to \(Store.baseName(of: path ?? ""))" + (warning.map { ", but \($0)" } ?? ""),
                                    isError: warning != nil)
        }
    }
}
