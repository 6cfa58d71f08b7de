import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

final class ImportCSVTests: XCTestCase {
    func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        let bytes = Array(text.utf8)
        var out: [(Int, [String])] = []
        var failure: ImportError?
        var reader = CSVReader(bytes, path: "t.csv")
        do throws(ImportError) {
            while let r = try reader.next() { out.append(r) }
        } catch {
            failure = error
        }
        if let failure { throw failure }
        return out.map { (line: $0.0, fields: $0.1) }
    }

    func testRFC4180Reader() throws {
        let r = try records("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n\"q\"tail,z")
        XCTAssertEqual(r.map(\.fields), [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["last", "", ""], ["qtail", "z"]])
        XCTAssertEqual(r.map(\.line), [1, 2, 4, 5])
    }

    func testUnterminatedQuoteNamesTheLineWhereItOpened() {
        XCTAssertThrowsError(try records("a,b\n1,\"open\n2,3\n")) { error in
            XCTAssertEqual((error as? ImportError)?.line, 2)
        }
    }

    func testLinkedInConnections() throws {
        for file in ["linkedin-connections.csv", "linkedin-connections-crlf.csv"] {
            let r = try parseFixture(file, .linkedin)
            XCTAssertEqual(r.count, 5, file)
            let aino = try card(r, "Aino Järvinen")
            XCTAssertEqual(aino.line, 5)
            XCTAssertEqual(aino.emails, ["aino.jarvinen@pollo.example"])
            XCTAssertEqual(aino.organization, "Pöllö Analytics Oy")
            XCTAssertEqual(aino.role, "Toimitusjohtaja")
            XCTAssertEqual(aino.created, Timestamp(iso: "2024-10-09T00:00:00Z"), "Connected On is the first-contact date")
            XCTAssertEqual(aino.urls, ["https://www.linkedin.com/in/aino-jarvinen-1a2b3c"])
            XCTAssertEqual(aino.sourceKeys, ["linkedin:www.linkedin.com/in/aino-jarvinen-1a2b3c"])
            let soren = try card(r, "Søren Østergaard")
            XCTAssertEqual(soren.emails, [], "empty e-mail")
            XCTAssertEqual(soren.organization, "Øresund Data ApS, Copenhagen")
            XCTAssertEqual(soren.created, Timestamp(iso: "2023-02-01T00:00:00Z"))
            let john = try card(r, "John Smith, PhD")
            XCTAssertEqual(john.organization, "Northwind \"Labs\" Ltd")
            XCTAssertEqual(john.role, "VP, Engineering")
            XCTAssertEqual(john.sourceKeys, ["linkedin:www.linkedin.com/in/johnsmith"], "trailing slash dropped from the key")
            XCTAssertEqual(try card(r, "王 伟").sourceKeys, ["linkedin:www.linkedin.com/in/wei-wang-88"], "country host normalised")
            let hidden = try XCTUnwrap(r.last)
            XCTAssertNotNil(hidden.skipReason)
            XCTAssertEqual(hidden.line, 9)
        }
    }

    func testLinkedInHeaderIsFoundAfterAnyPreambleOrWithoutOne() throws {
        let mette = try parseFixture("linkedin-long-preamble.csv", .linkedin)
        XCTAssertEqual(mette.count, 1)
        XCTAssertEqual(mette[0].name, "Mette Møller")
        XCTAssertEqual(mette[0].role, "Partner and co-founder", "a line break inside a quoted field is kept as a space in a one-line field")
        XCTAssertEqual(mette[0].line, 8)
        let ida = try parseFixture("linkedin-no-preamble.csv", .linkedin)
        XCTAssertEqual(ida.map(\.name), ["Ida Holm"])
        XCTAssertEqual(ida[0].emails, ["ida@harbour.example"], "columns by name, not position")
        XCTAssertEqual(ida[0].organization, "Harbour Inc.")
    }

    func testLinkedInRowWithTooManyFieldsIsSkippedWithItsLine() throws {
        let r = try parseFixture("linkedin-extra-field.csv", .linkedin)
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(r[0].line, 5)
        XCTAssertNotNil(r[0].skipReason)
        XCTAssertNil(r[1].skipReason)
    }

    func testLinkedInDates() {
        XCTAssertEqual(LinkedInCSV.parseDate("09 Oct 2024"), Day(year: 2024, month: 10, day: 9))
        XCTAssertEqual(LinkedInCSV.parseDate("1 February 2023"), Day(year: 2023, month: 2, day: 1))
        XCTAssertEqual(LinkedInCSV.parseDate("2022-01-02"), Day(year: 2022, month: 1, day: 2))
        XCTAssertNil(LinkedInCSV.parseDate("31 Feb 2023"))
        XCTAssertNil(LinkedInCSV.parseDate(""))
    }

    func testGoogleContacts() throws {
        let r = try parseFixture("google-contacts.csv", .google)
        XCTAssertEqual(r.count, 4)
        let kaisa = try card(r, "Kaisa Virtanen")
        XCTAssertEqual(kaisa.organization, "Sisu Systems Oy")
        XCTAssertEqual(kaisa.organizationUnits, ["R&D"])
        XCTAssertEqual(kaisa.role, "CTO")
        XCTAssertEqual(kaisa.emails, ["kaisa@sisu.example", "kaisa.v@gmail.example"])
        XCTAssertEqual(kaisa.phones, ["+358 50 765 4321", "+358 40 000 0000"])
        XCTAssertEqual(kaisa.urls, ["https://sisu.example/kaisa"])
        XCTAssertEqual(kaisa.birthday, "1985-04-12")
        XCTAssertEqual(kaisa.notes, "Met at Junction.\nLikes saunas, and Rust.")
        XCTAssertEqual(kaisa.tags, ["Partners", "starred"])
        XCTAssertEqual(kaisa.sourceKeys, [])
        let jonas = try card(r, "Dr. Jonas Berg")
        XCTAssertEqual(jonas.birthday, "--07-04")
        XCTAssertEqual(jonas.tags, [])
        XCTAssertEqual(try card(r, "Harbour Inc.").emails, ["info@harbour.example"])
        XCTAssertNotNil(r[3].skipReason)
        XCTAssertEqual(r[3].line, 6)
    }

    func testOldGoogleLayout() throws {
        let r = try parseFixture("google-contacts-old.csv", .google)
        XCTAssertEqual(r.count, 1)
        XCTAssertEqual(r[0].name, "Matti Nieminen")
        XCTAssertEqual(r[0].organization, "Sisu Oy")
        XCTAssertEqual(r[0].role, "CEO")
        XCTAssertEqual(r[0].emails, ["matti@sisu.example"])
        XCTAssertEqual(r[0].tags, ["My Contacts", "Friends"])
    }

    func testWrongFormatIsRefusedWithAHint() {
        XCTAssertThrowsError(try parseFixture("linkedin-connections.csv", .google)) { error in
            let e = error as! ImportError
            assertContains(e.message, "not a Google Contacts CSV")
            assertContains(e.message, "nettui import linkedin")
        }
        XCTAssertThrowsError(try parseFixture("google-contacts.csv", .linkedin)) { error in
            assertContains((error as! ImportError).message, "nettui import google")
        }
        XCTAssertThrowsError(try parseFixture("vcard30-multiple.vcf", .linkedin)) { error in
            assertContains((error as! ImportError).message, "nettui import vcard")
        }
        XCTAssertThrowsError(try parseFixture("linkedin-connections.csv", .vcard)) { error in
            assertContains((error as! ImportError).message, "no BEGIN:VCARD")
        }
    }

    func testDetect() throws {
        func detect(_ name: String) throws -> ImportFormat? { Importer.detect(try XCTUnwrap(Store.readBytes(fixturePath(name)))) }
        XCTAssertEqual(try detect("vcard21-latin1.vcf"), .vcard)
        XCTAssertEqual(try detect("linkedin-long-preamble.csv"), .linkedin)
        XCTAssertEqual(try detect("google-contacts-old.csv"), .google)
        XCTAssertNil(try detect("not-a-vcard.txt"))
        XCTAssertNil(try detect("image.png"))
    }
}
