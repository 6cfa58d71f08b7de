import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The generated demo (`nettui demo --contacts N`): deterministic, valid, and with work for every view.
final class DemoScaleTests: XCTestCase {
    static let generated = Demo.network(today: testToday, contacts: 1_000, networks: 20, interactions: 3_000, seed: 7)
    let net = DemoScaleTests.generated

    func testTheSameSeedGivesTheSameNetwork() {
        let again = Demo.network(today: testToday, contacts: 1_000, networks: 20, interactions: 3_000, seed: 7)
        XCTAssertEqual(again, net)
        XCTAssertEqual(NetworkCodec.encode(again), NetworkCodec.encode(net))
    }

    func testAnotherSeedGivesAnotherNetwork() {
        let other = Demo.network(today: testToday, contacts: 1_000, networks: 20, interactions: 3_000, seed: 8)
        XCTAssertNotEqual(other, net)
        XCTAssertNotEqual(other.contacts.map(\.name), net.contacts.map(\.name))
        XCTAssertNotEqual(other.interactions.map(\.date), net.interactions.map(\.date))
    }

    func testCountsAreExactlyAsAsked() {
        XCTAssertEqual(net.contacts.count, 1_000)
        XCTAssertEqual(net.networks.count, 20)
        XCTAssertEqual(net.interactions.count, 3_000)
        XCTAssertGreaterThan(net.events.count, 20)
        for (contacts, networks, interactions) in [(1, 0, 0), (1, 1, 50), (5, 3, 1_000), (2_000, 0, 100), (300, 40, 0)] {
            let n = Demo.network(today: testToday, contacts: contacts, networks: networks, interactions: interactions, seed: 3)
            XCTAssertEqual([n.contacts.count, n.networks.count, n.interactions.count], [contacts, networks, interactions])
            XCTAssertEqual(n.referenceProblems(), [], "\(contacts) \(networks) \(interactions)")
            XCTAssertTrue(n.events.contains { $0.date == testToday }, "an event today")
        }
        XCTAssertEqual(Demo.defaultNetworks(contacts: 10), 1)
        XCTAssertEqual(Demo.defaultNetworks(contacts: 100_000), 2_000)
        XCTAssertEqual(Demo.defaultInteractions(contacts: 1_000), 3_000)
    }

    func testIDsAreSortedAndUnique() {
        let lists = [net.contacts.map(\.id), net.networks.map(\.id), net.events.map(\.id), net.interactions.map(\.id)]
        for ids in lists { XCTAssertEqual(ids, ids.sorted()) }
        let all = lists.flatMap { $0 }
        XCTAssertEqual(Set(all).count, all.count)
        XCTAssertTrue(all.allSatisfy { Demo.uuidKey($0) != nil })
    }

