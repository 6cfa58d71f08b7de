import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// Importing the same source again changes nothing — not a byte of the data file — whatever the
/// order of its records, the second time or any later time; and the first import's result does
/// not depend on the order of records that belong to separate people (docs/IMPORT.md, "Matching").
final class ImportReimportTests: XCTestCase {
    let now = Timestamp(iso: "2025-03-14T12:00:00Z")!

    /// A record of a generated source, written as a vCard, a Google Contacts row or a LinkedIn row.
    struct Card {
        var name: String
        var org = ""
        var emails: [String] = []
        var phones: [String] = []
        /// vCard `UID`; LinkedIn's profile address. Google's export has no id.
        var uid: String?
        var tags: [String] = []
        var note = ""
        /// vCard `X-NETTUI-ID` (a NetTUI export's card).
        var id: String?
    }

    static func vcard(_ cards: [Card]) -> String {
        var out = ""
        for c in cards {
            out += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:\(c.name)\r\n"
            if !c.org.isEmpty { out += "ORG:\(c.org)\r\n" }
            for e in c.emails { out += "EMAIL;TYPE=INTERNET:\(e)\r\n" }
            for p in c.phones { out += "TEL;TYPE=CELL:\(p)\r\n" }
            if let uid = c.uid { out += "UID:\(uid)\r\n" }
            if let id = c.id { out += "X-NETTUI-ID:\(id)\r\n" }
            if !c.tags.isEmpty { out += "CATEGORIES:\(c.tags.joined(separator: ","))\r\n" }
            if !c.note.isEmpty { out += "NOTE:\(c.note)\r\n" }
            out += "END:VCARD\r\n"
        }
        return out
    }

    static func csvRow(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\r\n"
    }

    static func google(_ cards: [Card]) -> String {
        var out = csvRow(["Name", "Organization Name", "E-mail 1 - Value", "E-mail 2 - Value", "E-mail 3 - Value",
                          "Phone 1 - Value", "Phone 2 - Value", "Labels", "Notes"])
        for c in cards {
            let e = c.emails + Array(repeating: "", count: max(0, 3 - c.emails.count))
            let p = c.phones + Array(repeating: "", count: max(0, 2 - c.phones.count))
            out += csvRow([c.name, c.org, e[0], e[1], e[2], p[0], p[1], c.tags.map { "* " + $0 }.joined(separator: " ::: "), c.note])
        }
        return out
    }

    static func linkedIn(_ cards: [Card]) -> String {
        var out = "Notes:\r\n\"Generated\"\r\n\r\n" + csvRow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"])
        for c in cards {
            let parts = c.name.split(separator: " ", maxSplits: 1).map(String.init)
            out += csvRow([parts[0], parts.count > 1 ? parts[1] : "", c.uid.map { "https://www.linkedin.com/in/\($0)" } ?? "",
                           c.emails.first ?? "", c.org, c.note, ""])
        }
        return out
    }

    static func source(_ cards: [Card], _ format: ImportFormat) -> String {
        switch format {
        case .vcard: return vcard(cards)
        case .google: return google(cards)
        case .linkedin: return linkedIn(cards)
        }
    }

