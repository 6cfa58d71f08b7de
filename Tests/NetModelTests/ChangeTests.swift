import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class ChangeTests: XCTestCase {
    let demo = Demo.network(today: testToday)
    let now = Timestamp(seconds: Int64(testToday.ordinal) * 86_400 + 3600)

    /// The network with every list in id order, as the file holds it (the demo already is).
    func sortedByID(_ n: Network) -> Network {
        var n = n
        n.contacts.sort { $0.id < $1.id }
        n.networks.sort { $0.id < $1.id }
        n.events.sort { $0.id < $1.id }
        n.interactions.sort { $0.id < $1.id }
        return n
    }

    func undo(_ changes: [Change], in network: inout Network) {
        network.apply(changes.reversed().map(\.inverted))
    }

    func testInvertedIsAnInvolution() {
        var edited = demo.contacts[0]
        edited.notes = "x"
        let changes: [Change] = [
            .contact(before: demo.contacts[0], after: edited), .contact(before: nil, after: edited),
            .network(before: demo.networks[0], after: nil), .event(before: nil, after: demo.events[0]),
            .interaction(before: demo.interactions[0], after: nil),
            .me(before: demo.me, after: Me()), .scheme(before: demo.scheme, after: Scheme()),
        ]
        for c in changes { XCTAssertEqual(c.inverted.inverted, c) }
        XCTAssertEqual(Change.me(before: demo.me, after: Me()).inverted, .me(before: Me(), after: demo.me))
    }

    func testEditThenUndoRestoresTheOriginal() {
        var network = demo
        var contact = demo.contacts[3]
        contact.importanceNow = .ten
        contact.tags.append("new")
        var group = demo.networks[2]
        group.members.removeLast()
        var me = demo.me
        me.pitch = "Changed"
        var scheme = demo.scheme
        scheme.threshold = .ten
        var interaction = demo.interactions[10]
        interaction.note = "Edited note"
        let changes: [Change] = [
            .contact(before: demo.contacts[3], after: contact), .network(before: demo.networks[2], after: group),
            .me(before: demo.me, after: me), .scheme(before: demo.scheme, after: scheme),
            .interaction(before: demo.interactions[10], after: interaction),
        ]
        network.apply(changes)
        XCTAssertEqual(network.contacts[3], contact, "edits replace in place")
        XCTAssertEqual(network.networks[2], group)
        XCTAssertEqual(network.me.pitch, "Changed")
        XCTAssertEqual(network.scheme.threshold, .ten)
        XCTAssertEqual(network.interactions[10].note, "Edited note")
        XCTAssertEqual(network.contacts.count, demo.contacts.count)
        undo(changes, in: &network)
        XCTAssertEqual(network, demo)
    }

    func testAddThenUndoRestoresTheOriginal() {
        var network = demo
        var c = Contact(id: "0f000000-0000-4000-8000-000000000001", name: "New Person", created: now)
        c.needs = ["x"]
        var e = Event(id: "0f000000-0000-4000-8000-000000000002", name: "New event", date: testToday)
        e.attendees = [c.id]
        let changes: [Change] = [.contact(before: nil, after: c), .event(before: nil, after: e)]
        network.apply(changes)
        XCTAssertEqual(network.contact(id: c.id), c)
        XCTAssertEqual(network.events.first { $0.id == e.id }, e)
        XCTAssertEqual(network.events.map(\.id), network.events.map(\.id).sorted(), "an added entity keeps the list in id order")
        XCTAssertEqual(network.referenceProblems(), [])
        undo(changes, in: &network)
        XCTAssertEqual(network, demo)
    }

    func testChangesForAnAbsentEntityAreHarmless() {
        var network = demo
        network.apply(.contact(before: nil, after: nil))
        network.apply(.interaction(before: Interaction(id: "nope", contact: "x", date: testToday, kind: .call), after: nil))
        XCTAssertEqual(network, demo)
        XCTAssertEqual(demo.changesDeletingContact("no such id", at: now), [])
    }

    /// Ids are byte strings: deleting the contact `café` (NFC) leaves `café` (NFD), its interactions,
    /// memberships and attendances alone.
    func testDeletingAContactLeavesACanonicallyEquivalentIDOfOtherBytesAlone() {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}"
        var n = Network()
        n.contacts = [Contact(id: nfc, name: "NFC", created: now), Contact(id: nfd, name: "NFD", created: now)]
        var g = NetworkGroup(id: "n1", name: "Club", created: now)
        g.members = [nfc, nfd]
        n.networks = [g]
        var e = Event(id: "e1", name: "Gala", date: testToday)
        e.attendees = [nfd, nfc]
        n.events = [e]
        n.interactions = [Interaction(id: "i1", contact: nfc, date: testToday, kind: .call), Interaction(id: "i2", contact: nfd, date: testToday, kind: .call)]
        XCTAssertEqual(n.interactions(with: nfd).map(\.id), ["i2"])
        n.apply(n.changesDeletingContact(nfc, at: now))
        XCTAssertEqual(n.contacts.map(\.name), ["NFD"])
        XCTAssertEqual(n.networks[0].members.map { Array($0.utf8) }, [Array(nfd.utf8)])
        XCTAssertEqual(n.events[0].attendees.map { Array($0.utf8) }, [Array(nfd.utf8)])
        XCTAssertEqual(n.interactions.map(\.id), ["i2"])
        XCTAssertEqual(n.referenceProblems(), [])
    }

    func testDeletingAContactRemovesEverythingThatRefersToIt() throws {
        // Åsa is in a network, attends two events and has interactions.
        let asa = try XCTUnwrap(demo.contacts.first { $0.name == "Åsa Lindström" })
        XCTAssertTrue(demo.networks.contains { $0.members.contains(asa.id) })
        XCTAssertEqual(demo.events.filter { $0.attendees.contains(asa.id) }.count, 2)
        XCTAssertFalse(demo.interactions(with: asa.id).isEmpty)

        let changes = demo.changesDeletingContact(asa.id, at: now)
        var network = demo
        network.apply(changes)
        XCTAssertNil(network.contact(id: asa.id))
        XCTAssertEqual(network.contacts.count, demo.contacts.count - 1)
        XCTAssertTrue(network.interactions(with: asa.id).isEmpty)
        XCTAssertEqual(network.interactions.count, demo.interactions.count - demo.interactions(with: asa.id).count)
        XCTAssertFalse(network.networks.contains { $0.members.contains(asa.id) })
        XCTAssertFalse(network.events.contains { $0.attendees.contains(asa.id) })
        XCTAssertEqual(network.referenceProblems(), [])
        for g in network.networks where demo.network(id: g.id)!.members.contains(asa.id) {
            XCTAssertEqual(g.updated, now, "a network that lost a member is marked updated")
        }
        // Other contacts' memberships are untouched.
        XCTAssertEqual(network.networks.flatMap(\.members).count, demo.networks.flatMap(\.members).count - 1)

        undo(changes, in: &network)
        // Undo appends re-added entities at the end of their lists, so compare in file (id) order.
        XCTAssertEqual(sortedByID(network), demo, "undo restores every entity")
        XCTAssertEqual(NetworkCodec.encode(network), NetworkCodec.encode(demo))
    }

    func testDeletingEachContactThenUndoingRestoresTheFile() {
        let original = NetworkCodec.encode(demo)
        for c in demo.contacts {
            var network = demo
            let changes = demo.changesDeletingContact(c.id, at: now)
            network.apply(changes)
            XCTAssertEqual(network.referenceProblems(), [], c.name)
            undo(changes, in: &network)
            XCTAssertEqual(sortedByID(network), demo, c.name)
            XCTAssertEqual(NetworkCodec.encode(network), original, c.name)
        }
    }

    /// `permute(by:)` moves elements into place; it must give what indexing the old array gives,
    /// for strings (reference-counted), for cycles of every length and for the identity.
    func testPermuteGivesWhatIndexingGives() {
        var r = SplitMix64(seed: 7)
        for count in [0, 1, 2, 3, 10, 257] {
            for _ in 0..<20 {
                let items = (0..<count).map { "item \($0) " + String(repeating: "x", count: $0 % 40) }
                let order = Array(0..<count).shuffled(using: &r)
                var moved = items
                moved.permute(by: order)
                XCTAssertEqual(moved, order.map { items[$0] })
            }
            var same = (0..<count).map(String.init)
            same.permute(by: Array(0..<count))
            XCTAssertEqual(same, (0..<count).map(String.init))
        }
    }

    /// Contacts in id order as a stable sort by `String` order puts them, for lists short enough to
    /// sort in one run and long enough to sort in runs on every core and merge; equal ids keep
    /// their order.
    func testSortByIDIsAStableSortByID() {
        var r = SplitMix64(seed: 11)
        let prefixes = ["", "ID-", "ä", "Ø", "東"]
        for count in [0, 1, 2, 9, 4095, 9000] {
            var contacts = (0..<count).map { i -> Contact in
                let id = prefixes[Int(r.next() % 5)] + String(r.next() % UInt64(max(1, count / 3)), radix: 16)
                return Contact(id: id, name: "n\(i)", created: Timestamp(seconds: 0))
            }
            let expected = contacts.enumerated().sorted { $0.element.id < $1.element.id || ($0.element.id == $1.element.id && $0.offset < $1.offset) }
                .map(\.element.name)
            contacts.sortByID()
            XCTAssertEqual(contacts.map(\.name), expected, "\(count) contacts")
        }
    }
}
