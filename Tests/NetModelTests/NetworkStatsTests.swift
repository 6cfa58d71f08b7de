import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class NetworkStatsTests: XCTestCase {
    let today = Day(year: 2025, month: 6, day: 15)!
    let t = Timestamp(seconds: 1_700_000_000)

    func person(_ id: String, _ kinds: [ContactKind]) -> Contact {
        var c = Contact(id: id, name: id, created: t)
        c.kinds = kinds
        return c
    }

    func testMixCountsEachMemberOnceInEachOfItsGroups() {
        var n = Network()
        n.contacts = [
            person("buyer", [.customer]), person("user", [.user]), person("funder", [.funder, .customer]),
            person("seller", [.supplier]), person("candidate", [.candidate]),
            person("partner", [.partner]), person("peer", [.peer]),
            person("both", [.customer, .supplier, .peer]), person("none", []),
        ]
        var g = NetworkGroup(id: "g", name: "G", created: t)
        g.members = n.contacts.map(\.id) + ["buyer", "ghost"]
        let mix = n.mix(of: g)
        XCTAssertEqual(mix.buyers, 4, "customer, user, funder+customer (once), and the one with three kinds")
        XCTAssertEqual(mix.sellers, 3)
        XCTAssertEqual(mix.partners, 3)
        let empty = n.mix(of: NetworkGroup(id: "e", name: "E", created: t))
        XCTAssertEqual([empty.buyers, empty.sellers, empty.partners], [0, 0, 0])
    }

    func testByContactListsEachContactsInteractionsAndNetworks() {
        var n = Network()
        n.contacts = ["a", "b", "c", "a"].map { person($0, []) }  // "a" twice: the first is the one
        n.interactions = [("1", "b"), ("2", "a"), ("3", "ghost"), ("4", "b"), ("5", "a")].map { id, who in
            Interaction(id: id, contact: who, date: today, kind: .call)
        }
        var g1 = NetworkGroup(id: "g1", name: "G1", created: t), g2 = NetworkGroup(id: "g2", name: "G2", created: t)
        g1.members = ["c", "a", "c", "ghost"]
        g2.members = ["a"]
        n.networks = [g1, g2]
        let view = NetworkView(n)
        let log = view.interactionsByContact(), groups = view.networksByContact()
        XCTAssertEqual((0..<4).map { log[$0] }, [[1, 4], [0, 3], [], []])
        XCTAssertEqual((0..<4).map { groups[$0] }, [[0, 1], [], [0], []], "a member listed twice is a member once")
        XCTAssertEqual(log[-1], [])
        XCTAssertEqual(log[4], [])
    }

    func testGiveGetTallies() {
        var n = Network()
        n.contacts = [person("a", []), person("b", []), person("c", [])]
        func x(_ id: String, _ contact: String, _ gave: String, _ got: String) -> Interaction {
            var i = Interaction(id: id, contact: contact, date: today, kind: .meeting)
            (i.gave, i.got) = (gave, got)
            return i
        }
        n.interactions = [
            x("1", "a", "advice", "a lead"), x("2", "a", "an intro", ""), x("3", "a", " \n", "thanks"), x("4", "a", "", ""),
            x("5", "b", "help", ""), x("6", "c", "", "a tip"),
        ]
        XCTAssertTrue(n.giveGet(contact: "a") == (2, 2))
        XCTAssertTrue(n.giveGet(contact: "b") == (1, 0))
        XCTAssertTrue(n.giveGet(contact: "nobody") == (0, 0))
        var g = NetworkGroup(id: "g", name: "G", created: t)
        g.members = ["a", "b", "a"]
        XCTAssertTrue(n.giveGet(network: g) == (3, 2), "summed over members, each once")
        g.members = []
        XCTAssertTrue(n.giveGet(network: g) == (0, 0))
    }

    func testLastActivityIsTheLatestOfTheLogAndPastEvents() {
        var n = Network()
        var g = NetworkGroup(id: "g", name: "G", created: t)
        n.networks = [g]
        XCTAssertNil(n.lastActivity(of: g, today: today))
        g.lastActivity = today.adding(days: -40)
        XCTAssertEqual(n.lastActivity(of: g, today: today), today.adding(days: -40))
        func event(_ id: String, _ days: Int, _ network: String?) -> Event {
            var e = Event(id: id, name: id, date: today.adding(days: days))
            e.network = network
            return e
        }
        n.events = [event("old", -100, "g"), event("future", 5, "g"), event("other", -1, "h"), event("none", -2, nil)]
        XCTAssertEqual(n.lastActivity(of: g, today: today), today.adding(days: -40))
        n.events.append(event("recent", -10, "g"))
        XCTAssertEqual(n.lastActivity(of: g, today: today), today.adding(days: -10))
        n.events.append(event("today", 0, "g"))
        XCTAssertEqual(n.lastActivity(of: g, today: today), today, "an event today counts")
        XCTAssertEqual(n.lastActivity(of: g, today: today.adding(days: 5)), today.adding(days: 5), "a later today reaches the future event")
        g.lastActivity = nil
        XCTAssertEqual(n.lastActivity(of: g, today: today.adding(days: -50)), today.adding(days: -100))
    }

    func testDemoMixesAndTallies() {
        let demo = Demo.network(today: testToday)
        let circle = demo.networks.first { $0.name == "Nordic Export Circle" }!
        let mix = demo.mix(of: circle)
        XCTAssertGreaterThan(mix.buyers, 0)
        XCTAssertGreaterThan(mix.sellers, 0)
        XCTAssertGreaterThan(mix.partners, 0)
        let breakfast = demo.networks.first { $0.name == "Business Breakfast Club Helsinki" }!
        XCTAssertEqual(demo.mix(of: breakfast).buyers, 0, "everyone sells, nobody buys")
        for g in demo.networks {
            let sum = g.members.reduce((0, 0)) { acc, id in
                let t = demo.giveGet(contact: id)
                return (acc.0 + t.gave, acc.1 + t.got)
            }
            XCTAssertTrue(demo.giveGet(network: g) == sum, g.name)
        }
        let chamber = demo.networks.first { $0.name == "Tampere Chamber of Commerce" }!
        XCTAssertEqual(demo.lastActivity(of: chamber, today: testToday), testToday.adding(days: -20), "the autumn gala")
    }
}
