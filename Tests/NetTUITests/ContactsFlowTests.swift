import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

/// Key sequences against the update function, with assertions on the rendered screen.
final class ContactsFlowTests: XCTestCase {
    func testDemoOpensWithTheListAndStatusKeys() {
        let h = Harness()
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                                Organisation                    Last
             ★ Aino Järvinen                         Järvinen Design Oy              3d    ┃
             ● Anna Bergqvist                        Swedish Chamber of Commerce in… 8d
             ★ Åsa Lindström                         Lindström Livsmedel AB          1d
             ● Bengt Nyström                         Nyström Verkstäder AB           2w
             · Birgitte Sørensen                                                     3mo
             · Björn Ekström                         Ekström Consulting              6mo
             ● Eirik Haugen                          Haugen Elektro AS               5w
             ★ Emilia Nieminen                       Tampere Chamber of Commerce     2d
             ↗ Frederik Nørgaard                     Nørgaard Robotics ApS           2w
             ● Gunnar Lindqvist                      Lindqvist Logistik AB           2mo
             · Hanna Mäkinen                         Hanken School of Economics      2mo
             ★ Hans Müller                           Müller Handelsgesellschaft mbH  4w
             ★ Ingrid Solberg                        Solberg Maritime AS             10d
             ● Jean-Pierre Dubois                    Dubois Conseil SARL             8w
             ★ Jukka Heikkinen                       Nordic Growth Partners          2mo
             ↗ Karin Åkesson                         Åkesson Bageri AB               3w
             · Katarzyna Nowak                       Nowak Translations              4mo
             ● Lars Kjeldsen                         Kjeldsen Print A/S              2w
             ● Leena Salminen                        Salminen & Co Tilitoimisto      4w
             ↗ Linnea Holm                           Holm Studio AB                  3w
             / filter  o sort  Enter card  a add  i log  e edit  d delete  u undo  s save  …
            """)
    }

    func testAddContactAt80x24() {
        var h = Harness()
        h.press(.char("a"))
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲

            ┌─ New contact ────────────────────────────────────────────────────────────────┐
            │ Name                                                                         │
            │ Organisation                                                                 │
            │ Role                                                                         │
            │ Emails                                                                       │
            │ Phones                                                                       │
            │ Tags                                                                         │
            │ Kinds                                                                        │
            │ Can do                                                                       │
            │ Needs                                                                        │
            │ Notes                                                                        │
            │ Importance now     0.1                                                       │
            │ Importance future  0.1                                                       │
            │ Stage              interest                                                  │
            │ Chemistry                                                                    │
            │ Owner                                                                        │
            │                                                                              │
            │ Name: required                                                               │
            └──────────────────────────────────────────────────────────────────────────────┘

             Tab next  Enter save  Esc cancel  Ctrl-O editor
            """)
        h.type("Zoë Ødegård")
        h.press(.tab)
        h.type("Fjord & Co")
        h.press(.tab, .tab, .tab, .tab)
        h.type("hiking, oslo")
        h.press(.enter)
        assertNoLine(h, containing: "New contact")
        let added = h.state.network.contacts.first { $0.name == "Zoë Ødegård" }
        XCTAssertEqual(added?.organization, "Fjord & Co")
        XCTAssertEqual(added?.tags, ["hiking", "oslo"])
        XCTAssertEqual(h.state.selectedContact?.name, "Zoë Ødegård")
        assertScreen(h, """
             NetTUI · demo (never saved) ● modified   41 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                                Organisation                    Last
             ↗ Linnea Holm                           Holm Studio AB                  3w
             ↗ Magnus Håland                         Håland Fjordfisk AS             11d
             ● Marja-Liisa Kettunen-Väisänen-Hyväri… Pohjois-Pohjanmaan elinkeino-,… 7w
             · Matti Koskinen                        Koskinen Golf Club              6mo
             ★ Mette Kjær                            Kjær & Partnere Advokatfirma    6w
             · Mohammed Al-Sayed                     Gulf Trade Partners             8mo
             ● Niels Bach                            Danske Eksportkonsulenter       3mo
             · Ole Hansen                            Hansen Kontorservice            never
             ↗ Olli Lehtinen                         Aalto University                2mo
             ★ Pekka Mäkelä                          Business Finland                7d
             ↗ Priya Raman                           Helsinki Fintech Hub            4d
             · Rasmus Vestergaard                    Vestergaard IT ApS              4w
             ● Riikka Laine                          City of Espoo                   2mo
             · Sanna Heinonen                        Vaasa Energy Cluster            5mo
             ↗ Sofie Kristensen                      Green Harbour Aarhus            2w
             ★ Søren Østergaard                      Østergaard Vind ApS             12d
             · Thomas O'Brien                        Dublin Tech Forum               5mo
             ↗ Tuuli Räsänen                         Räsänen Translations            2w    ┃
             ↗ Ville Korhonen                        Oulu Wireless Labs              never
             · Zoë Ødegård                           Fjord & Co                      never
             Added Zoë Ødegård
            """)
    }

    func testAddRefusesAnEmptyNameAndABadRating() {
        var h = Harness()
        h.press(.char("a"), .enter)
        assertLine(h, containing: "A contact needs a name")
        h.type("Test Person")
        for _ in 0..<10 { h.press(.tab) }  // to "Importance now"
        h.press(.ctrl("u"))
        h.type("5")
        h.press(.enter)
        assertLine(h, containing: "Importance now must be one of 0, 0.1, 1, 10")
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
        XCTAssertTrue(h.state.isDirty)
        assertScreen(h, """
             NetTUI · demo (never saved) ● modified   40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                                Organisation                    Last
             ★ Aino Järvinen                         Järvinen Studio GmbH            3d    ┃
             ● Anna Bergqvist                        Swedish Chamber of Commerce in… 8d
             ★ Åsa Lindström                         Lindström Livsmedel AB          1d
             ● Bengt Nyström                         Nyström Verkstäder AB           2w
             · Birgitte Sørensen                                                     3mo
             · Björn Ekström                         Ekström Consulting              6mo
             ● Eirik Haugen                          Haugen Elektro AS               5w
             ★ Emilia Nieminen                       Tampere Chamber of Commerce     2d
             ↗ Frederik Nørgaard                     Nørgaard Robotics ApS           2w
             ● Gunnar Lindqvist                      Lindqvist Logistik AB           2mo
             · Hanna Mäkinen                         Hanken School of Economics      2mo
             ★ Hans Müller                           Müller Handelsgesellschaft mbH  4w
             ★ Ingrid Solberg                        Solberg Maritime AS             10d
             ● Jean-Pierre Dubois                    Dubois Conseil SARL             8w
             ★ Jukka Heikkinen                       Nordic Growth Partners          2mo
             ↗ Karin Åkesson                         Åkesson Bageri AB               3w
             · Katarzyna Nowak                       Nowak Translations              4mo
             ● Lars Kjeldsen                         Kjeldsen Print A/S              2w
             ● Leena Salminen                        Salminen & Co Tilitoimisto      4w
             ↗ Linnea Holm                           Holm Studio AB                  3w
             Updated Aino Järvinen
            """)
        XCTAssertEqual(h.state.selectedContact?.updated, Harness.clock.now())
    }

    func testFilterIsIncrementalAndDiacriticInsensitive() {
        var h = Harness()
        h.press(.char("/"))
        h.type("jarv")
        XCTAssertEqual(h.state.rows.count, 1)
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks  /jarv  1 of 40  · …
               Name ▲                                Organisation                    Last
             ★ Aino Järvinen                         Järvinen Design Oy              3d



















            /jarv                                                     Enter keep  Esc clear
            """)
        h.press(.backspace, .backspace, .backspace, .backspace)
        XCTAssertEqual(h.state.rows.count, 40)
        h.type("sorensen")
        assertLine(h, containing: "Birgitte Sørensen")
        h.press(.enter)  // keep the filter, back to the list keys
        XCTAssertEqual(h.state.keyContext, .contacts)
        assertLine(h, row: 1, containing: "/sorensen")
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
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks  /zzzz-nothing  0 o…
               Name ▲                                Organisation                    Last
               No contact matches the filter; Esc clears it.



















            /zzzz-nothing                                             Enter keep  Esc clear
            """)
    }

    func testDeleteAsksThenUndoAndRedo() {
        var h = Harness()
        h.select("Aino Järvinen")
        let interactions = h.state.network.interactions.count
        h.press(.char("d"))
        assertScreen(h, rows: 10...14, """
             ★ Emilia Niemin┌──────────────────────────────────────────────┐erce     2d
             ↗ Frederik Nørg│ Delete Aino Järvinen and its 4 interactions? │         2w
             ● Gunnar Lindqv│                                              │         2mo
             · Hanna Mäkinen│ y delete · n keep                            │ics      2mo
             ★ Hans Müller  └──────────────────────────────────────────────┘aft mbH  4w
            """)
        h.press(.char("n"))
        XCTAssertEqual(h.state.network.contacts.count, 40)
        h.press(.char("d"), .char("y"))
        XCTAssertNil(h.state.network.contacts.first { $0.name == "Aino Järvinen" })
        XCTAssertLessThan(h.state.network.interactions.count, interactions)
        XCTAssertTrue(h.state.network.referenceProblems().isEmpty)
        assertScreen(h, """
             NetTUI · demo (never saved) ● modified   39 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                                Organisation                    Last
             ● Anna Bergqvist                        Swedish Chamber of Commerce in… 8d    ┃
             ★ Åsa Lindström                         Lindström Livsmedel AB          1d
             ● Bengt Nyström                         Nyström Verkstäder AB           2w
             · Birgitte Sørensen                                                     3mo
             · Björn Ekström                         Ekström Consulting              6mo
             ● Eirik Haugen                          Haugen Elektro AS               5w
             ★ Emilia Nieminen                       Tampere Chamber of Commerce     2d
             ↗ Frederik Nørgaard                     Nørgaard Robotics ApS           2w
             ● Gunnar Lindqvist                      Lindqvist Logistik AB           2mo
             · Hanna Mäkinen                         Hanken School of Economics      2mo
             ★ Hans Müller                           Müller Handelsgesellschaft mbH  4w
             ★ Ingrid Solberg                        Solberg Maritime AS             10d
             ● Jean-Pierre Dubois                    Dubois Conseil SARL             8w
             ★ Jukka Heikkinen                       Nordic Growth Partners          2mo
             ↗ Karin Åkesson                         Åkesson Bageri AB               3w
             · Katarzyna Nowak                       Nowak Translations              4mo
             ● Lars Kjeldsen                         Kjeldsen Print A/S              2w
             ● Leena Salminen                        Salminen & Co Tilitoimisto      4w
             ↗ Linnea Holm                           Holm Studio AB                  3w
             ↗ Magnus Håland                         Håland Fjordfisk AS             11d
             Deleted Aino Järvinen (u undoes)
            """)
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.contacts.count, 40)
        XCTAssertEqual(h.state.network.interactions.count, interactions)
        assertLine(h, containing: "Aino Järvinen")
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
        assertLine(h, row: 1, containing: "sort: importance ▼")
        h.press(.char("O"))
        assertLine(h, row: 1, containing: "sort: importance ▲")
    }

    func testMovementKeys() {
        var h = Harness()
        let first = h.state.selectedContact?.id
        h.press(.char("j"), .down)
        XCTAssertEqual(h.state.selectedIndex, 2)
        h.press(.char("G"))
        XCTAssertEqual(h.state.selectedIndex, 39)
        assertLine(h, containing: h.state.selectedContact!.name.truncated(to: 30).replacingOccurrences(of: "…", with: ""))
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
        assertScreen(h, rows: 10...14, """
             ● Jean-Pierr┌───────────────────────────────────────────────────┐       8w
             ★ Jukka Heik│ Quit? The changes are not saved.                  │       2mo
             ↗ Karin Åkes│                                                   │       3w
             · Katarzyna │ s save and quit · d discard and quit · Esc cancel │       4mo
             ● Lars Kjeld└───────────────────────────────────────────────────┘       2w
            """)
        h.press(.escape)
        XCTAssertTrue(h.running)
        assertNoLine(h, containing: "Quit?")
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
        assertLine(h, containing: "Quit? The changes are not saved.")
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
        assertLine(h, row: 23, containing: "Saved 39 contacts to network.json")
        XCTAssertEqual(try XCTUnwrap(Store.load(path)).network.contacts.count, 39)
    }

    func testAFailedSaveKeepsTheEditsAndDoesNotQuit() throws {
        let dir = try temporaryDirectory()
        let blocker = dir + "/not-a-folder"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        var h = Harness(path: blocker + "/network.json")
        h.press(.char("d"), .char("y"), .ctrl("s"))
        XCTAssertTrue(h.state.isDirty)
        assertLine(h, containing: "Not saved")
        h.press(.char("q"), .char("s"))
        XCTAssertTrue(h.running, "a failed save must not quit")
        assertLine(h, containing: "Not saved")
        XCTAssertEqual(h.state.network.contacts.count, 39)
    }

    func testReadOnlyRefusesEditsAndSaves() {
        var h = Harness(path: "/tmp/x.json", readOnly: "x.json is open in another nettui (pid 42)")
        h.press(.char("a"))
        XCTAssertEqual(h.state.modal, .none)
        assertLine(h, containing: "Read-only: x.json is open in another nettui (pid 42)")
        h.press(.char("s"))
        assertLine(h, containing: "Not saved")
        assertLine(h, row: 0, containing: "[read-only]")
    }

    func testDemoIsNeverSaved() {
        var h = Harness()
        h.press(.char("d"), .char("y"), .char("s"))
        assertLine(h, containing: "The demo is not saved to a file until you choose one")
        h.press(.char("q"))
        XCTAssertTrue(h.running, "the demo's edits are asked about like a file's (QuitTests)")
        h.press(.char("d"))
        XCTAssertFalse(h.running)
    }

    func testHelpIsGeneratedFromTheKeymap() {
        var h = Harness(width: 250, height: 80)
        h.press(.char("?"))
        for b in Keymap.table[.contacts]! {
            assertLine(h, containing: b.help, "help lacks \(b.help)")
        }
        h.press(.escape)
        XCTAssertEqual(h.state.modal, .none)
    }

    func testStatusLineComesFromTheKeymap() {
        let h = Harness(width: 200, height: 24)
        for b in Keymap.table[.contacts]! + Keymap.table[.global]! {
            if let label = b.status { assertLine(h, row: 23, containing: "\(b.keys[0].label) \(label)") }
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
        assertScreen(h, """
             NetTUI · demo (never saved)                1 contact · 0 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
             Åsa Lindqvist

             · Light touch  now 0.1 · future 0.1
             Last contact never — overdue by 925 d (every 180 d)
             Stage        interest
             Web          https://www.linkedin.com/in/asa-lindqvist
                          https://example.se/åsa
             Birthday     --04-02

             added 2023-11-14 · updated 2023-11-14 · from vCard, LinkedIn











             Esc back  e edit  d delete  i log  c close follow-up  ? help  u undo  s save  …
            """)
        XCTAssertEqual(ContactCard.sources(["google:x", "vcard:y"]), "google, vCard")
        XCTAssertEqual(ContactCard.sources([]), "")
    }

    func testCardOpensFullScreenAndGoesBack() {
        var h = Harness()
        h.select("Aino Järvinen")
        h.press(.enter)
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
             Aino Järvinen
             CEO · Järvinen Design Oy

             ★ Key  now 10 · future 10
             Criteria     Revenue today 10 · Share of wallet 10 · Strategic fit 10 · Growth
                          potential 10
             Give / get   gave 3 · got 3 · 1.0 : 1
             Last contact 2026-11-20 (3d)
             Stage        commitment
             Chemistry    10
             Owner        Kaisa Virtanen
             Kinds        customer, partner
             Can do       UX design, service design
             Needs        export to Germany
             Tags         design, tampere
             Email        aino.jarvinen@jarvinendesign.example
             Phone        +358 40 1000000
             Networks     Tampere Chamber of Commerce

             Wants to open a Berlin studio next year.

             Esc back  e edit  d delete  i log  c close follow-up  ? help  u undo  s save  …
            """)

        assertNoLine(h, containing: "Interactions (", "below the fold at 80×24")
        for _ in 0..<40 { h.press(.char("j")) }
        assertLine(h, containing: "Interactions (", "scrolling reaches the interactions")
        h.press(.escape)
        XCTAssertEqual(h.state.modal, .none)
    }
}
