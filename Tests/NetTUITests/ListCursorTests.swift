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
}
