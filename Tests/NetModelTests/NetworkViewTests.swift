import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import Plumbing

/// The rules read the network through one `NetworkView` (the network with its log's index and,
/// when kept, the folded names); the model's code reads it without pointers.
final class NetworkViewTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    /// The model target is plain Swift: reading in place goes through Plumbing's lending helpers
    /// (`forEachLent`, `mapLent`, `parallelMap`), never through pointers of its own.
    func testTheModelHasNoPointersOrSystemCalls() throws {
        let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let model = root.appendingPathComponent("Sources/NetModel")
        let files = try XCTUnwrap(FileManager.default.subpathsOfDirectory(atPath: model.path)).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 20, "the model's sources are found")
        let forbidden = try NSRegularExpression(pattern: #"Unsafe|pointee|\bGlibc\b|nonisolated\(unsafe\)|@unchecked"#)
        for file in files {
            let text = try String(contentsOf: model.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let s = String(line)
                XCTAssertNil(forbidden.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)), "Sources/NetModel/\(file):\(n + 1): \(s)")
            }
        }
    }

    /// A view made with the index or the names of another version of the network (its lists have
    /// other counts) builds its own: the rules give what a fresh view gives.
    func testAViewWithAStaleIndexOrNamesAnswersAsAFreshOne() {
        var r = SplitMix64(seed: 7)
        let n = ScaleRulesTests.randomNetwork(&r, contacts: 300, interactions: 900)
        var older = n
        older.interactions.removeLast(5)
        older.contacts.removeLast()
        let stale = NetworkView(n, logIndex: LogIndex(older), foldedNames: older.contacts.map { SearchText.fold($0.name) })
        let fresh = NetworkView(n)
        XCTAssertEqual(stale.logIndex.positions, fresh.logIndex.positions)
        XCTAssertEqual(stale.exitCandidates(today: today, all: true), fresh.exitCandidates(today: today, all: true))
        XCTAssertEqual(stale.lastContactDays(), fresh.lastContactDays())
        XCTAssertEqual(MatrixReport(stale, today: today), MatrixReport(fresh, today: today))
        XCTAssertEqual(Briefing(stale, scope: .today, today: today), Briefing(fresh, scope: .today, today: today))
        XCTAssertTrue(stale.overdueContacts(today: today).elementsEqual(fresh.overdueContacts(today: today)) { $0.contact == $1.contact && $0.days == $1.days })
    }

    /// The names a view is given are the ones it orders by (the app keeps them with its facts,
    /// folded once): the rules do not fold the names again when they have them.
    func testTheViewOrdersByTheNamesItKeeps() {
        var n = Network()
        let old = Timestamp(seconds: Int64(today.adding(days: -400).ordinal) * 86_400)
        n.contacts = ["a", "b", "c"].map { Contact(id: $0, name: "Same", created: old) }
        let plain = NetworkView(n).exitCandidates(today: today).map(\.id)
        XCTAssertEqual(plain, ["a", "b", "c"], "equal names: by id")
        let kept = NetworkView(n, logIndex: LogIndex(n), foldedNames: ["z", "y", "x"]).exitCandidates(today: today).map(\.id)
        XCTAssertEqual(kept, ["c", "b", "a"], "by the folded names given")
    }

    /// Plumbing's lending helpers give what the plain loops give.
    func testLendingHelpersAgreeWithPlainLoops() {
        let words = ["delta", "alpha", "charlie", "bravo", "echo"]
        var seen: [String] = []
        words.forEachLent { k, w in seen.append("\(k)\(w.value)") }
        XCTAssertEqual(seen, words.enumerated().map { "\($0.offset)\($0.element)" })
        XCTAssertEqual(words.mapLent { $0.count }, words.map(\.count), "a field read through the lent element")
        XCTAssertEqual(words.mapLent(1..<3) { $0.value.uppercased() }, ["ALPHA", "CHARLIE"])
        XCTAssertEqual(words.withLent(3) { $0.value + "!" }, "bravo!")
        XCTAssertFalse(words.allNeighbours { $0.value <= $1.value })
        XCTAssertTrue(words.sorted().allNeighbours { $0.value <= $1.value })
        XCTAssertTrue([String]().allNeighbours { _, _ in false }, "nothing to compare")
        XCTAssertEqual(parallelMap(words, minimumRun: 1) { $0.utf8.count }, words.map(\.utf8.count))
        XCTAssertEqual(CompactID.uuid(of: "not a uuid")?.0, nil)
        XCTAssertNotNil(CompactID.uuid(of: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
    }
}
