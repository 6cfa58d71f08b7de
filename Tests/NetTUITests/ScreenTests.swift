import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore
@testable import NetInterchange

final class ScreenTests: XCTestCase {
    func testWideCharactersTakeTwoCells() {
        var s = Screen(width: 10, height: 1)
        let used = s.put("王芳ab", x: 0, y: 0)
        XCTAssertEqual(used, 6)
        XCTAssertEqual(s[0, 0].text, "王")
        XCTAssertTrue(s[1, 0].isContinuation)
        XCTAssertEqual(s[2, 0].text, "芳")
        XCTAssertEqual(s[4, 0].text, "a")
        XCTAssertEqual(s.line(0), "王芳ab    ")
    }

    func testAWideCharacterIsNeverSplitAtTheEdge() {
        for width in 1...7 {
            var s = Screen(width: width, height: 1)
            s.put("佐藤健一", x: 0, y: 0)
            let line = s.line(0)
            XCTAssertLessThanOrEqual(line.columns, width)
            for x in 0..<width where s[x, 0].isContinuation {
                XCTAssertEqual(s[x - 1, 0].text.columns, 2, "a continuation cell must follow a wide character")
            }
        }
        var s = Screen(width: 5, height: 1)
        s.put("佐藤健", x: 0, y: 0)
        XCTAssertEqual(s.line(0), "佐藤…")  // 2 + 2 + 1 columns
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var s = Screen(width: 6, height: 1)
        s.put("王芳", x: 0, y: 0)
        s.put("x", x: 1, y: 0)
        XCTAssertEqual(s.line(0), " x芳  ")
        XCTAssertFalse(s[0, 0].isContinuation)
    }

    func testLongTextIsCutWithAnEllipsis() {
        var s = Screen(width: 12, height: 1)
        s.put("Marja-Liisa Kettunen-Väisänen", x: 0, y: 0)
        XCTAssertEqual(s.line(0), "Marja-Liisa…")
        XCTAssertEqual("abc".truncated(to: 3), "abc")
        XCTAssertEqual("abcd".truncated(to: 3), "ab…")
    }

    func testCombiningMarksTakeNoColumn() {
        let nfd = "Ja\u{0308}rvinen"  // "Järvinen" with a combining diaeresis
        XCTAssertEqual(nfd.columns, 8)
        var s = Screen(width: 10, height: 1)
        XCTAssertEqual(s.put(nfd, x: 0, y: 0), 8)
        XCTAssertEqual(s[1, 0].text, "a\u{0308}")
    }

    func testTerminalEscapesAreShownNotSent() {
        var s = Screen(width: 60, height: 1)
        s.put("evil\u{1B}[2J\u{07}name\u{1B}]0;title\u{9C}\u{202E}x\u{7F}", x: 0, y: 0)
        let cells = (0..<60).map { s[$0, 0].text }
        XCTAssertFalse(cells.joined().unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        XCTAssertEqual(s.line(0).trailingSpacesTrimmed, "evil^[[2J^Gname^[]0;title\\u{9C}\\u{202E}x^?")
    }

    func testAHostileContactNameIsInertOnEveryPane() {
        var network = Demo.network(today: Harness.today)
        network.contacts[0].name = "\u{1B}[31mRed\u{1B}[0m \u{1B}]52;c;AAAA\u{07}"
        network.contacts[0].organization = "Org\u{202E}gro"
        for pane in ["1", "2", "3", "4", "5"] {
            var h = Harness(network: network, width: 160, height: 48)
            h.press(.char(Character(pane)))
            h.select(network.contacts[0].name)
            let screen = h.screen
            let all = (0..<48).flatMap { y in (0..<160).map { screen[$0, y].text } }.joined()
            XCTAssertFalse(all.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }, "pane \(pane)")
        }
    }

    func testCJKNameInTheListAndLongNameCut() {
        var h = Harness(width: 80, height: 24)
        h.select("王芳")
        assertLine(h, containing: "王芳", "the CJK name is on screen")
        h.select("Marja-Liisa Kettunen-Väisänen-Hyvärinen")
        // The long name is cut with an ellipsis.
        assertScreen(h, """
             NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks         sort: name ▲
               Name ▲                                Organisation                    Last
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
             ↗ Tuuli Räsänen                         Räsänen Translations            2w
             ↗ Ville Korhonen                        Oulu Wireless Labs              never
             ★ 佐藤 健                               Sato Trading K.K.               5d
             ↗ 王芳                                  Shenzhen Bright Sourcing Co., … 9d    ┃
             / filter  o sort  Enter card  a add  i log  e edit  d delete  u undo  s save  …
            """)
        for y in 0..<24 { XCTAssertEqual(h.screen.line(y).columns, 80, "row \(y) is exactly the screen width") }
    }

