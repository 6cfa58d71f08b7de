import ArgumentParser
import Foundation
import NetModel

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
            let opened: Opened
            do {
                opened = try Self.open(path, createFolder: isDefault)
            } catch {
                printProblems(error)
                throw ExitCode(1)
            }
            state = opened.state
            lock = opened.lock
        }
        // After loading, so that a broken file is reported even when there is no terminal.
        guard isatty(0) == 1, isatty(1) == 1 else {
            lock?.release()
            printError("nettui: the dashboard needs a terminal. For scripts, see `nettui --help` (check, demo, keys).")
            throw ExitCode(2)
        }
        let (settings, problems) = Settings.load(ProcessInfo.processInfo.environment)
        state.pane = settings.firstPane
        state.dateStyle = settings.dateStyle
        state.refresh()
        if let first = problems.first { state.message = StatusMessage(text: "Settings: " + first, isError: true) }
        let mouse = !noMouse && settings.mouse
        try MainActor.assumeIsolated { try Self.loop(state, lock: lock, mouse: mouse, theme: settings.theme) }
    }

    struct Opened {
        var state: AppState
        var lock: FileLock?
    }

    /// Locks and loads the file: a file another copy holds, or one with a newer schema, opens
    /// read-only; a missing file is a new, empty network; a file with problems is refused.
    static func open(_ path: String, createFolder: Bool) throws(StoreError) -> Opened {
        if createFolder { try Store.makeDirectories(Store.directory(of: path)) }
        var lock: FileLock?
        var readOnly: String?
        switch try FileLock.acquire(for: path) {
        case .acquired(let l): lock = l
        case .held(let pid): readOnly = "\(path) is open in another nettui" + (pid.map { " (pid \($0))" } ?? "")
        }
        let network: Network
        var logIndex: LogIndex?
        var notice: String?
        do {
            if let loaded = try Store.load(path) {
                (network, logIndex) = (loaded.network, loaded.logIndex)
                readOnly = readOnly ?? loaded.readOnlyReason
            } else {
                network = Network()
                notice = "New file: \(path) is created when you save (s)"
            }
        } catch {
            lock?.release()
            throw error
        }
        var state = AppState(network: network, path: path, readOnlyReason: readOnly, logIndex: logIndex)
        if let readOnly { notice = "Read-only: \(readOnly)" }
        if let notice { state.message = StatusMessage(text: notice, isError: readOnly != nil) }
        // Edits rescued when an earlier run was stopped by a signal are offered back.
        if readOnly == nil, let recovered = try? Store.load(Store.recoveryPath(for: path)) {
            state.offerRecovery(recovered.network)
        }
        return Opened(state: state, lock: lock)
    }

    @MainActor
    static func loop(_ initial: AppState, lock: FileLock?, mouse: Bool, theme: Theme) throws {
        let terminal = CursesTerminal(mouse: mouse, theme: theme)
        var driver = Driver(state: initial, lock: lock, suspend: { terminal.suspend() },
                            editText: { text in Editor.edit(text) { run in terminal.outside(run) } })
        defer { driver.lock?.release() }
        let size = terminal.size
        _ = driver.send(.resize(width: size.width, height: size.height))
        terminal.draw(Render.frame(driver.state))
        var signal: Int32 = 0
        while true {
            signal = terminal.pendingSignal
            if signal != 0 { break }
            if terminal.isGone {
                signal = SIGHUP
                break
            }
            let busy = driver.state.hasIdleWork
            guard let event = terminal.readInput(wait: !busy) else {
                if busy { driver.state.doIdleWork() }
                continue
            }
            if !driver.send(event) { break }
            terminal.draw(Render.frame(driver.state))
        }
        terminal.end()
        if signal != 0 { try rescue(driver.state, signal: signal) }
        driver.lock?.release()
        exitNow()
    }

    /// On SIGTERM or SIGHUP with unsaved edits, the edits go to a separate file instead of being lost
    /// (the data file itself is left as the user last saved it).
    static func rescue(_ state: AppState, signal: Int32) throws {
        guard state.isDirty, let path = state.path else { throw ExitCode(128 + signal) }
        let rescuePath = Store.recoveryPath(for: path)
        do {
            try Store.save(state.network, to: rescuePath)
            printError("nettui: stopped by signal \(signal); the unsaved edits are in \(rescuePath)")
        } catch {
            printError("nettui: stopped by signal \(signal); the unsaved edits could not be kept: \(error.message)")
        }
        throw ExitCode(128 + signal)
    }
}

