import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class PaletteTests: XCTestCase {
    func testActionsShowTheirKeysAndRun() {
        var h = Harness(width: 120, height: 30)
        h.press(.char(":"))
        assertLine(h, containing: "Command palette")
        h.type("go to matrix")
        assertScreen(h, rows: 2...6, """
                           ┌─ Command palette ──────────────────────────────────────────────────────────────────────┐
                           │ : go to matrix                                                                         │
                           │ Go to Matrix                                                                         2 │
                           │                                                                                        │
                           │                                                                                        │
            """)

        h.press(.enter)
        XCTAssertEqual(h.state.pane, .matrix)
        XCTAssertEqual(h.state.modal, .none)
        h.press(.ctrl("p"))
        h.type("undo the last")
        let entries = { () -> [Palette.Entry] in guard case .palette(let p) = h.state.modal else { return [] }; return p.entries(h.state) }()
        XCTAssertEqual(entries.first?.label, "Undo the last change")
        XCTAssertEqual(entries.first?.detail, "u")
    }

    func testJumpingToAContactANetworkAndAnEvent() {
        var h = Harness(width: 120, height: 30)
        h.press(.char("3"), .char(":"))
        h.type("jarvinen")
        h.press(.enter)
        XCTAssertEqual(h.state.pane, .contacts)
        XCTAssertEqual(h.state.selectedContact?.name, "Aino Järvinen")
        h.press(.char(":"))
        h.type("nordic export circle")
        h.press(.enter)
        XCTAssertEqual(h.state.pane, .networks)
        XCTAssertEqual(h.state.currentNetwork?.name, "Nordic Export Circle")
        h.press(.char(":"))
        h.type("brief tampere")
        h.press(.enter)
        XCTAssertEqual(h.state.pane, .briefing)
        assertLine(h, row: 2, containing: "Tampere Chamber of Commerce")
    }

    func testSaveAsWithTabCompletion() throws {
        let dir = try temporaryDirectory()
        FileManager.default.createFile(atPath: dir + "/alpha-network.json", contents: Data())
        var h = Harness(width: 160, height: 30)
        h.press(.char(":"))
        h.type("save-as \(dir)/alp")
        h.press(.tab)
        guard case .palette(let p) = h.state.modal else { return XCTFail("the palette stays open") }
        XCTAssertEqual(p.query.text, "save-as \(dir)/alpha-network.json")
        h.press(.ctrl("u"))
        h.type("save-as \(dir)/mine.json")
        h.press(.enter)
        XCTAssertEqual(try Store.load(dir + "/mine.json")?.network, h.state.network)
        XCTAssertEqual(h.state.path, dir + "/mine.json")
        h.driver.lock?.release()
    }

    func testFuzzyScorePrefersWordStartsAndRuns() {
        let q = Array("mk")
        XCTAssertNotNil(Palette.score(q, "mette kjær"))
        XCTAssertNil(Palette.score(Array("zq"), "mette kjær"))
        XCTAssertGreaterThan(Palette.score(Array("key"), "key contacts")!, Palette.score(Array("key"), "kjær eye yes")!)
    }
}

final class PaletteExportTests: XCTestCase {
    func testExportingVCardAndCSVFromThePalette() throws {
        let dir = try temporaryDirectory()
        var h = Harness(width: 160, height: 30)
        h.press(.char(":"))
        h.type("export vcard \(dir)/all.vcf")
        h.press(.enter)
        assertLine(h, containing: "Exported 40 contacts")
        let back = try Importer.parse(path: dir + "/all.vcf", format: .vcard)
        XCTAssertEqual(back.count, 40)
        h.press(.char(":"))
        h.type("export csv \(dir)/all.csv")
        h.press(.enter)
        let csv = try String(contentsOfFile: dir + "/all.csv", encoding: .utf8)
        XCTAssertEqual(csv.split(whereSeparator: \.isNewline).count, 41, "a header and a row per contact")
    }
}
