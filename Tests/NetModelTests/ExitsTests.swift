import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// A fixed day for the exit tests (never the real date).
private let today = Day(year: 2025, month: 6, day: 15)!

private func time(daysAgo: Int) -> Timestamp { Timestamp(seconds: Int64(today.adding(days: -daysAgo).ordinal) * 86_400 + 9 * 3600) }

/// A healthy network: 1 h/month, yield 1, fair, fitting, active recently, added recently.
private func group(_ id: String, _ name: String, configure: (inout NetworkGroup) -> Void = { _ in }) -> NetworkGroup {
    var g = NetworkGroup(id: id, name: name, created: time(daysAgo: 30))
    g.hoursPerMonth = 1
    g.yield = .one
    g.lastActivity = today.adding(days: -5)
    configure(&g)
    return g
}

/// A contact in the given quadrant (default Light touch), added recently.
private func contact(_ id: String, _ name: String, now: Rating = .tenth, future: Rating = .tenth,
                     configure: (inout Contact) -> Void = { _ in }) -> Contact {
    var c = Contact(id: id, name: name, created: time(daysAgo: 30))
    c.importanceNow = now
    c.importanceFuture = future
    configure(&c)
    return c
}

private func interaction(_ id: String, _ contact: String, daysAgo: Int, gave: String, got: String) -> Interaction {
    var i = Interaction(id: id, contact: contact, date: today.adding(days: -daysAgo), kind: .meeting)
    (i.gave, i.got) = (gave, got)
    return i
}

private func network(_ groups: [NetworkGroup], contacts: [Contact] = [], interactions: [Interaction] = [], events: [Event] = []) -> Network {
    var n = Network()
    n.networks = groups
    n.contacts = contacts
    n.interactions = interactions
    n.events = events
    return n
}

/// The reasons of the one candidate with that id.
private func reasons(_ n: Network, _ id: String, on day: Day = today, all: Bool = false) -> [String]? {
    n.exitCandidates(today: day, all: all).first { $0.id == id }?.reasons
}

final class ExitSignalTests: XCTestCase {
    func testAHealthyNetworkIsNoCandidate() {
        XCTAssertEqual(network([group("n1", "Healthy")]).exitCandidates(today: today), [])
        XCTAssertEqual(network([group("n1", "Healthy")]).exitCandidates(today: today, all: true), [], "all lists signals or decisions only")
    }

    func testLowYieldForTheTime() {
        let n = network([
            group("a", "Low") { $0.hoursPerMonth = 4; $0.yield = .tenth },
            group("b", "Exactly at the threshold") { $0.hoursPerMonth = 2; $0.yield = .zero },
            group("c", "Cheap") { $0.hoursPerMonth = 1.5; $0.yield = .zero },
            group("d", "Worth it") { $0.hoursPerMonth = 20; $0.yield = .one },
        ])
        let list = n.exitCandidates(today: today)
        XCTAssertEqual(list.map(\.id), ["a", "b"])
        XCTAssertEqual(list[0].reasons, ["4 h/month for yield 0.1"])
        XCTAssertEqual(list[0].score, 3.4, "3 points + 4 h ÷ 10")
        XCTAssertEqual(list[0].kind, .network)
        XCTAssertEqual(list[0].name, "Low")
        XCTAssertEqual(list[1].reasons, ["2 h/month for yield 0"])
        XCTAssertEqual(list[1].score, 3.2)

        var lenient = n
        lenient.scheme.exitRules.lowYieldHoursPerMonth = 5
        XCTAssertEqual(lenient.exitCandidates(today: today), [])
        lenient.scheme.exitRules.lowYieldHoursPerMonth = 1
        XCTAssertEqual(lenient.exitCandidates(today: today).map(\.id).sorted(), ["a", "b", "c"])
        XCTAssertEqual(reasons(lenient, "c"), ["1.5 h/month for yield 0"])
    }

