import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// "Save as" onto a file that is already there asks first: `y` replaces another NetTUI data file;
/// anything else (a thesis) is replaced only when the word `replace` is typed. Until then nothing
/// is written and the open file stays the one `s` saves to.
final class SaveAsReplaceTests: XCTestCase {
    private func saveAs(_ h: inout Harness, _ path: String) {
        h.press(.char("S"), .ctrl("u"))
        h.type(path)
        h.press(.enter)
    }

    func testSaveAsOntoAnotherDataFileAsksBeforeReplacingIt() throws {
        let dir = try temporaryDirectory()
        let mine = dir + "/mine.json", other = dir + "/other.json"
        var small = Network()
        small.apply([.contact(before: nil, after: Contact(id: "00000000-0000-4000-8000-000000000001", name: "Only One", created: Harness.clock.now()))])
        try Store.save(small, to: other)
        let before = try Store.readBytes(other)
        var h = Harness(path: mine, width: 120, height: 30)
        h.press(.char("d"), .char("y"))
        saveAs(&h, other)
        assertScreen(h, rows: 13...17, """
             ★ Hans Müller              ┌─────────────────────────────────────────────────────────────┐or events
             ★ Ingrid Solberg           │ other.json exists (a NetTUI file of 1 contact). Replace it? │
             ● Jean-Pierre Dubois       │                                                             │vist@swedishchamber.example
             ★ Jukka Heikkinen          │ y replace it · n or Esc keep it                             │35164
             ↗ Karin Åkesson            └─────────────────────────────────────────────────────────────┘reakfast Club Helsinki
            """)

        XCTAssertEqual(try Store.readBytes(other), before, "nothing is written before the answer")
        h.press(.escape)
        XCTAssertEqual(try Store.readBytes(other), before)
        XCTAssertEqual(h.state.path, mine, "the open file is still the one s saves to")
        XCTAssertTrue(h.state.message?.text.hasPrefix("Not saved as other.json") == true)

        saveAs(&h, other)
        h.press(.char("y"))
        XCTAssertEqual(try Store.load(other)?.network, h.state.network)
        XCTAssertEqual(h.state.path, other)
        XCTAssertFalse(h.state.isDirty)
        h.driver.lock?.release()
    }

    func testAFileThatIsNotDataIsReplacedOnlyWhenReplaceIsTyped() throws {
        let dir = try temporaryDirectory()
        let mine = dir + "/mine.json", thesis = dir + "/thesis.txt"
        let words = Data("Chapter 1. Three years of work.\n".utf8)
        FileManager.default.createFile(atPath: thesis, contents: words)
        var h = Harness(path: mine, width: 120, height: 30)
        h.press(.char("d"), .char("y"))
        saveAs(&h, thesis)
        assertLine(h, containing: "thesis.txt exists and is not a NetTUI data file")
        // y, or anything but the word, does not do it.
        h.type("y")
        h.press(.enter)
        assertLine(h, containing: "Type the word replace")
        XCTAssertEqual(FileManager.default.contents(atPath: thesis), words)
        h.press(.escape)
        XCTAssertEqual(h.state.path, mine)
        // The next s saves the open file, never the thesis.
        h.press(.char("s"))
        XCTAssertEqual(FileManager.default.contents(atPath: thesis), words)
        XCTAssertEqual(try Store.load(mine)?.network, h.state.network)

        // The palette's save-as asks the same.
        h.press(.char(":"))
        h.type("save-as \(thesis)")
        h.press(.enter)
        guard case .form(let form) = h.state.modal, form.purpose == .replaceOther(path: thesis) else { return XCTFail("the palette's save-as asks too") }
        h.type("replace")
        h.press(.enter)
        XCTAssertEqual(try Store.load(thesis)?.network, h.state.network)
        XCTAssertEqual(h.state.path, thesis)
        h.driver.lock?.release()
    }
}
