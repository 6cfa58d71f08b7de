import Foundation
@testable import NetTUI
@testable import TestSupport
import XCTest

/// The expectations' own output: what a failing screen test prints, and how NETTUI_RECORD=1
/// writes a screen into the test's source.
final class ScreenExpectationsTests: XCTestCase {
    func testTheDiffMarksChangedRowsWithTheirNumbersAndKeepsThreeRowsAround() {
        let expected = (0..<10).map { "row \($0)" }.joined(separator: "\n")
        var rows = (0..<10).map { "row \($0)" }
        rows[6] = "row six"
        XCTAssertEqual(lineDiff(expected: expected, actual: rows.joined(separator: "\n"), firstLine: 0), """
              3 │ row 3
              4 │ row 4
              5 │ row 5
            - 6 │ row 6
            + 6 │ row six
              7 │ row 7
              8 │ row 8
              9 │ row 9
            """)
    }

    func testDistantChangesArePrintedApartAndAddedRowsCountInTheActualScreen() {
        let expected = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].joined(separator: "\n")
        let actual = ["A", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"].joined(separator: "\n")
        XCTAssertEqual(lineDiff(expected: expected, actual: actual, firstLine: 1, context: 1), """
            -  1 │ a
            +  1 │ A
               2 │ b
                 ⋮
              10 │ j
            + 11 │ k
            """)
    }

    func testTheNumberedScreenMarksTheRowsThatShouldNotBeThere() {
        var h = Harness(width: 40, height: 10)
        h.press(.char("/"))
        h.type("aino")
        let printed = numbered(h.screen.text, firstLine: 0, marking: "Aino Järvinen")
        let marked = printed.split(separator: "\n").filter { $0.hasPrefix(">") }
        XCTAssertEqual(marked.count, 1, printed)
        XCTAssertTrue(marked[0].hasPrefix("> 3 │ "), printed)
        XCTAssertEqual(numbered("1\n2\n3", limit: 2), "  1 │ 1\n  2 │ 2\n  … 1 more lines")
    }

    /// NETTUI_RECORD=1 replaces the literal after the call, indented like its closing quotes, with
    /// backslashes escaped; a later call site in the same file is still found after the lines moved.
    func testRecordingWritesTheLiteralsOfTheCallSites() throws {
        let dir = try temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/SomeTests.swift"
        let source = """
            func a() {
                assertScreen(h, \"\"\"
                    \"\"\")
            }
            func b() {
                assertScreen(h, rows: 0...1, \"\"\"
                    old
                    \"\"\")
            }
            """
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertTrue(InlineExpectation.record(" NetTUI\n\n a\\b", file: file, line: 2))
        XCTAssertTrue(InlineExpectation.record("one\ntwo", file: file, line: 6))  // line 6 before the first edit
        XCTAssertFalse(InlineExpectation.record("x", file: file, line: 4), "a line that opens no literal (the next call's is not taken)")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), """
            func a() {
                assertScreen(h, \"\"\"
                     NetTUI

                     a\\\\b
                    \"\"\")
            }
            func b() {
                assertScreen(h, rows: 0...1, \"\"\"
                    one
                    two
                    \"\"\")
            }
            """)
    }
}
