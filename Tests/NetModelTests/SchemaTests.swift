import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// A contact's fields are one table (`ContactFields`) that every codec reads, and one table of
/// merge rules (`ContactMergeRules`): a field cannot be half-added. A new stored property of
/// `Contact` fails here until it has its entry in the codec table, a value in `populated`, and a
/// merge rule (or a place in `notMerged`); its entry fails here unless both codecs write and read
/// it alike.
final class SchemaTests: XCTestCase {
    /// Properties that are not fields of their own: the unknown keys, and the decision's unknown keys
    /// (written inside `decision`).
    static let carried: Set<String> = ["extra", "decisionExtra"]

    static let created = Timestamp(iso: "2024-02-03T04:05:06Z")!

    /// A contact with every stored property set to something other than its default.
    static let populated: Contact = {
        var c = Contact(id: "c-full", name: "Ada Lovelace", created: created)
        c.updated = Timestamp(iso: "2025-06-07T08:09:10Z")!
        (c.organization, c.role, c.notes, c.owner) = ("Engines", "Analyst", "Notes\nwith \"quotes\"", "Charles")
        (c.emails, c.phones, c.tags) = (["ada@example.com"], ["+44 1"], ["math", "poetry"])
        (c.competences, c.needs, c.kinds) = (["programming"], ["funding"], [.partner, .peer])
        (c.importanceNow, c.importanceFuture, c.stage, c.chemistry) = (.ten, .one, .commitment, .zero)
        c.criteria = ["q": .one, "w": .ten]
        var change = RatingChange(date: Day(iso: "2025-01-02")!, fromNow: .tenth, fromFuture: .one, toNow: .ten, toFuture: .zero)
        change.extra = ["why": .string("met")]
        c.ratingHistory = [change]
        (c.sourceKeys, c.urls) = (["vcard:1"], ["https://example.com/ada"])
        c.decision = .windDown(by: Day(iso: "2026-01-01")!, handover: "to Mary", on: Day(iso: "2025-03-04")!)
        c.decisionExtra = ["note": .string("kept")]
        c.extra = ["zUnknown": .array([.number(1), .string("two")])]
        return c
    }()

    /// A network with every stored property set to something other than its default.
    static let populatedGroup: NetworkGroup = {
        var g = NetworkGroup(id: "n-full", name: "Guild", created: created)
        g.updated = Timestamp(iso: "2025-06-07T08:09:10Z")!
        (g.kind, g.purposes, g.members, g.hoursPerMonth, g.costPerYear) = ("club", [.funding, .influence], ["c-full"], 2.5, 120)
        (g.yield, g.bestBefore, g.fair, g.ambitionFit, g.notes) = (.ten, Day(iso: "2026-01-01")!, false, false, "notes")
        g.lastActivity = Day(iso: "2025-05-05")!
        g.decision = .keep(reason: "useful", on: Day(iso: "2025-03-04")!)
        g.decisionExtra = ["note": .string("kept")]
        g.extra = ["zUnknown": .bool(true)]
        return g
    }()

    static let populatedEvent: Event = {
        var e = Event(id: "e-full", name: "Meetup", date: Day(iso: "2025-04-05")!)
        (e.network, e.location, e.attendees, e.notes) = ("n-full", "Hall", ["c-full"], "notes")
        e.extra = ["zUnknown": .bool(true)]
        return e
    }()

    /// Every stored property of `value` is a field of `schema` (or carried by one), every field is
    /// a stored property, and `value` sets each property away from its default (in `blank`), so
    /// that a round trip of it checks every field.
    func checkFields<E>(_ schema: Schema<E>, _ value: E, blank: E, _ name: String) {
        let properties = Mirror(reflecting: value).children.compactMap(\.label)
        XCTAssertEqual(properties.count, Set(properties).count)
        XCTAssertEqual(Set(properties).subtracting(Self.carried), Set(schema.fields.map(\.key)),
                       "\(name)'s stored properties against its table's keys")
        for (property, set) in zip(Mirror(reflecting: blank).children, Mirror(reflecting: value).children) {
            XCTAssertNotEqual(String(describing: property.value), String(describing: set.value),
                              "SchemaTests' populated \(name) leaves \(property.label!) at its default")
        }
    }

    func testEveryStoredPropertyIsAField() {
        checkFields(ContactFields.schema, Self.populated, blank: Contact(id: "", name: "", created: Timestamp(seconds: 0)), "Contact")
        checkFields(GroupFields.schema, Self.populatedGroup, blank: NetworkGroup(id: "", name: "", created: Timestamp(seconds: 0)), "NetworkGroup")
        checkFields(EventFields.schema, Self.populatedEvent, blank: Event(id: "", name: "", date: Day(ordinal: 0)), "Event")
        XCTAssertEqual(Keys.event.names, EventFields.schema.fields.map(\.key), "the fast codec's keys are the table's")
        XCTAssertEqual(Keys.contact.names, ContactFields.schema.fields.map(\.key), "the fast codec's keys are the table's")
        XCTAssertEqual(Keys.group.names, GroupFields.schema.fields.map(\.key), "the fast codec's keys are the table's")
    }

