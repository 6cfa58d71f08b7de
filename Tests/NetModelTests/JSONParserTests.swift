import XCTest
@testable import NetModel
@testable import Plumbing

final class JSONParserTests: XCTestCase {
    func parseError(_ input: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        do {
            let value = try JSONParser.parse(input)
            XCTFail("expected a syntax error, parsed \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func parseError(_ input: String, file: StaticString = #filePath, line: UInt = #line) -> JSONSyntaxError? {
        parseError(bytes(input), file: file, line: line)
    }

    func testParsesAllValueKinds() throws {
        let value = try JSONParser.parse(bytes(#" { "a": [1, -2.5e3, true, false, null, "x"], "b": {} , "c": [] } "#))
        XCTAssertEqual(value, .object([
            "a": .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null, .string("x")]),
            "b": .object([:]), "c": .array([]),
        ]))
        XCTAssertEqual(try JSONParser.parse(bytes("12345678901234567890")), .number("12345678901234567890"))
    }

    /// A byte-order mark is not a character of the first line: columns there count as without it.
    func testColumnsOnTheFirstLineDoNotCountAByteOrderMark() {
        for input in ["{x", #"{"a": 1, "a": 2}"#, "[1, 2,]", #""é\q""#] {
            let plain = parseError(input)
            let marked = parseError([0xEF, 0xBB, 0xBF] + bytes(input))
            XCTAssertEqual(marked, plain, input)
        }
        XCTAssertEqual(parseError([0xEF, 0xBB, 0xBF] + bytes("{x"))?.column, 2)
        XCTAssertEqual(parseError([0xEF, 0xBB, 0xBF] + bytes("{\n x"))?.column, 2, "later lines as before")
        XCTAssertEqual(parseError([0xEF, 0xBB, 0xBF])?.column, 1, "empty after the mark")
    }

    func testMissingCommaReportsLineAndColumn() {
        let error = parseError("{\n  \"a\": 1,\n  \"b\": 2\n  \"c\": 3\n}")
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.column, 3)
        XCTAssertEqual(error?.message, "expected ',' or '}' in an object")

        let inArray = parseError("[\n  1,\n  2 3\n]")
        XCTAssertEqual(inArray?.line, 3)
        XCTAssertEqual(inArray?.column, 5)
        XCTAssertEqual(inArray?.description, "line 3, column 5: expected ',' or ']' in an array")
    }

    func testColumnsCountCharactersNotBytes() {
        let error = parseError("{\"äö\": x}")
        XCTAssertEqual(error?.line, 1)
        XCTAssertEqual(error?.column, 8)
    }

    func testCRLFLineEndingsAndTabsAreWhitespace() throws {
        XCTAssertEqual(try JSONParser.parse(bytes("{\r\n\t\"a\": 1\r\n}")), .object(["a": .number("1")]))
        XCTAssertEqual(parseError("{\r\n\"a\": ?}")?.line, 2)
    }

    func testTruncatedFiles() {
        for input in ["", "   ", "{", "{\"a\"", "{\"a\":", "{\"a\": 1", "[1, 2", "\"abc", "{\"a\": [1, {\"b\": tr"] {
            let error = parseError(input)
            XCTAssertNotNil(error, input)
        }
        let error = parseError("{\n  \"a\": [1, 2")
        XCTAssertEqual(error?.message, "unexpected end of file inside an array")
        XCTAssertEqual(error?.line, 2)
        XCTAssertEqual(error?.column, 13)
        XCTAssertEqual(parseError("\n\n  \"abc")?.message, "unterminated string")
        XCTAssertEqual(parseError("\n\n  \"abc")?.line, 3)
        XCTAssertEqual(parseError("\n\n  \"abc")?.column, 3)
    }

    func testInvalidUTF8IsRefused() {
        // A lead byte followed by a non-continuation byte, an overlong encoding, a lone continuation byte.
        for bad: [UInt8] in [[0xC3, 0x28], [0xC0, 0xAF], [0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80]] {
            let error = parseError(bytes("{\"a\": \"x") + bad + bytes("\"}"))
            XCTAssertEqual(error?.message, "invalid UTF-8 in a string", "\(bad)")
            XCTAssertEqual(error?.column, 7, "points at the string's opening quote")
        }
        XCTAssertNotNil(parseError(bytes("{\"a\": 1") + [0xFF] + bytes("}")))
        XCTAssertNotNil(parseError(bytes("{\"k") + [0xFF] + bytes("\": 1}")), "also in keys")
    }

    func testDuplicateKeysAreRefusedWhereTheSecondStarts() {
        let error = parseError("{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}")
        XCTAssertEqual(error?.message, "duplicate key \"name\"")
        XCTAssertEqual(error?.line, 3)
        XCTAssertEqual(error?.column, 3)
        // The same key in different objects is fine.
        XCTAssertNoThrow(try JSONParser.parse(bytes(#"[{"a": 1}, {"a": 2}]"#)))
    }

    func testDeepNestingGivesAnErrorNotACrash() {
        let error = parseError(String(repeating: "[", count: 10_000))
        XCTAssertEqual(error?.message, "nesting deeper than \(JSONParser.maxDepth) levels")
        XCTAssertNotNil(parseError(String(repeating: "{\"a\":", count: 10_000)))
        let deepest = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        XCTAssertNoThrow(try JSONParser.parse(bytes(deepest)))
        let tooDeep = "[" + deepest + "]"
        XCTAssertNotNil(parseError(tooDeep))
    }

    func testStringEscapes() throws {
        let value = try JSONParser.parse(bytes(#""\"\\\/\b\f\n\r\t\u00e4\u00C5\u4e2d\ud83d\ude00""#))
        XCTAssertEqual(value, .string("\"\\/\u{08}\u{0C}\n\r\täÅ中😀"))
        XCTAssertEqual(try JSONParser.parse(bytes(#""\u0000""#)), .string("\u{0}"))
        for bad in [#""\ud83d""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ude00""#, #""\u12""#, #""\u12g4""#, #""\x""#] {
            XCTAssertNotNil(parseError(bad), bad)
        }
        XCTAssertEqual(parseError(#"  "ab\ude00""#)?.column, 6, "points at the escape")
    }

    func testRawControlCharactersInStringsAreRefused() {
        XCTAssertEqual(parseError("\"a\tb\"")?.message, "control character in a string (must be escaped)")
        XCTAssertNotNil(parseError("\"a\nb\""))
    }

    func testByteOrderMarkIsToleratedOnlyAtTheStart() throws {
        XCTAssertEqual(try JSONParser.parse([0xEF, 0xBB, 0xBF] + bytes("{\"a\": 1}")), .object(["a": .number("1")]))
        XCTAssertNotNil(parseError(bytes(" ") + [0xEF, 0xBB, 0xBF] + bytes("{}")))
        XCTAssertNotNil(parseError(bytes("[") + [0xEF, 0xBB, 0xBF] + bytes("]")))
    }

    func testNumbers() {
        for bad in ["01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "-01"] {
            XCTAssertNotNil(parseError(bad), bad)
        }
        for good in ["0", "-0", "0.5", "1E9", "1e-9", "-12.25e+3"] {
            XCTAssertEqual(try? JSONParser.parse(bytes(good)), .number(good), good)
        }
    }

    func testOtherSyntaxErrors() {
        XCTAssertEqual(parseError("{} x")?.message, "unexpected text after the end of the document")
        XCTAssertEqual(parseError("{} x")?.column, 4)
        XCTAssertNotNil(parseError("{\"a\": 1,}"), "trailing comma in an object")
        XCTAssertNotNil(parseError("[1,]"), "trailing comma in an array")
        XCTAssertNotNil(parseError("{a: 1}"), "unquoted key")
        XCTAssertNotNil(parseError("{'a': 1}"), "single quotes")
        XCTAssertNotNil(parseError("{\"a\" 1}"), "no colon")
        XCTAssertNotNil(parseError("[tru]"))
        XCTAssertNotNil(parseError("// comment\n{}"))
    }
}