    func testSideCardAt120x40() {
        var h = Harness(width: 120, height: 40)
        h.select("Aino Järvinen")
        assertScreen(h, """
             NetTUI · demo (never saved)                                                      40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks                                                 sort: name ▲
               Name ▲                        Organisation              Last   │ Aino Järvinen
             ★ Aino Järvinen                 Järvinen Design Oy        3d    ┃│ CEO · Järvinen Design Oy
             ● Anna Bergqvist                Swedish Chamber of Comme… 8d     │
             ★ Åsa Lindström                 Lindström Livsmedel AB    1d     │ ★ Key  now 10 · future 10
             ● Bengt Nyström                 Nyström Verkstäder AB     2w     │ Criteria     Revenue today 10 · Share of wallet 10
             · Birgitte Sørensen                                       3mo    │              · Strategic fit 10 · Growth potential
             · Björn Ekström                 Ekström Consulting        6mo    │              10
             ● Eirik Haugen                  Haugen Elektro AS         5w     │ Give / get   gave 3 · got 3 · 1.0 : 1
             ★ Emilia Nieminen               Tampere Chamber of Comme… 2d     │ Last contact 2026-11-20 (3d)
             ↗ Frederik Nørgaard             Nørgaard Robotics ApS     2w     │ Stage        commitment
             ● Gunnar Lindqvist              Lindqvist Logistik AB     2mo    │ Chemistry    10
             · Hanna Mäkinen                 Hanken School of Economi… 2mo    │ Owner        Kaisa Virtanen
             ★ Hans Müller                   Müller Handelsgesellscha… 4w     │ Kinds        customer, partner
             ★ Ingrid Solberg                Solberg Maritime AS       10d    │ Can do       UX design, service design
             ● Jean-Pierre Dubois            Dubois Conseil SARL       8w     │ Needs        export to Germany
             ★ Jukka Heikkinen               Nordic Growth Partners    2mo    │ Tags         design, tampere
             ↗ Karin Åkesson                 Åkesson Bageri AB         3w     │ Email        aino.jarvinen@jarvinendesign.example
             · Katarzyna Nowak               Nowak Translations        4mo    │ Phone        +358 40 1000000
             ● Lars Kjeldsen                 Kjeldsen Print A/S        2w     │ Networks     Tampere Chamber of Commerce
             ● Leena Salminen                Salminen & Co Tilitoimis… 4w     │
             ↗ Linnea Holm                   Holm Studio AB            3w     │ Wants to open a Berlin studio next year.
             ↗ Magnus Håland                 Håland Fjordfisk AS       11d    │
             ● Marja-Liisa Kettunen-Väisäne… Pohjois-Pohjanmaan elink… 7w     │ Interactions (4)
             · Matti Koskinen                Koskinen Golf Club        6mo    │ 2026-11-20 meeting
             ★ Mette Kjær                    Kjær & Partnere Advokatf… 6w     │   Lunch to catch up on their plans; gave: Two leads
             · Mohammed Al-Sayed             Gulf Trade Partners       8mo    │   for their export plan; got: Honest feedback on
             ● Niels Bach                    Danske Eksportkonsulenter 3mo    │   our pitch
             · Ole Hansen                    Hansen Kontorservice      never  │ 2026-11-03 call
             ↗ Olli Lehtinen                 Aalto University          2mo    │   Quarterly call; gave: An overview of the Danish
             ★ Pekka Mäkelä                  Business Finland          7d     │   market; got: A tip about an upcoming tender
             ↗ Priya Raman                   Helsinki Fintech Hub      4d     │ 2026-10-07 message
             · Rasmus Vestergaard            Vestergaard IT ApS        4w     │   Message about their news; gave: Congratulations
             ● Riikka Laine                  City of Espoo             2mo    │   and a useful article
             · Sanna Heinonen                Vaasa Energy Cluster      5mo    │ 2026-08-25 event
             ↗ Sofie Kristensen              Green Harbour Aarhus      2w     │   Talked at a network event; got: An invitation to
             ★ Søren Østergaard              Østergaard Vind ApS       12d    │   their next event
             · Thomas O'Brien                Dublin Tech Forum         5mo    │
             / filter  o sort  Enter card  a add  i log  e edit  d delete  u undo  s save  ? help  : palette  q quit
            """)
        let narrow = Harness(width: 80, height: 24)
        assertNoLine(narrow, containing: "Can do", "no side card at 80 columns")

    }

    func testTooSmallShowsOneLineAndRecovers() {
        var h = Harness()
        h.press(.char("e"))
        h.type("X")
        h.resize(30, 8)
        XCTAssertEqual(h.text.split(separator: "\n").joined(separator: " "), "terminal too small (needs at least 40×10); q quits")
        h.resize(120, 9)
        XCTAssertEqual(h.screen.line(0).trailingSpacesTrimmed, "terminal too small (needs at least 40×10); q quits")
        h.resize(1, 1)
        XCTAssertEqual(h.screen.line(0).count, 1)
        h.resize(0, 0)
        XCTAssertEqual(h.text, "")
        h.resize(80, 24)
        guard case .form(let form) = h.state.modal else { return XCTFail("the form survives the resize") }
        XCTAssertTrue(form[.name].text.hasSuffix("X"))
        assertLine(h, containing: "Edit contact")
    }

    func testResizeKeepsTheSelectionVisible() {
        var h = Harness(width: 100, height: 40)
        h.press(.char("G"))
        h.resize(80, 12)
        let name = h.state.selectedContact!.name.truncated(to: 20)
        assertLine(h, containing: String(name.prefix(10)))
    }

    func testEveryRowIsExactlyTheScreenWidthAtManySizes() {
        for (w, h) in [(40, 10), (80, 24), (99, 30), (100, 30), (160, 48), (300, 100)] {
            var harness = Harness(width: w, height: h)
            harness.select("王芳")
            for y in 0..<h { XCTAssertEqual(harness.screen.line(y).columns, w) }
            harness.press(.char("e"))
            for y in 0..<h { XCTAssertEqual(harness.screen.line(y).columns, w) }
        }
    }
}
