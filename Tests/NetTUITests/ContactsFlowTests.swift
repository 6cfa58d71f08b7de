import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

/// Key sequences against the update function, with assertions on the rendered screen.
final class ContactsFlowTests: XCTestCase {
    func testDemoOpensWithTheListAndStatusKeys() {
        let h = Harness()
        XCTAssertTrue(h.screen.line(0).contains("40 contacts"))
        XCTAssertTrue(h.screen.line(1).contains("1 Contacts"))
        XCTAssertTrue(h.text.contains("Aino Järvinen"))
        XCTAssertTrue(h.screen.line(23).contains("/ filter"))
        XCTAssertTrue(h.screen.line(23).contains("a add"))
    }

    func testAddContactAt80x24() {
        var h = Harness()
        h.press(.char("a"))
        XCTAssertTrue(h.text.contains("New contact"))
        h.type("Zoë Ødegård")
        h.press(.tab)
        h.type("Fjord & Co")
        h.press(.tab, .tab, .tab, .tab)
        h.type("hiking, oslo")
        h.press(.enter)
        XCTAssertFalse(h.text.contains("New contact"))
        let added = h.state.network.contacts.first { $0.name == "Zoë Ødegård" }
        XCTAssertEqual(added?.organization, "Fjord & Co")
        XCTAssertEqual(added?.tags, ["hiking", "oslo"])
        XCTAssertEqual(h.state.selectedContact?.name, "Zoë Ødegård")
        XCTAssertTrue(h.text.contains("Zoë Ødegård"))
        XCTAssertTrue(h.screen.line(23).contains("Added Zoë Ødegård"))
        XCTAssertTrue(h.screen.line(0).contains("41 contacts"))
    }

    func testAddRefusesAnEmptyNameAndABadRating() {
        var h = Harness()
        h.press(.char("a"), .enter)
        XCTAssertTrue(h.text.contains("A contact needs a name"))
        h.type("Test Person")
        for _ in 0..<10 { h.press(.tab) }  // to "Importance now"
        h.press(.ctrl("u"))
        h.type("5")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Importance now must be one of 0, 0.1, 1, 10"))
        XCTAssertEqual(h.state.network.contacts.count, 40)
        h.press(.ctrl("u"))
        h.type("0,1")  // a decimal comma is accepted
        h.press(.enter)
        XCTAssertEqual(h.state.network.contacts.first { $0.name == "Test Person" }?.importanceNow, .tenth)
    }

    func testEditChangesTheContactAndEscCancels() {
        var h = Harness()
        h.select("Aino Järvinen")
        h.press(.char("e"), .tab, .ctrl("u"))
        h.type("Järvinen Studio GmbH")
        h.press(.escape)
        XCTAssertEqual(h.state.selectedContact?.organization, "Järvinen Design Oy")
        XCTAssertFalse(h.state.isDirty)
        h.press(.char("e"), .tab, .ctrl("u"))
        h.type("Järvinen Studio GmbH")
        h.press(.enter)
        XCTAssertEqual(h.state.selectedContact?.organization, "Järvinen Studio GmbH")
        XCTAssertTrue(h.text.contains("Järvinen Studio GmbH"))
        XCTAssertTrue(h.state.isDirty)
        XCTAssertTrue(h.screen.line(0).contains("modified"))
        XCTAssertEqual(h.state.selectedContact?.updated, Harness.clock.now())
    }

    func testFilterIsIncrementalAndDiacriticInsensitive() {
        var h = Harness()
        h.press(.char("/"))
        h.type("jarv")
        XCTAssertEqual(h.state.rows.count, 1)
        XCTAssertTrue(h.text.contains("Aino Järvinen"))
        XCTAssertFalse(h.text.contains("Pekka Mäkelä"))
        XCTAssertTrue(h.screen.line(1).contains("1 of 40"))
        h.press(.backspace, .backspace, .backspace, .backspace)
        XCTAssertEqual(h.state.rows.count, 40)
        h.type("sorensen")
        XCTAssertTrue(h.text.contains("Birgitte Sørensen"))
        h.press(.enter)  // keep the filter, back to the list keys
        XCTAssertEqual(h.state.keyContext, .contacts)
        XCTAssertTrue(h.screen.line(1).contains("/sorensen"))
        h.press(.escape)
        XCTAssertEqual(h.state.rows.count, 40)
    }

    func testFilterSearchesCompetencesNeedsAndTags() {
        var h = Harness()
        h.press(.char("/"))
        h.type("export to germany")
        let names = Set(h.state.rows.map { h.state.network.contacts[$0].name })
        XCTAssertTrue(names.contains("Aino Järvinen"))  // a need
        XCTAssertTrue(names.count >= 2)
        h.press(.escape)
        h.press(.char("/"))
        h.type("zzzz-nothing")
        XCTAssertTrue(h.text.contains("No contact matches the filter"))
    }

