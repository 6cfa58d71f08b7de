import NetModel
@testable import NetTUI
import XCTest

/// The list cursor on its own: no terminal, no state, just the rule of every list.
final class ListCursorComponentTests: XCTestCase {
    func testMovesStayWithinTheList() {
        var c = ListCursor()
        XCTAssertTrue(c.move(.moveUp, count: 10, visible: 4))
        XCTAssertEqual(c, ListCursor(selected: 0, offset: 0))
        c.move(.pageDown, count: 10, visible: 4)
        XCTAssertEqual(c.selected, 3, "a page is the window less one row")
        c.move(.bottom, count: 10, visible: 4)
        XCTAssertEqual(c, ListCursor(selected: 9, offset: 6))
        c.move(.moveDown, count: 10, visible: 4)
        XCTAssertEqual(c, ListCursor(selected: 9, offset: 6))
        c.move(.pageUp, count: 10, visible: 4)
        XCTAssertEqual(c, ListCursor(selected: 6, offset: 6))
        c.move(.top, count: 10, visible: 4)
        XCTAssertEqual(c, ListCursor(selected: 0, offset: 0))
    }

    func testAnEmptyListAndAnActionThatIsNotAMove() {
        var c = ListCursor(selected: 3, offset: 2)
        XCTAssertFalse(c.move(.submit, count: 10, visible: 4))
        XCTAssertEqual(c, ListCursor(selected: 3, offset: 2), "not a move: nothing changes")
        XCTAssertTrue(c.move(.moveDown, count: 0, visible: 4))
        XCTAssertEqual(c, ListCursor(selected: 0, offset: 0))
        XCTAssertNil(ListCursor.target(of: .toggle, from: 0, count: 5, visible: 3))
    }

    /// The window moves only when the selection leaves it, by as little as it takes.
    func testTheWindowFollowsTheSelectionLazily() {
        var c = ListCursor()
        for expected in [0, 0, 0, 1, 2] {
            c.move(.moveDown, count: 10, visible: 4)
            XCTAssertEqual(c.offset, expected, "selected \(c.selected)")
        }
        XCTAssertEqual(c.selected, 5)
        for expected in [2, 2, 2, 1, 0] {
            c.move(.moveUp, count: 10, visible: 4)
            XCTAssertEqual(c.offset, expected, "selected \(c.selected)")
        }
    }

    /// Settling keeps the selection in a list that shrank, and the window off the end of one that
    /// fits, as the view does it when it knows its rectangle.
    func testSettlingAfterTheListOrTheWindowChanged() {
        XCTAssertEqual(ListCursor(selected: 9, offset: 6).settled(count: 5, visible: 4), ListCursor(selected: 4, offset: 1))
        XCTAssertEqual(ListCursor(selected: 9, offset: 6).settled(count: 10, visible: 20), ListCursor(selected: 9, offset: 0))
        XCTAssertEqual(ListCursor(selected: 2, offset: 8).settled(count: 10, visible: 4), ListCursor(selected: 2, offset: 2))
        XCTAssertEqual(ListCursor(selected: 5, offset: 0).settled(count: 10, visible: 0), ListCursor(selected: 5, offset: 5),
                       "a window of no rows still shows the selection's row")
    }

    /// A text with no selection scrolls the window, never past its last line: ↑ always moves back.
    func testScrollingATextStopsAtItsLastLine() {
        var view = ListCursor()
        XCTAssertTrue(view.scroll(.bottom, count: 30, visible: 10))
        XCTAssertEqual(view.offset, 20)
        view.scroll(.moveDown, count: 30, visible: 10)
        view.scroll(.pageDown, count: 30, visible: 10)
        XCTAssertEqual(view.offset, 20)
        view.scroll(.moveUp, count: 30, visible: 10)
        XCTAssertEqual(view.offset, 19)
        view.scroll(.pageUp, count: 30, visible: 10)
        XCTAssertEqual(view.offset, 9, "a page of a text is the whole window")
        view.scroll(.moveDown, count: 5, visible: 10)
        XCTAssertEqual(view.offset, 0, "a text shorter than its window does not scroll")
        XCTAssertFalse(view.scroll(.submit, count: 30, visible: 10))
        XCTAssertEqual(ListCursor.scrollOffset(25, count: 30, visible: 10), 20)
    }
}

/// The query list on its own: typing, editing and moving, with no terminal.
final class QueriedListComponentTests: XCTestCase {
    private struct Letters: QueriedList {
        var query = TextField()
        var cursor = ListCursor()
        func rowCount(_ s: AppState) -> Int { 0 }
        static func box(_ layout: Layout) -> Rect { layout.pickerBox }
    }