    func testBestBeforePassedAndNear() {
        let n = network([
            group("p", "Passed") { $0.bestBefore = today.adding(days: -1) },
            group("t", "Today") { $0.bestBefore = today },
            group("s", "Soon") { $0.bestBefore = today.adding(days: 1) },
            group("e", "Edge") { $0.bestBefore = today.adding(days: 30) },
            group("f", "Far") { $0.bestBefore = today.adding(days: 31) },
        ])
        XCTAssertEqual(reasons(n, "p"), ["best before 2025-06-14, passed"])
        XCTAssertEqual(reasons(n, "t"), ["best before 2025-06-15, today"])
        XCTAssertEqual(reasons(n, "s"), ["best before 2025-06-16, in 1 day"])
        XCTAssertEqual(reasons(n, "e"), ["best before 2025-07-15, in 30 days"])
        XCTAssertNil(reasons(n, "f"))
        let list = n.exitCandidates(today: today)
        XCTAssertEqual(list.first?.id, "p")
        XCTAssertEqual(list.first?.score, 3.1, "passed: 3 points + 1 h ÷ 10")
        XCTAssertEqual(list.first { $0.id == "t" }?.score, 1.1, "near: 1 point")

        var strict = n
        strict.scheme.exitRules.bestBeforeWarningDays = 0
        XCTAssertEqual(strict.exitCandidates(today: today).map(\.id).sorted(), ["p", "t"])
        XCTAssertEqual(reasons(n, "f", on: today.adding(days: 1)), ["best before 2025-07-16, in 30 days"], "the clock moves it in")
    }

    func testUnfairAndAmbitionMismatch() {
        let n = network([
            group("u", "Unfair") { $0.fair = false },
            group("m", "Mismatch") { $0.ambitionFit = false },
        ])
        XCTAssertEqual(reasons(n, "u"), ["unfair or stalled collaboration"])
        XCTAssertEqual(reasons(n, "m"), ["ambition: mismatch"])
        XCTAssertEqual(n.exitCandidates(today: today).map(\.score), [2.1, 2.1])
    }

    func testStalledCountsTheLatestOfLoggedActivityAndPastEvents() {
        var quiet = Event(id: "e1", name: "Old meeting", date: today.adding(days: -300))
        quiet.network = "a"
        var future = Event(id: "e2", name: "Next meeting", date: today.adding(days: 3))
        future.network = "a"
        var recent = Event(id: "e3", name: "Recent meeting", date: today.adding(days: -20))
        recent.network = "b"
        var elsewhere = Event(id: "e4", name: "Other network's meeting", date: today.adding(days: -1))
        elsewhere.network = "z"
        let n = network([
            group("a", "Stalled") { $0.lastActivity = today.adding(days: -210) },
            group("b", "Active through an event") { $0.lastActivity = today.adding(days: -400) },
            group("c", "At the threshold") { $0.lastActivity = today.adding(days: -180) },
            group("d", "Just under") { $0.lastActivity = today.adding(days: -179) },
            group("e", "Never active, old") { $0.lastActivity = nil; $0.created = time(daysAgo: 365) },
            group("f", "Never active, new") { $0.lastActivity = nil; $0.created = time(daysAgo: 10) },
            group("z", "Elsewhere"),
        ], events: [quiet, future, recent, elsewhere])
        XCTAssertEqual(reasons(n, "a"), ["no activity for 210 days"], "the future event does not count")
        XCTAssertNil(reasons(n, "b"))
        XCTAssertEqual(reasons(n, "c"), ["no activity for 180 days"])
        XCTAssertNil(reasons(n, "d"))
        XCTAssertEqual(reasons(n, "e"), ["no activity logged"])
        XCTAssertNil(reasons(n, "f"))
        XCTAssertEqual(n.exitCandidates(today: today).first { $0.id == "a" }?.score, 2.1)

        var patient = n
        patient.scheme.exitRules.silenceDays = 365
        XCTAssertEqual(patient.exitCandidates(today: today).map(\.id), ["e"])
    }

