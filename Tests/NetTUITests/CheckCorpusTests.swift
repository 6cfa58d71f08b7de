import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore

/// `nettui check` over the hostile corpus (Tests/TestSupport/HostileCorpus.swift): exit status 1
/// and a message naming the problem for every file, never a crash or a hang, the file unchanged.
final class CheckCorpusTests: XCTestCase {
    func testCheckRefusesEveryHostileFileWithoutCrashingOrHanging() throws {
        let nettui = try Programs.requireBuilt("nettui")
        var template = Array((NSTemporaryDirectory() + "/nettui-corpus-XXXXXX").utf8CString)
        let dir = String(cString: try XCTUnwrap(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var timings: [String] = []
        var total = 0.0
        for c in HostileCorpus.cases {
            let path = dir + "/" + c.name + ".json"
            try c.make(path)
            let before = HostileCorpus.Snapshot(path)
            let ran = try Programs.run(nettui, ["check", path], mergeOutput: true, timeout: 30)
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
        let nettui = try Programs.requireBuilt("nettui")
        let ran = try Programs.run(nettui, ["check", "/nonexistent-\(getpid())/network.json"], mergeOutput: true, timeout: 30)
        XCTAssertEqual(ran.status, 1, ran.output)
        XCTAssertFalse(ran.signaled)
        assertContains(ran.output, "no such file")
    }
}
