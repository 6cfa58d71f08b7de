import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

final class NetworksPaneTests: XCTestCase {
    private func group(_ h: Harness, _ name: String) -> NetworkGroup? { h.state.network.networks.first { $0.name == name } }

    private func selectNetwork(_ h: inout Harness, _ name: String) {
        h.driver.state.networks.selectedID = group(h, name)?.id
        h.driver.state.keepSelectionVisible()
    }

    func testListAndCardAt120x40() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("5"))
        XCTAssertEqual(h.state.pane, .networks)
        assertScreen(h, rows: 0...23, """
             NetTUI · demo (never saved)                                                      40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
               Network                   Kind               Memb  h/mo Yield  │ Business Breakfast Club Helsinki
               Business Breakfast Club … club                  6     5   0.1  │ club · 6 members
             ↘ Golf & Business Society   club                  3    10     0  │
               GreenPort Horizon Consor… project consorti…     5  12.5     1  │ Purposes      information
               Nordic Export Circle      forum                 9     6    10  │ Cost          5 h/month · 600 per year
               Startup Mentors Online    online community      6     2     1  │ Yield         0.1
               Tampere Chamber of Comme… association           6     4     1  │ Fair          no — unfair or stalled
                                                                              │ Ambition      fits ours
                                                                              │ Mix           0 buyers · 3 sellers · 4 partners
                                                                              │ Give / get    gave 7 · got 8 · 0.9 : 1
                                                                              │ Last activity 2026-11-07 (2w)
                                                                              │
                                                                              │ Everyone sells, nobody buys.
                                                                              │
                                                                              │ Members (6)
                                                                              │ ● Anna Bergqvist · Swedish Chamber of Commerce in …
                                                                              │ · Birgitte Sørensen
                                                                              │ · Björn Ekström · Ekström Consulting
                                                                              │ · Ole Hansen · Hansen Kontorservice
                                                                              │ ↗ Priya Raman · Helsinki Fintech Hub
                                                                              │ · Rasmus Vestergaard · Vestergaard IT ApS
                                                                              │
            """)
        for y in 0..<40 { XCTAssertEqual(h.screen.line(y).columns, 120) }
    }

    func testAddEditAndDeleteWithUndoAt80x24() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("5"), .char("a"))
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks



            ┌─ New network ────────────────────────────────────────────────────────────────┐
            │ Name                                                                         │
            │ Kind                                                                         │
            │ Purposes                                                                     │
            │ Hours per month    0                                                         │
            │ Cost per year      0                                                         │
            │ Yield              1                                                         │
            │ Best before                                                                  │
            │ Fair               yes                                                       │
            │ Ambition fits      yes                                                       │
            │ Last activity                                                                │
            │ Notes                                                                        │
            │                                                                              │
            │ Name: required                                                               │
            └──────────────────────────────────────────────────────────────────────────────┘



             Tab next  Enter save  Esc cancel  Ctrl-O editor
            """)
        h.type("Kööpenhamina Design Forum")
        h.press(.tab)
        h.type("forum")
        h.press(.tab)
        h.type("competence, nonsense")
        h.press(.enter)
        assertLine(h, containing: "\"nonsense\" is not one of")
        h.press(.ctrl("u"))
        h.type("competence, information")
        h.press(.tab, .ctrl("u"))
        h.type("3,5")
        h.press(.enter)
        let g = group(h, "Kööpenhamina Design Forum")
        XCTAssertEqual(g?.purposes, [.competence, .information])
        XCTAssertEqual(g?.hoursPerMonth, 3.5)
        assertScreen(h, """
             NetTUI · demo (never saved) ● modified   40 contacts · 7 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
               Network                            Kind                    Memb  h/mo Yield
               Business Breakfast Club Helsinki   club                       6     5   0.1
             ↘ Golf & Business Society            club                       3    10     0
               GreenPort Horizon Consortium       project consortium         5  12.5     1
               Kööpenhamina Design Forum          forum                      0   3.5     1
               Nordic Export Circle               forum                      9     6    10
               Startup Mentors Online             online community           6     2     1
               Tampere Chamber of Commerce        association                6     4     1













             Added Kööpenhamina Design Forum
            """)
        XCTAssertEqual(h.state.currentNetwork?.name, "Kööpenhamina Design Forum")
        h.press(.char("e"))
        for _ in 0..<6 { h.press(.tab) }  // Best before
        h.type("2026-02-30")
        h.press(.enter)
        assertLine(h, containing: "Best before must be a date")
        h.press(.ctrl("u"))
        h.type("2027-06-30")
        h.press(.enter)
        XCTAssertEqual(group(h, "Kööpenhamina Design Forum")?.bestBefore, Day(year: 2027, month: 6, day: 30))
        h.press(.char("d"))
        assertLine(h, containing: "Delete Kööpenhamina Design Forum?")
        h.press(.char("y"))
        XCTAssertNil(group(h, "Kööpenhamina Design Forum"))
        h.press(.char("u"))
        XCTAssertNotNil(group(h, "Kööpenhamina Design Forum"))
        XCTAssertEqual(group(h, "Kööpenhamina Design Forum")?.bestBefore, Day(year: 2027, month: 6, day: 30))
    }

    func testDeletingANetworkKeepsItsEventsValid() {
        var h = Harness()
        h.press(.char("5"))
        guard let withEvent = h.state.network.networks.first(where: { g in h.state.network.events.contains { $0.network == g.id } }) else {
            return XCTFail("the demo has an event tied to a network")
        }
        selectNetwork(&h, withEvent.name)
        h.press(.char("d"), .char("y"))
        XCTAssertTrue(h.state.network.referenceProblems().isEmpty)
        h.press(.char("u"))
        XCTAssertTrue(h.state.network.events.contains { $0.network == withEvent.id })
    }

    func testMemberPickerFiltersAndToggles() {
        var h = Harness(width: 100, height: 30)
        h.press(.char("5"))
        selectNetwork(&h, "Business Breakfast Club Helsinki")
        let before = group(h, "Business Breakfast Club Helsinki")!.members
        let hanna = h.state.network.contacts.first { $0.name == "Hanna Mäkinen" }!.id
        XCTAssertFalse(before.contains(hanna))
        h.press(.char("m"))
        assertLine(h, containing: "Members of Business Breakfast Club Helsinki")
        h.type("makinen")  // diacritic-insensitive
        assertScreen(h, """
             NetTUI · demo (never saved)                                  40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
            ┌─ Members of Business Breakfast Club Helsinki — 6 chosen ─────────────────────────────────────────┐
            │ Filter: makinen                                                                                  │
            │ [ ] Hanna Mäkinen · Hanken School of Economics                                                   │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            │                                                                                                  │
            └──────────────────────────────────────────────────────────────────────────────────────────────────┘
             Tab toggle  Enter apply  Esc cancel
            """)
        h.press(.tab)
        assertLine(h, containing: "[x] Hanna Mäkinen")
        h.press(.enter)
        XCTAssertEqual(group(h, "Business Breakfast Club Helsinki")!.members, before + [hanna])
        h.press(.char("m"), .escape)
        XCTAssertEqual(group(h, "Business Breakfast Club Helsinki")!.members, before + [hanna])
        h.press(.char("u"))
        XCTAssertEqual(group(h, "Business Breakfast Club Helsinki")!.members, before)
    }
}

final class ExitsPaneTests: XCTestCase {
    private func names(_ h: Harness) -> [String] { h.state.exitRows.map(\.name) }

    func testCandidatesRankedWithReasonsAt80x24And160x48() {
        for (w, ht) in [(80, 24), (160, 48)] {
            var h = Harness(width: w, height: ht)
            h.press(.char("3"))
            XCTAssertEqual(h.state.pane, .exits)
            XCTAssertFalse(h.state.exitRows.isEmpty)
            let scores = h.state.exitRows.map(\.score)
            XCTAssertEqual(scores, scores.sorted(by: >), "best candidate first")
            let first = h.state.exitRows[0]
            assertLine(h, containing: first.reasons[0].truncated(to: 20).replacingOccurrences(of: "…", with: ""))
            assertLine(h, row: ht - 1, containing: "c keep")
            if w == 80 {
                assertScreen(h, """
                     NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
                     1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
                     Score  Network or contact               Why
                      9.4 ◇ Golf & Business Society          [wind down by 2027-02-06: hand the spo…
                      5.6 ◇ Business Breakfast Club Helsinki 5 h/month for yield 0.1; unfair or sta…
                        3 ☺ Jean-Pierre Dubois               tagged difficult
                      2.3 ◇ GreenPort Horizon Consortium     best before 2026-12-03, in 10 days
                      2.2 ◇ Startup Mentors Online           no activity for 210 days
                        2 ☺ Eirik Haugen                     gave 5 times, got 1
                        2 ☺ Matti Koskinen                   no contact for 200 days
                        2 ☺ Sanna Heinonen                   gave 4 times, got 1






                    ────────────────────────────────────────────────────────────────────────────────
                     Golf & Business Society  score 9.4
                     • 10 h/month for yield 0
                     • best before 2026-10-24, passed
                     • ambition: mismatch
                     Decision: wind down by 2027-02-06: hand the sponsor contacts over to Henrik
                     c keep  v review  w wind down  x leave  a all  u undo  s save  ? help  : palet…
                    """)
            }
            for y in 0..<ht { XCTAssertEqual(h.screen.line(y).columns, w) }
        }
    }

    func testKeepHidesWithAReasonAndUndoBringsItBack() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("3"))
        let first = h.state.exitRows[0]
        h.press(.char("c"))
        assertScreen(h, rows: 18...22, """
                      ┌─ Keep Golf & Business Society ───────────────────────────────────────────────────────────────────┐
                      │ Why keep it                                                                                      │
                      │                                                                                                  │
                      │ Why keep it: the reason, shown on the card                                                       │
                      └──────────────────────────────────────────────────────────────────────────────────────────────────┘
            """)
        h.press(.enter)
        assertLine(h, containing: "Say why it is kept")
        h.type("still our best channel to Tampere")
        h.press(.enter)
        XCTAssertFalse(names(h).contains(first.name), "a kept candidate leaves the list")
        h.press(.char("a"))
        XCTAssertTrue(names(h).contains(first.name), "a shows decided ones")
        guard case .keep(let reason, _)? = h.state.exitRows.first(where: { $0.name == first.name })?.decision else {
            return XCTFail("the decision is kept on the candidate")
        }
        XCTAssertEqual(reason, "still our best channel to Tampere")
        h.press(.char("a"), .char("u"))
        XCTAssertTrue(names(h).contains(first.name))
        XCTAssertNil(h.state.exitRows.first { $0.name == first.name }?.decision.flatMap { if case .keep = $0 { return $0 }; return nil })
    }

    func testReviewLaterHidesUntilTheDate() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("3"))
        let first = h.state.exitRows[0]
        h.press(.char("v"), .ctrl("u"))
        h.type("2026-11-01")
        h.press(.enter)
        assertLine(h, containing: "a date after today")
        h.press(.ctrl("u"))
        h.type("2027-01-15")
        h.press(.enter)
        XCTAssertFalse(names(h).contains(first.name))
        // After the date it is a candidate again.
        let later = Day(year: 2027, month: 1, day: 16)!
        XCTAssertTrue(h.state.network.exitCandidates(today: later).contains { $0.id == first.id })
    }

    func testLeaveMarksTheNetworkLeftAndWindDownShowsOnTheCard() throws {
        var h = Harness(width: 120, height: 40)
        h.press(.char("3"))
        let network = try XCTUnwrap(h.state.exitRows.first { $0.kind == .network && $0.decision == nil })
        h.driver.state.exits.selected = h.state.exitRows.firstIndex(of: network)!
        h.press(.char("w"))
        h.press(.tab)
        h.type("Jonas takes the sponsor contacts")
        h.press(.enter)
        let g = h.state.network.network(id: network.id)!
        guard case .windDown(let by, let handover, _)? = g.decision else { return XCTFail("wound down") }
        XCTAssertEqual(by, Harness.today.adding(days: 90))
        XCTAssertEqual(handover, "Jonas takes the sponsor contacts")
        h.press(.char("5"))
        h.driver.state.networks.selectedID = network.id
        h.press(.enter)
        assertScreen(h, rows: 0...24, """
             NetTUI · demo (never saved) ● modified                                           40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             Business Breakfast Club Helsinki
             club · 6 members

             Decision      wind down by 2027-02-21: Jonas takes the sponsor contacts
             Purposes      information
             Cost          5 h/month · 600 per year
             Yield         0.1
             Fair          no — unfair or stalled
             Ambition      fits ours
             Mix           0 buyers · 3 sellers · 4 partners
             Give / get    gave 7 · got 8 · 0.9 : 1
             Last activity 2026-11-07 (2w)

             Everyone sells, nobody buys.

             Members (6)
             ● Anna Bergqvist · Swedish Chamber of Commerce in Finland
             · Birgitte Sørensen
             · Björn Ekström · Ekström Consulting
             · Ole Hansen · Hansen Kontorservice
             ↗ Priya Raman · Helsinki Fintech Hub
             · Rasmus Vestergaard · Vestergaard IT ApS

            """)

        h.press(.escape, .char("3"))
        h.driver.state.exits.selected = h.state.exitRows.firstIndex { $0.id == network.id }!
        h.press(.char("x"))
        assertLine(h, containing: "Leave \(network.name) as of today?")
        h.press(.char("y"))
        XCTAssertTrue(h.state.network.network(id: network.id)!.isLeft)
        XCTAssertFalse(names(h).contains(network.name), "a left network is out of the candidates")
        h.press(.char("5"))
        let rows = h.state.networkRows.map { h.state.network.networks[$0] }
        XCTAssertEqual(rows.last?.id, network.id, "left networks sort last")
        assertLine(h, containing: "✕")
        h.press(.char("u"), .char("u"))
        XCTAssertNil(h.state.network.network(id: network.id)!.decision)
    }

    func testHelpExplainsTheScore() {
        var h = Harness(width: 160, height: 60)
        h.press(.char("3"), .char("?"))
        assertLine(h, containing: "Exit candidates: networks and relationships")
        assertLine(h, containing: ExitRules.explanation[0].truncated(to: 40).replacingOccurrences(of: "…", with: ""))
    }
}

final class GiveGetTests: XCTestCase {
    func testTheTallyShowsCountsAndTheRatio() {
        XCTAssertEqual(GiveGet.text((gave: 6, got: 2)), "gave 6 · got 2 · 3.0 : 1")
        XCTAssertEqual(GiveGet.text((gave: 3, got: 0)), "gave 3 · got 0 · only given")
        XCTAssertEqual(GiveGet.text((gave: 0, got: 0)), "gave 0 · got 0")
        var h = Harness(width: 120, height: 40)
        h.press(.char("5"))
        let g = h.state.currentNetwork!
        assertLine(h, containing: GiveGet.text(h.state.network.giveGet(network: g)))
    }
}