    func testSignalsCombineWithTheCostTerm() {
        let n = network([group("x", "Everything wrong") {
            $0.hoursPerMonth = 10
            $0.costPerYear = 5000
            $0.yield = .zero
            $0.bestBefore = today.adding(days: -30)
            $0.fair = false
            $0.lastActivity = today.adding(days: -200)
            $0.ambitionFit = false
        }])
        let c = n.exitCandidates(today: today)
        XCTAssertEqual(c.count, 1)
        XCTAssertEqual(c[0].reasons, [
            "10 h/month for yield 0", "best before 2025-05-16, passed", "unfair or stalled collaboration",
            "no activity for 200 days", "ambition: mismatch",
        ])
        XCTAssertEqual(c[0].score, 3 + 3 + 2 + 2 + 2 + 10.0 / 10 + 5000.0 / 10_000)
        XCTAssertEqual(c[0].scoreText, "13.5")

        // Two signals: the points add, the cost counts once.
        let two = network([group("y", "Two") { $0.fair = false; $0.ambitionFit = false; $0.costPerYear = 2000 }])
        XCTAssertEqual(two.exitCandidates(today: today).first?.score, 4.3)
        XCTAssertEqual(two.exitCandidates(today: today).first?.scoreText, "4.3")
    }

    func testRelationshipSignals() {
        let contacts = [
            contact("d", "Difficult Dan") { $0.tags = ["vip", "Difficult "] },
            contact("l", "Lopsided Lena", now: .one),  // Maintain
            contact("b", "Balanced Bo"),
            contact("f", "Few gives Fay"),
            contact("s", "Silent Sam"),
            contact("n", "Never met Nils") { $0.created = time(daysAgo: 200) },
            contact("r", "Recently added Rita"),
        ]
        var log: [Interaction] = []
        for k in 0..<6 { log.append(interaction("l\(k)", "l", daysAgo: 10 + k, gave: "help", got: k == 0 ? "thanks" : "  ")) }
        for k in 0..<6 { log.append(interaction("b\(k)", "b", daysAgo: 10 + k, gave: "help", got: k < 2 ? "a lead" : "")) }
        log.append(interaction("b6", "b", daysAgo: 9, gave: "", got: ""))
        for k in 0..<2 { log.append(interaction("f\(k)", "f", daysAgo: 10 + k, gave: "help", got: "")) }
        log.append(interaction("s0", "s", daysAgo: 400, gave: "", got: "a tip"))
        log.append(interaction("s1", "s", daysAgo: -5, gave: "", got: ""))  // planned, in the future
        let n = network([], contacts: contacts, interactions: log)
        XCTAssertEqual(reasons(n, "d"), ["tagged difficult"])
        XCTAssertEqual(reasons(n, "l"), ["gave 6 times, got 1"])
        XCTAssertEqual(reasons(n, "b"), ["gave 6 times, got 2"], "6 ≥ 3 × 2 fires")
        XCTAssertNil(reasons(n, "f"), "fewer than 3 gives")
        XCTAssertEqual(reasons(n, "s"), ["no contact for 400 days"], "a future interaction is not contact")
        XCTAssertEqual(reasons(n, "n"), ["no contact logged"])
        XCTAssertNil(reasons(n, "r"))
        let list = n.exitCandidates(today: today)
        XCTAssertEqual(list.first?.id, "d", "difficult is worth 3")
        XCTAssertEqual(list.first?.score, 3)
        XCTAssertTrue(list.allSatisfy { $0.kind == .contact })
        XCTAssertEqual(list.first { $0.id == "l" }?.score, 2, "no cost term for relationships")

        var rules = n
        rules.scheme.exitRules.lopsidedRatio = 4
        rules.scheme.exitRules.difficultTag = ""
        XCTAssertNil(reasons(rules, "b"), "6 < 4 × 2")
        XCTAssertEqual(reasons(rules, "l"), ["gave 6 times, got 1"])
        XCTAssertNil(reasons(rules, "d"), "an empty tag turns the signal off")
        rules.scheme.exitRules.difficultTag = "VIP"
        XCTAssertEqual(reasons(rules, "d"), ["tagged VIP"])
    }

