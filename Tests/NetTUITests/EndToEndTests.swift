import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// Runs the built `nettui` binary in a real pseudo-terminal (a private tmux server), types at it
/// the way a person would, and checks that it quits cleanly and gives the terminal back as it found it.
final class EndToEndTests: XCTestCase {
    /// Generous: the CI machine may be small and busy.
    static let firstFrameTimeout: TimeInterval = 30
    static let stepTimeout: TimeInterval = 15

    /// One run of nettui in a private tmux pane, with files that record the terminal's modes before and
    /// after, nettui's pid and its exit status.
    private struct Session {
        let tmux: Tmux
        let pane = "e2e"
        let dir: String
        var before: String { dir + "/stty-before" }
        var after: String { dir + "/stty-after" }
        var status: String { dir + "/status" }
        var pidFile: String { dir + "/pid" }
    }

    /// Starts `nettui ARGS` in a pane and waits for its first frame; nil (after XCTSkip) without tmux.
    private func start(_ args: [String], firstFrame: @escaping (String) -> Bool) throws -> Session {
        guard let tmuxPath = Programs.onPath("tmux") else {
            let reason = "tmux is not installed: the end-to-end test needs it to run nettui in a real terminal (apt-get install -y tmux)"
            print("EndToEndTests: skipped — \(reason)")
            throw XCTSkip(reason)
        }
        let binary = try Programs.requireBuilt("nettui")
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("nettui-e2e-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let session = Session(tmux: Tmux(path: tmuxPath, socket: "nettui-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"), dir: dir)
        let panePID = LockedPID()
        addTeardownBlock {
            // Kill the pane's process group first (the shell, nettui, sleep): a nettui that outlives
            // its terminal must not linger when the test failed half-way.
            if let pid = panePID.value, pid > 1 { kill(-pid, SIGKILL) }
            session.tmux.killServer()
            try? FileManager.default.removeItem(atPath: dir)
        }
        // nettui runs in a subshell that records its pid and then becomes it (exec). The status file
        // appears last (by rename), so when it exists, everything else is written.
        let run = "echo $$ > \(q(session.pidFile)); exec env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "
            + ([binary] + args).map(q).joined(separator: " ")
        let script = [
            "ulimit -c 0",  // no core files from the crash tests
            "stty -g > \(q(session.before))",
            "/bin/sh -c \(q(run))",
            "echo $? > \(q(session.status)).tmp",
            "stty -g > \(q(session.after))",
            "mv \(q(session.status)).tmp \(q(session.status))",
            "sleep 600",
        ].joined(separator: "; ")
        try session.tmux.run(["-f", "/dev/null", "new-session", "-d", "-s", session.pane, "-x", "100", "-y", "30", "/bin/sh -c \(q(script))"])
        panePID.value = (try? session.tmux.run(["display-message", "-p", "-t", session.pane, "#{pane_pid}"]))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try poll("the dashboard's first frame", tmux: session.tmux, pane: session.pane, timeout: Self.firstFrameTimeout, firstFrame)
        return session
    }

    /// Waits for nettui to end; returns its exit status.
    private func exitStatus(_ s: Session, after what: String) throws -> String {
        let deadline = Date().addingTimeInterval(Self.stepTimeout)
        while !FileManager.default.fileExists(atPath: s.status) {
            if Date() > deadline {
                XCTFail("nettui did not exit within \(Int(Self.stepTimeout)) s of \(what). Screen:\n\(s.tmux.capture(s.pane))")
                throw EndToEndFailure()
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try String(contentsOfFile: s.status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The terminal is as nettui found it: the same modes, no alternate screen, the cursor visible.
    private func assertRestored(_ s: Session, file: StaticString = #filePath, line: UInt = #line) throws {
        let sttyBefore = try String(contentsOfFile: s.before, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let sttyAfter = try String(contentsOfFile: s.after, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(sttyBefore.isEmpty, "stty -g before nettui printed nothing", file: file, line: line)
        XCTAssertEqual(sttyAfter, sttyBefore, "the terminal modes (stty -g) differ after nettui: the terminal was not restored", file: file, line: line)
        let flags = try s.tmux.run(["display-message", "-p", "-t", s.pane, "#{alternate_on} #{cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(flags, "0 1", "alternate screen off and cursor visible after nettui exited", file: file, line: line)
    }

    private func nettuiPID(_ s: Session) throws -> pid_t {
        let text = try String(contentsOfFile: s.pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try XCTUnwrap(pid_t(text))
    }

    func testDemoFilterAndQuitRestoresTerminal() throws {
        let s = try start(["--demo"]) { $0.contains("Contacts") && ($0.contains("Aino Järvinen") || $0.contains("40 contacts")) }
        // Incremental filter. (Anna Bergqvist is on the first screen, right below Aino, when unfiltered.)
        try s.tmux.run(["send-keys", "-t", s.pane, "/"])
        try s.tmux.run(["send-keys", "-t", s.pane, "-l", "jarvinen"])
        try poll("the filter /jarvinen to leave only Aino Järvinen", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { screen in
            screen.contains("Aino Järvinen") && screen.contains("1 of 40")
                && !screen.contains("Anna Bergqvist") && !screen.contains("Pekka Mäkelä")
        }
        try s.tmux.run(["send-keys", "-t", s.pane, "Escape"])
        try poll("Esc to clear the filter", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { screen in
            !screen.contains("1 of 40") && screen.contains("Anna Bergqvist")
        }
        try s.tmux.run(["send-keys", "-t", s.pane, "q"])
        XCTAssertEqual(try exitStatus(s, after: "pressing q"), "0")
        try assertRestored(s)
    }

    /// A file of 4 MB or more is read behind a loading frame: keys typed meanwhile are handled once
    /// the dashboard is up, and a broken one is reported after the terminal is given back.
    func testALargeFileOpensBehindTheLoadingFrame() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: Day(year: 2026, month: 11, day: 23)!, contacts: 3000, networks: 60, interactions: 9000, seed: 3), to: path)
        XCTAssertGreaterThanOrEqual(OpenCommand.fileSize(path) ?? 0, LoadingView.minimumBytes)

        let s = try start([path]) { $0.contains("NetTUI · network.json") }
        try s.tmux.run(["send-keys", "-t", s.pane, "2"])  // typed at once, most likely while the file is read
        try poll("the Matrix pane, chosen while loading", tmux: s.tmux, pane: s.pane, timeout: Self.firstFrameTimeout) { screen in
            screen.contains("3000 contacts") && screen.contains("Light touch") && !screen.contains("loading")
        }
        try s.tmux.run(["send-keys", "-t", s.pane, "q"])
        XCTAssertEqual(try exitStatus(s, after: "pressing q"), "0")
        try assertRestored(s)

        // One interaction pointing at nobody: refused, with the problem, and the terminal as it was.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let key = text.range(of: "\"contact\": \"", range: text.range(of: "\"interactions\"")!.upperBound..<text.endIndex)!
        let end = text[key.upperBound...].firstIndex(of: "\"")!
        text.replaceSubrange(key.upperBound..<end, with: "ghost")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let broken = try start([path]) { $0.contains("NetTUI · network.json") || $0.contains("cannot be opened") }
        XCTAssertEqual(try exitStatus(broken, after: "reading the broken file"), "1")
        assertContains(broken.tmux.capture(broken.pane), "refers to contact ghost")
        try assertRestored(broken)
    }

    func testCtrlCQuitsAndRestoresTerminal() throws {
        let s = try start(["--demo"]) { $0.contains("Aino Järvinen") }
        try s.tmux.run(["send-keys", "-t", s.pane, "C-c"])
        XCTAssertEqual(try exitStatus(s, after: "Ctrl-C"), "0")
        try assertRestored(s)
    }

    /// SIGTERM, SIGHUP and SIGINT with unsaved edits: the terminal comes back, the data file stays
    /// as saved, and the edits are in the recovery file. (In a release build these signals once did
    /// nothing: CI runs this test against the release binary too, see `Programs.binaryVariable`.)
    func testTerminationSignalsKeepUnsavedEditsAndRestoreTerminal() throws {
        for (signal, name) in [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT")] {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/network.json"
            let saved = try writeDemoFile(path)
            let s = try start([path]) { $0.contains("Aino Järvinen") }
            try deleteAino(s)
            kill(try nettuiPID(s), signal)
            XCTAssertEqual(try exitStatus(s, after: name), String(128 + signal), name)
            try assertRestored(s)
            XCTAssertEqual(try Store.readBytes(path), saved, "\(name): the data file is left as last saved")
            let rescued = try XCTUnwrap(Store.load(Store.recoveryPath(for: path)), "\(name): the recovery file").network
            XCTAssertEqual(rescued.contacts.count, 39, name)
            XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: Store.recoveryPath(for: path))[.posixPermissions] as? Int, 0o600)
        }
    }

    /// A crash (SIGSEGV, SIGBUS, SIGABRT, SIGILL — a Swift trap is SIGILL or SIGTRAP) ends nettui
    /// as that signal does, and the handler's one write of the reset sequence made at start gives
    /// the terminal back first: the alternate screen left, the cursor shown, mouse reporting and
    /// keypad mode off, and the shell's modes (`stty -g`) as they were.
    func testFatalSignalsRestoreTerminal() throws {
        for (signal, name) in [(SIGSEGV, "SIGSEGV"), (SIGBUS, "SIGBUS"), (SIGABRT, "SIGABRT"), (SIGILL, "SIGILL")] {
            let s = try start(["--demo"]) { $0.contains("Aino Järvinen") }
            XCTAssertEqual(try modes(s), "alternate 1, cursor 0, mouse 1, keypad 1", "\(name): the modes nettui turns on")
            kill(try nettuiPID(s), signal)
            XCTAssertEqual(try exitStatus(s, after: name), String(128 + signal), name)
            try assertRestored(s)
            XCTAssertEqual(try modes(s), "alternate 0, cursor 1, mouse 0, keypad 0", "\(name): the modes after the crash")
        }
    }

    /// The pane's modes that nettui changes.
    private func modes(_ s: Session) throws -> String {
        try s.tmux.run(["display-message", "-p", "-t", s.pane,
                        "alternate #{alternate_on}, cursor #{cursor_flag}, mouse #{mouse_standard_flag}, keypad #{keypad_cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closing the pane (the terminal goes away, as when an SSH session drops) with unsaved edits:
    /// nettui ends, the data file stays as saved, and the edits are in the recovery file.
    func testAClosedPaneKeepsUnsavedEdits() throws {
        for close in [["kill-pane", "-t"], ["kill-session", "-t"]] {
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let path = dir + "/network.json"
            let saved = try writeDemoFile(path)
            let s = try start([path]) { $0.contains("Aino Järvinen") }
            try deleteAino(s)
            let pid = try nettuiPID(s)
            try s.tmux.run(close + [s.pane])
            let deadline = Date().addingTimeInterval(Self.stepTimeout)
            while Self.isRunning(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
            XCTAssertFalse(Self.isRunning(pid), "\(close[0]): nettui is still running \(Int(Self.stepTimeout)) s after its terminal went away")
            XCTAssertEqual(try Store.readBytes(path), saved, "\(close[0]): the data file is left as last saved")
            let rescued = try XCTUnwrap(Store.load(Store.recoveryPath(for: path)), "\(close[0]): the recovery file").network
            XCTAssertEqual(rescued.contacts.count, 39, close[0])
            XCTAssertFalse(rescued.contacts.contains { $0.name == "Aino Järvinen" }, close[0])
        }
    }

    /// The dashboard follows the terminal's size: smaller, larger, and too small to show anything
    /// (only quitting works then); it quits cleanly afterwards.
    func testResizeRedrawsAtTheNewSize() throws {
        let s = try start(["--demo"]) { $0.contains("Aino Järvinen") }
        for (w, h) in [(60, 16), (140, 40)] {
            try s.tmux.run(["resize-window", "-t", s.pane, "-x", String(w), "-y", String(h)])
            try poll("a frame of \(w)×\(h)", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                // The header on the first row and the status line ("/ filter …") on the last one.
                return lines.count >= h && lines[0].contains("NetTUI") && lines[h - 1].contains("/ filter")
                    && lines.allSatisfy { $0.count <= w } && screen.contains("Aino Järvinen")
            }
        }
        try s.tmux.run(["resize-window", "-t", s.pane, "-x", "12", "-y", "4"])
        try poll("the too-small notice", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("terminal too") }
        try s.tmux.run(["resize-window", "-t", s.pane, "-x", "100", "-y", "30"])
        try poll("the list again at 100×30", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("Aino Järvinen") }
        try s.tmux.run(["send-keys", "-t", s.pane, "q"])
        XCTAssertEqual(try exitStatus(s, after: "pressing q"), "0")
        try assertRestored(s)
    }

    /// Three lines pasted into the log-interaction form (tmux sends a bracketed paste, as the
    /// dashboard asks for one) are the note's text: the line breaks do not submit the form, the
    /// `u` and `s` in them neither undo nor save. Enter then logs the interaction with the three
    /// lines as its note.
    func testAPastedMultiLineNoteRunsNoCommands() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        let saved = try writeDemoFile(path)
        let s = try start([path]) { $0.contains("Aino Järvinen") }
        try s.tmux.run(["send-keys", "-t", s.pane, "i"])
        try poll("the log form", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("Log: Aino Järvinen") }
        let note = "asked about the fair\nu should send the deck\ns: follow up in May"
        try s.tmux.run(["set-buffer", "-b", "note", note])
        try s.tmux.run(["paste-buffer", "-p", "-b", "note", "-t", s.pane])
        try poll("the pasted note in the form", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("asked about the fair⏎u should") }
        let screen = s.tmux.capture(s.pane)
        assertContains(screen, "Log: Aino Järvinen", "the form is still open after the paste")
        assertLacks(screen, "modified", "nothing was logged by the paste")
        XCTAssertEqual(try Store.readBytes(path), saved, "nothing was saved by the paste")
        try s.tmux.run(["send-keys", "-t", s.pane, "Enter"])
        try poll("the modified mark", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("modified") }
        try s.tmux.run(["send-keys", "-t", s.pane, "s"])
        try poll("the save", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { !$0.contains("modified") }
        try s.tmux.run(["send-keys", "-t", s.pane, "q"])
        XCTAssertEqual(try exitStatus(s, after: "pressing q"), "0")
        try assertRestored(s)
        let network = try XCTUnwrap(Store.load(path)).network
        let aino = try XCTUnwrap(network.contacts.first { $0.name == "Aino Järvinen" })
        XCTAssertEqual(network.interactions.filter { $0.contact == aino.id && $0.note == note }.count, 1,
                       "one interaction with the three pasted lines as its note")
    }

    /// Every way out of the program releases the data file's lock, though none releases it by hand
    /// (the dashboard leaves by `exitNow`, which skips `defer` and `deinit`): after a command that
    /// took the lock and failed, and after `q`, the lock file is gone and another process takes the lock.
    func testEveryWayOutReleasesTheLock() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        _ = try writeDemoFile(path)
        let lockFile = FileLock.lockPath(for: path)
        func assertUnlocked(after what: String) throws {
            XCTAssertFalse(FileManager.default.fileExists(atPath: lockFile), "\(lockFile) is left behind after \(what)")
            let second = try Programs.nettui(["demo", "--write", path, "--force"])
            XCTAssertEqual(second.status, 0, "another process takes the lock after \(what): \(second.output)")
        }

        // Takes the lock, then finds no terminal: fails.
        let failed = try Programs.nettui([path])
        XCTAssertEqual(failed.status, 2, failed.output)
        XCTAssertTrue(failed.stderr.contains("needs a terminal"), failed.stderr)
        try assertUnlocked(after: "a command that failed holding it")

        let s = try start([path]) { $0.contains("NetTUI · network.json") && $0.contains("Aino Järvinen") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: lockFile), "the dashboard holds the lock")
        try s.tmux.run(["send-keys", "-t", s.pane, "q"])
        XCTAssertEqual(try exitStatus(s, after: "pressing q"), "0")
        try assertUnlocked(after: "q")
    }

    // MARK: - Helpers

    /// Writes the demo network to `path`; returns its bytes.
    private func writeDemoFile(_ path: String) throws -> [UInt8]? {
        try Store.save(Demo.network(today: Day(year: 2026, month: 11, day: 23)!), to: path)
        return try Store.readBytes(path)
    }

    /// Deletes Aino Järvinen (the first contact): an unsaved edit.
    private func deleteAino(_ s: Session) throws {
        try s.tmux.run(["send-keys", "-t", s.pane, "d"])
        try poll("the delete question", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("Delete Aino Järvinen") }
        try s.tmux.run(["send-keys", "-t", s.pane, "y"])
        try poll("the modified mark", tmux: s.tmux, pane: s.pane, timeout: Self.stepTimeout) { $0.contains("modified") }
    }

    /// Whether process `pid` is still running (not gone, not a zombie waiting to be reaped).
    private static func isRunning(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// Captures the pane until `condition` holds; fails with the last screen when the deadline passes.
    private func poll(_ what: String, tmux: Tmux, pane: String, timeout: TimeInterval,
                      file: StaticString = #filePath, line: UInt = #line,
                      _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = tmux.capture(pane)
            if condition(screen) { return }
            if Date() > deadline { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("timed out after \(Int(timeout)) s waiting for \(what). Last screen:\n\(numbered(screen, firstLine: 0))", file: file, line: line)

        throw EndToEndFailure()
    }

    struct EndToEndFailure: Error {}

    /// Single-quotes a string for /bin/sh.
    private func q(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The pane's process id, shared with the teardown block.
private final class LockedPID: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t?
    var value: pid_t? {
        get { lock.withLock { pid } }
        set { lock.withLock { pid = newValue } }
    }
}

/// A private tmux server on its own socket, so the test never touches the user's tmux.
private struct Tmux: Sendable {
    let path: String
    let socket: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tmux -u -L socket ARGS`; returns standard output, throws on a non-zero status.
    @discardableResult
    func run(_ args: [String]) throws -> String {
        let result = execute(args)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed (status \(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// The pane's visible text; empty when tmux cannot capture it.
    func capture(_ pane: String) -> String {
        execute(["capture-pane", "-p", "-t", pane]).stdout
    }

    func killServer() {
        _ = execute(["kill-server"])
    }

    /// Runs tmux with posix_spawn and waitpid rather than Foundation's Process: on Linux,
    /// `Process.waitUntilExit()` was seen to hang after `tmux new-session -d` (the client exited,
    /// but was never reaped), and a pipe to the client is held open by the server it starts.
    /// Output goes to files; a tmux that does not finish within `timeout` is killed.
    private func execute(_ args: [String], timeout: TimeInterval = 20) -> (status: Int32, stdout: String, stderr: String) {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("nettui-e2e-tmux-\(getpid())-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        let argv: [UnsafeMutablePointer<CChar>?] = ([path, "-u", "-L", socket] + args).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A clean signal state for tmux and, through it, for nettui: nothing blocked, default actions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { return (-1, "", "cannot run \(path): \(String(cString: strerror(spawned)))") }

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        var exitStatus: Int32 = -1
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                // WIFEXITED / WEXITSTATUS are macros Swift cannot import.
                exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                break
            }
            if r == -1 && errno != EINTR { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return (-1, "", "tmux \(args.joined(separator: " ")) did not finish within \(Int(timeout)) s")
            }
            usleep(10_000)
        }
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        return (exitStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
