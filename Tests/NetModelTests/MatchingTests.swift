import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class MatchingTests: XCTestCase {
    func testNormalizeFoldsCaseAccentsSpacingAndPlurals() {
        XCTAssertEqual(Matching.normalize("  Mobile   Apps "), "mobile app")
        XCTAssertEqual(Matching.normalize("Markkinointi"), "markkinointi")
        XCTAssertEqual(Matching.normalize("Sørensen Æble"), "sorensen aeble")
        XCTAssertEqual(Matching.normalize("translation fi/sv/da"), "translation fi sv da")
        XCTAssertEqual(Matching.normalize("Companies"), "company")
        XCTAssertEqual(Matching.normalize("classes"), "class")
        XCTAssertEqual(Matching.normalize("boxes"), "box")
        XCTAssertEqual(Matching.normalize("matches"), "match")
        XCTAssertEqual(Matching.normalize("business"), "business")
        XCTAssertEqual(Matching.normalize("analysis"), "analysis")
        XCTAssertEqual(Matching.normalize("news"), "news")
        XCTAssertEqual(Matching.normalize("C++ and C#"), "c++ and c#")
        XCTAssertEqual(Matching.normalize(" - "), "")
    }

    func testCaseAndDiacritics() {
        XCTAssertTrue(Matching.meets("markkinointi", "Markkinointi"))
        XCTAssertTrue(Matching.meets("Yhteistyö", "yhteistyo"))
        XCTAssertTrue(Matching.meets("ÄÄNISUUNNITTELU", "äänisuunnittelu"))
        XCTAssertTrue(Matching.meets("Café", "cafe"))
        XCTAssertFalse(Matching.meets("markkinointi", "markkinoinnin"), "inflections are not stemmed")
    }

    func testPlurals() {
        XCTAssertTrue(Matching.meets("mobile app", "Mobile apps"))
        XCTAssertTrue(Matching.meets("Chinese distributors", "chinese distributor"))
        XCTAssertTrue(Matching.meets("startup companies", "Startup company"))
        XCTAssertTrue(Matching.meets("sales classes", "sales class"))
        XCTAssertFalse(Matching.meets("app", "application"))
    }

    func testMultiWordPhrasesMeetAsWholeWords() {
        XCTAssertTrue(Matching.meets("mobile apps", "Mobile app development"))
        XCTAssertTrue(Matching.meets("export to Germany", "export"))
        XCTAssertTrue(Matching.meets("EU funding", "EU funding applications"))
        XCTAssertFalse(Matching.meets("funding EU", "EU funding applications"), "word order matters")
        XCTAssertFalse(Matching.meets("Japanese market entry", "market entry strategy"), "overlap is not containment")
        XCTAssertFalse(Matching.meets("translation fi/sv/da", "translation pl/en"))
    }

    func testNoFalseMatchesOnSubstrings() {
        XCTAssertFalse(Matching.meets("IT", "marketing"))
        XCTAssertFalse(Matching.meets("IT", "digital marketing"))
        XCTAssertFalse(Matching.meets("art", "start-up"))
        XCTAssertFalse(Matching.meets("design", "designer"))
        XCTAssertTrue(Matching.meets("IT", "IT support"))
        XCTAssertTrue(Matching.meets("it", "IT"))
        XCTAssertFalse(Matching.meets("", ""))
        XCTAssertFalse(Matching.meets("  ", "IT"))
    }

    func testMatchesListsTheWantedTermsOnceInOrder() {
        XCTAssertEqual(Matching.matches(wants: ["Chinese distributors", "IT", "export to Germany", "chinese distributor"],
                                        has: ["marketing", "Export", "Chinese distributor network"]),
                       ["Chinese distributors", "export to Germany"])
        XCTAssertEqual(Matching.matches(wants: ["x"], has: []), [])
        XCTAssertEqual(Matching.matches(wants: [" Markkinointi "], has: ["markkinointi"]), ["Markkinointi"])
    }

    func testCloseNames() {
        XCTAssertTrue(Matching.isClose("breakfst", to: "Business Breakfast"))
        XCTAssertTrue(Matching.isClose("business breakfst", to: "Business Breakfast"))
        XCTAssertTrue(Matching.isClose("NORDIC", to: "Nordic Export Circle"))
        XCTAssertTrue(Matching.isClose("jarvinen", to: "Järvinen"))
        XCTAssertTrue(Matching.isClose("Golf", to: "Gold"))
        XCTAssertFalse(Matching.isClose("zzz", to: "Business Breakfast"))
        XCTAssertFalse(Matching.isClose("Gala", to: "Golf & Business Society"))
        XCTAssertFalse(Matching.isClose("", to: "Anything"))
    }
}
