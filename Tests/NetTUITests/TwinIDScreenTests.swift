import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

/// Ids are byte strings (docs/RELIABILITY.md, "The file format's own edges"): an NFC and an NFD
/// spelling of `café` are two entities, and the dashboard finds each event, network, member and
/// contact's interactions by the id's own bytes — never its canonically equivalent twin.
final class TwinIDScreenTests: XCTestCase {
    // Ids are one table across the file: a contact, a network and an event each have their pair.
    private let (nfc, nfd) = ("n-caf\u{E9}", "n-cafe\u{301}")
    private let (eventNFC, eventNFD) = ("e-caf\u{E9}", "e-cafe\u{301}")
    private let (contactNFC, contactNFD) = ("c-caf\u{E9}", "c-cafe\u{301}")

    /// The demo, with two networks, two events and two contacts whose ids are `café` in NFC and
    /// NFD: Alpha Circle (Ann a member), Beta Circle (Bea), Alpha Dinner of Alpha Circle, Beta
    /// Lunch of Beta Circle; Ann with one interaction, Bea with two.
    private func twins() -> Network {
        var n = Demo.network(today: Harness.today)
        let now = Harness.clock.now()
        var alpha = NetworkGroup(id: nfc, name: "Alpha Circle", created: now)
        var beta = NetworkGroup(id: nfd, name: "Beta Circle", created: now)
        alpha.members = [contactNFC]
        beta.members = [contactNFD, n.contacts[0].id]
        var dinner = Event(id: eventNFC, name: "Alpha Dinner", date: Harness.today)
        var lunch = Event(id: eventNFD, name: "Beta Lunch", date: Harness.today)
        dinner.network = nfc
        lunch.network = nfd
        dinner.attendees = [contactNFC]
        lunch.attendees = [contactNFD]
        var changes: [Change] = [.contact(before: nil, after: Contact(id: contactNFC, name: "Twin Ann", created: now)),
                                 .contact(before: nil, after: Contact(id: contactNFD, name: "Twin Bea", created: now)),
                                 .network(before: nil, after: alpha), .network(before: nil, after: beta),
                                 .event(before: nil, after: dinner), .event(before: nil, after: lunch)]
        for (k, who) in [contactNFC, contactNFD, contactNFD].enumerated() {
            changes.append(.interaction(before: nil, after: Interaction(id: "00000000-0000-4000-8000-99000000000\(k)", contact: who,
                                                                        date: Harness.today, kind: .call)))
        }
        n.apply(changes)
        XCTAssertEqual(n.referenceProblems(), [])
        return n
    }

    /// Moves the networks pane's cursor down from the top to the network named `name`.
    private func select(_ name: String, in h: inout Harness) {
        h.press(.home)
        for _ in h.state.networkRows where h.state.currentNetwork?.name != name { h.press(.down) }
        XCTAssertEqual(h.state.currentNetwork?.name, name)
    }

    func testEachTwinNetworkIsReachedAndShowsItsOwnCardAndMembers() {
        var h = Harness(network: twins(), width: 120, height: 40)
        h.driver.state.pane = .networks
        // Down through the whole list: every network is reached once, the twins too.
        var seen: [String] = []
        for _ in 0..<h.state.networkRows.count {
            seen.append(h.state.currentNetwork?.name ?? "none")
            h.press(.down)
        }
        XCTAssertEqual(seen, h.state.networkRows.map { h.state.network.networks[$0].name })
        XCTAssertEqual(Set(seen).count, seen.count, "the cursor gets past each twin")
        for (name, member, notMember) in [("Alpha Circle", "Twin Ann", "Twin Bea"), ("Beta Circle", "Twin Bea", "Twin Ann")] {
            select(name, in: &h)
            h.press(.enter)
            assertLine(h, containing: name, "\(name)'s card")
            assertLine(h, containing: member, "\(name)'s card names its member")
            assertNoLine(h, containing: notMember, "\(name)'s card names only its own members")
            h.press(.escape)
            h.press(.char("m"))
            assertLine(h, containing: "Members of \(name)")
            h.type("twin")
            assertLine(h, containing: "[x] \(member)")
            assertLine(h, containing: "[ ] \(notMember)", "the twin is not chosen")
            h.press(.enter)
            assertLine(h, containing: "Members unchanged")
        }
    }

    func testEachTwinEventShowsItsOwnNameAndDeletingANetworkUntiesOnlyItsOwnEvents() {
        var h = Harness(network: twins(), width: 120, height: 40)
        h.driver.state.pane = .briefing
        for (id, name, attendee, other) in [(eventNFC, "Alpha Dinner", "Twin Ann", "Twin Bea"), (eventNFD, "Beta Lunch", "Twin Bea", "Twin Ann")] {
            h.driver.state.brief.scope = .event(id)
            h.driver.state.refresh()
            assertLine(h, containing: "Briefing: \(name)")
            XCTAssertEqual(h.state.briefing.people.map(\.name), [attendee], "the briefing on \(name) is on its own attendees")
            assertNoLine(h, containing: other)
            h.press(.char("m"))
            assertLine(h, containing: "Attendees of \(name)")
            h.press(.escape)
            h.press(.char("e"))
            XCTAssertEqual(h.state.modal.formTitleAndName?.name, name)
            h.press(.escape)
        }
        // Deleting Alpha Circle unties Alpha Dinner only; Beta Lunch stays Beta Circle's.
        h.driver.state.pane = .networks
        select("Alpha Circle", in: &h)
        h.press(.char("d"), .char("y"))
        XCTAssertNil(h.state.network.network(id: nfc))
        XCTAssertNil(h.state.network.event(id: eventNFC)?.network)
        XCTAssertEqual(h.state.network.event(id: eventNFD)?.network.map { Array($0.utf8) }, Array(nfd.utf8))
    }

    func testTheDeleteQuestionCountsEachTwinsOwnInteractions() {
        var h = Harness(network: twins(), width: 120, height: 40)
        for (name, count) in [("Twin Ann", "its 1 interaction?"), ("Twin Bea", "its 2 interactions?")] {
            h.select(name)
            h.press(.char("d"))
            assertLine(h, containing: "Delete \(name) and \(count)")
            h.press(.char("n"))
        }
        // Deleting Twin Ann moves the cursor to the next row, her twin, instead of losing it.
        h.select("Twin Ann")
        h.press(.char("d"), .char("y"))
        XCTAssertEqual(h.state.selectedContact?.name, "Twin Bea")
        XCTAssertNotNil(h.state.network.contact(id: contactNFD))
    }
}

private extension Modal {
    /// The title and the first field of a form, when a form is up.
    var formTitleAndName: (title: String, name: String)? {
        guard case .form(let form) = self else { return nil }
        return (form.title, form.fields.first?.input.text ?? "")
    }
}
