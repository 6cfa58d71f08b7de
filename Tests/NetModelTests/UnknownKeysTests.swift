import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class UnknownKeysTests: XCTestCase {
    let nested: JSON = .object([
        "level": .number("2"),
        "list": .array([.string("å"), .null, .bool(true), .object(["deep": .number("-0.5e-7")])]),
    ])
    let big: JSON = .number("12345678901234567890")

    /// The demo file with unknown keys added everywhere an entity can hold them.
    func fileWithUnknownKeys() throws -> JSON {
        var json = try JSONParser.parse(NetworkCodec.encode(Demo.network(today: testToday)))
        setKey(&json, [], "futureTopLevel", nested)
        setKey(&json, [], "bigNumber", big)
        setKey(&json, ["contacts", "0"], "linkedin", .string("https://example.com/in/aino"))
        setKey(&json, ["contacts", "0"], "score", big)
        setKey(&json, ["me"], "avatar", nested)
        setKey(&json, ["scheme"], "colour", .string("blue"))
        setKey(&json, ["scheme", "quadrants", "rising"], "emoji", .string("🌱"))
        setKey(&json, ["networks", "1"], "website", nested)
        setKey(&json, ["events", "0"], "dressCode", .string("smart casual"))
        setKey(&json, ["interactions", "0"], "durationMinutes", .number("45"))
        return json
    }

    func testUnknownKeysSurviveAnEditAndSave() throws {
        let original = try fileWithUnknownKeys()
        let decoded = NetworkCodec.decode(JSONWriter.write(original))
        XCTAssertEqual(decoded.problems, [])
        var network = try XCTUnwrap(decoded.network)
        // Change known fields next to the unknown ones.
        network.contacts[0].notes = "Edited"
        network.me.pitch = "New pitch"
        network.scheme.axisNow = "Revenue now"
        network.networks[1].costPerYear = 99
        let saved = try JSONParser.parse(NetworkCodec.encode(network))

        XCTAssertEqual(lookup(saved, "futureTopLevel"), nested)
        XCTAssertEqual(lookup(saved, "bigNumber"), big)
        XCTAssertEqual(lookup(saved, "contacts", "0", "linkedin"), .string("https://example.com/in/aino"))
        XCTAssertEqual(lookup(saved, "contacts", "0", "score"), big)
        XCTAssertEqual(lookup(saved, "me", "avatar"), nested)
        XCTAssertEqual(lookup(saved, "scheme", "colour"), .string("blue"))
        XCTAssertEqual(lookup(saved, "scheme", "quadrants", "rising", "emoji"), .string("🌱"))
        XCTAssertEqual(lookup(saved, "networks", "1", "website"), nested)
        XCTAssertEqual(lookup(saved, "events", "0", "dressCode"), .string("smart casual"))
        XCTAssertEqual(lookup(saved, "interactions", "0", "durationMinutes"), .number("45"))
        // ...and the edits are there too.
        XCTAssertEqual(lookup(saved, "contacts", "0", "notes"), .string("Edited"))
        XCTAssertEqual(lookup(saved, "me", "pitch"), .string("New pitch"))
        XCTAssertEqual(lookup(saved, "scheme", "axisNow"), .string("Revenue now"))
        XCTAssertEqual(lookup(saved, "networks", "1", "costPerYear"), .number("99"))

        // Apart from the edits, the saved file is the original, byte for byte.
        var expected = original
        setKey(&expected, ["contacts", "0"], "notes", .string("Edited"))
        setKey(&expected, ["me"], "pitch", .string("New pitch"))
        setKey(&expected, ["scheme"], "axisNow", .string("Revenue now"))
        setKey(&expected, ["networks", "1"], "costPerYear", .number("99"))
        XCTAssertEqual(text(NetworkCodec.encode(network)), text(JSONWriter.write(expected)))
    }

    func testBigNumberTextIsWrittenVerbatim() throws {
        let network = try XCTUnwrap(NetworkCodec.decode(JSONWriter.write(try fileWithUnknownKeys())).network)
        assertContains(text(NetworkCodec.encode(network)), "\"bigNumber\": 12345678901234567890,")
        assertContains(text(NetworkCodec.encode(network)), "\"deep\": -0.5e-7")
    }
}

final class UnknownQuadrantKeysTests: XCTestCase {
    func testUnknownKeysInsideSchemeQuadrantsSurvive() throws {
        let file = #"{"schemaVersion": 1, "scheme": {"quadrants": {"key": {"cadenceDays": 7}, "dormant": {"cadenceDays": 365}}}}"#
        let decoded = NetworkCodec.decode(bytes(file))
        XCTAssertEqual(decoded.problems, [])
        let saved = try JSONParser.parse(NetworkCodec.encode(try XCTUnwrap(decoded.network)))
        XCTAssertEqual(lookup(saved, "scheme", "quadrants", "dormant"), .object(["cadenceDays": .number("365")]))
        XCTAssertEqual(lookup(saved, "scheme", "quadrants", "key", "cadenceDays"), .number("7"))
    }

    func testAQuadrantPolicyThatIsNotAnObjectIsReported() {
        let found = problems(#"{"schemaVersion": 1, "scheme": {"quadrants": {"rising": "often"}}}"#)
        XCTAssertEqual(found.map(\.kind), [.wrongType])
        XCTAssertEqual(found.first?.location, "scheme.quadrants.rising")
    }
}
