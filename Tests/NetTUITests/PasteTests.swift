import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// A bracketed paste (`Input.paste`) is text for the field being edited, never keys: its line
/// breaks submit nothing and its letters run no commands.
final class PasteTests: XCTestCase {
    func testThreeLinesPastedIntoTheLogFormAreTheNoteAndRunNoCommands() throws {
        var h = Harness()
        h.select("Aino Järvinen")
        let before = h.state.network
        h.press(.char("i"))
        let pasted = "asked about the fair\nu should send the deck\ns: follow up in May"
        h.send(.paste(pasted))
        var form = try XCTUnwrap(h.state.modal.formIfOpen, "the form is still open after the paste")
        XCTAssertEqual(form.fields[form.focus].label, "Note")
        XCTAssertEqual(form.fields[form.focus].input.text, pasted)
        XCTAssertFalse(h.state.isDirty, "the paste neither logged, undid nor saved anything")
        XCTAssertEqual(h.state.network, before)
        // A one-line field takes the line breaks as spaces.
        h.press(.tab)
        XCTAssertEqual(h.state.modal.formIfOpen?.fields[h.state.modal.formIfOpen!.focus].label, "I gave")
        h.send(.paste("an intro\r\nto Kaisa\n"))
        form = try XCTUnwrap(h.state.modal.formIfOpen)
        XCTAssertEqual(form.fields[form.focus].input.text, "an intro to Kaisa ")
        h.press(.enter)
        XCTAssertNil(h.state.modal.formIfOpen)
        let aino = try XCTUnwrap(h.state.network.contacts.first { $0.name == "Aino Järvinen" })
        let logged = h.state.network.interactions.filter { $0.contact == aino.id && $0.note == pasted }
        XCTAssertEqual(logged.count, 1)
        XCTAssertEqual(logged.first?.gave, "an intro to Kaisa")
    }

    /// Outside a text field a paste is ignored (said on the status line): `d`, `q` and a line
    /// break in it neither delete, quit nor open a card.
    func testAPasteOutsideATextFieldIsIgnored() {
        var h = Harness()
        let before = h.state.network
        h.send(.paste("dyq\n"))
        XCTAssertTrue(h.running)
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertEqual(h.state.network, before)
        assertLine(h, containing: "Paste ignored")
    }

    func testAPasteIntoTheFilterIsOneLineOfIt() {
        var h = Harness()
        h.press(.char("/"))
        h.send(.paste("järvinen\n"))
        XCTAssertTrue(h.state.editingFilter, "the line break did not leave the filter")
        XCTAssertEqual(h.state.filter.text, "järvinen ")
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks  /järvinen   1 of 4…
               Name ▲                                Organisation                    Last
             ★ Aino Järvinen                         Järvinen Design Oy              3d



















            /järvinen                                                 Enter keep  Esc clear
            """)

    }

    /// CR, LF and CR LF are one line break each; a tab is a space; escape sequences lose their ESC.
    func testPastedTextAsAFieldTakesIt() {
        XCTAssertEqual(String(AppState.pastedText("a\r\nb\rc\nd\te\u{1B}[31mf\u{7F}", multiline: true)), "a\nb\nc\nd e[31mf")
        XCTAssertEqual(String(AppState.pastedText("a\r\nb\rc\nd", multiline: false)), "a b c d")
        XCTAssertEqual(String(AppState.pastedText("e\u{301}", multiline: false)), "é")
    }
}
