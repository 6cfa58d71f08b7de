import Foundation
import NetModel
import NetStore
import NetInterchange
import Synchronization

/// Runs the effects the update asks for — saving through `Store`, importing, exporting, the editor,
/// quitting, suspending — and sends what each came to back into the update as an input
/// (`Input.done`), as Bubble Tea does: the update alone turns it into the status line, a question
/// or a quit. The curses loop and the headless tests drive the program through it.
///
/// With `inBackground` (the dashboard), the slow effects (a save, "save as", an import, an export)
/// run on a thread of their own while the screen keeps being drawn: inputs that come meanwhile
/// wait, in order, and are handled after the outcome (a second `s` saves after the first; `q`
/// quits once the save is done), but for a resize, which only changes the size. Without it (tests,
/// the bench) every effect is done before `send` returns.
struct Driver {
    var state: AppState
    /// The lock on the data file, held while it is open for writing; it moves with "save as".
    var lock: FileLock?
    var suspend: () -> Void = {}
    /// Runs the user's editor on a text (the terminal's part); tests put a stand-in here.
    var editText: (String) -> Result<String, EditorError> = { _ in .failure(EditorError(message: "no terminal to run an editor in")) }
    var inBackground = false

    /// The slow effect under way, and what waits for its outcome: the effects asked for after it,
    /// then the inputs that came meanwhile.
    private var work: Work?
    private var effectsAfter: [Effect] = []
    private var waiting: [Input] = []
    /// "Save as" another file: the lock its save took, kept once the save succeeded.
    private var taken: TakenLock?

    init(state: AppState, lock: FileLock? = nil, suspend: @escaping () -> Void = {},
         editText: @escaping (String) -> Result<String, EditorError> = { _ in .failure(EditorError(message: "no terminal to run an editor in")) },
         inBackground: Bool = false) {
        self.state = state
        self.lock = lock
        self.suspend = suspend
        self.editText = editText
        self.inBackground = inBackground
    }

    /// A slow effect is running (`finishWork` takes its outcome).
    var isWorking: Bool { work != nil }

    /// Handles one input; returns false when the program should end.
    mutating func send(_ event: Input) -> Bool {
        if work != nil {
            if case .resize = event { return run(state.handle(event)) }
            waiting.append(event)
            return true
        }
        return run(state.handle(event))
    }

    /// Waits up to `milliseconds` for the running effect (nil: until it ends). Once it has ended,
    /// sends its outcome into the update, then the effects and inputs that waited for it. Returns
    /// false when the program should end.
    mutating func finishWork(waitingAtMost milliseconds: Int? = nil) -> Bool {
        guard let running = work, let outcome = running.outcome(waitingAtMost: milliseconds) else { return true }
        work = nil
        guard deliver(outcome) else { return false }
        while work == nil, !effectsAfter.isEmpty || !waiting.isEmpty {
            if !effectsAfter.isEmpty {
                let effects = effectsAfter
                effectsAfter = []
                if !run(effects) { return false }
            } else if !send(waiting.removeFirst()) {
                return false
            }
        }
        return true
    }

    /// Carries out `effects` in order; a slow one leaves the rest to after its outcome.
    private mutating func run(_ effects: [Effect]) -> Bool {
        for (i, effect) in effects.enumerated() {
            switch effect {
            case .save:
                guard let path = state.path else { continue }
                let (s, lock) = (state, lock)
                if !start({
                    // Merged with what another program wrote there since it was read, if it did.
                    let result = Result { () throws(StoreError) in
                        try Store.save(s.network, base: s.base, onDisk: s.onDisk, to: path, lock: lock)
                    }
                    // Once saved, edits rescued by an earlier run are part of the file (or were
                    // declined), unless the offer was put off (Esc): then they wait for the next start.
                    if case .success = result, !s.keepsRecovery {
                        unlink(Store.recoveryPath(for: path))
                        unlink(Store.recoveryBasePath(for: path))
                    }
                    return .saved(path: path, result)
                }) { return false }
            case .saveAs(let path):
                if !start(saveAs(path, asking: true)) { return false }
            case .replaceFile(let path):
                // Another file already there is replaced only once the person said so.
                if !start(saveAs(path, asking: false)) { return false }
            case .exportFile(let path, let format):
                let contacts = state.network.contacts
                if !start({
                    // Never over a data file (the open one included), never waiting on a FIFO.
                    let result = Result { () throws(StoreError) in
                        _ = try Store.writeOutput(to: path, waitForReader: false) { try format.export(contacts, to: $0) }
                    }
                    return .exported(path: path, contacts: contacts.count, format: format, result)
                }) { return false }
            case .editText(let text):
                if !deliver(.edited(editText(text))) { return false }
            case .importFile(let path, let given):
                let (network, clock) = (state.network, state.clock)
                if !start({ .imported(path: path, Self.importing(path, given, into: network, clock: clock)) }) { return false }
            case .discardRecovery:
                if let path = state.path {
                    let recovery = Store.recoveryPath(for: path), base = Store.recoveryBasePath(for: path)
                    rename(recovery, recovery + ".discarded")
                    rename(base, base + ".discarded")
                }
            case .listFolder(let folder, let start):
                if !deliver(.folderListed(folder, start: start, Self.names(in: folder, starting: start))) { return false }
            case .quit:
                return false
            case .suspend:
                suspend()
            }
            if work != nil {
                effectsAfter = Array(effects[(i + 1)...]) + effectsAfter
                return true
            }
        }
        return true
    }