    func testRelationshipSignalsCombine() {
        let c = contact("x", "Everything") { $0.tags = ["difficult"] }
        var log = (0..<4).map { interaction("i\($0)", "x", daysAgo: 200 + $0, gave: "help", got: "") }
        log.append(interaction("i9", "x", daysAgo: 250, gave: "", got: "a tip"))
        let list = network([], contacts: [c], interactions: log).exitCandidates(today: today)
        XCTAssertEqual(list.first?.reasons, ["tagged difficult", "gave 4 times, got 1", "no contact for 200 days"])
        XCTAssertEqual(list.first?.score, 7)
    }

    func testOnlyLightTouchAndMaintainContactsAreCandidates() {
        let tagged: (inout Contact) -> Void = { $0.tags = ["difficult"] }
        let n = network([], contacts: [
            contact("k", "Key", now: .one, future: .one, configure: tagged),
            contact("r", "Rising", now: .tenth, future: .ten, configure: tagged),
            contact("m", "Maintain", now: .ten, future: .tenth, configure: tagged),
            contact("l", "Light", now: .zero, future: .zero, configure: tagged),
        ])
        XCTAssertEqual(n.exitCandidates(today: today).map(\.id), ["l", "m"])
        XCTAssertEqual(n.exitCandidates(today: today, all: true).map(\.id), ["l", "m"])
        XCTAssertEqual(n.exitSignals(of: n.contacts[0], today: today).reasons, [])
        XCTAssertEqual(n.exitSignals(of: n.contacts[2], today: today).reasons, ["tagged difficult"])
        var higher = n
        higher.scheme.threshold = .ten  // now the 1/1 Key contact is Light touch
        XCTAssertEqual(higher.exitCandidates(today: today).map(\.id), ["k", "l", "m"])
    }
}

final class ExitRankingTests: XCTestCase {
    func testHigherScoreFirstThenFoldedNameThenID() {
        let unfair: (inout NetworkGroup) -> Void = { $0.fair = false }
        let groups = [
            group("n3", "Zeta Forum", configure: unfair),
            group("n2", "ångström club", configure: unfair),
            group("n5", "Beta", configure: unfair),
            group("n4", "Beta", configure: unfair),
            group("n1", "Worst") { $0.fair = false; $0.ambitionFit = false },
        ]
        let contacts = [contact("c1", "Björk") { $0.tags = ["difficult"]; $0.created = time(daysAgo: 10) }]
        var n = network(groups, contacts: contacts)
        n.networks[0].hoursPerMonth = 10  // Zeta: 2 + 1 = 3, ties with the difficult contact (3)
        let order = n.exitCandidates(today: today).map(\.id)
        XCTAssertEqual(order, ["n1", "c1", "n3", "n2", "n4", "n5"])
        for _ in 0..<5 {
            var shuffled = n
            shuffled.networks.shuffle()
            shuffled.contacts.shuffle()
            XCTAssertEqual(shuffled.exitCandidates(today: today).map(\.id), order, "the order does not depend on the file's order")
        }
    }
}

final class ExitDecisionTests: XCTestCase {
    let base = network([
        group("a", "Alpha") { $0.fair = false },
        group("b", "Bravo") { $0.fair = false },
        group("c", "Charlie") { $0.fair = false },
        group("d", "Delta") { $0.fair = false },
        group("h", "Healthy"),
    ], contacts: [contact("x", "Xena") { $0.tags = ["difficult"] }])

