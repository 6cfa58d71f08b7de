import Foundation
import XCTest
@testable import NetModel
import TestSupport
@testable import NetInterchange
@testable import Plumbing

/// The folder of hand-written import fixtures, found next to this file (no bundle resources needed).
func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

func parseFixture(_ name: String, _ format: ImportFormat = .vcard) throws -> [ImportedContact] {
    try Importer.parse(path: fixturePath(name), format: format)
}

/// One card from a fixture, by name.
func card(_ records: [ImportedContact], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> ImportedContact {
    try XCTUnwrap(records.first { $0.name == name }, "no record named \(name) in \(records.map(\.name))", file: file, line: line)
}

final class ImportVCardTests: XCTestCase {
    func testQuotedPrintableWithSoftLineBreaksAndBareParameters() throws {
        let r = try parseFixture("vcard21-quoted-printable.vcf")
        XCTAssertEqual(r.count, 1)
        let c = r[0]
        XCTAssertEqual(c.name, "Aino Järvinen")
        XCTAssertEqual(c.organization, "Pöllö Analytics Oy")
        XCTAssertEqual(c.phones, ["+358 40 123 4567"])
        XCTAssertEqual(c.emails, ["aino@example.fi"])
        XCTAssertEqual(c.notes, "Tavattiin Slushissa. Kiinnostunut yhteistyöstä ja sauna-asioista.\nToinen rivi.")
        XCTAssertEqual(c.line, 1)
    }

    func testLatin1AndWindows1252WhenDeclared() throws {
        let c = try parseFixture("vcard21-latin1.vcf")[0]
        XCTAssertEqual(c.name, "Søren Sørensen")
        XCTAssertEqual(c.organization, "Øresund Data ApS")
        XCTAssertEqual(c.notes, "“Hygge” € 100")
    }

    func testFoldedCRLFLinesIncludingAFoldInsideACharacter() throws {
        let c = try parseFixture("vcard30-folded-crlf.vcf")[0]
        XCTAssertEqual(c.name, "Søren Østergaard-Ærbø")
        XCTAssertEqual(c.notes, "Mødtes på TechBBQ 2024; følg op om vindmøller og energi i Q3. En meget lang note som skal foldes over flere linjer.")
        XCTAssertEqual(c.role, "Udviklerog konsulent", "a tab-folded line joins without the tab")
    }

    func testLFLineEndsAndByteOrderMark() throws {
        let c = try parseFixture("vcard30-lf-bom.vcf")[0]
        XCTAssertEqual(c.name, "Mette Møller")
        XCTAssertEqual(c.emails, ["mette@bolge.dk"])
    }

    func testGroupedProperties() throws {
        let c = try parseFixture("vcard30-grouped.vcf")[0]
        XCTAssertEqual(c.emails, ["kaisa@sisu.example", "kaisa.v@gmail.example"])
        XCTAssertEqual(c.urls, ["https://sisu.example/kaisa"])
        XCTAssertEqual(c.phones, ["+358 50 765 4321"])
    }

    func testEscapes() throws {
        let c = try parseFixture("vcard30-escapes.vcf")[0]
        XCTAssertEqual(c.name, "Smith, John")
        XCTAssertEqual(c.organization, "Smith; Jones & Co, Ltd")
        XCTAssertEqual(c.organizationUnits, [])
        XCTAssertEqual(c.role, "Partner, Strategy")
        XCTAssertEqual(c.notes, "Line one\nLine two, with comma; and semicolon\nLine three with backslash \\ here")
        XCTAssertEqual(c.tags, ["consulting", "strategy, M&A", "law"])
    }

    func testSeveralCardsWithLineNumbers() throws {
        let r = try parseFixture("vcard30-multiple.vcf")
        XCTAssertEqual(r.map(\.name), (1...5).map { "Person \($0)" })
        XCTAssertEqual(r.map(\.line), [1, 8, 15, 22, 29])
        XCTAssertEqual(r[2].sourceKeys, ["vcard:multi-3"])
    }

    func testNWithoutFNAndFNWithoutN() throws {
        XCTAssertEqual(try parseFixture("vcard-n-without-fn.vcf")[0].name, "Dr. Matti Juhani Nieminen PhD")
        XCTAssertEqual(try parseFixture("vcard-fn-without-n.vcf")[0].name, "王伟")
    }

    func testOrganisationUnitsTitleAndRole() throws {
        let r = try parseFixture("vcard-org-units.vcf")
        let jonas = try card(r, "Jonas Berg")
        XCTAssertEqual(jonas.organization, "Northwind Ltd")
        XCTAssertEqual(jonas.organizationUnits, ["Sales", "Nordics"])
        XCTAssertEqual(jonas.role, "Account executive", "ROLE when there is no TITLE")
        XCTAssertEqual(try card(r, "Ida Holm").role, "CTO", "TITLE wins over ROLE")
    }

    func testEmailAndPhoneTypesAndURIs() throws {
        let c = try parseFixture("vcard40-types.vcf")[0]
        XCTAssertEqual(c.emails, ["liam@granite.example", "liam.t@mail.example"])
        XCTAssertEqual(c.phones, ["+44-20-7946-0000", "+44 20 7946 0001"], "tel: URIs unwrapped, duplicates dropped")
    }

    func testCategoriesUIDBirthdayURL() throws {
        let r = try parseFixture("vcard-categories-uid-bday.vcf")
        let freja = try card(r, "Freja Hansen")
        XCTAssertEqual(freja.tags, ["investor", "venner", "slush"])
        XCTAssertEqual(freja.birthday, "1985-04-12")
        XCTAssertEqual(freja.urls, ["https://www.linkedin.com/in/freja-hansen-1234/", "https://freja.example"])
        XCTAssertEqual(freja.sourceKeys, ["vcard:urn:uuid:3f2b8c9a-1d4e-4b6f-9a0c-7e5d3c2b1a09", "linkedin:www.linkedin.com/in/freja-hansen-1234"])
        XCTAssertEqual(freja.notes, "Met at Slush 2023.")
        XCTAssertEqual(try card(r, "Anders Olsen").birthday, "--07-04")
        XCTAssertEqual(try card(r, "Trine Kjær").birthday, "1990-01-02")
    }

    func testKindOrg() throws {
        let r = try parseFixture("vcard40-kind-org.vcf")
        let aalto = try card(r, "Aalto-yliopisto")
        XCTAssertTrue(aalto.isOrganization)
        XCTAssertEqual(aalto.organization, "Aalto-yliopisto")
        let apple = try card(r, "Øresund Energi A/S")
        XCTAssertTrue(apple.isOrganization, "X-ABShowAs:COMPANY")
        XCTAssertEqual(apple.phones, ["+45 33 00 00 00"])
    }

    func testEmbeddedPhotosAreSkipped() throws {
        let r = try parseFixture("vcard-photo.vcf")
        XCTAssertEqual(r.map(\.name), ["Photo Three", "Photo Two", "Photo Four"])
        XCTAssertEqual(r.map(\.emails), [["three@example.com"], ["two@example.com"], []])
        XCTAssertEqual(r[2].phones, ["+1 555 0100"])
    }

    func testOurOwnFields() throws {
        let c = try parseFixture("vcard40-nettui-fields.vcf")[0]
        XCTAssertEqual(c.id, "4a1c7f0e-2b3d-4e5f-8a9b-0c1d2e3f4a5b")
        XCTAssertEqual(c.kinds, [.partner, .customer], "unknown kinds are dropped")
        XCTAssertEqual(c.competences, ["Swift", "ncurses, terminals"])
        XCTAssertEqual(c.needs, ["EU funding"])
        XCTAssertEqual(c.importanceNow, .one)
        XCTAssertEqual(c.importanceFuture, .ten)
        XCTAssertEqual(c.stage, .trust)
        XCTAssertEqual(c.chemistry, .ten)
        XCTAssertEqual(c.owner, "Jonas Berg")
        XCTAssertEqual(c.criteria, ["fit": .ten])
        XCTAssertEqual(c.ratingHistory, [RatingChange(date: Day(year: 2025, month: 1, day: 2)!, fromNow: .tenth, fromFuture: .tenth, toNow: .one, toFuture: .ten)])
        XCTAssertEqual(c.created, Timestamp(iso: "2024-11-05T08:00:00Z"))
        XCTAssertEqual(c.updated, Timestamp(iso: "2025-03-01T10:15:00Z"), "REV of our own card")
        XCTAssertEqual(c.sourceKeys, ["vcard:abc-123"], "our export's keys as listed; its UID is the id")
        XCTAssertEqual(c.extra, ["favouriteColour": .string("teal")])
    }

    /// Values with an escape sequence (ESC, or a C1 introducer written in UTF-8) are cleaned; others,
    /// even with other characters from U+0080 to U+00BF (the same lead byte), are left alone.
    func testEscapeSequencesAreFoundInValues() {
        for text in ["plain", "", "Grüße £5 ° ¿", "ends with a lead byte \u{A0}"] {
            XCTAssertNil(ImportText.withoutEscapeSequences(Array(text.utf8)), text)
        }
        XCTAssertNil(ImportText.withoutEscapeSequences(Array("x".utf8) + [0xC2]), "a lead byte at the very end")
        for (text, cleaned) in [("a\u{1B}[31mred", "ared"), ("£\u{9B}1mx", "£x"), ("\u{9D}0;t\u{9C}ok", "ok"), ("£°\u{90}q\u{9C}z", "£°z")] {
            XCTAssertEqual(ImportText.withoutEscapeSequences(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }, cleaned, text)
        }
    }

    /// The checks that skip eight bytes at once agree with a byte-by-byte look: every byte value
    /// in every place of a run of printable text, and random runs.
    func testWordAtATimeChecksAgreeWithBytes() {
        func check(_ bytes: [UInt8]) {
            let p = bytes.span
            let printable = bytes.prefix(8).allSatisfy { $0 >= 0x20 && $0 <= 0x7E }
            if bytes.count >= 8 { XCTAssertEqual(ImportText.printableASCII(p.word(at: 0)), printable, "\(bytes)") }
            let needs = bytes.contains { $0 < 0x20 || $0 == 0x7F } || bytes.first == 0x20 || bytes.last == 0x20
            XCTAssertEqual(ImportText.plainASCII(p), bytes.allSatisfy { $0 >= 0x20 && $0 <= 0x7E && $0 != 0x5C }, "\(bytes)")
            if bytes.allSatisfy({ $0 < 0x80 }) {
                XCTAssertEqual(ImportText.needsCleaning(p, 0..<p.count), needs, "\(bytes)")
                XCTAssertNil(ImportText.invalidUTF8(p, 0..<p.count))
            }
        }
        for text in [Array("Kaisa Virtanen, Pöllö".utf8), Array("Kaisa Virtanen, Helsinki".utf8)] {
            for at in 0..<16 {
                for b in [0x00, 0x09, 0x1F, 0x20, 0x21, 0x41, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xC3, 0xFF] as [UInt8] {
                    var bytes = text
                    bytes[at] = b
                    check(bytes)
                }
            }
        }
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 { check((0..<Int.random(in: 0...24, using: &rng)).map { _ in UInt8.random(in: 0...0x7F, using: &rng) }) }
        // Not valid UTF-8 past a run of ASCII: found at its place.
        let bad = Array("abcdefghijklmnop".utf8) + [0xC3, 0x28]
        XCTAssertEqual(ImportText.invalidUTF8(bad.span, 0..<bad.count), 16)
    }

    func testTerminalEscapeSequencesAndBidiOverridesAreRemoved() throws {
        let c = try parseFixture("vcard-escape-sequences.vcf")[0]
        XCTAssertEqual(c.name, "Evil Person")
        XCTAssertEqual(c.organization, "Acme Corp")
        XCTAssertEqual(c.role, "Boss")
        XCTAssertEqual(c.notes, "first line\nsecond line\nthird")
        XCTAssertEqual(c.emails, ["evil@example.com"])
        for text in [c.name, c.organization, c.role, c.notes] + c.emails {
            XCTAssertFalse(text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E }, text)
        }
    }

    /// A LinkedIn profile address as its source key, any case and scheme, with or without `www.` or a
    /// country host, query, fragment or trailing slash; anything else is no key.
    func testLinkedInKeys() {
        let keys: [(String, String?)] = [
            ("https://www.linkedin.com/in/freja-hansen-1234/", "linkedin:www.linkedin.com/in/freja-hansen-1234"),
            ("HTTPS://WWW.LinkedIn.COM/IN/Freja?trk=x#top", "linkedin:www.linkedin.com/in/freja"),
            ("http://fi.linkedin.com/in/matti-meikäläinen//", "linkedin:www.linkedin.com/in/matti-meikäläinen"),
            ("linkedin.com/in/ÅSA", "linkedin:www.linkedin.com/in/Åsa"),
            ("https://linkedin.com/in/", nil), ("https://linkedin.com/company/acme", nil),
            ("https://notlinkedin.com/in/x", nil), ("https://evil.example/linkedin.com/in/x", nil),
            ("https://linkedin.com.evil/in/x", nil), ("https://kedin.com/in/x", nil), ("", nil), ("https://", nil),
        ]
        for (url, key) in keys { XCTAssertEqual(ImportText.linkedInSourceKey(url), key, url) }
    }

    /// Property names are matched by their bytes, in any case, with a group or without; an
    /// unknown name (or one only canonically equal to a known one) is ignored.
    func testPropertyNamesAnyCaseAndGroup() throws {
        let text = "begin:vcard\r\nFn:Åse Berg\r\nitem1.eMaIl;type=work:ase@example.no\r\nX-NETTUI-OWNER:Ola\r\n"
            + "\u{212A}IND:org\r\nX-UNKNOWN:x\r\n.NOTE:grouped by nothing\r\nend:VCARD\r\n"
        let c = try XCTUnwrap(VCard.parse(Array(text.utf8), path: "t.vcf").first)
        XCTAssertEqual(c.name, "Åse Berg")
        XCTAssertEqual(c.emails, ["ase@example.no"])
        XCTAssertEqual(c.owner, "Ola")
        XCTAssertFalse(c.isOrganization)
        XCTAssertEqual(c.notes, "grouped by nothing")
    }

    func testCleaningRules() {
        XCTAssertEqual(ImportText.clean("a\tb\u{1}c\u{7F}d"), "a bcd")
        XCTAssertEqual(ImportText.clean("one\r\ntwo\rthree", multiline: true), "one\ntwo\nthree")
        XCTAssertEqual(ImportText.clean("one\ntwo"), "one two")
        XCTAssertEqual(ImportText.clean("x\u{1B}(By\u{1B}7z\u{1B}"), "xyz")
        XCTAssertEqual(ImportText.clean("\u{9B}1;31mred\u{9D}title\u{9C}!"), "red!")
        XCTAssertEqual(ImportText.clean("\u{2066}abc\u{2069}\u{200F}"), "abc")
        XCTAssertEqual(ImportText.clean("  padded  "), "padded")
        XCTAssertEqual(ImportText.clean("Mette 🎉 Møller"), "Mette 🎉 Møller")
    }

    func testMixedRealWorldFile() throws {
        let r = try parseFixture("vcard-mixed-realworld.vcf")
        XCTAssertEqual(r.count, 5)
        let aino = try card(r, "Aino Järvinen")
        XCTAssertEqual(aino.organization, "Pöllö Analytics Oy")
        XCTAssertEqual(aino.organizationUnits, ["Data"])
        XCTAssertEqual(aino.role, "Toimitusjohtaja")
        XCTAssertEqual(aino.emails, ["aino.jarvinen@pollo.example"])
        XCTAssertEqual(aino.phones, ["+358 40 111 2222"])
        XCTAssertEqual(aino.notes, "Tavattiin Slush 2023, kiinnostunut aiheesta AI.\nSoita ennen juhannusta!")
        XCTAssertEqual(aino.tags, ["työ", "slush"])
        XCTAssertEqual(aino.birthday, "1980-06-24")
        XCTAssertEqual(aino.sourceKeys, ["vcard:5E1A3B7C-9D2F-4A6B-8C0D-1E2F3A4B5C6D", "linkedin:www.linkedin.com/in/aino-jarvinen-1a2b3c"])
        let soren = try card(r, "Søren Sørensen")
        XCTAssertEqual(soren.emails, ["soren@oresund.example", "soren.s@mail.example"])
        let jurgen = try card(r, "Jürgen Müller")
        XCTAssertEqual(jurgen.role, "Geschäftsführer")
        XCTAssertEqual(jurgen.notes, "Grüße aus München\nZweite Zeile")
        let sakura = try card(r, "佐藤 さくら")
        XCTAssertEqual(sakura.phones, ["+81-90-1234-5678"])
        let nameless = try XCTUnwrap(r.first { $0.skipReason != nil })
        XCTAssertEqual(nameless.line, 54)
    }

    /// Values split at unescaped separators only; escapes resolved in any part; other backslashes
    /// (and one at the very end) kept as written; lists lose their empty items.
    func testComponentsSplitAtUnescapedSeparatorsOnly() {
        let cases: [(String, UInt8?, [String])] = [
            ("", nil, [""]), ("plain", nil, ["plain"]), ("a\\,b,c", 0x2C, ["a,b", "c"]), ("x;y\\;z;;", 0x3B, ["x", "y;z", "", ""]),
            ("line\\nnext\\N", nil, ["line next"]), ("keep\\q", nil, ["keep\\q"]), ("end\\", 0x2C, ["end\\"]),
            ("a\\,", 0x2C, ["a,"]), ("\\\\,", 0x2C, ["\\", ""]), ("Järvi\\;Åsa;東京", 0x3B, ["Järvi;Åsa", "東京"]),
        ]
        for (value, separator, parts) in cases {
            XCTAssertEqual(CardBuilder.components(Array(value.utf8).span, separator), parts, value)
        }
        XCTAssertEqual(CardBuilder.list(Array("a,,b\\,c,".utf8).span), ["a", "b,c"])
    }

    /// REV in either ISO 8601 form, as `Timestamp(iso:)` reads the extended one; a basic form that
    /// is no date is no timestamp.
    func testRevisionTimestampsInBothForms() {
        let t = Timestamp(iso: "2024-01-02T03:04:05Z")
        XCTAssertNotNil(t)
        for text in ["2024-01-02T03:04:05Z", "20240102T030405Z"] { XCTAssertEqual(CardBuilder.timestamp(text), t, text) }
        for text in ["2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05.250Z", "2024-01-02"] {
            XCTAssertEqual(CardBuilder.timestamp(text), Timestamp(iso: text), text)
            XCTAssertEqual(CardBuilder.isoTimestamp(text), Timestamp(iso: text), text)
        }
        for text in ["20241302T030405Z", "2024010xT030405Z", "20240102T250405Z", "", "yesterday"] {
            XCTAssertNil(CardBuilder.timestamp(text), text)
        }
    }

    func testQuotedPrintableDecoder() {
        XCTAssertEqual(VCardReader.quotedPrintable(Array("a=3Db=C3=A4=ZZ=4".utf8).span), Array("a=bä=ZZ=4".utf8))
    }

    func testFastFoldMatchesSearchTextFold() {
        for s in ["Järvinen", "SØRENSEN", "Ærø", "Groß", "Łukasz Ślęzak", "Þórunn Guðmundsdóttir", "Nguyễn Thị Hương",
                  "Γιώργος", "Ästrid  Öhman ", "王伟", "김민준", "Mette 🎉 Møller", "A\u{0308}sa"] {
            let expected = SearchText.fold(s).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            XCTAssertEqual(ImportText.foldKey(s), expected, s)
        }
    }

    /// Property names are known in any case, short ones as one number each, long ones byte by byte;
    /// a name one byte off is no property.
    func testPropertyNamesInAnyCase() {
        func named(_ text: String) -> VCardProperty { VCardProperty.named(Array(text.utf8).span) }
        for (name, property) in VCardProperty.named {
            XCTAssertEqual(named(name), property, name)
            XCTAssertEqual(named(name.lowercased()), property, name)
            XCTAssertEqual(named(name.prefix(1) + name.dropFirst().lowercased()), property, name)
            for at in name.utf8.indices {
                var bytes = Array(name.utf8)
                bytes[name.utf8.distance(from: name.utf8.startIndex, to: at)] ^= 0x01
                XCTAssertEqual(VCardProperty.named(bytes.span), .other, "\(bytes)")
            }
            XCTAssertEqual(named(name + "X"), .other, name)
        }
        XCTAssertEqual(named(""), .other)
        XCTAssertEqual(named("TÉL"), .other)
    }

    /// The table of folds the import matches names with (written out in FoldTable.swift) is
    /// `SearchText.fold` of each scalar below U+2000. Should a new Unicode version fold otherwise,
    /// the message holds the table's new text, to put in `foldExceptions`.
    func testFoldTableIsSearchTextFold() {
        var entries: [String] = []
        var same = true
        for v in 0..<0x2000 {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let fold = v < 0x80 ? String(scalar) : SearchText.fold(String(scalar))
            if ImportText.foldTable[v] != Array(fold.utf8) { same = false }
            // Compared as bytes: canonically equivalent texts are equal as `String`s.
            if Array(fold.utf8) != Array(String(scalar).utf8) {
                entries.append(String(v, radix: 16, uppercase: true) + ":"
                               + fold.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: ","))
            }
        }
        XCTAssertTrue(same, "foldExceptions should be:\n" + entries.joined(separator: " "))
        XCTAssertEqual(ImportText.foldExceptions.split(whereSeparator: \.isWhitespace).map(String.init), entries)
        XCTAssertEqual(ImportText.foldKey("ÆRØ  Ålund "), "aero alund")
    }

    /// E-mail keys are lower case (Unicode lower case beyond ASCII); texts joined in one go are
    /// what `+` gives, small or large, ASCII or not.
    func testEmailKeysAndJoinedTexts() {
        for (email, key) in [("anna@example.fi", "anna@example.fi"), ("Anna.Berg@EXAMPLE.fi", "anna.berg@example.fi"),
                             ("ÅSA@Bølge.dk", "åsa@bølge.dk"), ("", "")] {
            XCTAssertEqual(ImportText.emailKey(email), key, email)
        }
        let texts = ["", "a", "vcard:", "\u{1F}", "Jürgen Müller", "北京云科技有限公司", String(repeating: "x", count: 40)]
        for a in texts {
            for b in texts {
                XCTAssertEqual(ImportText.concat(a, b), a + b)
                XCTAssertEqual(ImportText.concat(a, "\u{1F}", b), a + "\u{1F}" + b)
            }
        }
    }
}
