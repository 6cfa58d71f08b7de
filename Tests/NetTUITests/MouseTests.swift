import NetModel
import Plumbing
@testable import NetTUI
import XCTest

final class MouseTests: XCTestCase {
    private func click(_ h: inout Harness, _ x: Int, _ y: Int) { h.send(.mouse(Mouse(x: x, y: y, kind: .click))) }

    /// The screen position of the first cell of `text`.
    private func find(_ h: Harness, _ text: String) -> (x: Int, y: Int)? {
        let screen = h.screen
        for y in 0..<screen.height {
            var x = 0, line = ""
            var starts: [Int] = []
            for col in 0..<screen.width where !screen[col, y].isContinuation {
                starts.append(col)
                line += screen[col, y].text
            }
            if let r = line.range(of: text) { x = starts[line.distance(from: line.startIndex, to: r.lowerBound)]; return (x, y) }
        }
        return nil
    }

    func testClickingTheTabRowSwitchesPanes() throws {
        var h = Harness(width: 100, height: 30)
        let tab = try XCTUnwrap(find(h, "2 Matrix"))
        click(&h, tab.x, tab.y)
        XCTAssertEqual(h.state.pane, .matrix)
        let networks = try XCTUnwrap(find(h, "5 Networks"))
        click(&h, networks.x + 3, networks.y)
        XCTAssertEqual(h.state.pane, .networks)
    }

    func testClickSelectsARowAndASecondClickOpensTheCard() throws {
        var h = Harness(width: 80, height: 24)
        let at = try XCTUnwrap(find(h, "Birgitte Sørensen"))
        click(&h, at.x, at.y)
        XCTAssertEqual(h.state.selectedContact?.name, "Birgitte Sørensen")
        XCTAssertEqual(h.state.modal, .none)
        click(&h, at.x, at.y)
        XCTAssertEqual(h.state.modal, .card(scroll: 0))
    }

    func testTheWheelMovesTheSelection() {
        var h = Harness(width: 80, height: 24)
        h.send(.mouse(Mouse(x: 10, y: 10, kind: .wheelDown)))
        XCTAssertEqual(h.state.selectedIndex, 3)
        h.send(.mouse(Mouse(x: 10, y: 10, kind: .wheelUp)))
        XCTAssertEqual(h.state.selectedIndex, 0)
    }

    func testClickingAQuadrantEntryInTheGridSelectsIt() throws {
        var h = Harness(width: 160, height: 48)
        h.press(.char("2"))
        let at = try XCTUnwrap(find(h, "Björn Ekström"))  // the second row of Light touch
        click(&h, at.x, at.y)
        XCTAssertEqual(h.state.matrix.focus, .lightTouch)
        XCTAssertEqual(h.state.currentContact?.name, "Björn Ekström")
        XCTAssertEqual(h.state.modal, .none)
        let key = try XCTUnwrap(find(h, "Emilia Nieminen"))
        click(&h, key.x, key.y)
        XCTAssertEqual(h.state.matrix.focus, .key)
        XCTAssertEqual(h.state.currentContact?.name, "Emilia Nieminen")
    }

    func testClickingAnExitCandidateAndANetworkRow() throws {
        var h = Harness(width: 120, height: 40)
        h.press(.char("3"))
        let second = h.state.exitRows[1]
        let at = try XCTUnwrap(find(h, String(second.name.prefix(12))))
        click(&h, at.x, at.y)
        XCTAssertEqual(h.state.currentCandidate?.id, second.id)
        h.press(.char("5"))
        let row = try XCTUnwrap(find(h, "Nordic Export Circle"))
        click(&h, row.x, row.y)
        XCTAssertEqual(h.state.currentNetwork?.name, "Nordic Export Circle")
    }
}
