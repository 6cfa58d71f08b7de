import Foundation
import XCTest

/// Finds the programs this package builds (nettui, StressSave) and runs programs as separate
/// processes the way a script would: output to files, LANG=C.UTF-8, optionally in a folder, with
/// more environment, with a time limit.
enum Programs {
    struct Result {
        var status: Int32
        /// With `mergeOutput`, standard output and standard error together, interleaved.
        var stdout: String
        /// Empty with `mergeOutput`.
        var stderr: String
        /// Killed by a signal (a crash, or the time limit), not an exit; `status` is then the signal.
        var signaled: Bool
        /// Killed (SIGKILL) because `timeout` seconds had passed.
        var timedOut: Bool
        var seconds: Double

        /// Everything the program printed.
        var output: String { stdout + stderr }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Where a built executable may be: beside the test bundle (Linux: the test runner is an
    /// executable in .build/<config>/; macOS: the .xctest folder is there), else in the package's
    /// default .build/debug.
    static func candidates(_ name: String) -> [String] {
        var dirs: [URL] = []
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            dirs.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in [Bundle(for: BundleMarker.self).bundleURL, Bundle.main.bundleURL] {
            dirs.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(root.appendingPathComponent(".build/debug"))
        var seen = Set<String>()
        return dirs.map { $0.appendingPathComponent(name).standardizedFileURL.path }.filter { seen.insert($0).inserted }
    }

    /// The environment variable that names the nettui to test instead of the one built beside
    /// the tests: CI runs the end-to-end tests a second time against the release build with
    /// `NETTUI_BINARY=.build/release/nettui` (signals once worked in debug and not in release).
    static let binaryVariable = "NETTUI_BINARY"

    /// The built executable `name`, or nil when it has not been built.
    static func builtPath(_ name: String) -> String? {
        if name == "nettui", let given = ProcessInfo.processInfo.environment[binaryVariable], !given.isEmpty {
            let path = URL(fileURLWithPath: given).standardizedFileURL.path
            return FileManager.default.isExecutableFile(atPath: path) ? path : nil
        }
        return candidates(name).first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The built executable `name`; when it is missing, fails the test and skips the rest of it.
    static func requireBuilt(_ name: String) throws -> String {
        guard let path = builtPath(name) else {
            if name == "nettui", let given = ProcessInfo.processInfo.environment[binaryVariable], !given.isEmpty {
                XCTFail("\(binaryVariable)=\(given) is not an executable")
                throw XCTSkip("no \(name)")
            }
            XCTFail("\(name) was not found beside the tests; build it first (swift build). Looked in:\n  "
                    + candidates(name).joined(separator: "\n  "))
            throw XCTSkip("no \(name)")
        }
        return path
    }

    /// An executable on PATH.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the built nettui with `args`.
    static func nettui(_ args: [String], in dir: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(try requireBuilt("nettui"), args, in: dir, environment: environment)
    }

    /// Runs `executable` (a path, or a name looked up on PATH) with `args` and no input, in `dir`
    /// if given, with this process's environment, LANG and LC_ALL C.UTF-8, and `environment` on top.
    /// Output goes to files, not pipes, so that a large output never blocks the child. With
    /// `timeout`, a program still running after that many seconds is killed (SIGKILL).
    ///
    /// Separate stdout and stderr must be UTF-8 (invalid bytes throw); merged output, a diagnostic
    /// stream that a kill may cut mid-character, is decoded leniently.
    static func run(_ executable: String, _ args: [String], in dir: String? = nil, environment: [String: String] = [:],
                    mergeOutput: Bool = false, timeout: Double? = nil) throws -> Result {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
        } else {
            guard let found = onPath(executable) else { throw Failure(description: "\(executable) is not on PATH") }
            process.executableURL = URL(fileURLWithPath: found)
        }
        process.arguments = args
        if let dir { process.currentDirectoryURL = URL(fileURLWithPath: dir) }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        for (k, v) in environment { env[k] = v }
        process.environment = env

        let base = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-run-\(getpid())-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try XCTUnwrap(FileHandle(forWritingAtPath: outPath))
        var err = out
        if !mergeOutput {
            _ = FileManager.default.createFile(atPath: errPath, contents: nil)
            err = try XCTUnwrap(FileHandle(forWritingAtPath: errPath))
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice

        let start = DispatchTime.now()
        try process.run()
        var timedOut = false
        if let timeout {
            let deadline = start.uptimeNanoseconds + UInt64(timeout * 1e9)
            while process.isRunning {
                if DispatchTime.now().uptimeNanoseconds > deadline {
                    timedOut = true
                    kill(process.processIdentifier, SIGKILL)
                    break
                }
                usleep(5_000)
            }
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        try out.close()
        if !mergeOutput { try err.close() }

        func text(_ path: String) throws -> String {
            if mergeOutput { return String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        return Result(status: process.terminationStatus, stdout: try text(outPath), stderr: mergeOutput ? "" : try text(errPath),
                      signaled: process.terminationReason == .uncaughtSignal, timedOut: timedOut, seconds: seconds)
    }
}

/// A class of the test bundle, to find the bundle by.
private final class BundleMarker {}
