import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

final class ImportMergeTests: XCTestCase {
    let now = Timestamp(iso: "2025-03-14T12:00:00Z")!

    func ids() -> () -> String {
        var n = 0
        return {
            n += 1
            return "new-\(n)"
        }
    }

    func record(_ name: String, line: Int = 1, _ configure: (inout ImportedContact) -> Void = { _ in }) -> ImportedContact {
        var r = ImportedContact(line: line)
        r.name = name
        configure(&r)
        return r
    }

    func contact(_ id: String, _ name: String, _ configure: (inout Contact) -> Void = { _ in }) -> Contact {
        var c = Contact(id: id, name: name, created: Timestamp(iso: "2024-01-01T00:00:00Z")!)
        configure(&c)
        return c
    }

    func network(_ contacts: Contact...) -> Network {
        var n = Network()
        n.contacts = contacts
        return n
    }

    func merged(_ records: [ImportedContact], into n: Network) -> (network: Network, changes: [Change], summary: ImportSummary) {
        let (changes, summary) = Importer.merge(records, into: n, now: now, newID: ids())
        var out = n
        out.apply(changes)
        return (out, changes, summary)
    }

    /// The import command takes the merged contacts (`Merger.takeContacts`) instead of applying
    /// changes: they must be what applying the changes gives, with contacts updated, added (ids out
    /// of order, one given by the record) and untouched, and with the network's list out of id order.
    func testTakingTheContactsIsApplyingTheChanges() {
        let demo = Demo.network(today: testToday)
        var records = demo.contacts.prefix(30).enumerated().map { k, c in
            record(c.name, line: k + 1) { r in
                r.organization = c.organization
                r.emails = c.emails
                if k % 3 == 0 { r.notes = "imported note \(k)" }
                if k % 4 == 0 { r.tags = ["imported"] }
            }
        }
        records += (0..<40).map { k in record("Uusi Henkilö \(k)", line: 100 + k) { $0.emails = ["uusi\(k)@example.fi"] } }
        records.append(record("Given Id") { $0.id = "0000-given" })
        var shuffled = demo
        var r = SplitMix64(seed: 9)
        shuffled.contacts.shuffle(using: &r)
        for base in [demo, shuffled, Network()] {
            var byTaking = Importer.merger(records, into: base, now: now, newID: ids())
            var byApplying = Importer.merger(records, into: base, now: now, newID: ids())
            var applied = base
            applied.apply(byApplying.takeChanges())
            XCTAssertEqual(byTaking.takeContacts(), applied.contacts)
            XCTAssertGreaterThan(byTaking.summary.updated, base.contacts.isEmpty ? -1 : 0)
        }
    }

    func testAddsNewContactsWithImportedFieldsAndSourceKeys() throws {
        let r = record("Aino Järvinen", line: 7) {
            $0.organization = "Pöllö"
            $0.emails = ["aino@pollo.example"]
            $0.sourceKeys = ["vcard:A1"]
            $0.urls = ["https://pollo.example"]
            $0.birthday = "1980-06-24"
            $0.created = Timestamp(iso: "2020-05-01T00:00:00Z")
        }
        let (n, changes, summary) = merged([r], into: Network())
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(summary.entries, [.init(line: 7, name: "Aino Järvinen", action: .added)])
        XCTAssertEqual(changes.count, 1)
        let c = try XCTUnwrap(n.contacts.first)
        XCTAssertEqual(c.id, "new-1")
        XCTAssertEqual(c.sourceKeys, ["vcard:A1"])
        XCTAssertEqual(c.urls, ["https://pollo.example"])
        XCTAssertEqual(c.birthday, "1980-06-24")
        XCTAssertEqual(c.created, Timestamp(iso: "2020-05-01T00:00:00Z"))
        XCTAssertEqual(c.updated, now)
        XCTAssertEqual(c.importanceNow, .tenth)
        XCTAssertEqual(c.stage, .interest)
    }

