import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// The per-contact facts the panes read are kept up to date in place after edits; they must always
/// equal facts built afresh from the network.
final class ContactFactsTests: XCTestCase {
    static func assertFresh(_ state: AppState, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        var kept = state.facts
        var fresh = ContactFacts(state.network, revision: state.revision)
        kept.prepare(state.network)
        fresh.prepare(state.network)
        XCTAssertEqual(kept.revision, state.revision, label, file: file, line: line)
        XCTAssertEqual(kept.foldedNames, fresh.foldedNames, label, file: file, line: line)
        XCTAssertEqual(kept.quadrants, fresh.quadrants, label, file: file, line: line)
        XCTAssertEqual(kept.lastContact, fresh.lastContact, label, file: file, line: line)
        XCTAssertEqual(kept.byName, fresh.byName, label, file: file, line: line)
        XCTAssertEqual(kept.searchBytes, fresh.searchBytes, label, file: file, line: line)
        XCTAssertEqual(kept.searchStart, fresh.searchStart, label, file: file, line: line)
        let id = state.network.interactions.first?.contact ?? state.network.contacts[7].id
        XCTAssertEqual(kept.interactions(with: id, in: state.network), state.network.interactions(with: id), label, file: file, line: line)
        XCTAssertEqual(kept.networks(of: id, in: state.network).map(\.id),
                       state.network.networks.filter { $0.members.contains(id) }.map(\.id), label, file: file, line: line)
    }

    func testEditsUndoAndRedoKeepTheFactsEqualToFreshOnes() {
        let network = Demo.network(today: Harness.today, contacts: 300, networks: 6, interactions: 900, seed: 5)
        var h = Harness(network: network)
        // Half the search text folded, as when a key comes while the idle work is under way.
        h.driver.state.doIdleWork()
        for _ in 0..<2 where h.state.hasIdleWork { h.driver.state.doIdleWork() }
        let c = h.state.network.contacts[250]
        var renamed = c
        renamed.name = "Åsa Öberg-Zyx"
        renamed.notes = "longer notes than before, with words to find: kvartalsrapport"
        renamed.importanceNow = .ten
        renamed.importanceFuture = .ten
        // In place, not rebuilt: the update says it could.
        var facts = h.state.facts, edited = h.state.network
        edited.apply([.contact(before: c, after: renamed)])
        XCTAssertTrue(facts.update(after: [.contact(before: c, after: renamed)], in: edited, revision: h.state.revision + 1))
        XCTAssertFalse(facts.update(after: [.contact(before: nil, after: renamed)], in: edited, revision: h.state.revision + 2))
        h.driver.state.commit([.contact(before: c, after: renamed)])
        Self.assertFresh(h.state, "renamed and moved")

        let someone = h.state.network.interactions[0].contact
        var talk = Interaction(id: "ffffffff-0000-4000-8000-000000000001", contact: someone,
                               date: Harness.today, kind: .meeting)
        talk.note = "a new talk"
        h.driver.state.commit([.interaction(before: nil, after: talk)])
        Self.assertFresh(h.state, "interaction logged")
        let old = h.state.network.interactions.first { $0.contact == someone && $0.id != talk.id }!
        h.driver.state.commit([.interaction(before: old, after: nil)])
        Self.assertFresh(h.state, "interaction deleted")
        var group = h.state.network.networks[0]
        group.members.append(someone)
        h.driver.state.commit([.network(before: h.state.network.networks[0], after: group)])
        Self.assertFresh(h.state, "member added")

        for key in [Key.char("u"), .char("u"), .char("u"), .ctrl("r"), .char("u"), .char("u"), .ctrl("r"), .ctrl("r")] {
            h.press(key)
            Self.assertFresh(h.state, "after \(key)")
        }
        // Deleting a contact rebuilds them.
        h.driver.state.commit(h.state.network.changesDeletingContact(h.state.network.contacts[3].id, at: Timestamp(seconds: 0)))
        h.driver.state.refresh()
        Self.assertFresh(h.state, "contact deleted")
    }

    /// A network deleted from its card on the Exits pane, after the Networks pane was shown: the
    /// networks list built then must not be read with the old positions (the 200,000-key fuzz found
    /// this crash).
    func testDeletingANetworkOnAnotherPaneLeavesNoStalePositions() {
        var h = Harness()
        h.press(.char("5"))
        h.press(.char("3"))
        guard let i = h.state.exitRows.firstIndex(where: { $0.kind == .network }) else { return XCTFail("no network candidate") }
        let id = h.state.exitRows[i].id
        h.driver.state.networks.selectedID = id
        h.driver.state.exits.selected = i
        h.press(.enter, .char("d"), .char("y"))
        XCTAssertNil(h.state.network.network(id: id))
        XCTAssertFalse(h.text.isEmpty)
        h.press(.char("5"))
        XCTAssertEqual(h.state.networkRows.count, h.state.network.networks.count)
        XCTAssertNotEqual(h.state.networks.selectedID, id)
    }
}