    func testKeepHidesUntilAllIsAsked() {
        var n = base
        n.networks[0].decision = .keep(reason: "still our main channel", on: today.adding(days: -3))
        n.contacts[0].decision = .keep(reason: "", on: today)
        XCTAssertEqual(n.exitCandidates(today: today).map(\.id), ["b", "c", "d"])
        let all = n.exitCandidates(today: today, all: true)
        XCTAssertEqual(all.map(\.id), ["x", "a", "b", "c", "d"])
        XCTAssertEqual(all[1].decision, .keep(reason: "still our main channel", on: today.adding(days: -3)))
        XCTAssertEqual(all[1].reasons, ["unfair or stalled collaboration"], "signals still show")
    }

    func testReviewLaterReappearsAfterItsDate() {
        var n = base
        let until = today.adding(days: 10)
        n.networks[1].decision = .reviewLater(until: until, on: today)
        n.contacts[0].decision = .reviewLater(until: until, on: today)
        XCTAssertFalse(n.exitCandidates(today: today).contains { $0.id == "b" || $0.id == "x" })
        XCTAssertFalse(n.exitCandidates(today: until).contains { $0.id == "b" || $0.id == "x" }, "hidden on its day")
        let after = n.exitCandidates(today: until.adding(days: 1))
        XCTAssertTrue(after.contains { $0.id == "b" && $0.decision == .reviewLater(until: until, on: today) })
        XCTAssertTrue(after.contains { $0.id == "x" })
        XCTAssertTrue(n.exitCandidates(today: today, all: true).contains { $0.id == "b" })
    }

    func testWindDownStaysListedWithItsPlan() {
        var n = base
        let plan = ExitDecision.windDown(by: today.adding(days: 60), handover: "hand over to Jonas", on: today)
        n.networks[2].decision = plan
        let c = n.exitCandidates(today: today).first { $0.id == "c" }
        XCTAssertEqual(c?.decision, plan)
        XCTAssertEqual(c?.reasons, ["unfair or stalled collaboration"])
    }

    func testLeftNetworksAreExcluded() {
        var n = base
        n.networks[3].decision = .leave(on: today.adding(days: -1))
        n.networks[4].decision = .leave(on: today.adding(days: -100))
        XCTAssertTrue(n.networks[3].isLeft)
        XCTAssertFalse(n.networks[0].isLeft)
        XCTAssertFalse(n.exitCandidates(today: today).contains { $0.id == "d" || $0.id == "h" })
        let all = n.exitCandidates(today: today, all: true)
        XCTAssertTrue(all.contains { $0.id == "d" })
        let healthy = all.first { $0.id == "h" }
        XCTAssertEqual(healthy?.reasons, [], "with all, a decision without signals is listed")
        XCTAssertEqual(healthy?.score, 0)
        XCTAssertEqual(all.last?.id, "h")
    }

    func testADecisionWithoutSignalsIsListedOnlyWithAll() {
        var n = base
        n.networks[4].decision = .windDown(by: today, handover: "", on: today)
        XCTAssertFalse(n.exitCandidates(today: today).contains { $0.id == "h" })
        XCTAssertTrue(n.exitCandidates(today: today, all: true).contains { $0.id == "h" })
        var key = n
        key.contacts.append(contact("k", "Key person", now: .ten, future: .ten) { $0.decision = .keep(reason: "", on: today) })
        XCTAssertTrue(key.exitCandidates(today: today, all: true).contains { $0.id == "k" && $0.reasons.isEmpty })
    }

    func testUndoingADecisionBringsTheCandidateBack() {
        var n = base
        let before = n.networks[0]
        var after = before
        after.decision = .leave(on: today)
        n.apply(.network(before: before, after: after))
        XCTAssertFalse(n.exitCandidates(today: today).contains { $0.id == "a" })
        n.apply(Change.network(before: before, after: after).inverted)
        XCTAssertTrue(n.exitCandidates(today: today).contains { $0.id == "a" && $0.decision == nil })
        XCTAssertEqual(n, base)
    }

