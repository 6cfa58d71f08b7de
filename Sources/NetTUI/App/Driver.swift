import Glibc
import NetModel

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
                    let saved = try Store.save(state.network, base: state.base, onDisk: state.onDisk, to: path)
                    state.saved(saved)
                    // Once saved, edits rescued by an earlier run are part of the file (or were declined).
                    unlink(Store.recoveryPath(for: path))
                    unlink(Store.recoveryBasePath(for: path))
                    // A save that merged an outside change does not quit: the person sees what it did.
                    if saved.merge != nil { return true }
                } catch {
                    state.saveFinished(error)
                    return true  // never quit after a failed save
                }
            case .saveAs(let path), .replaceFile(let path):
                // Another file already there is replaced only once the person said so (`.replaceFile`).
                if case .saveAs = effect, let existing = ExistingFile.at(path, besides: state.path) {
                    state.askToReplace(path, existing)
                    continue
                }
                do {
                    try saveAs(path)
                } catch {
                    state.saveFinished(error)
                    return true
                }
            case .exportFile(let path, let format):
                let contacts = state.network.contacts
                do {
                    try Store.write(to: path) { format.export(contacts, to: $0) }
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
                        guard let bytes = try? Store.readBytes(path) else { throw ImportError(path: path, "cannot read it") }
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
    /// copy has open is never written.
    private mutating func saveAs(_ path: String) throws(StoreError) {
        if path != state.path {
            guard case .acquired(let newLock) = try FileLock.acquire(for: path) else {
                throw StoreError("\(path) is open in another nettui")
            }
            let stamp: FileStamp
            do {
                stamp = try Store.save(state.network, to: path)
            } catch {
                newLock.release()
                throw error
            }
            lock?.release()
            lock = newLock
            state.path = path
            if state.network.schemaVersion <= Network.currentSchemaVersion { state.readOnlyReason = nil }
            state.saved(Store.Saved(network: state.network, stamp: stamp))
        } else {
            // The open file: merged with a change made outside, as `s` does.
            let saved = try Store.save(state.network, base: state.base, onDisk: state.onDisk, to: path)
            if state.network.schemaVersion <= Network.currentSchemaVersion { state.readOnlyReason = nil }
            state.saved(saved)
        }
    }
}
