import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class BriefingPaneTests: XCTestCase {
    private func person(_ h: Harness, _ name: String) -> Int? { h.state.briefing.people.firstIndex { $0.name == name } }

    func testTodaysEventAt80x24And160x48() {
        for (w, ht) in [(80, 24), (160, 48)] {
            var h = Harness(width: w, height: ht)
            h.press(.char("4"))
            XCTAssertEqual(h.state.pane, .briefing)
            XCTAssertTrue(h.screen.line(2).contains("Briefing: Nordic Export Circle"), h.screen.line(2))
            let people = h.state.briefing.people
            XCTAssertFalse(people.isEmpty)
            // Key and Rising before the rest.
            let firstOther = people.firstIndex { $0.quadrant != .key && $0.quadrant != .rising } ?? people.count
            XCTAssertTrue(people[firstOther...].allSatisfy { $0.quadrant != .key && $0.quadrant != .rising })
            XCTAssertTrue(h.text.contains(people[0].name))
            XCTAssertTrue(h.text.contains("Ask") || h.text.contains("Offer") || h.text.contains("Strengths"))
            if ht == 48 { XCTAssertTrue(h.text.contains("Introductions to make")) }
            for y in 0..<ht { XCTAssertEqual(h.screen.line(y).columns, w) }
        }
    }

    func testChoosingANetworkToBriefOn() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"), .char("b"))
        XCTAssertTrue(h.text.contains("Brief on…"))
        h.type("tampere")
        h.press(.enter)
        XCTAssertTrue(h.screen.line(2).contains("Tampere Chamber of Commerce"), h.screen.line(2))
        let members = h.state.network.networks.first { $0.name == "Tampere Chamber of Commerce" }!.members
        XCTAssertEqual(Set(h.state.briefing.people.map(\.contactID)), Set(members))
    }

    func testLoggingATalkKeepsTheCursorOnThePersonAndClearsOverdue() throws {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"))
        let i = try XCTUnwrap(h.state.briefing.people.firstIndex { $0.overdueDays != nil })
        let who = h.state.briefing.people[i]
        h.driver.state.brief.selected = i
        let before = h.state.network.interactions.count
        h.press(.char("i"))
        XCTAssertTrue(h.text.contains("Log: \(who.name)"))
        h.type("Talked about next spring")
        h.press(.tab)
        h.type("An introduction")
        h.press(.enter)
        XCTAssertEqual(h.state.network.interactions.count, before + 1)
        XCTAssertEqual(h.state.currentBriefingPerson?.contactID, who.contactID)
        XCTAssertNil(h.state.currentBriefingPerson?.overdueDays)
        XCTAssertTrue(h.text.contains("Logged a meeting with \(who.name)"))
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.interactions.count, before)
    }

    func testAFollowUpIsLoggedAndClosedWithOneKey() throws {
        var h = Harness(width: 120, height: 40)
        h.select("Aino Järvinen")
        h.press(.char("i"))
        h.type("Berlin plans")
        h.press(.tab, .tab, .tab)  // past I gave and I got, to Follow up on
        h.type("2026-12-01")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("A follow-up needs") == false)
        XCTAssertTrue(h.text.contains("Say what to do on 2026-12-01"))
        h.type("Send the Berlin contacts")  // the refusal put the cursor in that field
        h.press(.enter)
        let aino = h.state.network.contacts.first { $0.name == "Aino Järvinen" }!.id
        XCTAssertEqual(h.state.network.openFollowUps(contact: aino).map(\.followUp.what), ["Send the Berlin contacts"])
        h.press(.enter)  // the card
        XCTAssertTrue(h.text.contains("2026-12-01: Send the Berlin contacts"))
        h.press(.char("c"))
        XCTAssertTrue(h.state.network.openFollowUps(contact: aino).isEmpty)
        XCTAssertTrue(h.text.contains("Closed the follow-up"))
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.openFollowUps(contact: aino).count, 1)
    }

    func testANewEventWithAttendeesBecomesTheBriefing() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"), .char("n"))
        XCTAssertTrue(h.text.contains("New event"))
        h.type("Kundbesök i Göteborg")
        h.press(.tab, .ctrl("u"))
        h.type("2026-11-30")
        h.press(.tab)
        h.type("nordic")
        h.press(.enter)
        let event = h.state.network.events.first { $0.name == "Kundbesök i Göteborg" }
        XCTAssertEqual(event?.network, h.state.network.networks.first { $0.name == "Nordic Export Circle" }?.id)
        XCTAssertTrue(h.screen.line(2).contains("Kundbesök i Göteborg"))
        XCTAssertTrue(h.state.briefing.people.isEmpty)
        h.press(.char("m"))
        h.type("lindstrom")
        h.press(.tab, .ctrl("u"))
        h.type("muller")
        h.press(.tab, .enter)
        XCTAssertEqual(Set(h.state.briefing.people.map(\.name)), ["Åsa Lindström", "Hans Müller"])
        XCTAssertTrue(h.text.contains("Hans Müller can help Åsa Lindström"))
    }
}
