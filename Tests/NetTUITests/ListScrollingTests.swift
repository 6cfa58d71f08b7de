import NetModel
@testable import NetTUI
import XCTest

/// Bugs of the hand-written list navigations that the one cursor and the one layout fix, seen as a user sees them.
final class ListScrollingTests: XCTestCase {
    /// The full-screen card scrolled down past its end: ↑ once must move the view (it used to take as
    /// many presses as ↓ went past the end before anything moved).
    func testTheFullCardScrolledPastItsEndMovesBackOnTheFirstUp() {
        for pane in ["1", "5"] {
            var h = Harness(width: 80, height: 16)
            h.press(.char(Character(pane)), .enter)
            let top = h.text
            for _ in 0..<200 { h.press(.down) }
            let bottom = h.text
            XCTAssertNotEqual(bottom, top, "pane \(pane): the card scrolls")
            h.press(.up)
            XCTAssertNotEqual(h.text, bottom, "pane \(pane): one ↑ after scrolling past the end moves the view")
        }
    }

    /// The scope chooser and the member picker scroll when the cursor leaves the rows they draw, not
    /// before (they settled with heights of their own, two and one rows short of what they show).
    func testTheChooserAndThePickerScrollOnlyWhenTheCursorLeavesTheRowsShown() {
        var h = Harness(width: 80, height: 11)
        h.press(.char("4"), .char("b"))
        let first = h.screen.line(4)
        XCTAssertTrue(first.contains("Today"), first)
        let rows = ScopeChooser().options(h.state).count
        XCTAssertGreaterThan(rows, 5, "more options than rows shown")
        for _ in 0..<4 { h.press(.down) }
        XCTAssertEqual(h.screen.line(4), first, "the cursor on the last row shown does not scroll the list")

        var p = Harness(width: 80, height: 24)
        p.press(.char("5"), .char("m"))
        let firstContact = p.screen.line(4)
        for _ in 0..<17 { p.press(.down) }
        XCTAssertEqual(p.screen.line(4), firstContact, "the picker's 18th row is on screen: no scroll yet")
        p.press(.down)
        XCTAssertNotEqual(p.screen.line(4), firstContact, "the 19th scrolls")
    }

    /// The networks, exits and briefing lists kept the cursor off the last row they draw: ↓ onto it
    /// scrolled the list, though every row was on screen (they settled one row short).
    func testMovingDownOntoTheLastRowShownDoesNotScroll() {
        // Sizes at which each list draws exactly its demo rows: 6 networks, 8 candidates, 8 people.
        for (pane, height, rows, firstRowY) in [("5", 10, 6, 3), ("3", 18, 8, 3), ("4", 21, 8, 4)] {
            var h = Harness(width: 80, height: height)
            h.press(.char(Character(pane)))
            let first = h.screen.line(firstRowY)
            for _ in 0..<(rows - 1) { h.press(.down) }
            XCTAssertEqual(h.screen[10, firstRowY + rows - 1].style.reverse, true, "pane \(pane): the cursor is on the last row:\n\(h.text)")
            XCTAssertEqual(h.screen.line(firstRowY), first, "pane \(pane): nothing scrolled:\n\(h.text)")
        }
    }

    /// A page of the help moves by the lines it shows: the line after the last one shown comes first
    /// (it paged by one line more, so one line was never seen).
    func testAPageOfTheHelpSkipsNoLine() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("?"))
        let all = HelpView.lines(h.state, from: .contacts, width: 76).map { $0.runs.map(\.0).joined() }
        let shown = 24 - 5
        XCTAssertGreaterThan(all.count, 2 * shown)
        XCTAssertEqual(h.screen.line(3).dropFirst(2).trimmingCharacters(in: .whitespaces.union(["│"])), all[0].trimmingCharacters(in: .whitespaces))
        h.press(.pageDown)
        XCTAssertEqual(h.screen.line(3).dropFirst(2).trimmingCharacters(in: .whitespaces.union(["│"])), all[shown].trimmingCharacters(in: .whitespaces))
    }

    /// A click on the last row the networks and exits lists draw selects it (the mouse counted one row fewer).
    func testAClickOnTheLastRowShownSelectsIt() {
        // At 80×10 the networks pane draws 6 rows (the demo's 6 networks); exits 3, over the selected one's reasons.
        for (pane, rows) in [("5", 6), ("3", 3)] {
            var h = Harness(width: 80, height: 10)
            h.press(.char(Character(pane)))
            let y = 3 + rows - 1
            XCTAssertEqual(h.screen[10, y].style.reverse, false)
            h.send(.mouse(Mouse(x: 10, y: y, kind: .click)))
            XCTAssertEqual(h.screen[10, y].style.reverse, true, "pane \(pane): the clicked row \(y) is selected:\n\(h.text)")
        }
    }

    /// On a wide screen a click on the card beside a list selects nothing (it selected the list's row
    /// on that line, in every pane but contacts).
    func testAClickOnTheCardBesideAListSelectsNothing() {
        for pane in ["5", "3", "4"] {
            var h = Harness(width: 120, height: 30)
            h.press(.char(Character(pane)))
            let before = h.text
            h.send(.mouse(Mouse(x: 110, y: 6, kind: .click)))
            XCTAssertEqual(h.text, before, "pane \(pane)")
        }
    }
}
