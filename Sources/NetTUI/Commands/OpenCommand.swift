import ArgumentParser
import Foundation
import Synchronization
import NetModel
import NetStore

/// `nettui [FILE]`: the full-screen dashboard.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the dashboard on a data file (the default command).")

    @OptionGroup var source: DataSource

    @Flag(name: .customLong("no-mouse"), help: "Leave the mouse to the terminal (for selecting text).")
    var noMouse = false

    /// The data file to use when none is named on the command line.
    static func defaultPath(environment: [String: String]) -> (path: String, isDefault: Bool) {
        if let f = environment["NETTUI_FILE"], !f.isEmpty { return (f, false) }
        if let f = Settings.load(environment).settings.dataFile, !f.isEmpty { return (f, false) }
        let base = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return (base + "/nettui/network.json", true)
    }

    func run() throws {
        var state: AppState
        var lock: FileLock?
        if source.demo {
            state = AppState(network: Demo.network(today: Clock.system.now().day), path: nil)
        } else {
            let (path, isDefault) = source.path
            if let given = source.file, let command = Self.commandMistypedAs(given) {
                // `nettui matirx` must not open (and on `s` create) a data file named `matirx`.
                printError("nettui: there is no file \(given), and no command by that name: did you mean `nettui \(command)`? "
                           + "(to start a new data file by that name, say ./\(given))")
                throw ExitCode(2)
            }
            if isatty(0) == 1, isatty(1) == 1, let bytes = Self.fileSize(path), bytes >= LoadingView.minimumBytes {
                try MainActor.assumeIsolated { try openLarge(path, bytes: bytes, createFolder: isDefault) }
                return
            }
            let opened = try reportingStoreErrors { () throws(StoreError) in try Self.open(path, createFolder: isDefault) }
            state = opened.state
            lock = opened.lock
        }
        // After loading, so that a broken file is reported even when there is no terminal.
        guard isatty(0) == 1, isatty(1) == 1 else {
            printError("nettui: the dashboard needs a terminal. For scripts, see `nettui --help` (check, demo, keys).")
            throw ExitCode(2)
        }
        let (settings, problems) = Settings.load(ProcessInfo.processInfo.environment)
        Self.apply(settings, problems, to: &state)
        let mouse = !noMouse && settings.mouse
        try MainActor.assumeIsolated { [state] in
            try Self.loop(state, lock: lock, terminal: CursesTerminal(mouse: mouse, theme: settings.theme))
        }
    }

    /// The command `name` is a typo of, when `name` names no file and looks like a command (no
    /// `/`, no `.`, at most two letters off a command's name); nil otherwise.
    static func commandMistypedAs(_ name: String) -> String? {
        guard !name.contains("/"), !name.contains("."), !name.isEmpty else { return nil }
        var st = stat()
        guard lstat(name, &st) != 0 else { return nil }
        let typed = Array(name.lowercased())
        let names = NetTUICommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        let scored = names.map { ($0, Matching.editDistance(typed, Array($0), limit: 2)) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The settings' first pane and date style, the first problem with them on the status line, and
    /// the home folder.
    private static func apply(_ settings: Settings, _ problems: [String], to state: inout AppState) {
        state.home = ProcessInfo.processInfo.environment["HOME"]
        state.pane = settings.firstPane
        state.dateStyle = settings.dateStyle
        state.refresh()
        if let first = problems.first { state.message = StatusMessage(text: "Settings: " + first, isError: true) }
    }

    /// The size of the file at `path`; nil when there is none to read.
    static func fileSize(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// A large file opens behind `LoadingView`: the terminal starts at once and the file is read on
    /// another thread. The quit keys end the program while it reads; other keys typed meanwhile
    /// are kept and handled, in order, once the dashboard is up. A file that cannot be opened ends
    /// full-screen mode first, then is reported as in `run`.
    @MainActor
    private func openLarge(_ path: String, bytes: Int, createFolder: Bool) throws {
        let locked = try reportingStoreErrors { () throws(StoreError) in try Self.lock(path, createFolder: createFolder) }
        let (settings, problems) = Settings.load(ProcessInfo.processInfo.environment)
        let terminal = CursesTerminal(mouse: !noMouse && settings.mouse, theme: settings.theme)
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        var size = terminal.size
        terminal.draw(LoadingView.frame(path: path, bytes: bytes, seconds: 0, width: size.width, height: size.height))
        let reading = Reading(path)
        var typed: [Input] = []
        while !reading.isDone && terminal.pendingSignal == 0 {
            while let event = terminal.readInput(wait: false) {
                if case .key(let key) = event, LoadingView.quitKeys.contains(key) {
                    terminal.end()
                    exitNow()
                }
                if case .resize(let w, let h) = event { size = (w, h) }
                typed.append(event)
            }
            reading.wait(milliseconds: 50)
            terminal.draw(LoadingView.frame(path: path, bytes: bytes, seconds: seconds(), width: size.width, height: size.height))
        }
        if terminal.pendingSignal != 0 {  // nothing is edited yet: nothing to rescue
            terminal.end()
            throw ExitCode(128 + terminal.pendingSignal)
        }
        var state: AppState
        do {
            state = try Self.opened(path, locked, loaded: reading.take()).state
        } catch {
            terminal.end()
            printProblems(error)
            throw ExitCode(1)
        }
        Self.apply(settings, problems, to: &state)
        // Handed over, not copied: a copy kept here would make the first edit of each list of the
        // network copy it whole (`Reading.take` for the same reason).
        try Self.loop(consume state, lock: locked.lock, terminal: terminal, typed: typed)
    }

    struct Opened {
        var state: AppState
        var lock: FileLock?
    }

    /// Locks and loads the file: a file another copy holds, or one with a newer schema, opens
    /// read-only; a missing file is a new, empty network; a file with problems is refused.
    static func open(_ path: String, createFolder: Bool) throws(StoreError) -> Opened {
        let locked = try lock(path, createFolder: createFolder)
        let loaded: Result<Store.Loaded?, StoreError>
        do { loaded = .success(try Store.load(path)) } catch { loaded = .failure(error) }
        return try opened(path, locked, loaded: loaded)
    }

    /// The lock on a file about to be opened, or why it opens read-only.
    struct Locked {
        var lock: FileLock?
        var readOnly: String?
    }

    /// A write-protected file (mode 0444), or one whose lock cannot be taken (an unwritable folder,
    /// a lock file that is a link), opens read-only with the reason; it is still shown.
    static func lock(_ path: String, createFolder: Bool) throws(StoreError) -> Locked {
        if createFolder { try Store.makeDirectories(Store.directory(of: path)) }
        if let why = Store.writeProtection(path) { return Locked(readOnly: why) }
        do {
            switch try FileLock.acquire(for: path) {
            case .acquired(let l): return Locked(lock: l)
            case .held(let pid): return Locked(readOnly: "\(path) is open in another nettui" + (pid.map { " (pid \($0))" } ?? ""))
            }
        } catch {
            return Locked(readOnly: error.message)
        }
    }

    /// The state on the file once it is read (`loaded`), with its notices; the lock is released
    /// when the file cannot be opened.
    static func opened(_ path: String, _ locked: Locked, loaded: Result<Store.Loaded?, StoreError>) throws(StoreError) -> Opened {
        let lock = locked.lock
        var readOnly = locked.readOnly
        let network: Network
        var view: NetworkView?
        var notice: String?
        var onDisk = OnDisk.absent
        do {
            if let loaded = try loaded.get() {
                (network, view) = (loaded.network, loaded.view)
                readOnly = readOnly ?? loaded.readOnlyReason
                onDisk = loaded.stamp.map(OnDisk.file) ?? .unknown
            } else {
                network = Network()
                notice = "New file: \(path) is created when you save (s)"
            }
        } catch {
            lock?.release()
            throw error
        }
        var state = AppState(network: network, path: path, readOnlyReason: readOnly, view: view, onDisk: onDisk)
        if let readOnly { notice = "Read-only: \(readOnly)" }
        if let notice { state.message = StatusMessage(text: notice, isError: readOnly != nil) }
        // Edits rescued when an earlier run was stopped by a signal are offered back.
        if readOnly == nil {
            do throws(StoreError) {
                if let recovered = try RescuedEdits.load(for: path, file: network, onDisk: onDisk) { state.offerRecovery(recovered) }
            } catch {
                // Nothing is offered from it, and it stays where it is: a save does not remove it.
                state.keepsRecovery = true
                state.message = StatusMessage(text: "Rescued edits not offered: \(error.message)", isError: true)
            }
        }
        return Opened(state: state, lock: lock)
    }

    /// The dashboard's loop; `typed`: keys pressed before it started (while the file was read).
    @MainActor
    static func loop(_ initial: consuming AppState, lock: FileLock?, terminal: CursesTerminal, typed: [Input] = []) throws {
        var driver = Driver(state: initial, lock: lock, suspend: { terminal.suspend() },
                            editText: { text in Editor.edit(text) { run in terminal.outside(run) } }, inBackground: true)
        let size = terminal.size
        _ = driver.send(.resize(width: size.width, height: size.height))
        var signal: Int32 = 0
        for event in typed where !driver.send(event) || !driver.finishWork() {
            terminal.end()
            exitNow()
        }
        terminal.draw(Render.frame(driver.state))
        while true {
            signal = terminal.pendingSignal
            if signal != 0 { break }
            if terminal.isGone {
                signal = SIGHUP
                break
            }
            if driver.isWorking {
                // A save (an import, an export) runs: the screen keeps being drawn, and what is
                // typed meanwhile waits for its outcome.
                while let event = terminal.readInput(wait: false), driver.send(event) {}
                if !driver.finishWork(waitingAtMost: 50) { break }
                terminal.draw(Render.frame(driver.state))
                continue
            }
            let busy = driver.state.hasIdleWork
            guard let event = terminal.readInput(wait: !busy) else {
                if busy { driver.state.doIdleWork() }
                continue
            }
            if !driver.send(event) { break }
            terminal.draw(Render.frame(driver.state))
        }
        // Never ends in the middle of a save: its outcome says whether the edits are in the file.
        while driver.isWorking { _ = driver.finishWork() }
        terminal.end()
        if signal != 0 { try rescue(driver.state, signal: signal) }
        exitNow()
    }

    /// On SIGTERM or SIGHUP with unsaved edits, the edits go to a separate file instead of being lost
    /// (the data file itself is left as the user last saved it).
    static func rescue(_ state: AppState, signal: Int32) throws {
        guard state.isDirty, let path = state.path else { throw ExitCode(128 + signal) }
        let rescuePath = Store.recoveryPath(for: path), basePath = Store.recoveryBasePath(for: path)
        // Rescued edits whose offer was put off are set aside with their base (as `n` sets them
        // aside), not overwritten by these.
        if state.keepsRecovery, rename(rescuePath, rescuePath + ".discarded") == 0 {
            rename(basePath, basePath + ".discarded")
            printError("nettui: the edits rescued earlier are set aside as \(rescuePath).discarded")
        }
        do {
            // First what the edits were made on, for merging them into the file if it changes before
            // they are restored (`RescuedEdits`). Without it (it could not be written) no older one
            // may stand in for it: the edits are then merged as if the file were all new.
            if (try? Store.saveSideFile(state.base, to: basePath)) == nil { unlink(basePath) }
            try Store.saveSideFile(state.network, to: rescuePath)
            printError("nettui: stopped by signal \(signal); the unsaved edits are in \(rescuePath)")
        } catch {
            printError("nettui: stopped by signal \(signal); the unsaved edits could not be kept: \(error.message)")
        }
        throw ExitCode(128 + signal)
    }
}


/// `Store.load` of one file on a thread of its own (with room for the decoder's nesting), for
/// `OpenCommand.openLarge` to wait on a little at a time.
private final class Reading: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Store.Loaded?, StoreError>?>(nil)

    init(_ path: String) {
        let thread = Thread { [self] in
            let loaded: Result<Store.Loaded?, StoreError>
            do throws(StoreError) { loaded = .success(try Store.load(path)) } catch { loaded = .failure(error) }
            outcome.withLock { $0 = loaded }
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }

    var isDone: Bool { outcome.withLock { $0 != nil } }

    /// The outcome, handed over once the reading is done; the reading keeps no reference to it.
    func take() -> Result<Store.Loaded?, StoreError> {
        outcome.withLock { $0.take()! }
    }

    /// Waits until the file is read, or `milliseconds` at most.
    func wait(milliseconds: Int) {
        _ = done.wait(timeout: .now() + .milliseconds(milliseconds))
    }
}