    /// Runs `job` on a thread of its own, or at once without `inBackground`.
    private mutating func start(_ job: @escaping @Sendable () -> Outcome) -> Bool {
        guard inBackground else { return deliver(job()) }
        work = Work(job)
        return true
    }

    /// Sends `outcome` into the update and carries out what it asks for. A lock taken for "save
    /// as" becomes the open file's once the save succeeded, and is let go otherwise.
    private mutating func deliver(_ outcome: Outcome) -> Bool {
        if let taken, let newLock = taken.lock.withLock({ $0.take() }) {
            if case .saved(_, .success) = outcome {
                lock?.release()
                lock = newLock
            } else {
                newLock.release()
            }
        }
        taken = nil
        return run(state.handle(.done(outcome)))
    }

    /// Saves to another file, which becomes the open one: its lock is taken first, so a file another
    /// copy has open is never written, whatever path leads to it (the same path in a read-only
    /// copy, a relative one, a symbolic or hard link: `FileLock` locks the file, not the name).
    /// With `asking`, a file already there is not written: the outcome says what it is. All of it
    /// runs on the save's thread (finding what a file is may read it whole); the lock it takes
    /// comes back through `taken`.
    private mutating func saveAs(_ path: String, asking: Bool) -> @Sendable () -> Outcome {
        let (s, lock, taken) = (state, lock, TakenLock())
        self.taken = taken
        return {
            if asking, let existing = ExistingFile.at(path, besides: s.path) { return .fileExists(path: path, existing) }
            return .saved(path: path, Result { () throws(StoreError) in
                if let lock, lock.covers(path) {
                    // A hard link is the open file by another name, which the rename of a save would
                    // split from it (the new version under one name, the old under the other).
                    guard Store.resolvedPath(path) == lock.filePath else {
                        throw StoreError("\(path) is the open file under another name (a hard link); s saves it")
                    }
                    // The open file: merged with a change made outside, as `s` does.
                    return try Store.save(s.network, base: s.base, onDisk: s.onDisk, to: path, lock: lock)
                }
                switch try FileLock.acquire(for: path) {
                case .acquired(let newLock):
                    taken.lock.withLock { $0 = newLock }
                    let written = try Store.save(s.network, to: path, lock: newLock)
                    return Store.Saved(network: s.network, stamp: written.stamp, warning: written.warning)
                case .held(let pid):
                    throw StoreError("\(path) is open in another nettui" + (pid.map { " (pid \($0))" } ?? ""))
                }
            })
        }
    }

    /// The names in `folder` that begin with `start`, but hidden ones (`.x`), and which are folders.
    private static func names(in folder: String, starting start: String) -> [FolderName] {
        let dir = folder.isEmpty ? "." : folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return names.filter { $0.hasPrefix(start) && !$0.hasPrefix(".") }.map { name in
            var isDir: ObjCBool = false
            return FolderName(name: name, isFolder: FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDir) && isDir.boolValue)
        }
    }

    /// Reads a file of contacts (in the format named, else the one its content shows) and matches
    /// it against `network`: the changes, not yet applied.
    private static func importing(_ path: String, _ given: ImportFormat?, into network: Network, clock: Clock) -> Result<Imported, ImportError> {
        Result { () throws(ImportError) in
            var format = given
            if format == nil {
                guard let bytes = try? Store.readSource(path) else { throw ImportError(path: path, "cannot read it") }
                guard let detected = Importer.detect(bytes) else {
                    throw ImportError(path: path, "not a vCard, LinkedIn or Google Contacts file; name the format: import vcard|linkedin|google PATH")
                }
                format = detected
            }
            let incoming = try Importer.parse(path: path, format: format!)
            let (changes, summary) = Importer.merge(incoming, into: network, now: clock.now(), newID: clock.newID)
            return Imported(changes: changes, summary: summary)
        }
    }
}

/// The lock a "save as" took on its thread, handed to the driver with the outcome.
private final class TakenLock: Sendable {
    let lock = Mutex<FileLock?>(nil)
}

/// A slow effect on a thread of its own (with room for the decoder's nesting, which a save's merge
/// reads the file with), and its outcome once there. The job is dropped as soon as it has run, so
/// the network it was given is not held on to (a copy kept would make the next edit copy it whole).
private final class Work: Sendable {
    private let job: Mutex<(@Sendable () -> Outcome)?>
    private let result = Mutex<Outcome?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ job: @escaping @Sendable () -> Outcome) {
        self.job = Mutex(job)
        let thread = Thread { [self] in
            let outcome = self.job.withLock { $0.take() }!()
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// The outcome, once the job has run: waits `milliseconds` at most (nil: as long as it takes).
    func outcome(waitingAtMost milliseconds: Int?) -> Outcome? {
        let waited = milliseconds.map { done.wait(timeout: .now() + .milliseconds($0)) } ?? { done.wait(); return .success }()
        guard waited == .success else { return nil }
        return result.withLock { $0.take() }
    }
}