    func testRecordsKeysReplaceAnOddValueKeptUnderTheSameKey() {
        // A file edited by hand left a text where the list of source keys goes: the record's keys
        // become the list, and the text is not kept beside it.
        let odd = contact("o", "Odd Person") { $0.extra = ["sourceKeys": .string("x"), "urls": .array([])] }
        let r = record("Odd Person") {
            $0.sourceKeys = ["vcard:UID-9"]
            $0.urls = ["https://odd.example"]
        }
        let (changes, summary) = Importer.merge([r], into: network(odd), now: now, newID: ids())
        XCTAssertEqual(summary.updated, 1)
        guard case .contact(_, let after?)? = changes.first else { return XCTFail("no change") }
        XCTAssertEqual(after.sourceKeys, ["vcard:UID-9"])
        XCTAssertEqual(after.urls, ["https://odd.example"])
        XCTAssertEqual(after.extra, [:])
        XCTAssertEqual(summary.entries.first?.action, .updated(fields: ["sourceKeys", "urls"]))
    }

    func testSourceKeyBeatsEmailBeatsNameAndOrganisation() {
        let byKey = contact("k", "Keyed Person") { $0.sourceKeys = ["vcard:UID-1"] }
        let byEmail = contact("e", "Emailed Person") { $0.emails = ["Shared@Example.com"] }
        let byName = contact("n", "Aino  Järvinen") { $0.organization = "Pöllö Oy" }
        let n = network(byKey, byEmail, byName)
        // The record carries all three: the key decides.
        let all = record("Aino Jarvinen") {
            $0.organization = "POLLO OY"
            $0.emails = ["shared@example.com"]
            $0.sourceKeys = ["vcard:UID-1"]
            $0.role = "CEO"
        }
        var result = merged([all], into: n).network
        XCTAssertEqual(result.contact(id: "k")?.role, "CEO")
        XCTAssertEqual(result.contact(id: "k")?.emails, ["shared@example.com"])
        // Without the key, the e-mail (in any case) decides.
        var noKey = all
        noKey.sourceKeys = []
        result = merged([noKey], into: n).network
        XCTAssertEqual(result.contact(id: "e")?.role, "CEO")
        XCTAssertEqual(result.contact(id: "e")?.emails, ["Shared@Example.com"], "no second copy of the same address")
        // Without key and e-mail: name + organisation, folded (case, accents, spacing).
        var nameOnly = noKey
        nameOnly.emails = []
        result = merged([nameOnly], into: n).network
        XCTAssertEqual(result.contact(id: "n")?.role, "CEO")
        XCTAssertEqual(result.contacts.count, 3)
        // Same name, other organisation: a new contact.
        var otherOrg = nameOnly
        otherOrg.organization = "Sisu Oy"
        result = merged([otherOrg], into: n).network
        XCTAssertEqual(result.contacts.count, 4)
    }

    func testOurIdMatchesFirst() {
        let n = network(contact("abc", "Renamed Here"))
        let r = record("Old Name") {
            $0.id = "abc"
            $0.owner = "Jonas"
        }
        let result = merged([r], into: n).network
        XCTAssertEqual(result.contacts.count, 1)
        XCTAssertEqual(result.contacts[0].name, "Renamed Here")
        XCTAssertEqual(result.contacts[0].owner, "Jonas")
    }

    func testDifferentLinkedInProfilesAreDifferentPeople() {
        let existing = contact("x", "Matti Korhonen") {
            $0.organization = "Sisu Labs"
            $0.emails = ["matti.korhonen@sisu.example"]
            $0.sourceKeys = ["linkedin:www.linkedin.com/in/matti-1"]
        }
        let other = record("Matti Korhonen") {
            $0.organization = "Sisu Labs"
            $0.emails = ["matti.korhonen@sisu.example"]
            $0.sourceKeys = ["linkedin:www.linkedin.com/in/matti-2"]
        }
        XCTAssertEqual(merged([other], into: network(existing)).summary.added, 1)
    }

