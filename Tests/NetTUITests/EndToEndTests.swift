import Foundation
import XCTest

/// Runs the built `nettui` binary in a real pseudo-terminal (a private tmux server), types at it
/// the way a person would, and checks that it quits cleanly and gives the terminal back as it found it.
final class EndToEndTests: XCTestCase {
    /// Generous: the CI machine may be small and busy.
    static let firstFrameTimeout: TimeInterval = 30
    static let stepTimeout: TimeInterval = 15

    func testDemoFilterAndQuitRestoresTerminal() throws {
        guard let tmuxPath = Self.findExecutable("tmux") else {
            let reason = "tmux is not installed: the end-to-end test needs it to run nettui in a real terminal (apt-get install -y tmux)"
            print("EndToEndTests: skipped — \(reason)")
            throw XCTSkip(reason)
        }
        let searched = Self.binaryCandidates()
        guard let binary = searched.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            XCTFail("the nettui binary was not found; build it first (swift build). Looked in:\n  " + searched.joined(separator: "\n  "))
            return
        }
        print("EndToEndTests: running \(binary) under \(tmuxPath)")

        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("nettui-e2e-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let tmux = Tmux(path: tmuxPath, socket: "nettui-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        let panePID = LockedPID()
        addTeardownBlock {
            // Kill the pane's process group first (the shell, nettui, sleep): a nettui that outlives
            // its terminal must not linger when the test failed half-way.
            if let pid = panePID.value, pid > 1 { kill(-pid, SIGKILL) }
            tmux.killServer()
            try? FileManager.default.removeItem(atPath: dir)
        }

        let before = dir + "/stty-before", after = dir + "/stty-after", status = dir + "/status"
        // The status file appears last (by rename), so when it exists, everything else is written.
        let script = [
            "stty -g > \(q(before))",
            "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(q(binary)) --demo",
            "echo $? > \(q(status)).tmp",
            "stty -g > \(q(after))",
            "mv \(q(status)).tmp \(q(status))",
            "sleep 600",
        ].joined(separator: "; ")
        try tmux.run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", "/bin/sh -c \(q(script))"])
        let pane = "e2e"
        panePID.value = (try? tmux.run(["display-message", "-p", "-t", pane, "#{pane_pid}"]))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }

        // The first frame.
        try poll("the dashboard's first frame", tmux: tmux, pane: pane, timeout: Self.firstFrameTimeout) { screen in
            screen.contains("Contacts") && (screen.contains("Aino Järvinen") || screen.contains("40 contacts"))
        }

        // Incremental filter. (Anna Bergqvist is on the first screen, right below Aino, when unfiltered.)
        try tmux.run(["send-keys", "-t", pane, "/"])
        try tmux.run(["send-keys", "-t", pane, "-l", "jarvinen"])
        try poll("the filter /jarvinen to leave only Aino Järvinen", tmux: tmux, pane: pane, timeout: Self.stepTimeout) { screen in
            screen.contains("Aino Järvinen") && screen.contains("1 of 40")
                && !screen.contains("Anna Bergqvist") && !screen.contains("Pekka Mäkelä")
        }

        // Leave the filter, then quit.
        try tmux.run(["send-keys", "-t", pane, "Escape"])
        try poll("Esc to clear the filter", tmux: tmux, pane: pane, timeout: Self.stepTimeout) { screen in
            !screen.contains("1 of 40") && screen.contains("Anna Bergqvist")
        }
        try tmux.run(["send-keys", "-t", pane, "q"])
        let deadline = Date().addingTimeInterval(Self.stepTimeout)
        while !FileManager.default.fileExists(atPath: status) {
            if Date() > deadline {
                XCTFail("nettui did not exit within \(Int(Self.stepTimeout)) s of pressing q. Screen:\n\(tmux.capture(pane))")
                return
            }
            Thread.sleep(forTimeInterval: 0.1)
        }

        let exitStatus = try String(contentsOfFile: status, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(exitStatus, "0", "nettui's exit status. Screen:\n\(tmux.capture(pane))")
        let sttyBefore = try String(contentsOfFile: before, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let sttyAfter = try String(contentsOfFile: after, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(sttyBefore.isEmpty, "stty -g before nettui printed nothing")
        XCTAssertEqual(sttyAfter, sttyBefore, "the terminal modes (stty -g) after nettui differ from before: the terminal was not restored")
        let alternate = try tmux.run(["display-message", "-p", "-t", pane, "#{alternate_on}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(alternate, "0", "the pane is still on the alternate screen after nettui exited")
    }

    // MARK: - Helpers

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
        XCTFail("timed out after \(Int(timeout)) s waiting for \(what). Last screen:\n\(screen)", file: file, line: line)
        throw EndToEndFailure()
    }

    struct EndToEndFailure: Error {}

    /// Single-quotes a string for /bin/sh.
    private func q(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Where the built `nettui` may be: beside the test bundle (the build folder), else in the
    /// package's default `.build/debug`.
    static func binaryCandidates() -> [String] {
        var dirs: [URL] = []
        // Linux: the test bundle is an executable in .build/<config>/.
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            let url = URL(fileURLWithPath: arg0).resolvingSymlinksInPath()
            dirs.append(url.deletingLastPathComponent())
        }
        // macOS: the test bundle is a .xctest folder in .build/<config>/.
        let bundle = Bundle(for: EndToEndTests.self).bundleURL
        dirs.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        let main = Bundle.main.bundleURL
        dirs.append(main.pathExtension == "xctest" ? main.deletingLastPathComponent() : main)
        // Fallback: <package root>/.build/debug.
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(root.appendingPathComponent(".build/debug"))
        var seen = Set<String>()
        return dirs.map { $0.appendingPathComponent("nettui").standardizedFileURL.path }
            .filter { seen.insert($0).inserted }
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