    func testHasNoProblemsAndReadsBackEqual() {
        XCTAssertEqual(net.referenceProblems(), [])
        let decoded = NetworkCodec.decode(NetworkCodec.encode(net))
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, net)
        XCTAssertEqual(net.me, Demo.network(today: testToday).me)
        XCTAssertEqual(net.scheme.criteria.map(\.id), ["revenue", "wallet", "fit", "growth"])
    }

    func testAllFourQuadrantsAreFilled() {
        var count: [Quadrant: Int] = [:]
        for c in net.contacts { count[net.scheme.quadrant(of: c), default: 0] += 1 }
        for q in Quadrant.allCases { XCTAssertGreaterThanOrEqual(count[q] ?? 0, 50, "\(q)") }
        let tiny = Demo.network(today: testToday, contacts: 4, networks: 1, interactions: 8, seed: 1)
        XCTAssertEqual(Set(tiny.contacts.map { tiny.scheme.quadrant(of: $0) }), Set(Quadrant.allCases))
        XCTAssertTrue(net.contacts.contains { net.scheme.drift($0) != nil }, "criteria that disagree")
        XCTAssertTrue(net.contacts.contains { $0.movedQuadrant(within: 30, today: testToday, scheme: net.scheme) })
    }

    func testExitsFollowUpsAndEventsHaveWorkToShow() {
        let exits = net.exitCandidates(today: testToday)
        XCTAssertTrue(exits.contains { $0.kind == .network })
        XCTAssertTrue(exits.contains { $0.kind == .contact && $0.reasons.contains("tagged difficult") })
        XCTAssertTrue(exits.contains { $0.reasons.contains { $0.hasPrefix("gave ") } }, "a one-sided relationship")
        XCTAssertLessThan(exits.count, net.contacts.count / 2)
        XCTAssertTrue(net.contacts.contains { $0.decision != nil })

        let due = net.dueFollowUps(on: testToday)
        XCTAssertTrue(due.contains { $0.followUp.due < testToday }, "overdue follow-ups")
        XCTAssertTrue(net.openFollowUps().contains { $0.followUp.due > testToday }, "follow-ups ahead")
        XCTAssertTrue(net.interactions.contains { $0.followUp?.done != nil }, "done follow-ups")
        let overdue = net.overdueContacts(today: testToday).count
        XCTAssertTrue((50...600).contains(overdue), "\(overdue) overdue contacts")

        XCTAssertTrue(net.events.contains { $0.date == testToday })
        XCTAssertTrue(net.events.contains { $0.date > testToday })
        XCTAssertTrue(net.events.contains { $0.date < testToday })
        XCTAssertTrue(net.events.allSatisfy { !$0.attendees.isEmpty })
    }

    func testHistoriesAreSkewedAndInThePast() {
        var per: [String: Int] = [:]
        for x in net.interactions { per[x.contact, default: 0] += 1 }
        let counts = net.contacts.map { per[$0.id] ?? 0 }.sorted()
        XCTAssertTrue((50...300).contains(counts.filter { $0 == 0 }.count), "some with none")
        XCTAssertLessThanOrEqual(counts[counts.count / 2], 3, "most with a few")
        XCTAssertGreaterThanOrEqual(counts.last!, 20, "some with many")

        let oldest = testToday.adding(days: -1_200)
        XCTAssertTrue(net.interactions.allSatisfy { $0.date <= testToday && $0.date >= oldest })
        XCTAssertTrue(net.interactions.contains { testToday.days(since: $0.date) > 700 }, "about three years back")
        var first: [String: Day] = [:]
        for x in net.interactions where first[x.contact].map({ x.date < $0 }) ?? true { first[x.contact] = x.date }
        for c in net.contacts {
            XCTAssertLessThanOrEqual(c.created, c.updated, c.name)
            XCTAssertLessThanOrEqual(c.updated.day, testToday, c.name)
            if let day = first[c.id] { XCTAssertLessThan(c.created.day, day, c.name) }
            if let change = c.ratingHistory.last {
                XCTAssertEqual([change.toNow, change.toFuture], [c.importanceNow, c.importanceFuture], c.name)
                XCTAssertGreaterThanOrEqual(change.date, c.created.day, c.name)
            }
        }
        XCTAssertGreaterThan(net.contacts.filter { !$0.ratingHistory.isEmpty }.count, 50)
        XCTAssertGreaterThan(net.contacts.filter { !$0.criteria.isEmpty }.count, 200)
    }

    func testNetworksAreSkewedAndOverlap() {
        let sizes = net.networks.map(\.members.count).sorted()
        XCTAssertGreaterThanOrEqual(sizes.first!, 2)
        XCTAssertGreaterThan(sizes.last!, 3 * sizes[sizes.count / 2])
        for g in net.networks { XCTAssertEqual(Set(g.members).count, g.members.count, g.name) }
        var memberships: [String: Int] = [:]
        for g in net.networks { for m in g.members { memberships[m, default: 0] += 1 } }
        XCTAssertTrue(memberships.values.contains { $0 > 1 }, "members of several networks")
        XCTAssertEqual(Set(net.networks.map(\.name)).count, net.networks.count)
    }

    func testContactsAreFilledInWithVariedNames() {
        let names = net.contacts.map(\.name).joined(separator: " ")
        for letter in ["ä", "ö", "å", "æ", "ø", "Å", "Ø", "ü"] { XCTAssertTrue(names.contains(letter), letter) }
        func has(_ range: ClosedRange<UInt32>) -> Bool { net.contacts.contains { $0.name.unicodeScalars.contains { range.contains($0.value) } } }
        XCTAssertTrue(has(0x4E00...0x9FFF), "Chinese or Japanese")
        XCTAssertTrue(has(0xAC00...0xD7A3), "Korean")
        XCTAssertTrue(has(0x0300...0x036F), "a decomposed (NFD) name")
        XCTAssertGreaterThan(Set(net.contacts.map(\.name)).count, 500)
        XCTAssertEqual(Set(net.contacts.map(\.owner)).count, 5)
        XCTAssertEqual(Set(net.contacts.map(\.stage)), Set(Stage.allCases))
        XCTAssertEqual(Set(net.contacts.flatMap(\.kinds)), Set(ContactKind.allCases))
        XCTAssertTrue(net.contacts.contains { $0.chemistry == nil })
        XCTAssertTrue(net.contacts.contains { !$0.notes.isEmpty })
        XCTAssertTrue(net.contacts.contains { $0.organization.isEmpty })
        for c in net.contacts {
            XCTAssertFalse(c.role.isEmpty, c.name)
            XCTAssertFalse(c.competences.isEmpty, c.name)
            XCTAssertTrue(Set(c.needs).isDisjoint(with: c.competences), c.name)
            XCTAssertEqual(c.emails.count, 1, c.name)
            XCTAssertTrue(c.emails[0].contains("@") && c.emails[0].allSatisfy(\.isASCII), c.emails[0])
            XCTAssertEqual(c.phones.count, 1, c.name)
        }
    }
}
