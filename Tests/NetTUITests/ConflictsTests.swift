import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class ConflictsTests: XCTestCase {
    func testTheConflictsListResolvesWithOneKeyAndUndoes() throws {
        let base = Demo.network(today: Harness.today)
        let aino = try XCTUnwrap(base.contacts.first { $0.name == "Aino Järvinen" }).id
        var ours = base, theirs = base
        ours.contacts = ours.contacts.map { c in var c = c; if c.id == aino { c.notes = "Met at Slush" }; return c }
        theirs.contacts = theirs.contacts.map { c in var c = c; if c.id == aino { c.notes = "Met at the fair" }; return c }
        let merged = Merge.merge(base: base, ours: ours, theirs: theirs).network
        var h = Harness(network: merged, width: 120, height: 30)
        XCTAssertTrue(h.screen.line(0).contains("⚠ 1 merge conflict (!)"))
        h.press(.char("!"))
        XCTAssertTrue(h.text.contains("Merge conflicts — 1"))
        XCTAssertTrue(h.text.contains("Aino Järvinen"))
        XCTAssertTrue(h.text.contains("\"Met at the fair\""))
        h.press(.char("t"))
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at the fair")
        XCTAssertFalse(h.screen.line(0).contains("merge conflict"))
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at Slush")
        XCTAssertEqual(h.state.network.conflicts.count, 1)
        h.press(.char("!"), .char("o"))
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at Slush")
        XCTAssertTrue(h.state.network.conflicts.isEmpty)
        h.press(.char("!"))
        XCTAssertTrue(h.text.contains("No merge conflicts"))
    }
}

/// The team view: who keeps which contacts, and the "mine" filter.
final class TeamViewTests: XCTestCase {
    func testSortingByOwnerGroupsContactsAndShowsTheOwner() {
        var h = Harness(width: 100, height: 50)
        for _ in 0..<4 { h.press(.char("o")) }
        XCTAssertEqual(h.state.list.sort, .owner)
        let owners = h.state.rows.map { h.state.network.contacts[$0].owner }
        let nonEmpty = owners.filter { !$0.isEmpty }
        XCTAssertEqual(nonEmpty, nonEmpty.sorted { SearchText.fold($0) < SearchText.fold($1) })
        XCTAssertTrue(h.screen.line(2).contains("Owner ▲"))
        XCTAssertTrue(h.text.contains("Henrik Dahl"))
    }

    func testMineShowsTheContactsIKeep() {
        var h = Harness()
        let me = h.state.network.me.name
        h.press(.char("/"))
        h.type("mine")
        h.press(.enter)
        XCTAssertFalse(h.state.rows.isEmpty)
        XCTAssertTrue(h.state.rows.allSatisfy { h.state.network.contacts[$0].owner == me })
        XCTAssertEqual(h.state.rows.count, h.state.network.contacts.filter { $0.owner == me }.count)
    }
}
