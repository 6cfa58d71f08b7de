import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore

/// Runs the built `nettui matrix` the way a script would and checks its output and exit status.
final class MatrixCommandTests: XCTestCase {
    func run(_ args: [String], environment extra: [String: String] = [:]) throws -> Programs.Result {
        try Programs.nettui(args, environment: extra)
    }

    func testDemoText() throws {
        let r = try run(["matrix", "--demo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let headings = lines.filter { !$0.hasPrefix(" ") }
        XCTAssertEqual(headings.count, 4, r.stdout)
        for (heading, name) in zip(headings, ["Key — ", "Rising — ", "Maintain — ", "Light touch — "]) {
            XCTAssertTrue(heading.hasPrefix(name), heading)
            assertContains(heading, " contacts, ")
            assertContains(heading, " overdue (contact every ")

        }
        XCTAssertEqual(lines.filter { $0.hasPrefix("  ") }.count, 40)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  Aino Järvinen · Järvinen Design Oy") }, r.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  王芳 · ") })
        assertContains(r.stdout, "[criteria suggest ", "the demo has drifting contacts")
    }

    func testDemoJSON() throws {
        let r = try run(["matrix", "--demo", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONParser.parse(Array(r.stdout.utf8))
        guard case .object(let o) = json else { return XCTFail(r.stdout) }
        XCTAssertEqual(Set(o.keys), ["key", "rising", "maintain", "lightTouch"])
        var total = 0
        for (_, value) in o {
            guard case .array(let items) = value else { return XCTFail("not an array") }
            for item in items {
                guard case .object(let fields) = item else { return XCTFail("not an object") }
                XCTAssertEqual(Set(fields.keys), ["id", "name", "organization", "overdueDays"])
                XCTAssertNotNil(fields["overdueDays"]?.doubleValue)
            }
            total += items.count
        }
        XCTAssertEqual(total, 40)
        guard case .array(let key)? = o["key"] else { return XCTFail() }
        XCTAssertTrue(key.contains { field($0, "name") == .string("Aino Järvinen") })
    }

    func testOverdueAndMarkdown() throws {
        let all = try run(["matrix", "--demo", "--format", "json"])
        let overdue = try run(["matrix", "--demo", "--format", "json", "--overdue"])
        XCTAssertEqual(overdue.status, 0, overdue.stderr)
        let parsed = try JSONParser.parse(Array(overdue.stdout.utf8))
        guard case .object(let o) = parsed else { return XCTFail(overdue.stdout) }
        let entries = o.values.flatMap { v -> [JSON] in if case .array(let a) = v { return a } else { return [] } }
        XCTAssertFalse(entries.isEmpty)
        XCTAssertTrue(entries.allSatisfy { (field($0, "overdueDays")?.doubleValue ?? 0) > 0 })
        XCTAssertLessThan(overdue.stdout.count, all.stdout.count)

        let md = try run(["matrix", "--demo", "--format", "markdown"])
        XCTAssertEqual(md.status, 0, md.stderr)
        XCTAssertTrue(md.stdout.hasPrefix("## Key ("), md.stdout)
        assertContains(md.stdout, "| name | organisation | overdue days |")
    }

    func testAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-matrix-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        // A demo far in the past: every contact is overdue today, whatever today is.
        let network = Demo.network(today: Day(year: 2001, month: 1, day: 1)!)
        try Data(NetworkCodec.encode(network)).write(to: URL(fileURLWithPath: path))

        let byArgument = try run(["matrix", path, "--format", "json"])
        XCTAssertEqual(byArgument.status, 0, byArgument.stderr)
        let byOption = try run(["matrix", "--file", path, "--format", "json"])
        XCTAssertEqual(byOption.stdout, byArgument.stdout)
        let byEnvironment = try run(["matrix", "--format", "json"], environment: ["NETTUI_FILE": path])
        XCTAssertEqual(byEnvironment.stdout, byArgument.stdout)
        let overdue = try run(["matrix", path, "--format", "json", "--overdue"])
        XCTAssertEqual(overdue.stdout, byArgument.stdout, "all overdue")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"), "read-only use takes no lock")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(NetworkCodec.encode(network)), "the file is untouched")
    }

    func testMissingFileExitsOne() throws {
        let r = try run(["matrix", "/nonexistent.json"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        assertContains(r.stderr, "/nonexistent.json")
        assertContains(r.stderr, "no such file")
    }

    func testBrokenFileExitsOneWithItsProblems() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-matrix-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/broken.json"
        try Data(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A", "importanceNow": 5}]}"#.utf8).write(to: URL(fileURLWithPath: path))
        let r = try run(["matrix", path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        assertContains(r.stderr, "cannot be opened")
        assertContains(r.stderr, "importanceNow")
    }

    func testDemoTakesNoFile() throws {
        let r = try run(["matrix", "--demo", "/some/file.json"])
        XCTAssertNotEqual(r.status, 0)
        assertContains(r.stderr, "--demo")
        let bad = try run(["matrix", "--demo", "--format", "yaml"])
        XCTAssertNotEqual(bad.status, 0)
    }
}

/// A field of a JSON object.
private func field(_ value: JSON, _ key: String) -> JSON? {
    if case .object(let o) = value { return o[JSONKey(key)] }
    return nil
}