    func testTypingAndEditingTheQueryGoBackToTheFirstMatch() {
        var l = Letters()
        XCTAssertTrue(l.handleListKey(.bottom, rows: 30, visible: 8))
        XCTAssertEqual(l.cursor, ListCursor(selected: 29, offset: 22))
        l.typeInQuery(Array("ab"))
        XCTAssertEqual(l.query.text, "ab")
        XCTAssertEqual(l.cursor, ListCursor())
        l.handleListKey(.moveDown, rows: 30, visible: 8)
        XCTAssertTrue(l.handleListKey(.deleteBackward, rows: 30, visible: 8))
        XCTAssertEqual(l.query.text, "a")
        XCTAssertEqual(l.cursor, ListCursor(), "an edit shows the matches from the top")
        l.handleListKey(.moveDown, rows: 30, visible: 8)
        XCTAssertTrue(l.handleListKey(.cursorLeft, rows: 30, visible: 8))
        XCTAssertEqual(l.cursor, ListCursor(), "so does a move within the query")
    }

    func testTheModalsOwnKeysAreLeftToIt() {
        var l = Letters()
        l.handleListKey(.moveDown, rows: 3, visible: 8)
        for action in [Action.toggle, .complete] {
            XCTAssertFalse(l.handleListKey(action, rows: 3, visible: 8))
        }
        XCTAssertEqual(l.cursor.selected, 1)
        XCTAssertEqual(l.query.text, "")
    }
}

/// The layout: what is drawn where, and the update and the mouse reading the same rectangles.
final class LayoutTests: XCTestCase {
    func testEveryRectangleIsOnTheScreenAndTheListsFitTheirPanes() {
        for (w, h) in [(AppState.minWidth, AppState.minHeight), (80, 24), (99, 30), (100, 30), (160, 48), (250, 70)] {
            let l = Layout(width: w, height: h)
            let screen = Rect(x: 0, y: 0, width: w, height: h)
            var rects = [l.body, l.paneList, l.exitsList, l.briefingList, l.card, l.boxedText, l.conflictsList, l.palette, l.pickerBox]
            rects += Quadrant.allCases.map(l.quadrant)
            if l.isWide { rects += [l.sideCard, l.exitsDetail, l.briefingDetail] }
            for r in rects {
                XCTAssertTrue(r.x >= 0 && r.y >= l.body.y && r.maxX <= screen.maxX && r.maxY <= l.statusY && r.height >= 0, "\(r) at \(w)×\(h)")
            }
            XCTAssertGreaterThan(l.paneList.belowHeader.height, 0)
            XCTAssertGreaterThan(l.briefingList.belowHeader.height, 0)
            XCTAssertGreaterThan(Layout.queryRows(in: l.palette).height, 0)
            if l.isWide {
                XCTAssertEqual(Set(Quadrant.allCases.map { l.quadrant($0).y }).count, 2, "two rows of quadrants")
            }
        }
    }

    /// Every row a list draws is the row a click there selects: for each pane and a few sizes,
    /// click each row on screen and find it drawn selected.
    func testAClickOnAnyRowDrawnSelectsThatRow() {
        for (w, h) in [(80, 14), (80, 24), (120, 30), (160, 48)] {
            for pane in PaneID.allCases {
                var hs = Harness(width: w, height: h)
                hs.press(.char(Character(String(pane.rawValue))))
                let l = hs.state.layout
                let s = hs.state
                let (rows, count): (Rect, Int)
                switch pane {
                case .contacts: (rows, count) = (l.paneList.belowHeader, s.rows.count)
                case .networks: (rows, count) = (l.paneList.belowHeader, s.networkRows.count)
                case .exits: (rows, count) = (l.exitsList.belowHeader, s.exitRows.count)
                case .briefing: (rows, count) = (l.briefingList.belowHeader, s.briefing.people.count)
                case .matrix: (rows, count) = (l.quadrantRows(s.matrix.focus), s.quadrantRows[s.matrix.focus]?.count ?? 0)
                }
                XCTAssertGreaterThan(count, 0, "\(pane)")
                for y in rows.y..<(rows.y + min(rows.height, count)) {
                    let x = rows.x + 4
                    let before = hs.state.currentContact?.id ?? hs.state.currentNetwork?.id ?? hs.state.currentCandidate?.id
                    hs.send(.mouse(Mouse(x: x, y: y, kind: .click)))
                    if hs.state.modal != .none {
                        // A click on the row already selected opens its card.
                        XCTAssertNotNil(before, "\(pane) \(w)×\(h) row \(y)")
                        hs.press(.escape)
                    }
                    XCTAssertEqual(hs.screen[x, y].style.reverse, true, "\(pane) at \(w)×\(h): the clicked row \(y) is drawn selected:\n\(hs.text)")
                }
            }
        }
    }
}
