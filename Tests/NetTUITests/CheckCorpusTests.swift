import Foundation
import NetModel
import XCTest

/// Runs the built programs (nettui, StressSave) as a separate process, with a time limit.
enum BuiltTool {
    struct Ran {
        var status: Int32
        /// Killed by a signal (a crash), not an exit.
        var signaled: Bool
        var timedOut: Bool
        var output: String
        var seconds: Double
    }

    /// A built executable: beside the test runner (Linux) or the .xctest bundle (macOS).
    static func path(_ name: String) -> String? {
        var dirs: [URL] = []
        if let arg0 = CommandLine.arguments.first, !arg0.isEmpty {
            dirs.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        let bundle = Bundle(for: CheckCorpusTests.self).bundleURL
        dirs.append(bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle)
        return dirs.map { $0.appendingPathComponent(name).path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func require(_ name: String) throws -> String {
        guard let p = path(name) else {
            XCTFail("\(name) was not found beside the tests; build it first (swift build)")
            throw XCTSkip("no \(name)")
        }
        return p
    }

    /// Runs to the end or until `timeout` seconds have passed (then SIGKILL); stdout and stderr
    /// together, through a file so that a large output never blocks the child.
    static func run(_ binary: String, _ args: [String], timeout: Double) throws -> Ran {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        process.environment = env
        let outPath = NSTemporaryDirectory() + "/nettui-run-\(getpid())-\(UUID().uuidString.prefix(8)).out"
        defer { unlink(outPath) }
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try XCTUnwrap(FileHandle(forWritingAtPath: outPath))
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        let start = DispatchTime.now()
        try process.run()
        let deadline = start.uptimeNanoseconds + UInt64(timeout * 1e9)
        var timedOut = false
        while process.isRunning {
            if DispatchTime.now().uptimeNanoseconds > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(5_000)
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        try out.close()
        let output = String(decoding: (FileManager.default.contents(atPath: outPath) ?? Data()), as: UTF8.self)
        return Ran(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                   timedOut: timedOut, output: output, seconds: seconds)
    }
}

/// `nettui check` over the hostile corpus (Tests/NetTUITests/CheckCorpusFiles.swift): exit status 1
/// and a message naming the problem for every file, never a crash or a hang, the file unchanged.
final class CheckCorpusTests: XCTestCase {
    func testCheckRefusesEveryHostileFileWithoutCrashingOrHanging() throws {
        let nettui = try BuiltTool.require("nettui")
        var template = Array((NSTemporaryDirectory() + "/nettui-corpus-XXXXXX").utf8CString)
        let dir = String(cString: try XCTUnwrap(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var timings: [String] = []
        var total = 0.0
        for c in HostileCorpus.cases {
            let path = dir + "/" + c.name + ".json"
            try c.make(path)
            let before = HostileCorpus.Snapshot(path)
            let ran = try BuiltTool.run(nettui, ["check", path], timeout: 30)
            total += ran.seconds
            timings.append("\(c.name): exit \(ran.signaled ? "by signal \(ran.status)" : String(ran.status)), \(String(format: "%.3f", ran.seconds)) s")
            let head = String(ran.output.prefix(2000))
            XCTAssertFalse(ran.timedOut, "\(c.name): nettui check hung (killed after 30 s)")
            XCTAssertFalse(ran.signaled, "\(c.name): nettui check crashed (signal \(ran.status)):\n\(head)")
            XCTAssertEqual(ran.status, 1, "\(c.name):\n\(head)")
            XCTAssertTrue(ran.output.contains(c.expect.text), "\(c.name): expected “\(c.expect.text)” in:\n\(head)")
            XCTAssertTrue(ran.output.contains(path), "\(c.name): the message names the file:\n\(head)")
            XCTAssertEqual(HostileCorpus.Snapshot(path), before, "\(c.name): checking changed the file or its folder")
            try? FileManager.default.removeItem(atPath: path)
        }
        print("CheckCorpusTests: nettui check per file (\(HostileCorpus.cases.count) files, \(String(format: "%.2f", total)) s in nettui):\n  "
              + timings.joined(separator: "\n  "))
    }

    func testCheckOnAMissingFileExitsOne() throws {
        let nettui = try BuiltTool.require("nettui")
        let ran = try BuiltTool.run(nettui, ["check", "/nonexistent-\(getpid())/network.json"], timeout: 30)
        XCTAssertEqual(ran.status, 1, ran.output)
        XCTAssertFalse(ran.signaled)
        XCTAssertTrue(ran.output.contains("no such file"), ran.output)
    }
}
