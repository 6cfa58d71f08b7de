import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class MatrixPaneTests: XCTestCase {
    private func quadrant(_ h: Harness, _ name: String) -> Quadrant? {
        h.state.network.contacts.first { $0.name == name }.map { h.state.network.scheme.quadrant(of: $0) }
    }

    func testGridAt160x48ShowsFourQuadrantsAsOnAWhiteboard() {
        var h = Harness(width: 160, height: 48)
        h.press(.char("2"))
        XCTAssertEqual(h.state.pane, .matrix)
        let lines = h.text.split(separator: "\n").map(String.init)
        // Rising top left, Key top right, Light touch bottom left, Maintain bottom right.
        let top = lines.first { $0.contains("Rising ·") }!
        XCTAssertLessThan(top.range(of: "Rising")!.lowerBound, top.range(of: "Key ·")!.lowerBound)
        let bottom = lines.first { $0.contains("Light touch ·") }!
        XCTAssertLessThan(bottom.range(of: "Light touch")!.lowerBound, bottom.range(of: "Maintain ·")!.lowerBound)
        XCTAssertLessThan(lines.firstIndex(of: top)!, lines.firstIndex(of: bottom)!)
        for name in ["Aino Järvinen", "Karin Åkesson", "Birgitte Sørensen", "Anna Bergqvist", "王芳", "佐藤 健"] {
            XCTAssertTrue(h.text.contains(name), "\(name) is on the matrix")
        }
        for y in 0..<48 { XCTAssertEqual(h.screen.line(y).columns, 160) }
        // Counts in the box titles add up to all contacts.
        let total = Quadrant.allCases.reduce(0) { $0 + (h.state.quadrantRows[$1]?.count ?? 0) }
        XCTAssertEqual(total, 40)
    }

    func testNarrowShowsOneQuadrantAndAllFourCounts() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("2"))
        let counts = h.screen.line(2)
        for name in ["Rising", "Key", "Light touch", "Maintain"] { XCTAssertTrue(counts.contains(name), counts) }
        XCTAssertTrue(h.text.contains("Aino Järvinen"))  // Key is focused first
        XCTAssertFalse(h.text.contains("Birgitte Sørensen"))
        h.press(.char("j"))
        for _ in 0..<12 { h.press(.char("j")) }  // past the last Key row → the quadrant below
        XCTAssertEqual(h.state.matrix.focus, .maintain)
        XCTAssertTrue(h.text.contains("Anna Bergqvist"))
        h.press(.char("h"))
        XCTAssertEqual(h.state.matrix.focus, .lightTouch)
        XCTAssertTrue(h.text.contains("Birgitte Sørensen"))
        h.press(.char("k"))
        for _ in 0..<12 { h.press(.up) }
        XCTAssertEqual(h.state.matrix.focus, .rising)
        h.press(.right)
        XCTAssertEqual(h.state.matrix.focus, .key)
        for y in 0..<24 { XCTAssertEqual(h.screen.line(y).columns, 80) }
    }

    func testMovingAContactInEachDirectionAndUndo() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("2"))
        let original = h.state.network
        h.select("Aino Järvinen")  // Key: now 10, future 10
        h.press(.char("J"))  // down: lower future
        var c = h.state.network.contacts.first { $0.name == "Aino Järvinen" }!
        XCTAssertEqual(c.importanceFuture, .tenth)
        XCTAssertEqual(c.importanceNow, .ten)
        XCTAssertEqual(quadrant(h, "Aino Järvinen"), .maintain)
        XCTAssertEqual(h.state.matrix.focus, .maintain, "the cursor follows the contact")
        XCTAssertEqual(c.ratingHistory.last?.date, Harness.today)
        h.press(.char("H"))  // left: lower now
        XCTAssertEqual(quadrant(h, "Aino Järvinen"), .lightTouch)
        h.press(.shiftUp)  // up: raise future to the threshold
        c = h.state.network.contacts.first { $0.name == "Aino Järvinen" }!
        XCTAssertEqual(c.importanceFuture, .one)
        XCTAssertEqual(quadrant(h, "Aino Järvinen"), .rising)
        h.press(.shiftRight)  // right: raise now to the threshold
        XCTAssertEqual(quadrant(h, "Aino Järvinen"), .key)
        h.press(.shiftRight)
        XCTAssertTrue(h.text.contains("already at that edge"))
        XCTAssertEqual(h.state.network.contacts.first { $0.name == "Aino Järvinen" }!.ratingHistory.count, 4)
        for _ in 0..<4 { h.press(.char("u")) }
        XCTAssertEqual(h.state.network, original)
        XCTAssertEqual(quadrant(h, "Aino Järvinen"), .key)
    }

    func testTheFilterNarrowsEveryQuadrant() {
        var h = Harness(width: 160, height: 48)
        h.press(.char("2"), .char("/"))
        h.type("kind:customer")
        h.press(.enter)
        for q in Quadrant.allCases {
            for i in h.state.quadrantRows[q] ?? [] {
                XCTAssertTrue(h.state.network.contacts[i].kinds.contains(.customer))
            }
        }
        let shown = Quadrant.allCases.reduce(0) { $0 + (h.state.quadrantRows[$1]?.count ?? 0) }
        XCTAssertEqual(shown, h.state.network.contacts.filter { $0.kinds.contains(.customer) }.count)
        XCTAssertLessThan(shown, 40)
        h.press(.escape)
        XCTAssertEqual(Quadrant.allCases.reduce(0) { $0 + (h.state.quadrantRows[$1]?.count ?? 0) }, 40)
    }

    func testRateOpensTheFormAtTheRatingsAndRecordsTheChange() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("2"))
        h.select("Karin Åkesson")
        h.press(.char("r"))
        guard case .form(let form) = h.state.modal else { return XCTFail("r opens the form") }
        XCTAssertEqual(form.focus, ContactForm.Field.importanceNow.rawValue)
        h.press(.ctrl("u"))
        h.type("10")
        h.press(.enter)
        XCTAssertEqual(quadrant(h, "Karin Åkesson"), .key)
        let c = h.state.network.contacts.first { $0.name == "Karin Åkesson" }!
        XCTAssertEqual(c.ratingHistory.last?.toNow, .ten)
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Path"))
        XCTAssertTrue(h.text.contains("Key \(Harness.today)"))
    }

    func testCardFromTheMatrixShowsTheMatrixSelection() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("2"))
        h.select("Birgitte Sørensen")
        h.press(.enter)
        XCTAssertTrue(h.screen.line(2).contains("Birgitte Sørensen"))
        h.press(.escape)
        XCTAssertEqual(h.state.pane, .matrix)
    }
}
