import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class FollowUpTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 20)!

    func network() -> Network {
        var n = Network()
        for id in ["a", "b"] { n.contacts.append(Contact(id: id, name: id.uppercased(), created: Timestamp(seconds: 0))) }
        func x(_ id: String, _ contact: String, daysAgo: Int, due: Int?, done: Int? = nil) -> Interaction {
            var i = Interaction(id: id, contact: contact, date: today.adding(days: -daysAgo), kind: .call)
            i.followUp = due.map { FollowUp(due: today.adding(days: $0), what: "do \(id)", done: done.map { today.adding(days: $0) }) }
            return i
        }
        n.interactions = [
            x("i1", "a", daysAgo: 10, due: 5),
            x("i2", "a", daysAgo: 9, due: -2),
            x("i3", "b", daysAgo: 8, due: 0),
            x("i4", "b", daysAgo: 7, due: -20, done: -19),
            x("i5", "b", daysAgo: 6, due: nil),
            x("i6", "a", daysAgo: 30, due: 0),
        ]
        return n
    }

    func testOpenFollowUpsOldestDueFirst() {
        let n = network()
        XCTAssertEqual(n.openFollowUps().map(\.interaction.id), ["i2", "i6", "i3", "i1"], "same due: the older interaction first")
        XCTAssertEqual(n.openFollowUps(contact: "a").map(\.interaction.id), ["i2", "i6", "i1"])
        XCTAssertEqual(n.openFollowUps(contact: "b").map(\.followUp.what), ["do i3"])
        XCTAssertEqual(n.openFollowUps(contact: "nobody").count, 0)
    }

    func testDueOnADayIncludesTheOverdue() {
        let n = network()
        XCTAssertEqual(n.dueFollowUps(on: today).map(\.interaction.id), ["i2", "i6", "i3"])
        XCTAssertEqual(n.dueFollowUps(on: today.adding(days: -1)).map(\.interaction.id), ["i2"])
        XCTAssertEqual(n.dueFollowUps(on: today.adding(days: 5)).map(\.interaction.id), ["i2", "i6", "i3", "i1"])
        XCTAssertEqual(n.dueFollowUps(on: today.adding(days: -30)).count, 0, "the done one never counts")
    }

    func testClosingAFollowUpIsOneUndoableChange() throws {
        var n = network()
        let change = try XCTUnwrap(n.changeClosingFollowUp(interaction: "i2", on: today))
        n.apply(change)
        XCTAssertEqual(n.interactions.first { $0.id == "i2" }?.followUp?.done, today)
        XCTAssertEqual(n.dueFollowUps(on: today).map(\.interaction.id), ["i6", "i3"])
        XCTAssertNil(n.changeClosingFollowUp(interaction: "i2", on: today), "already done")
        XCTAssertNil(n.changeClosingFollowUp(interaction: "i5", on: today), "no follow-up")
        XCTAssertNil(n.changeClosingFollowUp(interaction: "nope", on: today))
        n.apply(change.inverted)
        XCTAssertEqual(n, network())
    }

    func testFollowUpsDoNotCountInTheTally() {
        var n = network()
        n.interactions[0].gave = "advice"
        XCTAssertEqual(n.giveGet(contact: "a").gave, 1)
        XCTAssertEqual(n.giveGet(contact: "a").got, 0)
        XCTAssertEqual(n.giveGet(contact: "b").gave, 0)
    }

    func testOverdueContactsMostOverdueFirst() {
        var n = Network()
        func c(_ id: String, _ name: String, _ now: Rating, _ future: Rating, lastSeen: Int?, addedDaysAgo: Int = 400) {
            var x = Contact(id: id, name: name, created: Timestamp(seconds: Int64(today.adding(days: -addedDaysAgo).ordinal) * 86_400))
            (x.importanceNow, x.importanceFuture) = (now, future)
            n.contacts.append(x)
            if let lastSeen { n.interactions.append(Interaction(id: "i" + id, contact: id, date: today.adding(days: -lastSeen), kind: .meeting)) }
        }
        c("k", "Key", .ten, .ten, lastSeen: 31)               // 30-day cadence: 1 day over
        c("k2", "Key on time", .ten, .ten, lastSeen: 30)
        c("r", "Rising", .tenth, .one, lastSeen: 50)           // 21: 29 over
        c("m", "Maintain", .one, .tenth, lastSeen: 89)         // 60: 29 over, sorts after "Rising"? no: by name
        c("l", "Light", .zero, .zero, lastSeen: nil)           // never: 400 days since added, 180: 220 over
        c("l2", "Light new", .zero, .zero, lastSeen: nil, addedDaysAgo: 5)
        let over = n.overdueContacts(today: today)
        XCTAssertEqual(over.map(\.contact.id), ["l", "m", "r", "k"])
        XCTAssertEqual(over.map(\.days), [220, 29, 29, 1])
        // An interaction today resets the clock.
        n.interactions.append(Interaction(id: "new", contact: "m", date: today, kind: .call))
        XCTAssertEqual(n.overdueContacts(today: today).map(\.contact.id), ["l", "r", "k"])
    }

    // MARK: - The data file

    func testCodecRoundTrip() throws {
        var n = network()
        n.interactions[0].followUp?.extra = ["priority": .string("high"), "n": .number("1.50")]
        let bytes = NetworkCodec.encode(n)
        let decoded = NetworkCodec.decode(bytes)
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, n)
        XCTAssertEqual(NetworkCodec.encode(try XCTUnwrap(decoded.network)), bytes)
        let json = try JSONParser.parse(bytes)
        XCTAssertEqual(lookup(json, "interactions", "0", "followUp"), .object([
            "due": .string("2026-11-25"), "what": .string("do i1"), "done": .null,
            "priority": .string("high"), "n": .number("1.50"),
        ]))
        XCTAssertEqual(lookup(json, "interactions", "3", "followUp", "done"), .string("2026-11-01"))
        XCTAssertEqual(lookup(json, "interactions", "4", "followUp"), .null, "written as null when there is none")
    }

    func testReadingDefaultsAndProblems() throws {
        func file(_ followUp: String) -> String {
            #"{"schemaVersion": 1, "contacts": [{"id": "c", "name": "C"}], "interactions": [{"id": "i", "contact": "c", "date": "2026-01-01""#
                + (followUp.isEmpty ? "" : #", "followUp": "# + followUp) + "}]}"
        }
        for absent in ["", "null"] {
            let d = NetworkCodec.decode(bytes(file(absent)))
            XCTAssertEqual(d.problems, [])
            XCTAssertNil(d.network?.interactions.first?.followUp)
        }
        let minimal = NetworkCodec.decode(bytes(file(#"{"due": "2026-01-08"}"#)))
        XCTAssertEqual(minimal.problems, [])
        XCTAssertEqual(minimal.network?.interactions.first?.followUp, FollowUp(due: Day(year: 2026, month: 1, day: 8)!, what: ""))

        XCTAssertEqual(problems(file(#"{"what": "call"}"#)), [Problem(.missing, "interactions[0].followUp.due", "missing")])
        XCTAssertEqual(problems(file(#"{}"#)), [Problem(.missing, "interactions[0].followUp.due", "missing")])
        XCTAssertEqual(problems(file(#""tomorrow""#)).map(\.kind), [.wrongType])
        XCTAssertEqual(problems(file(#""tomorrow""#)).first?.location, "interactions[0].followUp")
        XCTAssertEqual(problems(file(#"{"due": "2026-02-30"}"#)).map(\.location), ["interactions[0].followUp.due"])
        XCTAssertEqual(problems(file(#"{"due": "2026-02-03", "done": 5}"#)).map(\.kind), [.wrongType])
        XCTAssertEqual(problems(file(#"{"due": "2026-02-03", "what": ["a"]}"#)).map(\.location), ["interactions[0].followUp.what"])
    }
}
