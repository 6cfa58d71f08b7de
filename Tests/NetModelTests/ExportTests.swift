import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

final class ExportTests: XCTestCase {
    let now = Timestamp(iso: "2025-03-14T12:00:00Z")!

    func reimport(_ contacts: [Contact]) throws -> [Contact] {
        let bytes = VCardExport.export(contacts)
        let records = try VCard.parse(bytes, path: "export.vcf")
        let (changes, summary) = Importer.merge(records, into: Network(), now: now, newID: { XCTFail("no new ids needed"); return "x" })
        XCTAssertEqual(summary.skipped.count, 0)
        var n = Network()
        n.apply(changes)
        return n.contacts
    }

    func testExportsWrittenAsTheyAreMadeAreTheSameBytes() throws {
        // Over a megabyte each, so that they are written in more than one batch.
        let contacts = Demo.network(today: Day(year: 2026, month: 11, day: 23)!, contacts: 4000, networks: 10, interactions: 0, seed: 3).contacts
            + [fullContact()]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-export-\(UUID().uuidString.prefix(8))").path
        defer { unlink(path); unlink(path + ".bak") }
        for (name, whole, streamed) in [("vCard", VCardExport.export(contacts), VCardExport.export as ([Contact], ByteSink) throws(WriteFailure) -> Void),
                                        ("CSV", CSVExport.export(contacts), CSVExport.export as ([Contact], ByteSink) throws(WriteFailure) -> Void)] {
            XCTAssertGreaterThan(whole.count, 1 << 20, name)
            try Store.write(to: path) { try streamed(contacts, $0) }
            XCTAssertEqual(try Store.readBytes(path), whole, name)
        }
        let readOnly = open(path, O_RDONLY)
        defer { close(readOnly) }
        XCTAssertThrowsError(try VCardExport.export(contacts, to: ByteSink(fd: readOnly))) { XCTAssertEqual($0 as? WriteFailure, WriteFailure(code: EBADF)) }
        XCTAssertThrowsError(try Store.write(to: path) { _ in throw WriteFailure(code: EIO) }, "a failed write fails the save") { error in
            assertContains((error as? StoreError)?.message ?? "\(error)", "the file on disk is unchanged")
        }
    }

    /// A contact with every field set, and text that needs escaping and folding.
    func fullContact() -> Contact {
        var c = Contact(id: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", name: "Søren Østergaard-Ærbø, Jr.", created: Timestamp(iso: "2021-06-01T09:30:00Z")!)
        c.updated = Timestamp(iso: "2025-02-03T04:05:06Z")!
        c.organization = "Øresund; Data, ApS"
        c.role = "Udvikler \\ arkitekt"
        c.emails = ["soren@oresund.example", "s.o@mail.example"]
        c.phones = ["+45 20 30 40 50"]
        c.tags = ["partner", "a, b", "hygge"]
        c.kinds = [.partner, .supplier]
        c.competences = ["Rust", "Swift; ncurses", "wind turbines, offshore"]
        c.needs = ["EU funding"]
        c.notes = "First line\nSecond line with a very long text that certainly needs to be folded at seventy-five octets — æøå ÆØÅ 🎉 and more text to fold twice."
        c.importanceNow = .one
        c.importanceFuture = .ten
        c.stage = .commitment
        c.chemistry = .zero
        c.criteria = ["fit": .ten, "revenue": .tenth]
        var h = RatingChange(date: Day(year: 2024, month: 5, day: 6)!, fromNow: .tenth, fromFuture: .one, toNow: .one, toFuture: .ten)
        h.extra = ["why": .string("pilot; signed")]
        c.ratingHistory = [h]
        c.owner = "Kaisa Virtanen"
        c.sourceKeys = ["vcard:ABC", "linkedin:www.linkedin.com/in/soren"]
        c.urls = ["https://www.linkedin.com/in/soren/", "https://oresund.example/?a=1,b=2"]
        c.extra = [
            "birthday": .string("--07-04"),
            "organizationUnits": .array([.string("R&D")]),
            "isOrganization": .bool(false),
            "futureKey": .object(["n": .number("12345678901234567890"), "list": .array([.null, .bool(true), .string("x\ny")])]),
        ]
        return c
    }

    func testVCardRoundTripIsLossless() throws {
        var org = Contact(id: "org-1", name: "Aalto-yliopisto", created: Timestamp(iso: "2020-01-01T00:00:00Z")!)
        org.extra["isOrganization"] = .bool(true)
        org.extra["birthday"] = .string("founded in spring")
        let minimal = Contact(id: "min", name: "M", created: Timestamp(iso: "2020-01-01T00:00:00Z")!)
        let contacts = [fullContact(), org, minimal]
        XCTAssertEqual(try reimport(contacts).sorted { $0.id < $1.id }, contacts.sorted { $0.id < $1.id })
    }

    func testDemoNetworkRoundTrip() throws {
        let demo = Demo.network(today: testToday)
        XCTAssertEqual(try reimport(demo.contacts), demo.contacts)
        // Re-importing the export into the same network changes nothing.
        let records = try VCard.parse(VCardExport.export(demo.contacts), path: "demo.vcf")
        let (changes, summary) = Importer.merge(records, into: demo, now: now, newID: { "x" })
        XCTAssertEqual(changes, [])
        XCTAssertEqual(summary.unchanged, demo.contacts.count)
    }

    func testVCardShape() throws {
        let text = VCardExport.card(fullContact())
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "BEGIN:VCARD")
        XCTAssertEqual(lines[1], "VERSION:4.0")
        XCTAssertEqual(lines.last, "", "every line ends with CRLF")
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        for line in lines { XCTAssertLessThanOrEqual(line.utf8.count, 75, line) }
        XCTAssertTrue(lines.contains { $0.hasPrefix(" ") }, "long lines are folded")
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        assertContains(unfolded, "\r\nFN:Søren Østergaard-Ærbø\\, Jr.\r\n")
        assertContains(unfolded, "\r\nORG:Øresund\\; Data\\, ApS;R&D\r\n")
        assertContains(unfolded, "\r\nNOTE:First line\\nSecond line")
        assertContains(unfolded, "\r\nCATEGORIES:partner,a\\, b,hygge\r\n")
        assertContains(unfolded, "\r\nUID:urn:uuid:0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\r\n")
        assertContains(unfolded, "\r\nBDAY:--0704\r\n")
        assertContains(unfolded, "\r\nREV:20250203T040506Z\r\n")
        assertContains(unfolded, "\r\nX-NETTUI-STAGE:commitment\r\n")
        // Folding never splits a UTF-8 character: every physical line is valid UTF-8 on its own.
        let raw = VCardExport.export([fullContact()])
        var start = 0
        for i in raw.indices where raw[i] == 0x0A {
            XCTAssertNil(ImportText.invalidUTF8(Array(raw[start..<i])), "line at byte \(start)")
            start = i + 1
        }
    }

