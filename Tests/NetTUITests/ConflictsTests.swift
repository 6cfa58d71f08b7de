import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

final class ConflictsTests: XCTestCase {
    func testTheConflictsListResolvesWithOneKeyAndUndoes() throws {
        let base = Demo.network(today: Harness.today)
        let aino = try XCTUnwrap(base.contacts.first { $0.name == "Aino Järvinen" }).id
        var ours = base, theirs = base
        ours.contacts = ours.contacts.map { c in var c = c; if c.id == aino { c.notes = "Met at Slush" }; return c }
        theirs.contacts = theirs.contacts.map { c in var c = c; if c.id == aino { c.notes = "Met at the fair" }; return c }
        let merged = Merge.merge(base: base, ours: ours, theirs: theirs).network
        var h = Harness(network: merged, width: 120, height: 30)
        assertLine(h, row: 0, containing: "⚠ 1 merge conflict (!)")
        h.press(.char("!"))
        assertScreen(h, """
             NetTUI · demo (never saved) ⚠ 1 merge conflict (!)                               40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks                                                 sort: name ▲
            ┌─ Merge conflicts — 1 ────────────────────────────────────────────────────────────────────────────────────────────────┐
            │ contact "Aino Järvinen": notes: ours "Met at Slush", theirs "Met at the fair"                                        │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │ ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────── │
            │ ours (kept)  "Met at Slush"                                                                                          │
            │ theirs       "Met at the fair"                                                                                       │
            │ base         "Wants to open a Berlin studio next year."                                                              │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            └──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
             o keep ours  t take theirs  Esc close
            """)
        h.press(.char("t"))
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at the fair")
        assertNoLine(h, row: 0, containing: "merge conflict")
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at Slush")
        XCTAssertEqual(h.state.network.conflicts.count, 1)
        h.press(.char("!"), .char("o"))
        XCTAssertEqual(h.state.network.contact(id: aino)?.notes, "Met at Slush")
        XCTAssertTrue(h.state.network.conflicts.isEmpty)
        h.press(.char("!"))
        assertLine(h, containing: "No merge conflicts")
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
        assertScreen(h, rows: 0...8, """
             NetTUI · demo (never saved)                                  40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks                            sort: owner ▲
               Name                    Owner ▲              Last   │ Aino Järvinen
             ● Anna Bergqvist          Henrik Dahl          8d     │ CEO · Järvinen Design Oy
             ★ Åsa Lindström           Henrik Dahl          1d     │
             ● Bengt Nyström           Henrik Dahl          2w     │ ★ Key  now 10 · future 10
             · Björn Ekström           Henrik Dahl          6mo    │ Criteria     Revenue today 10 · Share of
             ● Eirik Haugen            Henrik Dahl          5w     │              wallet 10 · Strategic fit 10
             ● Gunnar Lindqvist        Henrik Dahl          2mo    │              · Growth potential 10
            """)

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
