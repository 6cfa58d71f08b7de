import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Text fields stay as quick on a long text as on a short one: a contact's imported 100 KB note
/// can be edited, and a key costs the same whatever the note's length.
final class LongTextTests: XCTestCase {
    /// A note of `count` characters in lines of words, like an imported one.
    static func note(_ count: Int) -> String {
        let words = ["met", "at", "the", "fair;", "wants", "intros", "to", "Nordic", "buyers,", "café", "Järvinen", "東京"]
        var out: [Character] = []
        var i = 0
        while out.count < count {
            out += words[i % words.count]
            out.append(i % 13 == 12 ? "\n" : " ")
            i += 1
        }
        return String(out.prefix(count))
    }

    /// The demo network with Aino Järvinen's notes replaced by `notes`.
    static func harness(notes: String) -> Harness {
        var network = Demo.network(today: Harness.today)
        network.contacts = network.contacts.map { c in
            var c = c
            if c.name == "Aino Järvinen" { c.notes = notes }
            return c
        }
        var h = Harness(network: network, width: 100, height: 30)
        h.select("Aino Järvinen")
        return h
    }

    /// The contact form open on Aino, the Notes field focused, the cursor at its end.
    static func editNotes(_ h: inout Harness) {
        h.press(.char("e"))
        guard case .form(let form) = h.state.modal, let notes = form.fields.firstIndex(where: { $0.label == "Notes" }) else {
            return XCTFail("the contact form is not open")
        }
        for _ in 0..<notes { h.press(.tab) }
        XCTAssertEqual(h.state.modal.formIfOpen?.focus, notes)
    }

    /// Characters measured (`TextWidth.of`) for one key typed in the middle of the note and the frame
    /// it leads to.
    static func measuredPerKey(noteLength: Int) -> Int {
        var h = harness(notes: note(noteLength))
        editNotes(&h)
        for _ in 0..<noteLength / 2 { h.press(.left) }
        _ = h.screen
        let before = TextWidth.measured.load(ordering: .relaxed)
        h.type("x")
        _ = h.screen
        return TextWidth.measured.load(ordering: .relaxed) - before
    }

    /// A key and its frame measure as many characters with a note of 4,000 characters as with one
    /// of 400: the work of a key does not grow with the text. (Before, the field measured the text
    /// from its start up to the cursor once for each character it scrolled past: a number of
    /// width computations that grew with the square of the length for each key.)
    func testAKeyInALongNoteMeasuresAsMuchAsInAShortOne() {
        let short = Self.measuredPerKey(noteLength: 400)
        let long = Self.measuredPerKey(noteLength: 4_000)
        print("LongTextTests: a key measured \(short) characters with a 400-character note, \(long) with a 4,000-character one")
        XCTAssertGreaterThan(short, 0)
        XCTAssertLessThanOrEqual(long, short + 100, "a key in a 4,000-character note measured \(long) characters, in a 400-character one \(short)")
    }

    /// Characters measured to draw Aino's card (full screen) with a note of `noteLength` characters.
    static func measuredForCard(noteLength: Int) -> Int {
        var h = harness(notes: note(noteLength))
        h.press(.enter)
        XCTAssertEqual(h.state.modal, .card(scroll: 0))
        let before = TextWidth.measured.load(ordering: .relaxed)
        _ = h.screen
        return TextWidth.measured.load(ordering: .relaxed) - before
    }

    /// The card (and the side panel, which shows the same lines) wraps a note in work linear in its
    /// length: at most two measurements per character. (Before, each word re-measured the line it
    /// joined: about seven per character, for every frame with the contact selected.)
    func testALongNoteWrapsWithAFewMeasurementsPerCharacter() {
        let short = Self.measuredForCard(noteLength: 400)
        let long = Self.measuredForCard(noteLength: 20_400)
        print("LongTextTests: the card measured \(short) characters with a 400-character note, \(long) with a 20,400-character one")
        XCTAssertLessThanOrEqual(long - short, 2 * 20_000, "drawing the card measured \(long - short) more characters for 20,000 more characters of note")
    }

    /// A 100 KB note pasted into the form, then edited with keys at both ends and in the middle,
    /// is saved exactly as typed.
    func testA100KBNotePastedAndEditedIsSavedExactly() throws {
        let pasted = Self.note(100_000)
        var h = Self.harness(notes: "old")
        Self.editNotes(&h)
        h.press(.ctrl("u"))  // clear the field
        h.send(.paste(pasted))
        _ = h.screen
        h.type(" — end")
        h.press(.home)
        h.type("Start: ")
        for _ in 0..<50_000 { h.press(.right) }
        h.press(.backspace)
        h.type("MID")
        _ = h.screen
        h.press(.enter)
        XCTAssertNil(h.state.modal.formIfOpen, "the form closed")
        var expected = Array("Start: " + pasted + " — end")
        expected.remove(at: 7 + 50_000 - 1)
        expected.insert(contentsOf: "MID", at: 7 + 50_000 - 1)
        let saved = try XCTUnwrap(h.state.network.contacts.first { $0.name == "Aino Järvinen" })
        XCTAssertEqual(saved.notes.count, expected.count)
        XCTAssertTrue(saved.notes == String(expected), "the saved note differs from what was pasted and typed")
    }
}

extension Modal {
    var formIfOpen: Form? {
        if case .form(let f) = self { return f }
        return nil
    }
}
