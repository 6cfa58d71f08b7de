import XCTest
@testable import NetModel
@testable import Plumbing

final class JSONWriterTests: XCTestCase {
    func testExactLayout() {
        let value: JSON = .object([
            "b": .array([.number("1"), .bool(true), .null]),
            "a": .object(["z": .string("ä"), "y": .array([]), "x": .object([:])]),
        ])
        XCTAssertEqual(text(JSONWriter.write(value)), """
        {
          "a": {
            "x": {},
            "y": [],
            "z": "ä"
          },
          "b": [
            1,
            true,
            null
          ]
        }

        """)
    }

    func testKeysAreSortedByUTF8Bytes() {
        let value: JSON = .object(["ä": .null, "a": .null, "B": .null, "aa": .null, "_": .null, "Z": .null, "1": .null])
        let written = text(JSONWriter.write(value))
        let keys = written.split(separator: "\n").dropFirst().dropLast().map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(keys, ["1", "B", "Z", "_", "a", "aa", "ä"])
    }

    func testEscaping() {
        let s = "quote \" backslash \\ slash / nl \n cr \r tab \t bell \u{07} nul \u{0} esc \u{1B} unit \u{1F} del \u{7F} é 中 😀"
        let written = text(JSONWriter.write(.string(s)))
        XCTAssertEqual(written, #""quote \" backslash \\ slash / nl \n cr \r tab \t bell \u0007 nul \u0000 esc \u001b unit \u001f del "#
            + "\u{7F} é 中 😀\"\n")
        XCTAssertEqual(try JSONParser.parse(bytes(written)), .string(s))
    }

    func testOutputParsesBackToTheSameValue() throws {
        let value: JSON = .object([
            "text": .string("line1\nline2\t\"q\"\\"), "keys \"odd\"\n": .number("-1.5e10"),
            "nested": .array([.object(["k": .array([.array([.null])])]), .string(""), .bool(false)]),
            "big": .number("12345678901234567890"),
        ])
        let written = JSONWriter.write(value)
        XCTAssertEqual(try JSONParser.parse(written), value)
        XCTAssertEqual(JSONWriter.write(try JSONParser.parse(written)), written)
        XCTAssertEqual(written.last, 0x0A, "ends with a newline")
    }

    func testCanonicalNumbers() {
        XCTAssertEqual(JSON.number(3.0), .number("3"))
        XCTAssertEqual(JSON.number(-0.0), .number("0"))
        XCTAssertEqual(JSON.number(12.5), .number("12.5"))
        XCTAssertEqual(JSON.number(0.1), .number("0.1"))
        XCTAssertEqual(JSON.number(1e20).doubleValue, 1e20)
        XCTAssertNoThrow(try JSONParser.parse(JSONWriter.write(JSON.number(1e20))))
        XCTAssertNoThrow(try JSONParser.parse(JSONWriter.write(JSON.number(1e-7))))
    }
}
