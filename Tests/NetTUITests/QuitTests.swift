import Foundation
import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Quitting with unsaved edits asks with explicit choices (s save and quit · d discard and quit ·
/// Esc cancel) — for a file and for the demo — and no other key, y and n included, loses the edits.
final class QuitTests: XCTestCase {
    private func editedFile() throws -> (h: Harness, path: String, before: [UInt8]) {
        let path = try temporaryDirectory() + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: path)
        var h = Harness(path: path)
        h.press(.char("d"), .char("y"))
        XCTAssertTrue(h.state.isDirty)
        return (h, path, try XCTUnwrap(Store.readBytes(path)))
    }

    func testNAndYAndOtherKeysNeverDiscardTheEdits() throws {
        var (h, path, before) = try editedFile()
        // A vim user's "n" means "don't quit": it cancels.
        h.press(.char("q"), .char("n"))
        XCTAssertTrue(h.running)
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertTrue(h.state.isDirty)
        // "y" is not one of the choices: nothing happens, the question stays.
        h.press(.char("q"), .char("y"))
        XCTAssertTrue(h.running)
        XCTAssertEqual(h.state.modal, .confirmQuit)
        for key: Key in [.char("q"), .ctrl("c"), .enter, .char("x"), .char("Y"), .char(" ")] {
            h.press(key)
            XCTAssertTrue(h.running, "\(key) does not quit")
            XCTAssertEqual(h.state.modal, .confirmQuit, "\(key) leaves the question up")
        }
        XCTAssertTrue(h.state.isDirty)
        XCTAssertEqual(try Store.readBytes(path), before)
        h.press(.escape)
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertTrue(h.running)
        XCTAssertTrue(h.state.isDirty, "the edits are all still there")
    }

    func testTheStatusLineNamesTheChoices() throws {
        var (h, _, _) = try editedFile()
        h.press(.char("q"))
        XCTAssertEqual(h.screen.line(23).trimmingWhitespace, "s save and quit  d discard and quit  Esc cancel")
    }

    /// At the smallest size the program draws (40×10) every choice is on the dialog, wrapped.
    func testTheChoicesStayReadableOnANarrowTerminal() throws {
        var (file, _, _) = try editedFile()
        var demo = Harness()
        demo.press(.char("d"), .char("y"))
        for (h, save) in [(file, "s save and quit"), (demo, "s save as… and quit")] {
            var h = h
            h.resize(40, 10)
            h.press(.char("q"))
            for choice in [save, "d discard and quit", "Esc cancel"] {
                assertLine(h, containing: choice, "\(choice) is shown whole")
            }
        }
    }

    func testTheDemoWithEditsAsksOnQAndCtrlC() {
        var h = Harness()
        h.press(.char("d"), .char("y"))
        for quit: Key in [.char("q"), .ctrl("c")] {
            h.press(quit)
            XCTAssertTrue(h.running, "\(quit) asks first")
            assertScreen(h, rows: 10...14, """
                 ↗ Frederik┌───────────────────────────────────────────────────────┐     2w
                 ● Gunnar L│ Quit? The demo's changes are in no file yet.          │     2mo
                 · Hanna Mä│                                                       │     2mo
                 ★ Hans Mül│ s save as… and quit · d discard and quit · Esc cancel │mbH  4w
                 ★ Ingrid S└───────────────────────────────────────────────────────┘     10d
                """)

            h.press(.escape)
            XCTAssertTrue(h.running)
            XCTAssertEqual(h.state.modal, .none)
        }
        h.press(.char("q"), .char("d"))
        XCTAssertFalse(h.running)
    }

    func testTheUntouchedDemoQuitsAtOnce() {
        var h = Harness()
        h.press(.char("q"))
        XCTAssertFalse(h.running)
    }

    func testSavingTheDemoOnQuitAsksForAFileThenQuits() throws {
        let dir = try temporaryDirectory()
        var h = Harness()
        h.press(.char("d"), .char("y"), .char("q"), .char("s"))
        XCTAssertTrue(h.running)
        assertLine(h, containing: "Save as, then quit")
        // A save that fails keeps the program up, with the edits.
        FileManager.default.createFile(atPath: dir + "/not-a-folder", contents: Data("x".utf8))
        h.press(.ctrl("u"))
        h.type(dir + "/not-a-folder/mine.json")
        h.press(.enter)
        XCTAssertTrue(h.running)
        assertLine(h, containing: "Not saved")
        XCTAssertTrue(h.state.isDirty)
        h.press(.char("q"), .char("s"), .ctrl("u"))
        h.type(dir + "/mine.json")
        h.press(.enter)
        XCTAssertFalse(h.running)
        XCTAssertEqual(try Store.load(dir + "/mine.json")?.network, h.state.network)
        XCTAssertEqual(h.state.network.contacts.count, 39)
        h.driver.lock?.release()
    }

    func testCancellingTheSaveAsOfTheQuitStays() {
        var h = Harness()
        h.press(.char("d"), .char("y"), .char("q"), .char("s"), .escape)
        XCTAssertTrue(h.running)
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertTrue(h.state.isDirty)
    }
}

/// The palette reads vim's commands as vim does: `w` saves (not Quit, the fuzzy match's first).
final class PaletteVimTests: XCTestCase {
    private func entries(_ h: Harness) -> [Palette.Entry] {
        guard case .palette(let p) = h.state.modal else { return [] }
        return p.entries(h.state)
    }

    func testWAndColonWRankSaveFirstAndSave() throws {
        let path = try temporaryDirectory() + "/network.json"
        var h = Harness(path: path)
        h.press(.char("d"), .char("y"))
        for query in ["w", ":w", " :w "] {
            h.press(.char(":"))
            h.type(query)
            XCTAssertEqual(entries(h).first?.target, .action(.save), query)
            XCTAssertEqual(entries(h).first?.label, "Save", query)
            XCTAssertEqual(entries(h).filter { $0.target == .action(.save) }.count, 1, "Save is listed once")
            h.press(.escape)
        }
        h.press(.char(":"), .char("w"), .enter)
        XCTAssertTrue(h.running)
        XCTAssertFalse(h.state.isDirty)
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, 39)
    }

    func testQAsksAndWQSavesAndQuits() throws {
        let path = try temporaryDirectory() + "/network.json"
        var h = Harness(path: path)
        h.press(.char("d"), .char("y"), .char(":"))
        h.type(":q")
        XCTAssertEqual(entries(h).first?.target, .action(.quit))
        h.press(.enter)
        XCTAssertTrue(h.running)
        XCTAssertEqual(h.state.modal, .confirmQuit)
        h.press(.escape)
        for query in ["wq", "x"] {
            h.press(.char(":"))
            h.type(query)
            XCTAssertEqual(entries(h).first?.label, "Save and quit", query)
            h.press(.escape)
        }
        h.press(.char(":"))
        h.type("wq")
        h.press(.enter)
        XCTAssertFalse(h.running)
        XCTAssertEqual(try Store.load(path)?.network.contacts.count, 39)
    }

    func testOtherQueriesAreFuzzyAsBefore() {
        XCTAssertNil(Palette.vimEntry("wind"))
        XCTAssertNil(Palette.vimEntry("save"))
    }
}
