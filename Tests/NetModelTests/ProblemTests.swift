import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// Every kind of problem a data file can have is found, with a location a person can act on.
final class ProblemTests: XCTestCase {
    /// A valid file around the given entity lists.
    func file(contacts: String = #"[{"id": "c1", "name": "Aino Järvinen"}]"#, networks: String = "[]",
              events: String = "[]", interactions: String = "[]", extra: String = "") -> String {
        """
        {"schemaVersion": 1, \(extra)
         "contacts": \(contacts), "networks": \(networks), "events": \(events), "interactions": \(interactions)}
        """
    }

    func assertOne(_ json: String, _ kind: Problem.Kind, at location: String,
                   file: StaticString = #filePath, line: UInt = #line) {
        let found = problems(json)
        XCTAssertEqual(found.map(\.kind), [kind], "\(found)", file: file, line: line)
        XCTAssertEqual(found.first?.location, location, file: file, line: line)
    }

    func testTheBaseFileIsClean() {
        XCTAssertEqual(problems(file()), [])
    }

    func testSyntax() {
        let found = problems("{\n  \"schemaVersion\": 1\n  \"contacts\": []\n}")
        XCTAssertEqual(found, [Problem(.syntax, "line 3, column 3", "expected ',' or '}' in an object")])
        XCTAssertNil(NetworkCodec.decode(bytes("{")).network)
    }