    /// Two records of one import with NetTUI ids of their own are two contacts, even with the same
    /// e-mail and the same name and organisation (an export read into an empty network keeps every
    /// contact); a record with an id not in the network still merges into a contact that was there.
    func testRecordsWithTheirOwnIdsAreDifferentPeople() {
        func twin(_ id: String) -> ImportedContact {
            record("Anna Virtanen") {
                $0.id = id
                $0.organization = "Nokia"
                $0.emails = ["anna.virtanen@nokia.example"]
            }
        }
        let both = merged([twin("a-1"), twin("a-2"), record("Anna Virtanen") { $0.organization = "Nokia" }], into: Network())
        XCTAssertEqual(both.network.contacts.map(\.id), ["a-1", "a-2"])
        XCTAssertEqual([both.summary.added, both.summary.skipped.count], [2, 1], "a record without an id meets both: merged into neither")
        let existing = contact("x", "Anna Virtanen") {
            $0.organization = "Nokia"
            $0.emails = ["anna.virtanen@nokia.example"]
        }
        let into = merged([twin("a-1")], into: self.network(existing))
        XCTAssertEqual(into.network.contacts.map(\.id), ["x"])
        XCTAssertEqual(into.summary.added, 0)
    }

    func testUserDataIsNeverErased() throws {
        let mine = contact("m", "Kaisa Virtanen") {
            $0.organization = "Sisu Systems"
            $0.role = "CTO"
            $0.emails = ["kaisa@sisu.example"]
            $0.phones = ["+358 50 765 4321"]
            $0.tags = ["Partner"]
            $0.notes = "My own notes"
            $0.importanceNow = .ten
            $0.stage = .commitment
            $0.chemistry = .one
            $0.owner = "Me"
        }
        let incoming = record("K. Virtanen") {
            $0.organization = ""
            $0.role = "Chief Technology Officer"
            $0.emails = ["KAISA@sisu.example", "kaisa.v@gmail.example"]
            $0.phones = ["+358 (50) 765-4321", "+358 40 000 0000"]
            $0.tags = ["partner", "slush"]
            $0.notes = ""
            $0.importanceNow = .zero
            $0.stage = .interest
            $0.chemistry = .zero
            $0.owner = ""
            $0.birthday = "1985-04-12"
        }
        let (n, changes, summary) = merged([incoming], into: network(mine))
        XCTAssertEqual(summary.updated, 1)
        guard case .updated(let fields) = summary.entries.first?.action else { return XCTFail("not updated") }
        XCTAssertEqual(fields, ["emails", "phones", "tags", "birthday"])
        let c = try XCTUnwrap(n.contacts.first)
        XCTAssertEqual(c.name, "Kaisa Virtanen")
        XCTAssertEqual(c.organization, "Sisu Systems")
        XCTAssertEqual(c.role, "CTO")
        XCTAssertEqual(c.emails, ["kaisa@sisu.example", "kaisa.v@gmail.example"])
        XCTAssertEqual(c.phones, ["+358 50 765 4321", "+358 40 000 0000"])
        XCTAssertEqual(c.tags, ["Partner", "slush"])
        XCTAssertEqual(c.notes, "My own notes")
        XCTAssertEqual(c.importanceNow, .ten)
        XCTAssertEqual(c.stage, .commitment)
        XCTAssertEqual(c.chemistry, .one)
        XCTAssertEqual(c.owner, "Me")
        XCTAssertEqual(c.updated, now)
        // One change, which undoes exactly.
        XCTAssertEqual(changes.count, 1)
        var undone = n
        undone.apply(changes.map(\.inverted).reversed())
        XCTAssertEqual(undone, network(mine))
    }

