import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore

/// Runs the built `nettui exits` the way a script would and checks its output and exit status.
final class ExitsCommandTests: XCTestCase {
    func run(_ args: [String], environment extra: [String: String] = [:]) throws -> Programs.Result {
        try Programs.nettui(args, environment: extra)
    }

    func tempDir() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-exits-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testDemoText() throws {
        let r = try run(["exits", "--demo"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let heads = lines.filter { !$0.hasPrefix("       ") }
        XCTAssertEqual(heads.first, "  9.4  Golf & Business Society (network)", r.stdout)
        XCTAssertTrue(heads.allSatisfy { $0.hasSuffix(" (network)") || $0.hasSuffix(" (relationship)") }, r.stdout)
        let scores = heads.map { Double($0.split(separator: " ")[0])! }
        XCTAssertEqual(scores, scores.sorted(by: >), "best first")
        for reason in ["       - 10 h/month for yield 0", "       - ambition: mismatch", "       - unfair or stalled collaboration",
                       "       - tagged difficult", "       - no activity for 210 days", "       - no contact for 200 days"] {
            assertHasLine(r.stdout, reason)
        }
        assertHasLine(r.stdout, "“- best before …, passed”") { $0.hasPrefix("       - best before ") && $0.hasSuffix(", passed") }
        assertHasLine(r.stdout, "“- best before …, in 10 days”") { $0.hasPrefix("       - best before ") && $0.hasSuffix(", in 10 days") }
        assertHasLine(r.stdout, "starting “decision: wind down by ”") { $0.hasPrefix("       decision: wind down by ") }
        assertLacks(r.stdout, "Tampere Chamber of Commerce", "a healthy network is no candidate")
        assertLacks(r.stdout, "Mohammed Al-Sayed", "kept")
        assertLacks(r.stdout, "Björn Ekström", "to review later")
    }

    func testDemoJSONAndAll() throws {
        let r = try run(["exits", "--demo", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONParser.parse(Array(r.stdout.utf8))
        XCTAssertEqual(Array(r.stdout.utf8), JSONWriter.write(json), "written by JSONWriter")
        guard case .array(let items) = json else { return XCTFail(r.stdout) }
        XCTAssertGreaterThanOrEqual(items.count, 6)
        var scores: [Double] = []
        var kinds: Set<String> = []
        for item in items {
            guard case .object(let o) = item else { return XCTFail("not an object") }
            XCTAssertEqual(Set(o.keys), ["kind", "id", "name", "score", "reasons"])
            guard case .string(let kind)? = o["kind"], case .array(let reasons)? = o["reasons"] else { return XCTFail("\(o)") }
            kinds.insert(kind)
            XCTAssertFalse(reasons.isEmpty)
            scores.append(try XCTUnwrap(o["score"]?.doubleValue))
        }
        XCTAssertEqual(kinds, ["network", "contact"])
        XCTAssertEqual(scores, scores.sorted(by: >))
        guard case .object(let first) = items[0] else { return XCTFail() }
        XCTAssertEqual(first["name"], .string("Golf & Business Society"))
        XCTAssertEqual(first["score"], .number("9.4"))

        let all = try run(["exits", "--demo", "--format", "json", "--all"])
        XCTAssertEqual(all.status, 0, all.stderr)
        guard case .array(let allItems) = try JSONParser.parse(Array(all.stdout.utf8)) else { return XCTFail(all.stdout) }
        XCTAssertEqual(allItems.count, items.count + 2, "the kept and the review-later contacts")
        assertContains(all.stdout, "Mohammed Al-Sayed")
        assertContains(all.stdout, "Björn Ekström")

        let text = try run(["exits", "--demo", "--all"])
        assertContains(text.stdout, "decision: keep (")
        assertContains(text.stdout, "decision: review after ")
    }

    func testDemoMarkdown() throws {
        let r = try run(["exits", "--demo", "--format", "markdown"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(2)), ["| score | kind | name | reasons | decision |", "|---:|---|---|---|---|"])
        XCTAssertTrue(lines[2].hasPrefix("| 9.4 | network | Golf & Business Society | 10 h/month for yield 0; best before "), lines[2])
        assertContains(r.stdout, "| relationship | Jean-Pierre Dubois | tagged difficult |")

    }

    func testAFileByArgumentOptionAndEnvironment() throws {
        let dir = try tempDir()
        let path = dir + "/network.json"
        let t = Timestamp(seconds: 0)
        var n = Network()
        var stale = NetworkGroup(id: "n1", name: "Stale Club", created: t)  // added in 1970, never active
        stale.hoursPerMonth = 20
        var gone = NetworkGroup(id: "n2", name: "Gone Forum", created: t)
        gone.fair = false
        gone.decision = .leave(on: Day(year: 2020, month: 1, day: 1)!)
        n.networks = [stale, gone]
        try Data(NetworkCodec.encode(n)).write(to: URL(fileURLWithPath: path))

        let byArgument = try run(["exits", path, "--format", "json"])
        XCTAssertEqual(byArgument.status, 0, byArgument.stderr)
        XCTAssertEqual(byArgument.stdout, """
            [
              {
                "id": "n1",
                "kind": "network",
                "name": "Stale Club",
                "reasons": [
                  "no activity logged"
                ],
                "score": 4
              }
            ]

            """)
        XCTAssertEqual(try run(["exits", "--file", path, "--format", "json"]).stdout, byArgument.stdout)
        XCTAssertEqual(try run(["exits", "--format", "json"], environment: ["NETTUI_FILE": path]).stdout, byArgument.stdout)
        let all = try run(["exits", path, "--all"])
        XCTAssertEqual(all.stdout, """
              4.0  Gone Forum (network)
                   - unfair or stalled collaboration
                   - no activity logged
                   decision: left 2020-01-01
              4.0  Stale Club (network)
                   - no activity logged

            """)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"), "read-only use takes no lock")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(NetworkCodec.encode(n)), "the file is untouched")

        try Data(NetworkCodec.encode(Network())).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try run(["exits", path]).stdout, "No exit candidates.\n")
        XCTAssertEqual(try run(["exits", path, "--format", "json"]).stdout, "[]\n")
    }

    func testErrors() throws {
        let missing = try run(["exits", "/nonexistent.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stdout, "")
        assertContains(missing.stderr, "/nonexistent.json")
        assertContains(missing.stderr, "no such file")

        let dir = try tempDir()
        let path = dir + "/broken.json"
        try Data(#"{"schemaVersion": 1, "networks": [{"id": "n1", "name": "N", "decision": {"kind": "quit", "date": "2025-01-01"}}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let broken = try run(["exits", path])
        XCTAssertEqual(broken.status, 1)
        XCTAssertEqual(broken.stdout, "")
        assertContains(broken.stderr, "cannot be opened")
        assertContains(broken.stderr, "decision.kind")

        let both = try run(["exits", "--demo", "/some/file.json"])
        XCTAssertNotEqual(both.status, 0)
        assertContains(both.stderr, "--demo")
        XCTAssertNotEqual(try run(["exits", "--demo", "--format", "yaml"]).status, 0)
        XCTAssertNotEqual(try run(["exits", path, "--file", path]).status, 0)
    }
}