    func testSummaries() {
        let d = Day(year: 2026, month: 11, day: 23)!
        XCTAssertEqual(ExitDecision.keep(reason: "still our main channel", on: d).summary, "keep (2026-11-23): still our main channel")
        XCTAssertEqual(ExitDecision.keep(reason: "  ", on: d).summary, "keep (2026-11-23)")
        XCTAssertEqual(ExitDecision.reviewLater(until: Day(year: 2027, month: 1, day: 15)!, on: d).summary, "review after 2027-01-15")
        XCTAssertEqual(ExitDecision.windDown(by: Day(year: 2027, month: 3, day: 31)!, handover: "hand over to Jonas", on: d).summary,
                       "wind down by 2027-03-31: hand over to Jonas")
        XCTAssertEqual(ExitDecision.windDown(by: Day(year: 2027, month: 3, day: 31)!, handover: "", on: d).summary, "wind down by 2027-03-31")
        XCTAssertEqual(ExitDecision.leave(on: d).summary, "left 2026-11-23")
        XCTAssertEqual(ExitDecision.leave(on: d).date, d)
        XCTAssertEqual(ExitDecision.reviewLater(until: today, on: d).date, d)
        XCTAssertEqual(ExitDecision.kindNames, ["keep", "reviewLater", "windDown", "leave"])
    }
}

final class ExitExplanationTests: XCTestCase {
    func testExplanationIsShortAndMatchesTheDoc() throws {
        let lines = ExitRules.explanation
        XCTAssertTrue((5...10).contains(lines.count), "\(lines.count)")
        for line in lines { XCTAssertLessThanOrEqual(line.count, 76, line) }
        assertContains(lines.joined(separator: "\n"), "180 days", "shows the default thresholds")
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let doc = try String(contentsOf: here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/EXITS.md"), encoding: .utf8)
        XCTAssertTrue(doc.contains("```\n" + lines.joined(separator: "\n") + "\n```"), "docs/EXITS.md shows ExitRules.explanation verbatim")
        for key in ["lowYieldHoursPerMonth", "silenceDays", "bestBeforeWarningDays", "lopsidedRatio", "difficultTag"] {
            XCTAssertTrue(doc.contains("`\(key)`"), key)
        }
    }

    func testExplanationFollowsTheFilesThresholds() {
        var r = ExitRules()
        r.silenceDays = 90
        r.lowYieldHoursPerMonth = 1.5
        r.bestBeforeWarningDays = 14
        r.lopsidedRatio = 4
        r.difficultTag = "hassle"
        let text = r.explanationLines.joined(separator: "\n")
        for part in ["90 days", "1.5+ h/month", "within 14 days", "gave 4×", "tagged hassle"] { assertContains(text, part) }
        r.difficultTag = ""
        assertLacks(r.explanationLines.joined(separator: "\n"), "tagged")
    }
}

final class ExitReportTests: XCTestCase {
    let n: Network = {
        var n = network([
            group("n1", "Golf | Club") { $0.hoursPerMonth = 10; $0.yield = .zero; $0.decision = .windDown(by: today.adding(days: 30), handover: "to Jonas", on: today) },
            group("n2", "Kept") { $0.fair = false; $0.decision = .keep(reason: "needed", on: today) },
        ], contacts: [contact("c1", "Dan\tDifficult") { $0.tags = ["difficult"] }])
        n.scheme.exitRules.silenceDays = 1000
        return n
    }()

