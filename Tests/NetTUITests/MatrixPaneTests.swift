import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

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
        assertScreen(h, """
             NetTUI · demo (never saved)                                                                                              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             ↑ Importance in future   → Importance now   ◆ moved in 90 days  ≠ criteria disagree  overdue days in colour
            ┌─ ↗ Rising · 10 · 4 overdue ──────────────────────────────────────────────────┐┌─ ★ Key · 10 · 3 overdue ─────────────────────────────────────────────────────┐
            │◆  Frederik Nørgaard                     Nørgaard Robotics ApS                ││   Aino Järvinen                         Järvinen Design Oy                   │
            │ ≠ Karin Åkesson                         Åkesson Bageri AB                 +1d││   Åsa Lindström                         Lindström Livsmedel AB               │
            │   Linnea Holm                           Holm Studio AB                    +4d││   Emilia Nieminen                       Tampere Chamber of Commerce          │
            │ ≠ Magnus Håland                         Håland Fjordfisk AS                  ││   Hans Müller                           Müller Handelsgesellschaft mbH    +3d│
            │◆  Olli Lehtinen                         Aalto University                 +49d││ ≠ Ingrid Solberg                        Solberg Maritime AS                  │
            │◆  Priya Raman                           Helsinki Fintech Hub                 ││   Jukka Heikkinen                       Nordic Growth Partners           +30d│
            │   Sofie Kristensen                      Green Harbour Aarhus                 ││   Mette Kjær                            Kjær & Partnere Advokatfirma     +15d│
            │   Tuuli Räsänen                         Räsänen Translations                 ││   Pekka Mäkelä                          Business Finland                     │
            │   Ville Korhonen                        Oulu Wireless Labs               +40d││   Søren Østergaard                      Østergaard Vind ApS                  │
            │   王芳                                  Shenzhen Bright Sourcing Co., …      ││   佐藤 健                               Sato Trading K.K.                    │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────────────────────────┘
            ┌─ · Light touch · 10 · 3 overdue ─────────────────────────────────────────────┐┌─ ● Maintain · 10 · 3 overdue ────────────────────────────────────────────────┐
            │   Birgitte Sørensen                                                          ││   Anna Bergqvist                        Swedish Chamber of Commerce in…      │
            │   Björn Ekström                         Ekström Consulting               +10d││   Bengt Nyström                         Nyström Verkstäder AB                │
            │   Hanna Mäkinen                         Hanken School of Economics           ││   Eirik Haugen                          Haugen Elektro AS                    │
            │   Katarzyna Nowak                       Nowak Translations                   ││   Gunnar Lindqvist                      Lindqvist Logistik AB            +10d│
            │   Matti Koskinen                        Koskinen Golf Club               +20d││   Jean-Pierre Dubois                    Dubois Conseil SARL                  │
            │   Mohammed Al-Sayed                     Gulf Trade Partners              +60d││   Lars Kjeldsen                         Kjeldsen Print A/S                   │
            │   Ole Hansen                            Hansen Kontorservice                 ││   Leena Salminen                        Salminen & Co Tilitoimisto           │
            │   Rasmus Vestergaard                    Vestergaard IT ApS                   ││   Marja-Liisa Kettunen-Väisänen-Hyväri… Pohjois-Pohjanmaan elinkeino-,…      │
            │   Sanna Heinonen                        Vaasa Energy Cluster                 ││   Niels Bach                            Danske Eksportkonsulenter        +30d│
            │   Thomas O'Brien                        Dublin Tech Forum                    ││ ≠ Riikka Laine                          City of Espoo                     +5d│
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            │                                                                              ││                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘└──────────────────────────────────────────────────────────────────────────────┘
             Shift-→ move  r rate  i log  Enter card  e edit  / filter  u undo  s save  ? help  : palette  q quit
            """)
        for y in 0..<48 { XCTAssertEqual(h.screen.line(y).columns, 160) }
        // Counts in the box titles add up to all contacts.
        let total = Quadrant.allCases.reduce(0) { $0 + (h.state.quadrantRows[$1]?.count ?? 0) }
        XCTAssertEqual(total, 40)
    }

    func testNarrowShowsOneQuadrantAndAllFourCounts() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("2"))
        // All four counts on row 2; Key is focused first.
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             ↗ Rising 10/4!   ★ Key 10/3!   · Light touch 10/3!   ● Maintain 10/3!
            ┌─ ★ Key · 10 · 3 overdue ─────────────────────────────────────────────────────┐
            │   Aino Järvinen                         Järvinen Design Oy                   │
            │   Åsa Lindström                         Lindström Livsmedel AB               │
            │   Emilia Nieminen                       Tampere Chamber of Commerce          │
            │   Hans Müller                           Müller Handelsgesellschaft mbH    +3d│
            │ ≠ Ingrid Solberg                        Solberg Maritime AS                  │
            │   Jukka Heikkinen                       Nordic Growth Partners           +30d│
            │   Mette Kjær                            Kjær & Partnere Advokatfirma     +15d│
            │   Pekka Mäkelä                          Business Finland                     │
            │   Søren Østergaard                      Østergaard Vind ApS                  │
            │   佐藤 健                               Sato Trading K.K.                    │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             Shift-→ move  r rate  i log  Enter card  e edit  / filter  u undo  s save  ? h…
            """)
        h.press(.char("j"))
        for _ in 0..<12 { h.press(.char("j")) }  // past the last Key row → the quadrant below
        XCTAssertEqual(h.state.matrix.focus, .maintain)
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             ↗ Rising 10/4!   ★ Key 10/3!   · Light touch 10/3!   ● Maintain 10/3!
            ┌─ ● Maintain · 10 · 3 overdue ────────────────────────────────────────────────┐
            │   Anna Bergqvist                        Swedish Chamber of Commerce in…      │
            │   Bengt Nyström                         Nyström Verkstäder AB                │
            │   Eirik Haugen                          Haugen Elektro AS                    │
            │   Gunnar Lindqvist                      Lindqvist Logistik AB            +10d│
            │   Jean-Pierre Dubois                    Dubois Conseil SARL                  │
            │   Lars Kjeldsen                         Kjeldsen Print A/S                   │
            │   Leena Salminen                        Salminen & Co Tilitoimisto           │
            │   Marja-Liisa Kettunen-Väisänen-Hyväri… Pohjois-Pohjanmaan elinkeino-,…      │
            │   Niels Bach                            Danske Eksportkonsulenter        +30d│
            │ ≠ Riikka Laine                          City of Espoo                     +5d│
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             Shift-→ move  r rate  i log  Enter card  e edit  / filter  u undo  s save  ? h…
            """)
        h.press(.char("h"))
        XCTAssertEqual(h.state.matrix.focus, .lightTouch)
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             ↗ Rising 10/4!   ★ Key 10/3!   · Light touch 10/3!   ● Maintain 10/3!
            ┌─ · Light touch · 10 · 3 overdue ─────────────────────────────────────────────┐
            │   Birgitte Sørensen                                                          │
            │   Björn Ekström                         Ekström Consulting               +10d│
            │   Hanna Mäkinen                         Hanken School of Economics           │
            │   Katarzyna Nowak                       Nowak Translations                   │
            │   Matti Koskinen                        Koskinen Golf Club               +20d│
            │   Mohammed Al-Sayed                     Gulf Trade Partners              +60d│
            │   Ole Hansen                            Hansen Kontorservice                 │
            │   Rasmus Vestergaard                    Vestergaard IT ApS                   │
            │   Sanna Heinonen                        Vaasa Energy Cluster                 │
            │   Thomas O'Brien                        Dublin Tech Forum                    │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            └──────────────────────────────────────────────────────────────────────────────┘
             Shift-→ move  r rate  i log  Enter card  e edit  / filter  u undo  s save  ? h…
            """)

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
        assertLine(h, containing: "already at that edge")
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
        assertScreen(h, rows: 0...27, """
             NetTUI · demo (never saved) ● modified                                           40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             Karin Åkesson
             Owner · Åkesson Bageri AB

             ★ Key  now 10 · future 1
             Criteria     Revenue today 0.1 · Share of wallet 0.1 · Strategic fit 0 · Growth potential 0.1
             Suggested    Light touch — the criteria disagree with the ratings
             Path         Rising → Key 2026-11-23
             Give / get   gave 0 · got 1 · only taken
             Last contact 2026-11-01 (3w)
             Stage        interest
             Chemistry    10
             Owner        Henrik Dahl
             Kinds        customer
             Can do       artisan bakery
             Needs        food safety certification, export to Germany
             Tags         food
             Email        karin.akesson@akessonbageri.example
             Phone        +46 76 9624921
             Networks     Nordic Export Circle

             Interactions (1)
             2026-11-01 event
               Talked at a network event; got: An invitation to their next event

             added 2026-10-08 · updated 2026-11-23

            """)
    }

    func testCardFromTheMatrixShowsTheMatrixSelection() {
        var h = Harness(width: 80, height: 24)
        h.press(.char("2"))
        h.select("Birgitte Sørensen")
        h.press(.enter)
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             Birgitte Sørensen
             Freelance Journalist

             · Light touch  now 0.1 · future 0
             Give / get   gave 0 · got 1 · only taken
             Last contact 2026-08-15 (3mo)
             Stage        interest
             Chemistry    1
             Owner        Jonas Berg
             Kinds        peer
             Can do       press contacts
             Needs        story ideas
             Tags         press
             Email        birgitte.sorensen@mail.example
             Phone        +45 28 3492503
             Networks     Business Breakfast Club Helsinki

             Interactions (1)
             2026-08-15 event
               Talked at a network event; got: An invitation to their next event

             Esc back  e edit  d delete  i log  c close follow-up  ? help  u undo  s save  …
            """)

        h.press(.escape)
        XCTAssertEqual(h.state.pane, .matrix)
    }
}
