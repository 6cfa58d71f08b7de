import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class SearchTextTests: XCTestCase {
    func testNordicLettersFold() {
        XCTAssertTrue(SearchText.fold("Aino Järvinen").contains("jarvinen"))
        XCTAssertEqual(SearchText.fold("Järvinen"), "jarvinen")
        XCTAssertEqual(SearchText.fold("Sørensen"), "sorensen")
        XCTAssertEqual(SearchText.fold("Kjær"), "kjaer")
        XCTAssertEqual(SearchText.fold("ØSTERGAARD"), "ostergaard")
        XCTAssertEqual(SearchText.fold("Æble"), "aeble")
        XCTAssertEqual(SearchText.fold("Åsa Lindström"), "asa lindstrom")
        XCTAssertEqual(SearchText.fold("Mäkelä"), "makela")
        XCTAssertEqual(SearchText.fold("Müller Straße"), "muller strasse")
        XCTAssertEqual(SearchText.fold("Þór Guðmundsson"), "thor gudmundsson")
        XCTAssertEqual(SearchText.fold("Łódź"), "lodz")
        XCTAssertEqual(SearchText.fold("Œuvre"), "oeuvre")
        XCTAssertEqual(SearchText.fold("Café Crème"), "cafe creme")
    }

    func testDecomposedInputFoldsLikeComposed() {
        let nfc = "J\u{E4}rvinen \u{C5}sa"
        let nfd = "Ja\u{308}rvinen A\u{30A}sa"
        XCTAssertNotEqual(Array(nfc.unicodeScalars), Array(nfd.unicodeScalars))
        XCTAssertEqual(SearchText.fold(nfd), SearchText.fold(nfc))
        XCTAssertEqual(SearchText.fold(nfd), "jarvinen asa")
    }

    func testOtherScriptsPassThroughLowercased() {
        XCTAssertEqual(SearchText.fold("佐藤 健"), "佐藤 健")
        XCTAssertEqual(SearchText.fold("王芳"), "王芳")
        XCTAssertEqual(SearchText.fold("ΑΘΗΝΑ"), "αθηνα")
    }

    func testWordsAndMatching() {
        XCTAssertEqual(SearchText.words("  Søren   KJÆR "), ["soren", "kjaer"])
        XCTAssertEqual(SearchText.words(""), [])
        let folded = SearchText.fold("Mette Kjær, contract law")
        XCTAssertTrue(SearchText.matches(folded, words: SearchText.words("kjaer law")))
        XCTAssertFalse(SearchText.matches(folded, words: SearchText.words("kjaer tax")))
        XCTAssertTrue(SearchText.matches(folded, words: []), "an empty query matches everything")
    }

    func testContactSearchTextCoversItsFields() throws {
        let demo = Demo.network(today: testToday)
        func find(_ query: String) -> [String] {
            let words = SearchText.words(query)
            return demo.contacts.filter { SearchText.matches($0.searchText, words: words) }.map(\.name).sorted()
        }
        XCTAssertEqual(find("jarvinen"), ["Aino Järvinen"])
        XCTAssertEqual(find("ostergaard vind"), ["Søren Østergaard"])
        assertHasLine(find("export to germany").joined(separator: "\n"), "Hans Müller", "competences")
        assertHasLine(find("export to germany").joined(separator: "\n"), "Aino Järvinen", "needs")
        XCTAssertEqual(find("王芳"), ["王芳"])
        assertHasLine(find("advokatfirma").joined(separator: "\n"), "Mette Kjær", "organisation")
        assertHasLine(find("@jarvinendesign").joined(separator: "\n"), "Aino Järvinen", "emails")
        XCTAssertEqual(find("zzzz"), [])
    }
}