    /// Cards that tangle: few addresses shared among many cards (in any case), repeated names, the
    /// same name + organisation, cards with and without an organisation, with and without a UID
    /// (one UID on several cards too), a few with an `X-NETTUI-ID` (one id on several cards too;
    /// vCard only), exact duplicates.
    static func tangled(seed: UInt64) -> [Card] {
        var g = SplitMix64(seed: seed)
        let names = ["Alice", "Alice Work", "Bob", "Aino Järvinen", "AINO  JARVINEN", "Matti Korhonen", "Anna Virtanen"]
        let orgs = ["", "", "Sisu Oy", "SISU OY", "Nokia"]
        let addressCount = Int.random(in: 3...12, using: &g)
        let addresses = (0..<addressCount).map { "p\($0)@example.com" } + ["P1@Example.COM"]
        let uids = (0..<Int.random(in: 2...8, using: &g)).map { "uid-\($0)" }
        var cards: [Card] = []
        for _ in 0..<Int.random(in: 10...40, using: &g) {
            if !cards.isEmpty, Int.random(in: 0..<8, using: &g) == 0 {
                cards.append(cards.randomElement(using: &g)!)
                continue
            }
            var c = Card(name: names.randomElement(using: &g)!, org: orgs.randomElement(using: &g)!)
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                let e = addresses.randomElement(using: &g)!
                if !c.emails.contains(e) { c.emails.append(e) }
            }
            if Bool.random(using: &g) { c.phones = ["+358 40 \(Int.random(in: 100...999, using: &g)) 0000"] }
            if Bool.random(using: &g) { c.uid = uids.randomElement(using: &g)! }
            if Bool.random(using: &g) { c.tags = [["friends", "work", "Friends"].randomElement(using: &g)!] }
            if Int.random(in: 0..<3, using: &g) == 0 { c.note = "note \(Int.random(in: 0..<4, using: &g))" }
            if Int.random(in: 0..<5, using: &g) == 0 { c.id = "0000-\(Int.random(in: 1...4, using: &g))" }
            cards.append(c)
        }
        return cards
    }

    func newIDs() -> () -> String {
        var n = 0
        return {
            n += 1
            return String(format: "id-%04d", n)
        }
    }

    /// Imports `cards` into an empty data file with the real command, then imports them again in
    /// the same order and in `orders - 1` shuffled ones: each re-import must add and update no one
    /// and leave the file's bytes as they were. Returns the first import's summary.
    @discardableResult
    func assertReimportChangesNothing(_ cards: [Card], _ format: ImportFormat, seed: UInt64, orders: Int = 4, after earlier: [Card] = [],
                                      file: StaticString = #filePath, line: UInt = #line) throws -> ImportSummary {
        let dir = try makeTempDir(self)
        let source = dir + "/source", data = dir + "/network.json"
        if !earlier.isEmpty {
            // A network that has contacts (sharing addresses and names) before the import.
            writeFile(source, bytes(Self.source(earlier, format)))
            _ = try Importer.run(source: source, format: format, dataFile: data, now: now, newID: newIDs())
        }
        writeFile(source, bytes(Self.source(cards, format)))
        var n = 5000
        let first = try Importer.run(source: source, format: format, dataFile: data, now: now, newID: {
            n += 1
            return "id-\(n)"
        })
        guard let saved = try Store.readBytes(data) else {
            XCTFail("the first import wrote nothing", file: file, line: line)
            return first.summary
        }
        var g = SplitMix64(seed: seed &* 31 &+ 7)
        for order in 0..<orders {
            var again = cards
            if order > 0 { again.shuffle(using: &g) }
            writeFile(source, bytes(Self.source(again, format)))
            let second = try Importer.run(source: source, format: format, dataFile: data, now: Timestamp(iso: "2025-06-01T00:00:00Z")!, newID: newIDs())
            let context = "\(format) seed \(seed) order \(order): \(second.summary.report(details: true))"
            XCTAssertEqual([second.summary.added, second.summary.updated], [0, 0], context, file: file, line: line)
            XCTAssertFalse(second.saved, context, file: file, line: line)
            // Compared as a whole (a failure would print every byte).
            XCTAssertTrue(try Store.readBytes(data) == saved, "the data file changed: " + context, file: file, line: line)
            XCTAssertTrue(NetworkCodec.encode(second.network) == NetworkCodec.encode(first.network), "the network changed: " + context,
                          file: file, line: line)
        }
        return first.summary
    }

    // MARK: - The case of issue #21

    static let alice = Card(name: "Alice", emails: ["x@example.com"])
    static let bob = Card(name: "Bob", emails: ["y@example.com"], phones: ["+358 40 123 4567"])
    static let aliceWork = Card(name: "Alice Work", emails: ["x@example.com", "y@example.com"])

    /// "Alice Work" has Alice's address and Bob's: it meets two contacts, so it is merged into
    /// neither — the first import does not copy Bob's address into Alice, nor the second Bob's phone.
    func assertAliceBobAndAliceWork(_ format: ImportFormat) throws {
        let summary = try assertReimportChangesNothing([Self.alice, Self.bob, Self.aliceWork], format, seed: 1, orders: 1)
        XCTAssertEqual([summary.added, summary.updated, summary.unchanged], [2, 0, 0])
        XCTAssertEqual(summary.skipped.count, 1)
        assertContains(summary.skipped.first?.reason ?? summary.text, "more than one contact by e-mail (Alice <x@example.com>; Bob <y@example.com>): merged into none")
        let dir = try makeTempDir(self)
        writeFile(dir + "/s", bytes(Self.source([Self.alice, Self.bob, Self.aliceWork], format)))
        let n = try Importer.run(source: dir + "/s", format: format, dataFile: dir + "/n.json", now: now, newID: newIDs()).network
        XCTAssertEqual(n.contacts.map(\.name).sorted(), ["Alice", "Bob"])
        XCTAssertEqual(n.contacts.first { $0.name == "Alice" }?.emails, ["x@example.com"])
        XCTAssertEqual(n.contacts.first { $0.name == "Alice" }?.phones, [])
        XCTAssertEqual(n.contacts.first { $0.name == "Bob" }?.phones, ["+358 40 123 4567"])
    }

    func testAliceBobAndAliceWorkVCardReimportChangesNothing() throws {
        try assertAliceBobAndAliceWork(.vcard)
    }

    func testAliceBobAndAliceWorkGoogleCSVReimportChangesNothing() throws {
        try assertAliceBobAndAliceWork(.google)
    }

    // MARK: - The property

    func testReimportInAnyOrderChangesNoByteVCard() throws {
        for seed in UInt64(1)...40 { try assertReimportChangesNothing(Self.tangled(seed: seed), .vcard, seed: seed) }
    }

    func testReimportInAnyOrderChangesNoByteGoogleCSV() throws {
        for seed in UInt64(101)...140 { try assertReimportChangesNothing(Self.tangled(seed: seed), .google, seed: seed) }
    }

    func testReimportInAnyOrderChangesNoByteLinkedIn() throws {
        for seed in UInt64(201)...240 { try assertReimportChangesNothing(Self.tangled(seed: seed), .linkedin, seed: seed) }
    }

    /// The same into a network that has contacts already, made by an import of other tangled cards.
    func testReimportIntoANetworkWithContactsChangesNoByte() throws {
        for seed in UInt64(501)...530 {
            for format in [ImportFormat.vcard, .google] {
                try assertReimportChangesNothing(Self.tangled(seed: seed), format, seed: seed, after: Self.tangled(seed: seed + 1000))
            }
        }
    }

    /// A large vCard file is read and merged in pieces (`mergeInPieces`): the same contacts, and
    /// the same records skipped, as when it is read whole.
    func testMergingInPiecesSettlesAsTheWholeDoes() throws {
        for seed in UInt64(301)...320 {
            let raw = bytes(Self.vcard(Self.tangled(seed: seed)))
            var whole = Importer.merger(try Importer.parse(raw, path: "s", format: .vcard), into: Network(), now: now, newID: newIDs())
            let inPieces = Importer.mergeInPieces(raw, path: "s", network: { Network() }, now: now, newID: newIDs(), minimumBytes: 0)
            guard var pieces = inPieces?.merger else { return XCTFail("not read in pieces") }
            XCTAssertEqual(pieces.summary.skipped.map(\.line), whole.summary.skipped.map(\.line), "seed \(seed)")
            XCTAssertEqual(pieces.summary.skipped.map(\.reason), whole.summary.skipped.map(\.reason), "seed \(seed)")
            XCTAssertEqual(pieces.takeContacts(), whole.takeContacts(), "seed \(seed)")
        }
    }

    // MARK: - What the first import guarantees about order

    /// Separate people — no address, UID or name shared between two of them — each with several
    /// cards carrying the person's name + organisation and any part of its addresses, phones, UID
    /// and tags: every order of the cards gives the same contacts (ids aside), one per person.
    func testFirstImportOfSeparatePeopleDoesNotDependOnOrder() throws {
        struct Shape: Hashable {
            var name, org: String
            var emails, phones, keys, tags: [String]
        }
        let names = ["Aino Järvinen", "Matti Korhonen", "Anna Virtanen", "Bob Berg", "Kaisa Laine", "Jonas Berg", "Li Wei"]
        for seed in UInt64(401)...420 {
            var g = SplitMix64(seed: seed)
            var cards: [Card] = []
            for (p, name) in names.enumerated() {
                let org = ["", "Sisu Oy", "Nokia"].randomElement(using: &g)!
                let emails = (0..<Int.random(in: 0...3, using: &g)).map { "person\(p).\($0)@example.com" }
                let uid: String? = Bool.random(using: &g) ? "uid-\(p)" : nil
                for _ in 0..<Int.random(in: 1...4, using: &g) {
                    var c = Card(name: name, org: org)
                    c.emails = emails.filter { _ in Bool.random(using: &g) }
                    c.uid = Bool.random(using: &g) ? uid : nil
                    if Bool.random(using: &g) { c.phones = ["+358 40 \(p)\(Int.random(in: 10...11, using: &g)) 0000"] }
                    if Bool.random(using: &g) { c.tags = [["friends", "work"].randomElement(using: &g)!] }
                    cards.append(c)
                }
            }
            var results: Set<[Shape]> = []
            for _ in 0..<5 {
                cards.shuffle(using: &g)
                let records = try Importer.parse(bytes(Self.vcard(cards)), path: "s", format: .vcard)
                var m = Importer.merger(records, into: Network(), now: now, newID: newIDs())
                XCTAssertEqual(m.summary.skipped.count, 0, m.summary.text)
                let contacts = m.takeContacts()
                XCTAssertEqual(contacts.count, names.count, "seed \(seed): one contact per person")
                results.insert(contacts.map {
                    Shape(name: $0.name, org: $0.organization, emails: $0.emails.sorted(), phones: $0.phones.sorted(),
                          keys: $0.sourceKeys.sorted(), tags: $0.tags.sorted())
                }.sorted { $0.name < $1.name })
            }
            XCTAssertEqual(results.count, 1, "seed \(seed): \(results)")
        }
    }

    // MARK: - The parts of the rule, one by one

    func record(_ name: String, line: Int = 1, _ configure: (inout ImportedContact) -> Void = { _ in }) -> ImportedContact {
        var r = ImportedContact(line: line)
        r.name = name
        configure(&r)
        return r
    }

    func contact(_ id: String, _ name: String, _ email: String) -> Contact {
        var c = Contact(id: id, name: name, created: now)
        c.emails = [email]
        return c
    }

    /// Merges `records` into `network`, then again into the result: the second merge must change nothing.
    func assertStable(_ records: [ImportedContact], into network: Network = Network(), file: StaticString = #filePath,
                      line: UInt = #line) -> (network: Network, summary: ImportSummary) {
        var m = Importer.merger(records, into: network, now: now, newID: newIDs())
        var after = network
        after.contacts = m.takeContacts()
        let again = Importer.merge(records, into: after, now: now, newID: newIDs())
        XCTAssertEqual(again.changes, [], again.summary.report(details: true), file: file, line: line)
        return (after, m.summary)
    }

    /// A card without an organisation meets every contact of its name: one whose organisation a
    /// later card filled is still the same person to it (it met "john|" and the contact became
    /// "john|acme", and the re-import added the card as a new contact).
    func testACardWithoutOrganisationStillMeetsItsContactOnceTheOrganisationIsFilled() {
        let records = [
            record("John", line: 1) { $0.phones = ["+358 40 1"] },
            record("John", line: 2) { $0.emails = ["john@example.com"] },
            record("John", line: 3) {
                $0.organization = "Acme"
                $0.emails = ["john@example.com"]
            },
        ]
        let (n, summary) = assertStable(records)
        XCTAssertEqual(n.contacts.count, 1)
        XCTAssertEqual(n.contacts.first?.organization, "Acme")
        XCTAssertEqual([summary.added, summary.updated], [1, 2])
    }

    /// A card skipped as ambiguous is judged again once every card is in: a later card may have
    /// given its UID to one contact, which a re-import would otherwise merge it into.
    func testASkippedCardIsJudgedAgainOnceTheOthersAreIn() {
        var base = Network()
        base.contacts = [contact("a", "Alice", "x@example.com"),
                         contact("b", "Bob", "y@example.com")]
        let records = [
            record("Alice Work", line: 1) {
                $0.emails = ["x@example.com", "y@example.com"]
                $0.sourceKeys = ["vcard:u"]
            },
            record("Quentin", line: 9) {
                $0.emails = ["z@example.com"]
                $0.sourceKeys = ["vcard:u"]
            },
        ]
        let (n, summary) = assertStable(records, into: base)
        XCTAssertEqual(n.contacts.count, 3)
        XCTAssertEqual(n.contacts.first { $0.name == "Quentin" }?.emails, ["z@example.com", "x@example.com", "y@example.com"])
        XCTAssertEqual(summary.skipped.count, 0, summary.text)
        XCTAssertEqual([summary.added, summary.updated], [1, 1])
        XCTAssertEqual(summary.entries.map(\.line), [1, 9], "the records in source order")
    }

    /// A record with an id of its own that meets a contact by e-mail: its id is not given to a
    /// later record of the import, which a re-import would then meet first by that id.
    func testARecordsOwnIdIsNotGivenToAnotherContactOnceItMetOne() {
        var base = Network()
        base.contacts = [contact("k", "Kaisa", "kaisa@example.com")]
        let records = [
            record("Kaisa V.", line: 1) {
                $0.id = "q"
                $0.emails = ["kaisa@example.com"]
                $0.phones = ["+358 40 1"]
            },
            record("Quentin", line: 9) {
                $0.id = "q"
                $0.emails = ["quentin@example.com"]
            },
        ]
        let (n, _) = assertStable(records, into: base)
        XCTAssertEqual(n.contacts.count, 2)
        XCTAssertFalse(n.contacts.contains { $0.id == "q" })
    }

    /// One address of two contacts (already in the network): a card with it is merged into neither.
    func testAnAddressOfTwoContactsMergesIntoNeither() {
        var base = Network()
        base.contacts = [contact("a", "Anna Virtanen", "office@example.com"),
                         contact("b", "Anna Virtanen", "office@example.com")]
        let (n, summary) = assertStable([record("Anna Virtanen") {
            $0.emails = ["office@example.com"]
            $0.phones = ["+358 40 1"]
        }], into: base)
        XCTAssertEqual(n.contacts.map(\.phones), [[], []])
        XCTAssertEqual(summary.skipped.count, 1)
    }
}
