import Glibc
import NetModel
import NetStore
import NetInterchange

/// Runs the effects the update asks for — saving through `Store`, quitting, suspending — and
/// feeds their outcome back. The curses loop and the headless tests drive the program through it.
struct Driver {
    var state: AppState
    /// The lock on the data file, held while it is open for writing; it moves with "save as".
    var lock: FileLock?
    var suspend: () -> Void = {}
    /// Runs the user's editor on a text (the terminal's part); tests put a stand-in here.
    var editText: (String) -> Result<String, EditorError> = { _ in .failure(EditorError(message: "no terminal to run an editor in")) }

    /// Handles one event; returns false when the program should end.
    mutating func send(_ event: Input) -> Bool {
        for effect in state.handle(event) {
            switch effect {
            case .save:
                guard let path = state.path else { continue }
                do {
                    // Merged with what another program wrote there since it was read, if it did.
                    let saved = try Store.save(state.network, base: state.base, onDisk: state.onDisk, to: path, lock: lock)
                    state.saved(saved)
                    // Once saved, edits rescued by an earlier run are part of the file (or were declined),
                    // unless the offer was put off (Esc): then they wait for the next start.
                    if !state.keepsRecovery {
                        unlink(Store.recoveryPath(for: path))
                        unlink(Store.recoveryBasePath(for: path))
                    }
                    // A save that merged an outside change does not quit: the person sees what it did.
                    if saved.merge != nil { return true }
                } catch {
                    state.saveFinished(error)
                    return true  // never quit after a failed save
                }
            case .saveAs(let path), .replaceFile(let path):
                // Another file already there is replaced only once the person said so (`.replaceFile`).
                // Nothing after it runs meanwhile (a quit that was to follow the save).
                if case .saveAs = effect, let existing = ExistingFile.at(path, besides: state.path) {
                    state.askToReplace(path, existing)
                    return true
                }
                do {
                    if try !saveAs(path) { return true }
                } catch {
                    state.saveFinished(error)
                    return true
                }
            case .exportFile(let path, let format):
                let contacts = state.network.contacts
                do {
                    // Never over a data file (the open one included), never waiting on a FIFO.
                    try Store.writeOutput(to: path, waitForReader: false) { format.export(contacts, to: $0) }
                    state.message = StatusMessage(text: "Exported \(contacts.count) contacts to \(path) (\(format.rawValue))", isError: false)
                } catch {
                    state.message = StatusMessage(text: "Not exported: \(error.message)", isError: true)
                }
            case .editText(let text):
                state.editorFinished(editText(text))
            case .importFile(let path, let given):
                do throws(ImportError) {
                    var format = given
                    if format == nil {
                        guard let bytes = try? Store.readSource(path) else { throw ImportError(path: path, "cannot read it") }
                        guard let detected = Importer.detect(bytes) else {
                            throw ImportError(path: path, "not a vCard, LinkedIn or Google Contacts file; name the format: import vcard|linkedin|google PATH")
                        }
                        format = detected
                    }
                    let incoming = try Importer.parse(path: path, format: format!)
                    let clock = state.clock
                    let (changes, summary) = Importer.merge(incoming, into: state.network, now: clock.now(), newID: clock.newID)
                    state.importFinished(path: path, changes: changes, summary: summary)
                } catch {
                    state.message = StatusMessage(text: "Not imported: \(error.description); nothing changed", isError: true)
                }
            case .discardRecovery:
                if let path = state.path {
                    let recovery = Store.recoveryPath(for: path), base = Store.recoveryBasePath(for: path)
                    rename(recovery, recovery + ".discarded")
                    rename(base, base + ".discarded")
                }
            case .quit:
                return false
            case .suspend:
                suspend()
            }
        }
        return true
    }

    /// Saves to another file, which becomes the open one: its lock is taken first, so a file another
    /// copy has open is never written, whatever path leads to it (the same path in a read-only
    /// copy, a relative one, a symbolic or hard link: `FileLock` locks the file, not the name).
    /// Returns false when the save merged a change made outside (the person should see it before quitting).
    private mutating func saveAs(_ path: String) throws(StoreError) -> Bool {
        if let lock, lock.covers(path) {
            // A hard link is the open file by another name, which the rename of a save would split
            // from it (the new version under one name, the old under the other).
            guard Store.resolvedPath(path) == lock.filePath else {
                throw StoreError("\(path) is the open file under another name (a hard link); s saves it")
            }
            // The open file: merged with a change made outside, as `s` does.
            let saved = try Store.save(state.network, base: state.base, onDisk: state.onDisk, to: path, lock: lock)
            state.path = path
            if state.network.schemaVersion <= Network.currentSchemaVersion { state.readOnlyReason = nil }
            state.saved(saved)
            return saved.merge == nil
        } else {
            let newLock: FileLock
            switch try FileLock.acquire(for: path) {
            case .acquired(let l): newLock = l
            case .held(let pid): throw StoreError("\(path) is open in another nettui" + (pid.map { " (pid \($0))" } ?? ""))
            }
            let written: Store.Written
            do {
                written = try Store.save(state.network, to: path, lock: newLock)
            } catch {
                newLock.release()
                throw error
            }
            lock?.release()
            lock = newLock
            state.path = path
            if state.network.schemaVersion <= Network.currentSchemaVersion { state.readOnlyReason = nil }
            state.saved(Store.Saved(network: state.network, stamp: written.stamp, warning: written.warning))
        }
        return true
    }
}