    func testEmptyFieldsAreFilledAndCreatedMovesEarlier() throws {
        let mine = contact("m", "Ida Holm")
        let r = record("Ida Holm") {
            $0.organization = "Harbour"
            $0.role = "CTO"
            $0.notes = "From LinkedIn"
            $0.importanceFuture = .one
            $0.created = Timestamp(iso: "2019-01-01T00:00:00Z")
        }
        // Name + organisation cannot match while our contact has no organisation; the e-mail can.
        var withEmail = r
        withEmail.emails = ["ida@harbour.example"]
        var n = network(mine)
        n.contacts[0].emails = ["ida@harbour.example"]
        let c = try XCTUnwrap(merged([withEmail], into: n).network.contacts.first)
        XCTAssertEqual(c.organization, "Harbour")
        XCTAssertEqual(c.role, "CTO")
        XCTAssertEqual(c.notes, "From LinkedIn")
        XCTAssertEqual(c.importanceFuture, .one)
        XCTAssertEqual(c.created, Timestamp(iso: "2019-01-01T00:00:00Z"))
    }

    func testReimportChangesNothing() throws {
        for (file, format) in [("vcard-mixed-realworld.vcf", ImportFormat.vcard), ("linkedin-connections.csv", .linkedin),
                               ("google-contacts.csv", .google), ("vcard40-nettui-fields.vcf", .vcard)] {
            let records = try parseFixture(file, format)
            let first = merged(records, into: Network())
            XCTAssertGreaterThan(first.summary.added, 0, file)
            let second = merged(records, into: first.network)
            XCTAssertEqual(second.changes, [], file)
            XCTAssertEqual(second.summary.added + second.summary.updated, 0, file)
            XCTAssertEqual(second.summary.unchanged, first.summary.added + first.summary.updated + first.summary.unchanged, file)
            XCTAssertEqual(second.summary.skipped.count, first.summary.skipped.count, file)
        }
    }

