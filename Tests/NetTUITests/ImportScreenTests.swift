import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// `:import PATH` in the TUI: the same importer as `nettui import`, as one undoable step, with a summary screen.
final class ImportScreenTests: XCTestCase {
    private func write(_ text: String, _ name: String) throws -> String {
        let path = try temporaryDirectory() + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testImportingAVCardShowsTheSummaryAndUndoes() throws {
        let vcf = try write("""
            BEGIN:VCARD\r
            VERSION:3.0\r
            FN:Liisa Väänänen\r
            ORG:Väänänen Oy\r
            EMAIL:liisa@vaananen.example\r
            END:VCARD\r
            BEGIN:VCARD\r
            VERSION:3.0\r
            FN:Aino Järvinen\r
            ORG:Järvinen Design Oy\r
            END:VCARD\r

            """, "cards.vcf")
        var h = Harness(width: 120, height: 30)
        let before = h.state.network
        h.press(.char(":"))
        h.type("import \(vcf)")
        h.press(.enter)
        assertScreen(h, rows: 0...6, """
             NetTUI · demo (never saved) ● modified                                           41 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks                                                 sort: name ▲
            ┌─ Imported cards.vcf — u undoes it ───────────────────────────────────────────────────────────────────────────────────┐
            │ Imported: 1 added, 0 updated, 1 unchanged, 0 skipped                                                                 │
            │ Added:                                                                                                               │
            │   line 1: Liisa Väänänen                                                                                             │
            │                                                                                                                      │
            """)

        XCTAssertEqual(h.state.network.contacts.count, 41, "one new, one matched by name and organisation")
        XCTAssertNotNil(h.state.network.contacts.first { $0.name == "Liisa Väänänen" })
        h.press(.escape, .char("u"))
        XCTAssertEqual(h.state.network.contacts.count, before.contacts.count)
    }

    func testABadFileChangesNothingAndSaysWhy() throws {
        let bad = try write("this is not a contacts file\n", "notes.txt")
        var h = Harness(width: 160, height: 30)
        let before = h.state.network
        h.press(.char(":"))
        h.type("import \(bad)")
        h.press(.enter)
        assertLine(h, row: 29, containing: "Not imported")
        XCTAssertEqual(h.state.network, before)
        XCTAssertFalse(h.state.isDirty)
    }
}
