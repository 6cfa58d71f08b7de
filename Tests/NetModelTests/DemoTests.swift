import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class DemoTests: XCTestCase {
    let demo = Demo.network(today: testToday)

    func testHasNoReferenceOrDecodeProblems() {
        XCTAssertEqual(demo.referenceProblems(), [])
        XCTAssertEqual(NetworkCodec.decode(NetworkCodec.encode(demo)).problems, [])
    }

    func testIsDeterministicForADay() {
        XCTAssertEqual(Demo.network(today: testToday), demo)
        XCTAssertEqual(NetworkCodec.encode(Demo.network(today: testToday)), NetworkCodec.encode(demo))
        let later = Demo.network(today: testToday.adding(days: 10))
        XCTAssertEqual(later.contacts.map(\.id), demo.contacts.map(\.id), "ids do not depend on the day")
        XCTAssertEqual(later.interactions.map { $0.date.days(since: testToday.adding(days: 10)) },
                       demo.interactions.map { $0.date.days(since: testToday) }, "dates move with today")
    }

    func testIDsAreUniqueLowercaseVersion4UUIDs() {
        let ids = demo.contacts.map(\.id) + demo.networks.map(\.id) + demo.events.map(\.id) + demo.interactions.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count)
        for id in ids {
            let parts = id.split(separator: "-", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.map(\.count), [8, 4, 4, 4, 12], id)
            XCTAssertTrue(id.allSatisfy { "0123456789abcdef-".contains($0) }, id)
            XCTAssertEqual(parts[2].first, "4", id)
            XCTAssertTrue("89ab".contains(parts[3].first!), id)
            XCTAssertNotNil(UUID(uuidString: id), id)
        }
    }

    func testContactsSpreadOverAllQuadrants() {
        XCTAssertTrue((35...45).contains(demo.contacts.count), "\(demo.contacts.count)")
        var count: [Quadrant: Int] = [:]
        for c in demo.contacts { count[demo.scheme.quadrant(of: c), default: 0] += 1 }
        for q in Quadrant.allCases { XCTAssertGreaterThanOrEqual(count[q] ?? 0, 8, "\(q)") }
    }

    func testNamesCoverNordicLettersCJKAndALongName() {
        let names = demo.contacts.map(\.name).joined(separator: " ")
        for letter in ["ä", "ö", "å", "æ", "ø", "Å", "Ø"] { XCTAssertTrue(names.contains(letter), letter) }
        XCTAssertTrue(demo.contacts.contains { $0.name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } })
        XCTAssertTrue(demo.contacts.contains { $0.name.count > 30 && $0.organization.count > 60 })
        for name in ["Aino Järvinen", "Søren Østergaard", "Mette Kjær", "Pekka Mäkelä", "Åsa Lindström"] {
            XCTAssertTrue(demo.contacts.contains { $0.name == name }, name)
        }
    }

    func testContactsAreFilledIn() {
        XCTAssertEqual(Set(demo.contacts.map(\.owner)).count, 3)
        for c in demo.contacts {
            XCTAssertFalse(c.role.isEmpty, c.name)
            XCTAssertFalse(c.kinds.isEmpty, c.name)
            XCTAssertFalse(c.competences.isEmpty, c.name)
            XCTAssertEqual(c.emails.count, 1, c.name)
            XCTAssertTrue(c.emails[0].contains("@") && c.emails[0].allSatisfy(\.isASCII), c.emails[0])
            XCTAssertEqual(c.phones.count, 1, c.name)
            XCTAssertLessThanOrEqual(c.created, c.updated, c.name)
            XCTAssertLessThanOrEqual(c.updated.day, testToday, c.name)
        }
        XCTAssertEqual(Set(demo.contacts.map(\.stage)), Set(Stage.allCases))
        XCTAssertTrue(demo.contacts.contains { $0.chemistry == nil })
        XCTAssertEqual(Set(demo.contacts.flatMap(\.kinds)), Set(ContactKind.allCases))
    }

    func testNeedsMeetCompetencesOfOtherContactsAndMe() {
        var pairs = 0
        for a in demo.contacts {
            for need in a.needs {
                pairs += demo.contacts.filter { $0.id != a.id && $0.competences.contains(need) }.count
            }
        }
        XCTAssertGreaterThanOrEqual(pairs, 20)
        let needer = demo.contacts.first { $0.needs.contains("export to Germany") }
        let helper = demo.contacts.first { $0.competences.contains("export to Germany") }
        XCTAssertNotNil(needer)
        XCTAssertNotNil(helper)
        let allNeeds = Set(demo.contacts.flatMap(\.needs)), allCompetences = Set(demo.contacts.flatMap(\.competences))
        XCTAssertFalse(demo.me.name.isEmpty)
        XCTAssertFalse(demo.me.pitch.isEmpty)
        for offer in demo.me.offers { XCTAssertTrue(allNeeds.contains(offer), offer) }
        for seek in demo.me.seeks { XCTAssertTrue(allCompetences.contains(seek), seek) }
    }

    func testNetworks() {
        let g = demo.networks
        XCTAssertEqual(g.count, 6)
        XCTAssertGreaterThanOrEqual(Set(g.map(\.kind)).count, 4)
        XCTAssertEqual(g.filter { !$0.fair }.count, 1)
        XCTAssertEqual(g.filter { !$0.ambitionFit }.count, 1)
        XCTAssertTrue(g.contains { $0.bestBefore.map { $0 < testToday } ?? false }, "one past its best-before day")
        XCTAssertTrue(g.contains { $0.bestBefore.map { $0 >= testToday && $0.days(since: testToday) <= 30 } ?? false }, "one near")
        XCTAssertTrue(g.allSatisfy { !$0.members.isEmpty && !$0.purposes.isEmpty })
        XCTAssertGreaterThan(Set(g.map(\.yield)).count, 2)
        XCTAssertTrue(g.contains { $0.hoursPerMonth != $0.hoursPerMonth.rounded() }, "a fractional number is exercised")
    }

    func testEventsAroundToday() {
        XCTAssertTrue((4...6).contains(demo.events.count))
        XCTAssertTrue(demo.events.contains { $0.date == testToday })
        XCTAssertTrue(demo.events.contains { $0.date > testToday })
        XCTAssertTrue(demo.events.contains { $0.date < testToday })
        XCTAssertTrue(demo.events.contains { $0.network == nil })
        XCTAssertTrue(demo.events.allSatisfy { !$0.attendees.isEmpty })
    }

    func testInteractionsIncludeRecentOverdueAndNone() {
        XCTAssertTrue((60...100).contains(demo.interactions.count), "\(demo.interactions.count)")
        XCTAssertEqual(Set(demo.interactions.map(\.kind)), Set(InteractionKind.allCases))
        XCTAssertTrue(demo.interactions.allSatisfy { $0.date <= testToday })
        let last = demo.lastContactDays()
        XCTAssertGreaterThanOrEqual(demo.contacts.filter { last[$0.id] == nil }.count, 2)
        for q in Quadrant.allCases {
            let cadence = demo.scheme.policy(q).cadenceDays
            let inQ = demo.contacts.filter { demo.scheme.quadrant(of: $0) == q }
            let overdue = inQ.filter { c in last[c.id].map { testToday.days(since: $0) > cadence } ?? false }
            let fresh = inQ.filter { c in last[c.id].map { testToday.days(since: $0) <= cadence } ?? false }
            XCTAssertFalse(overdue.isEmpty, "an overdue \(q) contact")
            XCTAssertFalse(fresh.isEmpty, "an up-to-date \(q) contact")
        }
    }
}
