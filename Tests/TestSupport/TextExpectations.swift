// Expectations on text that show what they saw when they fail: a whole text (a screen, a report)
// against an expected block with a line diff, or one part of it with the whole text printed, its
// lines numbered. `XCTAssertTrue(text.contains(…))` says only "false".
//
// Expected blocks live inline in the test as multi-line string literals. Run the tests with
// NETTUI_RECORD=1 to write what they saw into those literals (the source file is edited in place)
// and read the change with `git diff` before committing it.
import Foundation
import Synchronization
import XCTest

/// True when the tests should record what they see instead of comparing it (NETTUI_RECORD=1).
public let recordingExpectations = ProcessInfo.processInfo.environment["NETTUI_RECORD"] == "1"

/// Fails with a line diff (- expected, + actual) unless `actual` is `expected` line for line.
/// `firstLine` is the number shown for the first line (a screen's row number, say); `what` names
/// the text in the message ("the screen", "rows 20–23 of the screen") and `numbered` what the
/// numbers count ("line", "row").
public func assertText(_ actual: String, _ expected: String, firstLine: Int = 1, what: String = "the text",
                       numbered unit: String = "line", file: StaticString = #filePath, line: UInt = #line) {
    guard actual != expected else { return }
    if recordingExpectations, InlineExpectation.record(actual, file: "\(file)", line: Int(line)) { return }
    XCTFail("""
        \(what) differs from the expectation (- expected, + actual; the number is the \(unit)):
        \(lineDiff(expected: expected, actual: actual, firstLine: firstLine))
        (NETTUI_RECORD=1 writes what the test saw into the expectation)
        """, file: file, line: line)
}

/// Fails, printing the whole text with numbered lines, unless a line of `text` contains `part`.
public func assertContains(_ text: String, _ part: String, _ why: @autoclosure () -> String = "",
                           firstLine: Int = 1, file: StaticString = #filePath, line: UInt = #line) {
    guard !text.contains(part) else { return }
    XCTFail("“\(part)” is not in \(describe(why()))\n\(numbered(text, firstLine: firstLine))", file: file, line: line)
}

/// Fails, printing the whole text with numbered lines, unless one of its lines is exactly `expected`.
public func assertHasLine(_ text: String, _ expected: String, _ why: @autoclosure () -> String = "",
                          file: StaticString = #filePath, line: UInt = #line) {
    guard !text.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { $0 == expected }) else { return }
    XCTFail("no line is “\(expected)” in \(describe(why()))\n\(numbered(text))", file: file, line: line)
}

/// Fails, printing the whole text with numbered lines, unless one of its lines passes `test`;
/// `what` says in the message what such a line looks like.
public func assertHasLine(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line,
                          where test: (String) -> Bool) {
    guard !text.split(separator: "\n", omittingEmptySubsequences: false).contains(where: { test(String($0)) }) else { return }
    XCTFail("no line \(what) in the text:\n\(numbered(text))", file: file, line: line)
}

/// Fails, printing the whole text with the offending lines marked, if `text` contains `part`.
public func assertLacks(_ text: String, _ part: String, _ why: @autoclosure () -> String = "",
                        firstLine: Int = 1, file: StaticString = #filePath, line: UInt = #line) {
    guard text.contains(part) else { return }
    XCTFail("“\(part)” should not be in \(describe(why()))\n\(numbered(text, firstLine: firstLine, marking: part))",
            file: file, line: line)
}

private func describe(_ why: String) -> String { why.isEmpty ? "the text:" : "the text (\(why)):" }

/// The text with each line's number in front (`>` marks the lines containing `marking`), at most
/// `limit` lines of it.
public func numbered(_ text: String, firstLine: Int = 1, marking: String? = nil, limit: Int = 300) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let width = String(firstLine + lines.count - 1).count
    let shown = lines.prefix(limit).enumerated().map { i, l in
        let mark = marking.map { l.contains($0) } == true ? ">" : " "
        return "\(mark) \(pad(firstLine + i, width)) │ \(l)"
    }
    return (shown + (lines.count > limit ? ["  … \(lines.count - limit) more lines"] : [])).joined(separator: "\n")
}

private func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return String(repeating: " ", count: max(0, width - s.count)) + s
}

/// A unified line diff of two texts: changed lines marked `-` (expected) and `+` (actual), with
/// `context` unchanged lines around each change and `⋮` between the pieces. Each line carries its
/// number (counted from `firstLine`) in the text it comes from.
public func lineDiff(expected: String, actual: String, firstLine: Int = 1, context: Int = 3) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    // Longest common subsequence, from the end, so the walk below goes forwards.
    var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    enum Op { case same(Int, Int), removed(Int), added(Int) }
    var ops: [Op] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] { ops.append(.same(i, j)); i += 1; j += 1 }
        else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] { ops.append(.removed(i)); i += 1 }
        else { ops.append(.added(j)); j += 1 }
    }
    let width = String(firstLine + max(a.count, b.count, 1) - 1).count
    var shown = Array(repeating: false, count: ops.count)
    for (k, op) in ops.enumerated() {
        if case .same = op { continue }
        for n in max(0, k - context)...min(ops.count - 1, k + context) { shown[n] = true }
    }
    var out: [String] = []
    for (k, op) in ops.enumerated() where shown[k] {
        if k > 0, !shown[k - 1], !out.isEmpty { out.append("  " + String(repeating: " ", count: width) + " ⋮") }
        switch op {
        case .same(_, let j): out.append("  \(pad(firstLine + j, width)) │ \(b[j])")
        case .removed(let i): out.append("- \(pad(firstLine + i, width)) │ \(a[i])")
        case .added(let j): out.append("+ \(pad(firstLine + j, width)) │ \(b[j])")
        }
    }
    return out.joined(separator: "\n")
}

/// Writes what a test saw into the multi-line string literal of the expectation it failed, in the
/// test's source file (NETTUI_RECORD=1). Edits made earlier in the run move the lines below them;
/// tests run one at a time, and the moves are kept per file so later call sites are still found.
enum InlineExpectation {
    private static let moves = Mutex<[String: [(line: Int, by: Int)]]>([:])

    /// Replaces the literal that the call at `line` of `file` opens; false if it opens none.
    static func record(_ actual: String, file: String, line: Int) -> Bool {
        moves.withLock { moves in
            guard let source = try? String(contentsOfFile: file, encoding: .utf8) else { return false }
            var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let start = line - 1 + (moves[file] ?? []).filter { $0.line < line }.reduce(0) { $0 + $1.by }
            guard start >= 0, start < lines.count,
                  // The literal opens on the call's line (or the next): never one of a later call.
                  let open = lines[start...].prefix(2).firstIndex(where: { $0.hasSuffix("\"\"\"") }),
                  let close = lines[(open + 1)...].firstIndex(where: {
                      $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"\"\"") })
            else { return false }
            let indent = String(lines[close].prefix { $0 == " " })
            let body = actual.split(separator: "\n", omittingEmptySubsequences: false).map { l -> String in
                let escaped = l.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"\"\"", with: "\\\"\"\"")
                return escaped.isEmpty ? "" : indent + escaped
            }
            let old = close - open - 1
            lines.replaceSubrange((open + 1)..<close, with: body)
            moves[file, default: []].append((line, body.count - old))
            try? lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            print("recorded the expectation at \(file):\(line)")
            return true
        }
    }
}
