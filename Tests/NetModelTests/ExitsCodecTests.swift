import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// Decisions, lastActivity and exitRules in the data file.
final class ExitsCodecTests: XCTestCase {
    let d1 = Day(year: 2025, month: 3, day: 1)!, d2 = Day(year: 2025, month: 9, day: 30)!

    func sample() -> Network {
        var n = Network()
        let t = Timestamp(seconds: 1_700_000_000)
        let decisions: [ExitDecision?] = [
            .keep(reason: "still our main channel", on: d1), .reviewLater(until: d2, on: d1),
            .windDown(by: d2, handover: "hand over to Jonas", on: d1), .leave(on: d1), nil,
        ]
        for (i, d) in decisions.enumerated() {
            var g = NetworkGroup(id: "n\(i)", name: "Network \(i)", created: t)
            g.decision = d
            g.lastActivity = i.isMultiple(of: 2) ? d1.adding(days: i) : nil
            n.networks.append(g)
            var c = Contact(id: "c\(i)", name: "Contact \(i)", created: t)
            c.decision = d
            n.contacts.append(c)
        }
        n.scheme.exitRules.lowYieldHoursPerMonth = 2.5
        n.scheme.exitRules.silenceDays = 90
        n.scheme.exitRules.bestBeforeWarningDays = 0
        n.scheme.exitRules.lopsidedRatio = 1.5
        n.scheme.exitRules.difficultTag = "hankala"
        return n
    }

    func testDecisionsLastActivityAndRulesRoundTrip() throws {
        let n = sample()
        let bytes = NetworkCodec.encode(n)
        let decoded = NetworkCodec.decode(bytes)
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, n)
        XCTAssertEqual(NetworkCodec.encode(try XCTUnwrap(decoded.network)), bytes)