    func testText() {
        XCTAssertEqual(ExitReport(network: n, today: today).text(), """
              4.0  Golf | Club (network)
                   - 10 h/month for yield 0
                   decision: wind down by 2025-07-15: to Jonas
              3.0  Dan Difficult (relationship)
                   - tagged difficult

            """)
        assertText(ExitReport(network: n, today: today, all: true).text(), """
              4.0  Golf | Club (network)
                   - 10 h/month for yield 0
                   decision: wind down by 2025-07-15: to Jonas
              3.0  Dan Difficult (relationship)
                   - tagged difficult
              2.1  Kept (network)
                   - unfair or stalled collaboration
                   decision: keep (2025-06-15): needed

            """)
        XCTAssertEqual(ExitReport(network: Network(), today: today).text(), "No exit candidates.\n")
    }

    func testMarkdown() {
        XCTAssertEqual(ExitReport(network: n, today: today).markdown(), """
            | score | kind | name | reasons | decision |
            |---:|---|---|---|---|
            | 4.0 | network | Golf \\| Club | 10 h/month for yield 0 | wind down by 2025-07-15: to Jonas |
            | 3.0 | relationship | Dan Difficult | tagged difficult |  |

            """)
    }

    func testJSON() throws {
        let json = ExitReport(network: n, today: today).json()
        XCTAssertEqual(try JSONParser.parse(Array(json.utf8)), .array([
            .object(["kind": .string("network"), "id": .string("n1"), "name": .string("Golf | Club"), "score": .number("4"),
                     "reasons": .array([.string("10 h/month for yield 0")])]),
            .object(["kind": .string("contact"), "id": .string("c1"), "name": .string("Dan\tDifficult"), "score": .number("3"),
                     "reasons": .array([.string("tagged difficult")])]),
        ]))
        XCTAssertEqual(Array(json.utf8), JSONWriter.write(try JSONParser.parse(Array(json.utf8))), "written as JSONWriter writes")
        XCTAssertEqual(ExitReport(network: Network(), today: today).json(), "[]\n")
    }
}

/// The demo network shows every signal, and healthy networks too.
final class ExitDemoTests: XCTestCase {
    let demo = Demo.network(today: testToday)

    func testDemoShowsEverySignal() {
        let all = demo.exitCandidates(today: testToday, all: true)
        let reasons = all.flatMap(\.reasons)
        for pattern in [" h/month for yield ", ", passed", "best before ", "unfair or stalled collaboration", "no activity for ",
                        "ambition: mismatch", "tagged difficult", "no contact for "] {
            assertContains(reasons.joined(separator: "\n"), pattern)
        }
        assertHasLine(reasons.joined(separator: "\n"), "for a near best-before") { $0.hasPrefix("best before ") && $0.contains(", in ") }
        assertHasLine(reasons.joined(separator: "\n"), "for a lopsided tally") { $0.hasPrefix("gave ") && $0.contains(" times, got ") }
        let networks = all.filter { $0.kind == .network }
        XCTAssertGreaterThanOrEqual(networks.count, 4)
        XCTAssertLessThan(networks.count, demo.networks.count, "at least one network is healthy")
        XCTAssertGreaterThanOrEqual(all.filter { $0.kind == .contact }.count, 3)
        for c in all where c.kind == .contact {
            let q = demo.scheme.quadrant(of: demo.contact(id: c.id)!)
            XCTAssertTrue(q == .lightTouch || q == .maintain, c.name)
        }
    }

    func testDemoDecisions() {
        let shown = demo.exitCandidates(today: testToday)
        let all = demo.exitCandidates(today: testToday, all: true)
        XCTAssertLessThan(shown.count, all.count, "some candidates are hidden by a decision")
        XCTAssertTrue(shown.contains { if case .windDown? = $0.decision { return true } else { return false } })
        XCTAssertTrue(all.contains { if case .keep? = $0.decision { return true } else { return false } })
        XCTAssertTrue(all.contains { if case .reviewLater? = $0.decision { return true } else { return false } })
        XCTAssertEqual(shown.first?.name, "Golf & Business Society")
        XCTAssertEqual(shown.map(\.score), shown.map(\.score).sorted(by: >))
    }
}