    func testTimestampFormatting() {
        for seconds: Int64 in [0, 1, 59, 86_399, 86_400, 951_782_400, 1_741_953_600, 4_102_444_799, -1, -86_401, 253_402_300_799] {
            let t = Timestamp(seconds: seconds)
            XCTAssertEqual(VCardExport.iso(t), t.description)
            XCTAssertEqual(CardBuilder.timestamp(VCardExport.basic(t)), t)
        }
    }

    func testCSVExport() throws {
        let text = String(decoding: CSVExport.export([fullContact()]), as: UTF8.self)
        let rows = text.components(separatedBy: "\r\n")
        XCTAssertEqual(rows[0], CSVExport.columns.joined(separator: ","))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        // Read it back with the import's RFC 4180 reader: one header, one row, fields intact.
        let bytes = CSVExport.export([fullContact(), Contact(id: "2", name: "=HYPERLINK(\"x\")", created: now)])
        var records: [[String]] = []
        var reader = CSVReader(bytes, path: "out.csv")
        while let r = try reader.next() { records.append(r.fields) }
        XCTAssertEqual(records.count, 3)
        let header = records[0], row = records[1]
        func field(_ name: String) -> String { row[header.firstIndex(of: name)!] }
        XCTAssertEqual(field("name"), "Søren Østergaard-Ærbø, Jr.")
        XCTAssertEqual(field("organization"), "Øresund; Data, ApS")
        XCTAssertEqual(field("emails"), "soren@oresund.example; s.o@mail.example")
        XCTAssertEqual(field("notes"), fullContact().notes)
        XCTAssertEqual(field("phones"), "'+45 20 30 40 50", "a spreadsheet reads +45 20 … as a formula")
        XCTAssertEqual(field("chemistry"), "0")
        XCTAssertEqual(field("birthday"), "'--07-04", "--07-04 is a formula (3) to a spreadsheet")
        XCTAssertEqual(records[2][1], "'=HYPERLINK(\"x\")", "a formula is defused")
        XCTAssertEqual(CSVExport.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVExport.field(" padded"), "\" padded\"")
        XCTAssertEqual(CSVExport.field("-cmd|x"), "'-cmd|x")
        XCTAssertEqual(CSVExport.field("@cmd"), "'@cmd")
    }

    /// OWASP's CSV injection advice: a cell starting with = + - @ tab or CR gets a leading ', numbers
    /// and dates that look harmless included (`-2+3` is a formula); only a plain number stays as it is.
    func testCSVNeutralisesEveryFormulaStart() {
        for formula in ["-2+3", "+2+3", "=1+1", "@SUM(A1)", "\t=1", "\r=1", "+1 (555) 0100", "--07-04", "-", "-1-1", "-1.5.2", "-.5", "+5"] {
            let cell = CSVExport.field(formula)
            let unquoted = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
            XCTAssertTrue(unquoted.hasPrefix("'" + String(formula.prefix(1))), "\(formula.debugDescription) → \(cell.debugDescription)")
        }
        for number in ["-5", "0.1", "-0.25", "10", "0"] {
            XCTAssertEqual(CSVExport.field(number), number)
        }
        for text in ["Aino", "'=already quoted", " =1", "a=1"] {
            XCTAssertFalse(CSVExport.field(text).contains("''"), text)
        }
        // Through a whole export: the cell that was a formula reads back with its ' (and nothing else changes).
        var contact = Contact(id: "1", name: "-2+3", created: Timestamp(seconds: 0))
        contact.notes = "=cmd|' /C calc'!A0"
        let text = String(decoding: CSVExport.export([contact]), as: UTF8.self)
        assertContains(text, "\r\n1,'-2+3,")
        assertContains(text, ",'=cmd|' /C calc'!A0,")
    }
}