        let json = try JSONParser.parse(bytes)
        XCTAssertEqual(lookup(json, "networks", "0", "decision"),
                       .object(["kind": .string("keep"), "date": .string("2025-03-01"), "reason": .string("still our main channel")]))
        XCTAssertEqual(lookup(json, "networks", "1", "decision"),
                       .object(["kind": .string("reviewLater"), "date": .string("2025-03-01"), "until": .string("2025-09-30")]))
        XCTAssertEqual(lookup(json, "contacts", "2", "decision"),
                       .object(["kind": .string("windDown"), "date": .string("2025-03-01"), "by": .string("2025-09-30"),
                                "handover": .string("hand over to Jonas")]))
        XCTAssertEqual(lookup(json, "contacts", "3", "decision"), .object(["kind": .string("leave"), "date": .string("2025-03-01")]))
        XCTAssertEqual(lookup(json, "contacts", "4", "decision"), .null, "an unset decision is written as null")
        XCTAssertEqual(lookup(json, "networks", "0", "lastActivity"), .string("2025-03-01"))
        XCTAssertEqual(lookup(json, "networks", "1", "lastActivity"), .null)
        XCTAssertEqual(lookup(json, "scheme", "exitRules"), .object([
            "lowYieldHoursPerMonth": .number("2.5"), "silenceDays": .number("90"), "bestBeforeWarningDays": .number("0"),
            "lopsidedRatio": .number("1.5"), "difficultTag": .string("hankala"),
        ]))
    }

    func testDefaultsAreWrittenAndAbsentOrNullKeysTakeThem() throws {
        let json = try JSONParser.parse(NetworkCodec.encode(Network()))
        XCTAssertEqual(lookup(json, "scheme", "exitRules"), .object([
            "lowYieldHoursPerMonth": .number("2"), "silenceDays": .number("180"), "bestBeforeWarningDays": .number("30"),
            "lopsidedRatio": .number("3"), "difficultTag": .string("difficult"),
        ]))
        let file = """
            {"schemaVersion": 1, "scheme": {"exitRules": {"silenceDays": 60}},
             "contacts": [{"id": "c1", "name": "A", "decision": null}],
             "networks": [{"id": "n1", "name": "N", "decision": null, "lastActivity": null}, {"id": "n2", "name": "M"}]}
            """
        let decoded = NetworkCodec.decode(bytes(file))
        XCTAssertEqual(decoded.problems, [])
        let n = try XCTUnwrap(decoded.network)
        var expected = ExitRules()
        expected.silenceDays = 60
        XCTAssertEqual(n.scheme.exitRules, expected)
        XCTAssertNil(n.contacts[0].decision)
        XCTAssertNil(n.networks[0].decision)
        XCTAssertNil(n.networks[0].lastActivity)
        XCTAssertNil(n.networks[1].decision)
        XCTAssertEqual(NetworkCodec.decode(bytes(#"{"schemaVersion": 1, "scheme": {"exitRules": null}}"#)).network?.scheme, Scheme())
        XCTAssertEqual(ExitRules.explanation, ExitRules().explanationLines)
    }

    func testUnknownKeysInsideDecisionsAndRulesAreKept() throws {
        let file = """
            {"schemaVersion": 1, "scheme": {"exitRules": {"colour": "red"}},
             "networks": [{"id": "n1", "name": "N", "decision": {"kind": "keep", "date": "2025-01-02", "reason": "r", "by": "2025-05-05", "who": ["me"]}}]}
            """
        let decoded = NetworkCodec.decode(bytes(file))
        XCTAssertEqual(decoded.problems, [])
        let n = try XCTUnwrap(decoded.network)
        XCTAssertEqual(n.networks[0].decision, .keep(reason: "r", on: Day(year: 2025, month: 1, day: 2)!))
        XCTAssertEqual(n.networks[0].decisionExtra, ["by": .string("2025-05-05"), "who": .array([.string("me")])])
        let saved = try JSONParser.parse(NetworkCodec.encode(n))
        XCTAssertEqual(lookup(saved, "networks", "0", "decision", "who"), .array([.string("me")]))
        XCTAssertEqual(lookup(saved, "networks", "0", "decision", "by"), .string("2025-05-05"))
        XCTAssertEqual(lookup(saved, "scheme", "exitRules", "colour"), .string("red"))
        XCTAssertEqual(lookup(saved, "scheme", "exitRules", "silenceDays"), .number("180"))
    }

    func testProblems() {
        func found(_ json: String) -> [String] { problems(json).map { "\($0.kind.rawValue) \($0.location)" } }
        let net = #"{"schemaVersion": 1, "networks": [{"id": "n1", "name": "N", "#
        XCTAssertEqual(found(net + #""decision": "leave"}]}"#), [#"wrongType networks[0] "N".decision"#])
        XCTAssertEqual(found(net + #""decision": []}]}"#), [#"wrongType networks[0] "N".decision"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "quit", "date": "2025-01-01"}}]}"#), [#"invalidValue networks[0] "N".decision.kind"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "leave"}}]}"#), [#"missing networks[0] "N".decision.date"#])
        XCTAssertEqual(found(net + #""decision": {}}]}"#),
                       [#"missing networks[0] "N".decision.kind"#, #"missing networks[0] "N".decision.date"#])
        XCTAssertEqual(found(net + #""decision": {"kind": 3, "date": "2025-01-01"}}]}"#), [#"wrongType networks[0] "N".decision.kind"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "leave", "date": "2025-02-30"}}]}"#), [#"invalidValue networks[0] "N".decision.date"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "reviewLater", "date": "2025-01-01"}}]}"#), [#"missing networks[0] "N".decision.until"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "windDown", "date": "2025-01-01", "handover": 5}}]}"#),
                       [#"missing networks[0] "N".decision.by"#, #"wrongType networks[0] "N".decision.handover"#])
        XCTAssertEqual(found(net + #""decision": {"kind": "keep", "date": "2025-01-01", "reason": null}}]}"#), [])
        XCTAssertEqual(found(net + #""lastActivity": "yesterday"}]}"#), [#"invalidValue networks[0] "N".lastActivity"#])
        XCTAssertEqual(found(net + #""lastActivity": 20250101}]}"#), [#"wrongType networks[0] "N".lastActivity"#])
        XCTAssertEqual(found(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "C", "decision": {"kind": "Keep", "date": "2025-01-01"}}]}"#),
                       [#"invalidValue contacts[0] "C".decision.kind"#])

        let rules = #"{"schemaVersion": 1, "scheme": {"exitRules": "#
        XCTAssertEqual(found(rules + #"[]}}"#), ["wrongType scheme.exitRules"])
        XCTAssertEqual(found(rules + #"{"silenceDays": 0, "lowYieldHoursPerMonth": -1, "bestBeforeWarningDays": 1.5, "lopsidedRatio": 0}}}"#).sorted(), [
            "invalidValue scheme.exitRules.bestBeforeWarningDays", "invalidValue scheme.exitRules.lopsidedRatio",
            "invalidValue scheme.exitRules.lowYieldHoursPerMonth", "invalidValue scheme.exitRules.silenceDays",
        ])
        XCTAssertEqual(found(rules + #"{"silenceDays": "long", "difficultTag": false, "lopsidedRatio": "3"}}}"#).sorted(), [
            "wrongType scheme.exitRules.difficultTag", "wrongType scheme.exitRules.lopsidedRatio", "wrongType scheme.exitRules.silenceDays",
        ])
    }

    func testAFileWithABadDecisionDoesNotOpen() throws {
        let dir = try makeTempDir(self)
        writeFile(dir + "/n.json", bytes(#"{"schemaVersion": 1, "networks": [{"id": "n1", "name": "N", "decision": {"kind": "quit", "date": "2025-01-01"}}]}"#))
        XCTAssertThrowsError(try Store.load(dir + "/n.json")) { error in
            XCTAssertEqual((error as? StoreError)?.problems.map(\.kind), [.invalidValue])
        }
    }
}