    func testDeleteAsksThenUndoAndRedo() {
        var h = Harness()
        h.select("Aino Järvinen")
        let interactions = h.state.network.interactions.count
        h.press(.char("d"))
        XCTAssertTrue(h.text.contains("Delete Aino Järvinen"))
        h.press(.char("n"))
        XCTAssertEqual(h.state.network.contacts.count, 40)
        h.press(.char("d"), .char("y"))
        XCTAssertNil(h.state.network.contacts.first { $0.name == "Aino Järvinen" })
        XCTAssertLessThan(h.state.network.interactions.count, interactions)
        XCTAssertTrue(h.state.network.referenceProblems().isEmpty)
        XCTAssertTrue(h.screen.line(23).contains("Deleted Aino Järvinen"))
        XCTAssertFalse((2..<23).contains { h.screen.line($0).contains("Aino Järvinen") })
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.contacts.count, 40)
        XCTAssertEqual(h.state.network.interactions.count, interactions)
        XCTAssertTrue(h.text.contains("Aino Järvinen"))
        XCTAssertFalse(h.state.isDirty, "undoing back to the saved state clears the mark")
        h.press(.ctrl("r"))
        XCTAssertEqual(h.state.network.contacts.count, 39)
        XCTAssertTrue(h.state.isDirty)
    }

    func testUndoReachesBackMoreThanAHundredSteps() {
        var h = Harness()
        let original = h.state.network
        for i in 0..<120 {
            h.press(.char("a"))
            h.type("Person \(i)")
            h.press(.enter)
        }
        XCTAssertEqual(h.state.network.contacts.count, 160)
        for _ in 0..<120 { h.press(.char("u")) }
        XCTAssertEqual(h.state.network, original)
        XCTAssertFalse(h.state.isDirty)
        for _ in 0..<120 { h.press(.ctrl("r")) }
        XCTAssertEqual(h.state.network.contacts.count, 160)
    }

    func testSortCyclesThroughColumns() {
        var h = Harness()
        h.press(.char("o"))
        XCTAssertEqual(h.state.list.sort, .organization)
        let all = h.state.rows.map { SearchText.fold(h.state.network.contacts[$0].organization) }
        let orgs = all.filter { !$0.isEmpty }
        XCTAssertEqual(orgs, orgs.sorted())
        XCTAssertEqual(Array(all.prefix(orgs.count)), orgs, "contacts without an organisation come last")
        h.press(.char("o"), .char("o"))
        XCTAssertEqual(h.state.list.sort, .importance)
        let first = h.state.network.contacts[h.state.rows[0]]
        XCTAssertEqual(first.importanceNow, .ten)
        XCTAssertTrue(h.screen.line(1).contains("sort: importance ▼"))
        h.press(.char("O"))
        XCTAssertTrue(h.screen.line(1).contains("sort: importance ▲"))
    }

    func testMovementKeys() {
        var h = Harness()
        let first = h.state.selectedContact?.id
        h.press(.char("j"), .down)
        XCTAssertEqual(h.state.selectedIndex, 2)
        h.press(.char("G"))
        XCTAssertEqual(h.state.selectedIndex, 39)
        XCTAssertTrue(h.text.contains(h.state.selectedContact!.name.truncated(to: 30).replacingOccurrences(of: "…", with: "")))
        h.press(.char("g"))
        XCTAssertEqual(h.state.selectedContact?.id, first)
        h.press(.pageDown)
        XCTAssertEqual(h.state.selectedIndex, 19)
        h.press(.pageUp, .up)
        XCTAssertEqual(h.state.selectedIndex, 0)
    }

    func testQuitWithUnsavedChangesAsks() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/network.json"
        var h = Harness(path: path)
        h.press(.char("a"))
        h.type("New Person")
        h.press(.enter, .char("q"))
        XCTAssertTrue(h.running)
        XCTAssertTrue(h.text.contains("Quit? The changes are not saved."))
        XCTAssertTrue(h.text.contains("s save and quit · d discard and quit · Esc cancel"))
        h.press(.escape)
        XCTAssertTrue(h.running)
        XCTAssertFalse(h.text.contains("Quit?"))
        h.press(.char("q"), .char("s"))
        XCTAssertFalse(h.running)
        let saved = try XCTUnwrap(Store.load(path)).network
        XCTAssertTrue(saved.contacts.contains { $0.name == "New Person" })
    }

    func testQuitWithoutSavingLeavesTheFileAlone() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/network.json"
        try Store.save(Demo.network(today: Harness.today), to: path)
        let before = try Store.readBytes(path)
        var h = Harness(path: path)
        h.press(.char("d"), .char("y"), .ctrl("c"))
        XCTAssertTrue(h.text.contains("Quit? The changes are not saved."))
        h.press(.char("d"))
        XCTAssertFalse(h.running)
        XCTAssertEqual(try Store.readBytes(path), before)
    }

    func testQuitWithoutChangesDoesNotAsk() {
        var h = Harness(path: "/nonexistent/never-written.json")
        h.press(.char("q"))
        XCTAssertFalse(h.running)
    }

    func testSaveWritesTheFileAndClearsTheMark() throws {
        let dir = try temporaryDirectory()
        let path = dir + "/network.json"
        var h = Harness(path: path)
        h.press(.char("d"), .char("y"), .char("s"))
        XCTAssertFalse(h.state.isDirty)
        XCTAssertTrue(h.screen.line(23).contains("Saved 39 contacts to network.json"))
        XCTAssertEqual(try XCTUnwrap(Store.load(path)).network.contacts.count, 39)
    }

    func testAFailedSaveKeepsTheEditsAndDoesNotQuit() throws {
        let dir = try temporaryDirectory()
        let blocker = dir + "/not-a-folder"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        var h = Harness(path: blocker + "/network.json")
        h.press(.char("d"), .char("y"), .ctrl("s"))
        XCTAssertTrue(h.state.isDirty)
        XCTAssertTrue(h.text.contains("Not saved"))
        h.press(.char("q"), .char("s"))
        XCTAssertTrue(h.running, "a failed save must not quit")
        XCTAssertTrue(h.text.contains("Not saved"))
        XCTAssertEqual(h.state.network.contacts.count, 39)
    }

    func testReadOnlyRefusesEditsAndSaves() {
        var h = Harness(path: "/tmp/x.json", readOnly: "x.json is open in another nettui (pid 42)")
        h.press(.char("a"))
        XCTAssertEqual(h.state.modal, .none)
        XCTAssertTrue(h.text.contains("Read-only: x.json is open in another nettui (pid 42)"))
        h.press(.char("s"))
        XCTAssertTrue(h.text.contains("Not saved"))
        XCTAssertTrue(h.screen.line(0).contains("[read-only]"))
    }

    func testDemoIsNeverSaved() {
        var h = Harness()
        h.press(.char("d"), .char("y"), .char("s"))
        XCTAssertTrue(h.text.contains("The demo is not saved to a file until you choose one"))
        h.press(.char("q"))
        XCTAssertTrue(h.running, "the demo's edits are asked about like a file's (QuitTests)")
        h.press(.char("d"))
        XCTAssertFalse(h.running)
    }

    func testHelpIsGeneratedFromTheKeymap() {
        var h = Harness(width: 250, height: 80)
        h.press(.char("?"))
        for b in Keymap.table[.contacts]! {
            XCTAssertTrue(h.text.contains(b.help), "help lacks \(b.help)")
        }
        h.press(.escape)
        XCTAssertEqual(h.state.modal, .none)
    }

    func testStatusLineComesFromTheKeymap() {
        let h = Harness(width: 200, height: 24)
        for b in Keymap.table[.contacts]! + Keymap.table[.global]! {
            if let label = b.status { XCTAssertTrue(h.screen.line(23).contains("\(b.keys[0].label) \(label)")) }
        }
    }

    func testStatusLineNamesEachKeyOnce() {
        for context in KeyContext.allCases {
            let hints = Keymap.statusHints(context).components(separatedBy: "  ")
            XCTAssertEqual(hints.count, Set(hints).count, "\(context): \(hints)")
        }
        XCTAssertEqual(Keymap.statusHints(.card).components(separatedBy: "? help").count, 2, "the card's and the global ? help, once")
    }

    func testKeysDocMatchesTheKeymap() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: root.appendingPathComponent("docs/KEYS.md"), encoding: .utf8)
        XCTAssertEqual(doc, Keymap.markdown(), "docs/KEYS.md is stale: run `swift run nettui keys > docs/KEYS.md`")
    }

    /// What an import brings shows on the card: each web address on a line of its own, the
    /// birthday, and the sources the contact came from.
    func testCardShowsWebAddressesBirthdayAndSources() {
        var c = Contact(id: "c1", name: "Åsa Lindqvist", created: Timestamp(seconds: 1_700_000_000))
        c.urls = ["https://www.linkedin.com/in/asa-lindqvist", "https://example.se/åsa"]
        c.extra["birthday"] = .string("--04-02")
        c.sourceKeys = ["vcard:urn:uuid:1", "linkedin:www.linkedin.com/in/asa-lindqvist", "vcard:urn:uuid:2"]
        var network = Network()
        network.contacts = [c]
        var h = Harness(network: network)
        h.press(.enter)
        let lines = h.text.split(separator: "\n").map(\.trimmingWhitespace)
        XCTAssertTrue(lines.contains("Web          https://www.linkedin.com/in/asa-lindqvist"), h.text)
        XCTAssertTrue(lines.contains("https://example.se/åsa"), h.text)
        XCTAssertTrue(lines.contains("Birthday     --04-02"), h.text)
        XCTAssertTrue(h.text.contains("· from vCard, LinkedIn"), h.text)
        XCTAssertEqual(ContactCard.sources(["google:x", "vcard:y"]), "google, vCard")
        XCTAssertEqual(ContactCard.sources([]), "")
    }

    func testCardOpensFullScreenAndGoesBack() {
        var h = Harness()
        h.select("Aino Järvinen")
        h.press(.enter)
        XCTAssertTrue(h.text.contains("Last contact"))
        XCTAssertFalse(h.text.contains("Interactions ("), "below the fold at 80×24")
        for _ in 0..<40 { h.press(.char("j")) }
        XCTAssertTrue(h.text.contains("Interactions ("), "scrolling reaches the interactions")
        h.press(.escape)
        XCTAssertEqual(h.state.modal, .none)
    }
}
