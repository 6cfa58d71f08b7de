import NetModel
import Plumbing
@testable import NetTUI
import TestSupport
import XCTest
@testable import NetStore

/// `nettui bench` (a small smoke run: the real suite takes minutes and is not part of the tests),
/// and the derived data it times: built when needed, narrowed as a filter grows, and never stale.
final class BenchTests: XCTestCase {
    func testBenchPrintsEveryFigureForEverySize() throws {
        let r = try Programs.nettui(["bench", "--sizes", "60", "120", "--runs", "1", "--keys", "10"])
        XCTAssertEqual(r.status, 0, r.output)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.contains("60 contacts") && $0.contains("120 contacts") }, r.stdout)
        // The heading names the allocator the program runs on: mimalloc's, not the C library's.
        XCTAssertTrue(lines.first?.contains(", mimalloc 2.") == true, r.stdout)
        for figure in [Figure.firstFrame, Figure.filter, Figure.move, Figure.paneSwitch, Figure.card, Figure.matrix,
                       Figure.exits, Figure.briefing, Figure.matrixCommand, Figure.save, Figure.importCards, Figure.reimport,
                       Figure.longNote, Figure.longestNote] {
            guard let line = lines.first(where: { $0.hasPrefix(figure) }) else {
                XCTFail("no line for \(figure) in\n\(r.stdout)")
                continue
            }
            // The two sizes' cells start with a time in ms; then the growth between them.
            let cells = line.split(separator: /\s{2,}/).map(String.init)
            XCTAssertEqual(cells.count, 5, line)
            for cell in cells.dropFirst(2).prefix(2) { XCTAssertNotNil(Double(cell.prefix { $0 != " " }), line) }
            XCTAssertTrue(cells.last?.hasSuffix("(size ×2)") ?? false, line)
        }
    }

    func testBenchRefusesBadSizes() throws {
        let r = try Programs.nettui(["bench", "--sizes", "0"])
        XCTAssertNotEqual(r.status, 0)
        assertContains(r.stderr, "--sizes must be between 1 and 1000000")
    }

    func testSamplesPercentilesAndMilliseconds() {
        let s = Samples(values: (1...100).map { Double($0) / 1000 })
        XCTAssertEqual(s.median, 0.050)
        XCTAssertEqual(s.percentile(0.99), 0.099)
        XCTAssertEqual(s.spread, "50.0 (1.00–100)")
        XCTAssertEqual(Samples.ms(0.0004123), "0.412")
        XCTAssertEqual(Samples.ms(2.8174), "2817")
    }

    /// A filter typed letter by letter, erased, and retyped gives the same rows as a filter set at
    /// once on a fresh state, on every pane's list.
    func testIncrementalFilterMatchesAFreshOne() {
        let network = Demo.network(today: Harness.today, contacts: 400, networks: 8, interactions: 1200, seed: 7)
        var h = Harness(network: network)
        let word = String(SearchText.fold(network.contacts[200].name).prefix(4))
        h.press(.char("/"))
        for query in [word, String(word.prefix(2)), word + " " + "a", "kind:cus", "kind:customer a", "mine", "min"] {
            while !h.state.filter.text.isEmpty { h.press(.backspace) }
            h.type(query)
            var fresh = Harness(network: network)
            fresh.press(.char("/"))
            fresh.driver.state.filter = TextField(query)
            fresh.driver.state.refresh()
            XCTAssertEqual(h.state.rows, fresh.state.rows, query)
            XCTAssertEqual(h.state.rows, Self.reference(network, query), query)
        }
    }

    /// Over 20,000 contacts the search runs on two threads; the rows are the same as by the plain rule.
    func testASearchOnTwoThreadsFindsWhatThePlainRuleFinds() {
        let network = Demo.network(today: Harness.today, contacts: 20_500, networks: 1, interactions: 0, seed: 3)
        var h = Harness(network: network)
        h.press(.char("/"))
        h.type("er")
        XCTAssertEqual(h.state.rows, Self.reference(network, "er"))
        XCTAssertGreaterThan(h.state.rows.count, 1000)
    }

    /// The list's rows by the plain rule: every contact the query matches, by folded name and id.
    static func reference(_ n: Network, _ query: String) -> [Int] {
        let q = ContactQuery(query, me: n.me.name)
        return n.contacts.indices.filter { q.matches(n.contacts[$0]) }
            .sorted { (SearchText.fold(n.contacts[$0].name), n.contacts[$0].id) < (SearchText.fold(n.contacts[$1].name), n.contacts[$1].id) }
    }

    /// Panes build their lists when shown; an edit made on one pane reaches the others' lists.
    func testListsFollowEditsMadeOnAnotherPane() {
        var h = Harness()
        h.press(.char("3"))
        let candidates = h.state.exitRows.count
        XCTAssertGreaterThan(candidates, 0)
        h.press(.char("1"))
        let before = h.state.network.contacts.count
        // Delete the first exit candidate from the contacts list; the exits pane must drop it.
        let gone = h.state.exitRows.first { $0.kind == .contact }!.id
        h.driver.state.select(gone)
        h.press(.char("d"), .char("y"))
        XCTAssertEqual(h.state.network.contacts.count, before - 1)
        h.press(.char("3"))
        XCTAssertFalse(h.state.exitRows.contains { $0.id == gone })
        h.press(.char("2"))
        XCTAssertFalse(h.state.quadrantRows.values.joined().contains { h.state.network.contacts[$0].id == gone })
    }

    /// Work left for idle time is finished by then, and a card drawn before or after it is the same.
    func testIdleWorkDoesNotChangeWhatIsDrawn() {
        var h = Harness(width: 120, height: 40)
        h.select("Aino Järvinen")
        let before = h.text
        XCTAssertTrue(h.state.hasIdleWork)
        while h.state.hasIdleWork { h.driver.state.doIdleWork() }
        assertText(h.text, before, firstLine: 0, what: "the screen after the idle work", numbered: "row")
        h.press(.enter)
        assertLine(h, containing: "Interactions (")
    }
}
