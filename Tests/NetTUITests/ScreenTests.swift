import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class ScreenTests: XCTestCase {
    func testWideCharactersTakeTwoCells() {
        var s = Screen(width: 10, height: 1)
        let used = s.put("王芳ab", x: 0, y: 0)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(s[0, 0].text, "王")
        XCTAssertTrue(s[1, 0].isContinuation)
        XCTAssertEqual(s[2, 0].text, "芳")
        XCTAssertEqual(s[4, 0].text, "a")
        XCTAssertEqual(s.line(0), "王芳ab    ")
    }

    func testAWideCharacterIsNeverSplitAtTheEdge() {
        for width in 1...7 {
            var s = Screen(width: width, height: 1)
            s.put("佐藤健一", x: 0, y: 0)
            let line = s.line(0)
            XCTAssertLessThanOrEqual(line.columns, width)
            for x in 0..<width where s[x, 0].isContinuation {
                XCTAssertEqual(s[x - 1, 0].text.columns, 2, "a continuation cell must follow a wide character")
            }
        }
        var s = Screen(width: 5, height: 1)
        s.put("佐藤健", x: 0, y: 0)
        XCTAssertEqual(s.line(0), "佐藤…")  // 2 + 2 + 1 columns
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var s = Screen(width: 6, height: 1)
        s.put("王芳", x: 0, y: 0)
        s.put("x", x: 1, y: 0)
        XCTAssertEqual(s.line(0), " x芳  ")
        XCTAssertFalse(s[0, 0].isContinuation)
    }

    func testLongTextIsCutWithAnEllipsis() {
        var s = Screen(width: 12, height: 1)
        s.put("Marja-Liisa Kettunen-Väisänen", x: 0, y: 0)
        XCTAssertEqual(s.line(0), "Marja-Liisa…")
        XCTAssertEqual("abc".truncated(to: 3), "abc")
        XCTAssertEqual("abcd".truncated(to: 3), "ab…")
    }

    func testCombiningMarksTakeNoColumn() {
        let nfd = "Ja\u{0308}rvinen"  // "Järvinen" with a combining diaeresis
        XCTAssertEqual(nfd.columns, 8)
        var s = Screen(width: 10, height: 1)
        XCTAssertEqual(s.put(nfd, x: 0, y: 0), 8)
        XCTAssertEqual(s[1, 0].text, "a\u{0308}")
    }

    func testTerminalEscapesAreShownNotSent() {
        var s = Screen(width: 60, height: 1)
        s.put("evil\u{1B}[2J\u{07}name\u{1B}]0;title\u{9C}\u{202E}x\u{7F}", x: 0, y: 0)
        let cells = (0..<60).map { s[$0, 0].text }
        XCTAssertFalse(cells.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        XCTAssertEqual(s.line(0).trailingSpacesTrimmed, "evil^[[2J^Gname^[]0;title\\u{9C}\\u{202E}x^?")
    }

    func testAHostileContactNameIsInertOnEveryPane() {
        var network = Demo.network(today: Harness.today)
        network.contacts[0].name = "\u{1B}[31mRed\u{1B}[0m \u{1B}]52;c;AAAA\u{07}"
        network.contacts[0].organization = "Org\u{202E}gro"
        for pane in ["1", "2", "3", "4", "5"] {
            var h = Harness(network: network, width: 160, height: 48)
            h.press(.char(Character(pane)))
            h.select(network.contacts[0].name)
            let screen = h.screen
            let all = (0..<48).flatMap { y in (0..<160).map { screen[$0, y].text } }.joined()
            XCTAssertFalse(all.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }, "pane \(pane)")
        }
    }

    func testCJKNameInTheListAndLongNameCut() {
        var h = Harness(width: 80, height: 24)
        h.select("王芳")
        let row = h.screen
        let y = (0..<24).first { row.line($0).contains("王芳") }
        XCTAssertNotNil(y, "the CJK name is on screen")
        h.select("Marja-Liisa Kettunen-Väisänen-Hyvärinen")
        let line = h.text.split(separator: "\n").first { $0.contains("Marja-Liisa") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("Marja-Liisa Kettunen-Väisänen-Hyv"), line)
        XCTAssertTrue(line.contains("…"), "the long name is cut with an ellipsis: \(line)")
        XCTAssertFalse(line.contains("Hyvärinen"), "the full name does not fit: \(line)")
        for y in 0..<24 { XCTAssertEqual(h.screen.line(y).columns, 80, "row \(y) is exactly the screen width") }
    }

    func testSideCardAt120x40() {
        var h = Harness(width: 120, height: 40)
        h.select("Aino Järvinen")
        let t = h.text
        XCTAssertTrue(t.contains("│ Aino Järvinen") || t.contains("│ CEO · Järvinen Design Oy"))
        XCTAssertTrue(t.contains("Can do"))
        XCTAssertTrue(t.contains("Needs"))
        let narrow = Harness(width: 80, height: 24)
        XCTAssertFalse(narrow.text.contains("Can do"), "no side card at 80 columns")
    }

    func testTooSmallShowsOneLineAndRecovers() {
        var h = Harness()
        h.press(.char("e"))
        h.type("X")
        h.resize(30, 8)
        XCTAssertEqual(h.text.split(separator: "\n").joined(separator: " "), "terminal too small (needs at least 40×10); q quits")
        h.resize(120, 9)
        XCTAssertEqual(h.screen.line(0).trailingSpacesTrimmed, "terminal too small (needs at least 40×10); q quits")
        h.resize(1, 1)
        XCTAssertEqual(h.screen.line(0).count, 1)
        h.resize(0, 0)
        XCTAssertEqual(h.text, "")
        h.resize(80, 24)
        guard case .form(let form) = h.state.modal else { return XCTFail("the form survives the resize") }
        XCTAssertTrue(form[.name].text.hasSuffix("X"))
        XCTAssertTrue(h.text.contains("Edit contact"))
    }

    func testResizeKeepsTheSelectionVisible() {
        var h = Harness(width: 100, height: 40)
        h.press(.char("G"))
        h.resize(80, 12)
        let name = h.state.selectedContact!.name.truncated(to: 20)
        XCTAssertTrue(h.text.contains(String(name.prefix(10))))
    }

    func testEveryRowIsExactlyTheScreenWidthAtManySizes() {
        for (w, h) in [(40, 10), (80, 24), (99, 30), (100, 30), (160, 48), (300, 100)] {
            var harness = Harness(width: w, height: h)
            harness.select("王芳")
            for y in 0..<h { XCTAssertEqual(harness.screen.line(y).columns, w) }
            harness.press(.char("e"))
            for y in 0..<h { XCTAssertEqual(harness.screen.line(y).columns, w) }
        }
    }
}