    /// Each field is written by both writers alike and read back by both readers as it was.
    func testEveryFieldRoundTripsThroughBothCodecs() throws {
        var n = Network()
        n.contacts = [Self.populated]
        n.networks = [Self.populatedGroup]
        n.events = [Self.populatedEvent]
        let fast = NetworkCodec.encode(n), tree = NetworkCodec.encodeTree(n)
        XCTAssertEqual(String(decoding: fast, as: UTF8.self), String(decoding: tree, as: UTF8.self))
        guard case .object(let object) = NetworkCodec.json(Self.populated) else { return XCTFail("not an object") }
        for field in ContactFields.schema.fields {
            XCTAssertNotNil(object[JSONKey(field.key)], "\(field.key) is written")
        }
        let slow = NetworkCodec.decodeTree(tree)
        XCTAssertEqual(slow.problems, [])
        XCTAssertEqual(slow.network?.contacts, [Self.populated], "the validating path")
        XCTAssertEqual(FastDecoder.decode(fast, chunks: 1)?.contacts, [Self.populated], "the fast path")
        XCTAssertEqual(slow.network?.networks, [Self.populatedGroup], "the validating path")
        XCTAssertEqual(FastDecoder.decode(fast, chunks: 1)?.networks, [Self.populatedGroup], "the fast path")
        XCTAssertEqual(slow.network?.events, [Self.populatedEvent], "the validating path")
        XCTAssertEqual(FastDecoder.decode(fast, chunks: 1)?.events, [Self.populatedEvent], "the fast path")
        guard case .object(let group) = NetworkCodec.json(n), case .array(let groups)? = group["networks"],
              case .object(let g)? = groups.first else { return XCTFail("no network written") }
        for field in GroupFields.schema.fields { XCTAssertNotNil(g[JSONKey(field.key)], "\(field.key) is written") }
        // Field by field: a contact that differs from another in one field only is read back so.
        for (k, field) in ContactFields.schema.fields.enumerated() where field.key != "id" {
            var m = Network()
            var c = Contact(id: "c-one", name: "One", created: Self.created)
            try field.decodeFrom(Self.populated, into: &c)
            m.contacts = [c]
            let bytes = NetworkCodec.encode(m)
            XCTAssertEqual(bytes, NetworkCodec.encodeTree(m), field.key)
            XCTAssertEqual(FastDecoder.decode(bytes, chunks: 1)?.contacts, [c], "fast, \(field.key) (\(k))")
            XCTAssertEqual(NetworkCodec.decodeTree(bytes).network?.contacts, [c], "tree, \(field.key)")
        }
    }

    /// Every field of the table is merged by an import rule, or named as one an import leaves alone.
    func testEveryFieldHasAMergeRule() {
        let ruled = Set(ContactMergeRules.all.map(\.field))
        for field in ContactFields.schema.fields {
            XCTAssert(ruled.contains(field.key) != ContactMergeRules.notMerged.contains(field.key),
                      "\(field.key): a rule in ContactMergeRules.all, or a name in notMerged (not both)")
        }
    }

    /// Each merge rule's quick look (`addsNothing`) is true only where its merge changes nothing.
    func testEachRulesQuickLookAgreesWithItsMerge() {
        let blank = Contact(id: "c", name: "", created: Self.created)
        var full = ImportedContact(line: 1)
        (full.name, full.organization, full.role, full.notes, full.owner) = ("Ada", "Engines", "Analyst", "n", "Charles")
        (full.emails, full.phones, full.tags, full.competences, full.needs) = (["a@x"], ["1"], ["t"], ["c"], ["n"])
        (full.kinds, full.importanceNow, full.importanceFuture, full.stage, full.chemistry) = ([.peer], .one, .ten, .trust, .one)
        (full.criteria, full.created, full.sourceKeys, full.urls) = (["q": .one], Timestamp(seconds: 1), ["vcard:1"], ["https://x"])
        full.ratingHistory = Self.populated.ratingHistory
        (full.birthday, full.organizationUnits, full.isOrganization) = ("1990-01-01", ["Lab"], true)
        full.extra = ["zNew": .string("v")]
        let contacts = [blank, Self.populated]
        let records = [ImportedContact(line: 1), full]
        for rule in ContactMergeRules.all {
            var changedSomewhere = false
            for c in contacts {
                for r in records {
                    var merged = c, fields: [String] = []
                    rule.merge(&merged, r, &fields)
                    XCTAssertEqual(fields.isEmpty, merged == c, "\(rule.field): names what it changed")
                    if [c].withLent(0, { rule.addsNothing($0, r) }) { XCTAssertEqual(merged, c, "\(rule.field): said it adds nothing") }
                    changedSomewhere = changedSomewhere || !fields.isEmpty
                }
            }
            XCTAssert(changedSomewhere, "\(rule.field): the full record changes the blank contact")
        }
    }
}

private extension Field where Entity == Contact {
    /// Sets this field of `c` to its value in `from`: the value as the tree writer writes it, read
    /// by the field's own tree reader (the fields read first, by hand).
    func decodeFrom(_ from: Contact, into c: inout Contact) throws {
        var problems: [Problem] = []
        var r = FieldReader(.object([JSONKey(key): tree(from)]), location: "test", problems: &problems)
        if let read { read(&r, &c) } else {
            switch key {
            case "created": c.created = from.created
            case "updated": c.updated = from.updated
            case "name": c.name = from.name
            default: XCTFail("\(key) has no reader")
            }
        }
        XCTAssertEqual(r.problems, [], key)
    }
}
