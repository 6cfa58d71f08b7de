// Expectations on the rendered screen that show the screen when they fail (TestSupport's
// TextExpectations underneath). Rows are numbered from 0, as in `Screen.line(_:)`; each row's
// trailing spaces are trimmed. NETTUI_RECORD=1 writes what a test saw into its expectation.
@testable import NetTUI
import TestSupport
import XCTest

/// The screen, or its rows `rows`, is exactly `expected`; a failure prints a line diff with row numbers.
func assertScreen(_ h: Harness, rows: ClosedRange<Int>? = nil, _ expected: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    assertScreen(h.screen, rows: rows, expected, file: file, line: line)
}

func assertScreen(_ screen: Screen, rows: ClosedRange<Int>? = nil, _ expected: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    let rows = rows ?? 0...(screen.height - 1)
    let what = rows == 0...(screen.height - 1) ? "the screen" : "rows \(rows.lowerBound)–\(rows.upperBound) of the screen"
    assertText(text(screen, rows), expected, firstLine: rows.lowerBound, what: what, numbered: "row",
               file: file, line: line)
}

/// A row of the screen (row `row`, or any) contains `part`; a failure prints the whole screen.
func assertLine(_ h: Harness, row: Int? = nil, containing part: String, _ why: @autoclosure () -> String = "",
                file: StaticString = #filePath, line: UInt = #line) {
    assertLine(h.screen, row: row, containing: part, why(), file: file, line: line)
}

func assertLine(_ screen: Screen, row: Int? = nil, containing part: String, _ why: @autoclosure () -> String = "",
                file: StaticString = #filePath, line: UInt = #line) {
    guard !shows(screen, part, row: row) else { return }
    let place = row.map { "row \($0) of the screen" } ?? "the screen"
    XCTFail("“\(part)” is not on \(place)\(note(why()))\n\(numbered(screen.text, firstLine: 0))", file: file, line: line)
}

/// No row of the screen (or row `row`) contains `part`; a failure prints the screen, the rows marked.
func assertNoLine(_ h: Harness, row: Int? = nil, containing part: String, _ why: @autoclosure () -> String = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    assertNoLine(h.screen, row: row, containing: part, why(), file: file, line: line)
}

func assertNoLine(_ screen: Screen, row: Int? = nil, containing part: String, _ why: @autoclosure () -> String = "",
                  file: StaticString = #filePath, line: UInt = #line) {
    guard shows(screen, part, row: row) else { return }
    let place = row.map { "row \($0) of the screen" } ?? "the screen"
    XCTFail("“\(part)” should not be on \(place)\(note(why()))\n\(numbered(screen.text, firstLine: 0, marking: part))",
            file: file, line: line)
}

private func shows(_ screen: Screen, _ part: String, row: Int?) -> Bool {
    if let row { return screen.line(row).contains(part) }
    return (0..<screen.height).contains { screen.line($0).contains(part) }
}

private func note(_ why: String) -> String { why.isEmpty ? ":" : " (\(why)):" }

private func text(_ screen: Screen, _ rows: ClosedRange<Int>) -> String {
    rows.map { screen.line($0).trailingSpacesTrimmed }.joined(separator: "\n")
}