    func testWrongType() {
        assertOne(file(contacts: #"[{"id": "c1", "name": 5}]"#), .wrongType, at: #"contacts[0].name"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "tags": "vip"}]"#), .wrongType, at: #"contacts[0] "A".tags"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "tags": ["vip", 3]}]"#), .wrongType, at: #"contacts[0] "A".tags[1]"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "importanceNow": "1"}]"#), .wrongType, at: #"contacts[0] "A".importanceNow"#)
        assertOne(file(networks: #"[{"id": "n1", "name": "N", "fair": "yes"}]"#), .wrongType, at: #"networks[0] "N".fair"#)
        assertOne(file(contacts: #"{"c1": {}}"#), .wrongType, at: "top level.contacts")
        // Not an object: wrong type, and so the id is missing too.
        XCTAssertEqual(problems(file(contacts: #"["c1"]"#)).map(\.kind), [.wrongType, .missing])
        XCTAssertEqual(problems(file(contacts: #"["c1"]"#)).first?.location, "contacts[0]")
        assertOne(#"{"schemaVersion": "1"}"#, .wrongType, at: "top level.schemaVersion")
        assertOne(#"{"schemaVersion": 1, "me": []}"#, .wrongType, at: "me")
        assertOne(#"{"schemaVersion": 1, "me": {"offers": "advice"}}"#, .wrongType, at: "me.offers")
        XCTAssertEqual(problems("[]").map(\.kind), [.wrongType, .missing], "a top level that is not an object")
    }

    func testMissingRequiredKeys() {
        assertOne(file(contacts: #"[{"name": "No Id"}]"#), .missing, at: #"contacts[0] "No Id".id"#)
        assertOne(file(contacts: #"[{"id": "c1"}]"#), .missing, at: "contacts[0].name")
        assertOne(#"{"contacts": []}"#, .missing, at: "top level.schemaVersion")
        assertOne(file(networks: #"[{"id": "n1"}]"#), .missing, at: "networks[0].name")
        assertOne(file(events: #"[{"id": "e1", "name": "Gala"}]"#), .missing, at: #"events[0] "Gala".date"#)
        // An interaction without a contact is missing it, and what it refers to ("") does not exist.
        XCTAssertEqual(problems(file(interactions: #"[{"id": "i1", "date": "2024-01-01"}]"#)).map(\.kind), [.missing, .danglingReference])
        // An entity without an id is dropped, not kept with an empty id.
        XCTAssertEqual(NetworkCodec.decode(bytes(file(contacts: #"[{"name": "No Id"}]"#))).network?.contacts, [])
    }

    func testNullOrEmptyInARequiredKeyIsReportedNotSilentlyDropped() {
        assertOne(file(contacts: #"[{"id": null, "name": "A"}]"#), .missing, at: #"contacts[0] "A".id"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": null}]"#), .missing, at: "contacts[0].name")
        assertOne(file(contacts: #"[{"id": "", "name": "A"}]"#), .invalidValue, at: #"contacts[0] "A".id"#)
        assertOne(file(events: #"[{"id": "e1", "name": "E", "date": null}]"#), .missing, at: #"events[0] "E".date"#)
        assertOne(#"{"schemaVersion": null}"#, .missing, at: "top level.schemaVersion")
    }

    func testInvalidValues() {
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "created": "2024-13-01T00:00:00Z"}]"#), .invalidValue, at: #"contacts[0] "A".created"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "updated": "yesterday"}]"#), .invalidValue, at: #"contacts[0] "A".updated"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "kinds": ["customer", "alien"]}]"#), .invalidValue, at: #"contacts[0] "A".kinds"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "stage": "married"}]"#), .invalidValue, at: #"contacts[0] "A".stage"#)
        assertOne(file(events: #"[{"id": "e1", "name": "E", "date": "2023-02-29"}]"#), .invalidValue, at: #"events[0] "E".date"#)
        assertOne(file(networks: #"[{"id": "n1", "name": "N", "bestBefore": "2024-1-1"}]"#), .invalidValue, at: #"networks[0] "N".bestBefore"#)
        assertOne(file(networks: #"[{"id": "n1", "name": "N", "purposes": ["fun"]}]"#), .invalidValue, at: #"networks[0] "N".purposes"#)
        assertOne(file(interactions: #"[{"id": "i1", "contact": "c1", "date": "2024-01-01", "kind": "dinner"}]"#),
                  .invalidValue, at: "interactions[0].kind")
        assertOne(#"{"schemaVersion": 1.5}"#, .invalidValue, at: "top level.schemaVersion")
        assertOne(#"{"schemaVersion": 1, "scheme": {"quadrants": {"key": {"cadenceDays": 0}}}}"#,
                  .invalidValue, at: "scheme.quadrants.key.cadenceDays")
        assertOne(#"{"schemaVersion": 1, "scheme": {"quadrants": {"key": {"cadenceDays": 2.5}}}}"#,
                  .invalidValue, at: "scheme.quadrants.key.cadenceDays")
        let found = problems(file(contacts: #"[{"id": "c1", "name": "A", "kinds": ["alien"]}]"#))
        XCTAssertEqual(found.first?.message, "\"alien\" is not one of customer, partner, supplier, funder, user, candidate, peer")
    }

    func testOffScaleRatings() {
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "importanceNow": 5}]"#), .offScale, at: #"contacts[0] "A".importanceNow"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "importanceFuture": 0.5}]"#), .offScale, at: #"contacts[0] "A".importanceFuture"#)
        assertOne(file(contacts: #"[{"id": "c1", "name": "A", "chemistry": -1}]"#), .offScale, at: #"contacts[0] "A".chemistry"#)
        assertOne(file(networks: #"[{"id": "n1", "name": "N", "yield": 100}]"#), .offScale, at: #"networks[0] "N".yield"#)
        assertOne(#"{"schemaVersion": 1, "scheme": {"threshold": 2}}"#, .offScale, at: "scheme.threshold")
        let found = problems(file(contacts: #"[{"id": "c1", "name": "A", "importanceNow": 5}]"#))
        XCTAssertEqual(found.first?.message, "5 is off the scale (0, 0.1, 1, 10)")
        // Several criteria off the scale: reported in key order, the same every time.
        let keys = ["growth", "fit", "zeal", "budget", "access", "reach"]
        let criteria = keys.map { #""\#($0)": 5"# }.joined(separator: ", ")
        let several = file(contacts: #"[{"id": "c1", "name": "A", "criteria": {\#(criteria)}}]"#)
        for _ in 0..<20 {
            XCTAssertEqual(problems(several).map(\.location), keys.sorted().map { #"contacts[0] "A".criteria.\#($0)"# })
        }
        // Every value on the scale is accepted, in any JSON spelling.
        for v in ["0", "0.1", "1", "10", "1.0", "1e1", "0.10"] {
            XCTAssertEqual(problems(file(contacts: #"[{"id": "c1", "name": "A", "importanceNow": \#(v)}]"#)), [], v)
        }
    }

    func testDuplicateIDs() {
        assertOne(file(contacts: #"[{"id": "c1", "name": "A"}, {"id": "c1", "name": "B"}]"#), .duplicateID, at: #"contacts[1] "B""#)
        let across = problems(file(networks: #"[{"id": "c1", "name": "N"}]"#))
        XCTAssertEqual(across.map(\.kind), [.duplicateID], "ids are unique across entity kinds")
        XCTAssertEqual(across.first?.message, #"id c1 is already used by contacts[0] "Aino Järvinen""#)
    }

    func testDanglingReferences() {
        assertOne(file(networks: #"[{"id": "n1", "name": "N", "members": ["c1", "ghost"]}]"#),
                  .danglingReference, at: #"networks[0] "N".members"#)
        assertOne(file(events: #"[{"id": "e1", "name": "E", "date": "2024-01-01", "attendees": ["ghost"]}]"#),
                  .danglingReference, at: #"events[0] "E".attendees"#)
        assertOne(file(events: #"[{"id": "e1", "name": "E", "date": "2024-01-01", "network": "n9"}]"#),
                  .danglingReference, at: #"events[0] "E".network"#)
        assertOne(file(interactions: #"[{"id": "i1", "contact": "ghost", "date": "2024-01-01"}]"#),
                  .danglingReference, at: "interactions[0].contact")
        XCTAssertEqual(problems(file(interactions: #"[{"id": "i1", "contact": "ghost", "date": "2024-01-01"}]"#)).first?.message,
                       "refers to contact ghost, which does not exist")
    }

    /// A whole number is judged by the digits written, not the nearest `Double`: a fraction that
    /// rounds to 1 is no schema version 1 (it was read as one), on the fast path and the validating one.
    func testAFractionalWholeNumberIsInvalidEvenWhenItRoundsToOne() {
        for version in ["0.99999999999999999", "1.00000000000000001", "1.5", "1e-400"] {
            let json = #"{"schemaVersion": \#(version)}"#
            assertOne(json, .invalidValue, at: "top level.schemaVersion")
            XCTAssertEqual(problems(json).first?.message, "expected a whole number, found \(version)")
            XCTAssertNil(FastDecoder.decode(bytes(json)), version)
        }
        for version in ["1", "1.0", "1.000", "10e-1", "0.1e1", "-0", "0e5"] {
            let json = #"{"schemaVersion": \#(version)}"#
            XCTAssertEqual(problems(json), [], version)
            XCTAssertNotNil(FastDecoder.decode(bytes(json)), version)
        }
        assertOne(#"{"schemaVersion": 1, "scheme": {"quadrants": {"key": {"cadenceDays": 6.99999999999999999}}}}"#,
                  .invalidValue, at: "scheme.quadrants.key.cadenceDays")
        let cases: [(String, Int?)] = [("7", 7), ("7.0", 7), ("70e-1", 7), ("0.7e1", 7), ("-12", -12), ("999999999", 999_999_999),
                                       ("1e9", nil), ("1000000000", nil), ("0.5", nil), ("1e-1", nil), ("00012", 12), ("1E2", 100),
                                       ("1e+2", 100), ("0.000e-99999999999", 0), ("12e999999999999", nil)]
        for (text, expected) in cases { XCTAssertEqual(FieldReader.wholeNumber(text), expected, text) }
    }

    func testFutureSchema() {
        assertOne(#"{"schemaVersion": 2}"#, .futureSchema, at: "top level.schemaVersion")
    }

    func testManyProblemsAreAllReported() {
        let found = problems(file(contacts: #"[{"id": "c1", "name": 1, "importanceNow": 5, "stage": "x"}, {"id": "c1", "name": "B"}]"#,
                                  interactions: #"[{"id": "i1", "contact": "ghost", "date": "2024-02-30"}]"#))
        XCTAssertEqual(Set(found.map(\.kind)), [.wrongType, .offScale, .invalidValue, .duplicateID])
        XCTAssertEqual(found.count, 5)
    }

    // MARK: - Store.load

    func load(_ json: String) throws -> Store.Loaded? {
        let dir = try makeTempDir(self)
        writeFile(dir + "/net.json", bytes(json))
        return try Store.load(dir + "/net.json")
    }

    func testStoreLoadOpensANewerSchemaReadOnly() throws {
        var json = try JSONParser.parse(NetworkCodec.encode(Demo.network(today: testToday)))
        setKey(&json, [], "schemaVersion", .number("2"))
        setKey(&json, [], "newThing", .array([.number("1")]))
        let loaded = try XCTUnwrap(load(text(JSONWriter.write(json))))
        let reason = try XCTUnwrap(loaded.readOnlyReason)
        assertContains(reason, "schemaVersion 2 is newer")
        XCTAssertTrue(reason.hasSuffix("opened read-only"), reason)
        XCTAssertEqual(loaded.network.schemaVersion, 2)
        XCTAssertEqual(loaded.network.contacts.count, Demo.network(today: testToday).contacts.count)
        XCTAssertEqual(loaded.network.extra["newThing"], .array([.number("1")]))
    }

    func testStoreLoadRefusesAFileWithProblems() throws {
        for bad in ["{", file(contacts: #"[{"id": "c1", "name": "A", "importanceNow": 5}]"#),
                    file(interactions: #"[{"id": "i1", "contact": "ghost", "date": "2024-01-01"}]"#),
                    #"{"schemaVersion": 2, "contacts": 7}"#] {
            do {
                _ = try load(bad)
                XCTFail("loaded \(bad)")
            } catch let error as StoreError {
                XCTAssertFalse(error.problems.isEmpty, bad)
                XCTAssertFalse(error.problems.contains { $0.kind == .futureSchema }, bad)
                assertContains(error.message, "cannot be opened")
            } catch {
                XCTFail("unexpected \(error)")
            }
        }
    }

    func testStoreLoadOfAFolderIsAnError() throws {
        let dir = try makeTempDir(self)
        XCTAssertThrowsError(try Store.load(dir))
    }
}