    /// The quick look a re-import takes (`Merger.addsNothing`) says "nothing to change" only where
    /// the merge changes no field, and says it for a record of the values its contact has.
    func testAddsNothingOnlyWhereTheMergeChangesNothing() {
        var rng = SplitMix64(seed: 5)
        func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &rng)] }
        let texts = ["", "Ada", "ada"], lists: [[String]] = [[], ["x"], ["x", "y"], ["X"], [""]]
        let early = Timestamp(iso: "2020-01-01T00:00:00Z")!, late = Timestamp(iso: "2026-01-01T00:00:00Z")!
        let change = RatingChange(date: Day(iso: "2025-01-01")!, fromNow: .tenth, fromFuture: .tenth, toNow: .one, toFuture: .one)
        var sure = 0
        for _ in 0..<4000 {
            let c = contact("c", pick(["Ada", ""])) { c in
                (c.organization, c.role, c.notes, c.owner) = (pick(texts), pick(texts), pick(texts), pick(texts))
                (c.emails, c.phones, c.tags, c.competences) = (pick(lists), pick(lists), pick(lists), pick(lists))
                (c.needs, c.sourceKeys, c.urls) = (pick(lists), pick(lists), pick(lists))
                c.kinds = pick([[], [.customer], [.customer, .peer]])
                (c.importanceNow, c.importanceFuture) = (pick([.tenth, .one]), pick([.tenth, .ten]))
                (c.stage, c.chemistry) = (pick([.interest, .trust]), pick([nil, .one]))
                (c.ratingHistory, c.criteria) = (pick([[], [change]]), pick([[:], ["q": .one]]))
                c.created = pick([early, late])
                for key in [ImportKeys.birthday, ImportKeys.organizationUnits, ImportKeys.isOrganization] where pick([false, true]) {
                    c.extra[key] = .bool(true)
                }
            }
            // Each of the record's values is none, the contact's, or another: most records change little.
            func like<T>(_ none: T, _ mine: T, _ others: [T]) -> T { pick([none, mine, mine, pick(others)]) }
            let r = record(like("", c.name, ["Ada"])) { r in
                (r.organization, r.role) = (like("", c.organization, texts), like("", c.role, texts))
                (r.notes, r.owner) = (like("", c.notes, texts), like("", c.owner, texts))
                (r.emails, r.phones) = (like([], c.emails, lists), like([], c.phones, lists))
                (r.tags, r.competences) = (like([], c.tags, lists), like([], c.competences, lists))
                (r.needs, r.sourceKeys, r.urls) = (like([], c.needs, lists), like([], c.sourceKeys, lists), like([], c.urls, lists))
                r.kinds = like([], c.kinds, [[.customer], [.peer]])
                (r.importanceNow, r.importanceFuture) = (like(nil, c.importanceNow, [.tenth, .one]), like(nil, c.importanceFuture, [.tenth, .ten]))
                (r.stage, r.chemistry) = (like(nil, c.stage, [.interest, .commitment]), like(nil, c.chemistry, [.one]))
                (r.ratingHistory, r.criteria) = (like([], c.ratingHistory, [[change]]), like([:], c.criteria, [["q": .ten], ["w": .one]]))
                (r.created, r.birthday) = (like(nil, c.created, [early, late]), like("", "", ["1990-05-01"]))
                (r.organizationUnits, r.isOrganization) = (like([], [], [["Lab"]]), like(false, false, [true]))
                if pick([false, false, false, true]) { r.extra = ["x": .bool(true)] }
            }
            guard [c].withLent(0, { Merger.addsNothing(r, to: $0) }) else { continue }
            sure += 1
            XCTAssertEqual(Merger.merged(c, r).1, [], "\(r) into \(c)")
        }
        XCTAssertGreaterThan(sure, 20, "some records are seen at a look to change nothing")
        let full = contact("f", "Ada Lovelace") { c in
            (c.organization, c.emails, c.phones, c.tags, c.sourceKeys) = ("Engines", ["ada@example.com"], ["+44 1"], ["math"], ["vcard:1"])
        }
        let same = record("Ada Lovelace") { r in
            (r.organization, r.emails, r.phones, r.tags, r.sourceKeys) = ("Engines", ["ada@example.com"], ["+44 1"], ["math"], ["vcard:1"])
            r.created = full.created
        }
        XCTAssertTrue([full].withLent(0) { Merger.addsNothing(same, to: $0) })
    }

    func testDuplicatesInsideOneFileMergeIntoOneContact() throws {
        let a = record("Person A", line: 1) { $0.emails = ["a@example.com"]; $0.tags = ["one"] }
        let b = record("Person A.", line: 9) { $0.emails = ["A@example.com"]; $0.tags = ["two"] }
        let (n, changes, summary) = merged([a, b], into: Network())
        XCTAssertEqual(n.contacts.count, 1)
        XCTAssertEqual(n.contacts[0].tags, ["one", "two"])
        XCTAssertEqual(changes.count, 1, "one change per contact, even when two records touched it")
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(summary.updated, 1)
    }

    func testVCardThenLinkedInMergesTheSamePeople() throws {
        let vcard = merged(try parseFixture("vcard-mixed-realworld.vcf"), into: Network())
        let both = merged(try parseFixture("linkedin-connections.csv", .linkedin), into: vcard.network)
        // Aino is in both (by her LinkedIn URL in the vCard): updated, not added.
        let ainos = both.network.contacts.filter { $0.name == "Aino Järvinen" }
        XCTAssertEqual(ainos.count, 1)
        XCTAssertEqual(ainos[0].created, Timestamp(iso: "2024-10-09T00:00:00Z"))
        XCTAssertEqual(both.summary.updated, 1)
        XCTAssertEqual(both.summary.added, 3)
    }

    func testSkippedRecordsAreCountedWithLineAndReason() throws {
        var bad = ImportedContact(line: 12)
        bad.skipReason = "no name"
        let summary = merged([bad, record("", line: 20), record("Fine", line: 30)], into: Network()).summary
        XCTAssertEqual(summary.added, 1)
        XCTAssertEqual(summary.skipped.map(\.line), [12, 20])
        assertContains(summary.text, "line 12: no name")
        XCTAssertTrue(summary.text.hasPrefix("Imported: 1 added, 0 updated, 0 unchanged, 2 skipped"), summary.text)
        let dry = summary.report(details: true, dryRun: true)
        assertContains(dry, "Would add:\n  line 30: Fine")
    }

    func testNewIDsDoNotCollideWithExistingIds() {
        var n = network(contact("new-1", "Existing"))
        n.networks = [NetworkGroup(id: "new-2", name: "Club", created: now)]
        let (changes, _) = Importer.merge([record("A") { $0.id = "new-1" }, record("B")], into: n, now: now, newID: ids())
        let added = changes.compactMap { if case .contact(nil, let a?) = $0 { return a.id } else { return nil } }
        XCTAssertEqual(added, ["new-3"], "A matched the existing id; B got the first free new id")
        // Into a new file, made ids are not looked up; a record that gives one of them still matches it.
        let fresh = merged([record("A"), record("B") { $0.id = "new-1"; $0.role = "Boss" }, record("C")], into: Network())
        XCTAssertEqual(fresh.network.contacts.map(\.id), ["new-1", "new-2"])
        XCTAssertEqual(fresh.network.contacts.map(\.role), ["Boss", ""])
    }

    func testUUIDGeneratorMakesVersion7IDsInOrder() {
        // 2026-12-05T10:28:28Z is 1,796,466,508,000 ms: 0x01a2_45bf_80e0.
        let now = Timestamp(seconds: 1_796_466_508)
        let next = Importer.uuidGenerator(now: now)
        var previous = ""
        for _ in 0..<2000 {
            let id = next()
            XCTAssertTrue(VCardExport.isUUID(id), id)
            XCTAssertTrue(id.hasPrefix("01a245bf-80e0-7"), id)
            XCTAssertTrue("89ab".utf8.contains(Array(id.utf8)[19]), id)
            XCTAssertEqual(id, id.lowercased())
            XCTAssertLessThan(previous, id, "each id after the one before, as the data file orders them")
            previous = id
        }
        XCTAssertNotEqual(Importer.uuidGenerator(now: now)().suffix(12), Importer.uuidGenerator(now: now)().suffix(12),
                          "two imports in the same second start at random places")
    }

    func testVersion7SequenceMovesOnAMillisecondWhenItsBitsRunOut() {
        var ids = Version7Sequence(now: Timestamp(seconds: 1), generator: SplitMix(seed: 7, stream: 1))
        XCTAssertTrue(ids.next().text.hasPrefix("00000000-03e8-7"), "1 s is 1000 ms")
        (ids.a, ids.b) = (0xFFF, 0x3FFF_FFFF_FFFF_FFFF)
        let last = ids.next()
        XCTAssertTrue(last.text.hasPrefix("00000000-03e9-7"), last.text)
        XCTAssertLessThan(CompactID(version7: 1000, 0xFFF, 0x3FFF_FFFF_FFFF_FFFF), last)
        XCTAssertEqual(CompactID(version7: 0x01a2_45bf_80e0, 0xFFF, 0x3FFF_FFFF_FFFF_FFFF).text, "01a245bf-80e0-7fff-bfff-ffffffffffff")
        XCTAssertEqual(CompactID(version7: 1, 0, 0).text, "00000000-0001-7000-8000-000000000000")
    }

    func testFastApplyEqualsApplyingOneByOne() {
        var base = Network()
        base.contacts = ["b", "d", "f"].map { contact($0, $0.uppercased()) }
        let changes: [Change] = [
            .contact(before: nil, after: contact("e", "E")),
            .contact(before: base.contacts[1], after: contact("d", "D2")),
            .contact(before: nil, after: contact("a", "A")),
            .contact(before: base.contacts[2], after: nil),
        ]
        // Past 32 changes the step goes through the map-and-sort path; one by one is the reference.
        let many = changes + (0..<40).map { Change.contact(before: nil, after: contact("z\($0)", "Z\($0)")) }
        var slow = base
        for c in many { slow.apply(c) }
        slow.contacts.sort { $0.id < $1.id }
        var fast = base
        fast.apply(many)
        XCTAssertEqual(fast, slow)
        XCTAssertEqual(fast.contacts.map(\.id), fast.contacts.map(\.id).sorted(), "the batch keeps id order")
    }
}
