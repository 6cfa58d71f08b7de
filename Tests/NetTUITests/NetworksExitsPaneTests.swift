import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

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
        XCTAssertTrue(h.screen.line(1).contains("5 Networks"))
        for g in h.state.network.networks { XCTAssertTrue(h.text.contains(g.name.truncated(to: 20).replacingOccurrences(of: "…", with: "")), g.name) }
        XCTAssertTrue(h.text.contains("Mix"))
        XCTAssertTrue(h.text.contains("Give / get"))
        XCTAssertTrue(h.text.contains("Members ("))
        for y in 0..<40 { XCTAssertEqual(h.screen.line(y).columns, 120) }
    }

    func testAddEditAndDeleteWithUndoAt80x24() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("5"), .char("a"))
        XCTAssertTrue(h.text.contains("New network"))
        h.type("Kööpenhamina Design Forum")
        h.press(.tab)
        h.type("forum")
        h.press(.tab)
        h.type("competence, nonsense")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("\"nonsense\" is not one of"))
        h.press(.ctrl("u"))
        h.type("competence, information")
        h.press(.tab, .ctrl("u"))
        h.type("3,5")
        h.press(.enter)
        let g = group(h, "Kööpenhamina Design Forum")
        XCTAssertEqual(g?.purposes, [.competence, .information])
        XCTAssertEqual(g?.hoursPerMonth, 3.5)
        XCTAssertTrue(h.text.contains("Kööpenhamina Design Forum"))
        XCTAssertEqual(h.state.currentNetwork?.name, "Kööpenhamina Design Forum")
        h.press(.char("e"))
        for _ in 0..<6 { h.press(.tab) }  // Best before
        h.type("2026-02-30")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Best before must be a date"))
        h.press(.ctrl("u"))
        h.type("2027-06-30")
        h.press(.enter)
        XCTAssertEqual(group(h, "Kööpenhamina Design Forum")?.bestBefore, Day(year: 2027, month: 6, day: 30))
        h.press(.char("d"))
        XCTAssertTrue(h.text.contains("Delete Kööpenhamina Design Forum?"))
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
        XCTAssertTrue(h.text.contains("Members of Business Breakfast Club Helsinki"))
        h.type("makinen")  // diacritic-insensitive
        XCTAssertTrue(h.text.contains("[ ] Hanna Mäkinen"))
        XCTAssertFalse(h.text.contains("Birgitte"))
        h.press(.tab)
        XCTAssertTrue(h.text.contains("[x] Hanna Mäkinen"))
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
            XCTAssertTrue(h.text.contains(first.reasons[0].truncated(to: 20).replacingOccurrences(of: "…", with: "")))
            XCTAssertTrue(h.screen.line(ht - 1).contains("c keep"))
            for y in 0..<ht { XCTAssertEqual(h.screen.line(y).columns, w) }
        }
    }

    func testKeepHidesWithAReasonAndUndoBringsItBack() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("3"))
        let first = h.state.exitRows[0]
        h.press(.char("c"))
        XCTAssertTrue(h.text.contains("Keep \(first.name)"))
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Say why it is kept"))
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
        XCTAssertTrue(h.text.contains("a date after today"))
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
        XCTAssertTrue(h.text.contains("wind down by"))
        h.press(.escape, .char("3"))
        h.driver.state.exits.selected = h.state.exitRows.firstIndex { $0.id == network.id }!
        h.press(.char("x"))
        XCTAssertTrue(h.text.contains("Leave \(network.name) as of today?"))
        h.press(.char("y"))
        XCTAssertTrue(h.state.network.network(id: network.id)!.isLeft)
        XCTAssertFalse(names(h).contains(network.name), "a left network is out of the candidates")
        h.press(.char("5"))
        let rows = h.state.networkRows.map { h.state.network.networks[$0] }
        XCTAssertEqual(rows.last?.id, network.id, "left networks sort last")
        XCTAssertTrue(h.text.contains("✕"))
        h.press(.char("u"), .char("u"))
        XCTAssertNil(h.state.network.network(id: network.id)!.decision)
    }

    func testHelpExplainsTheScore() {
        var h = Harness(width: 160, height: 60)
        h.press(.char("3"), .char("?"))
        XCTAssertTrue(h.text.contains("Exit candidates: networks and relationships"))
        XCTAssertTrue(h.text.contains(ExitRules.explanation[0].truncated(to: 40).replacingOccurrences(of: "…", with: "")))
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
        XCTAssertTrue(h.text.contains(GiveGet.text(h.state.network.giveGet(network: g))))
    }
}
