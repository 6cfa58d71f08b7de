import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// `Merge.merge`: one table row per rule of the three-way merge (see Merge.swift and docs/TEAM.md).
final class MergeTests: XCTestCase {
    static let t0 = Timestamp(iso: "2025-01-01T10:00:00Z")!
    static let t1 = Timestamp(iso: "2025-02-01T10:00:00Z")!
    static let t2 = Timestamp(iso: "2025-03-01T10:00:00Z")!
    static let d1 = Day(year: 2025, month: 1, day: 10)!
    static let d2 = Day(year: 2025, month: 2, day: 10)!
    static let d3 = Day(year: 2025, month: 3, day: 10)!

    /// The common ancestor: two contacts, two networks, an event and an interaction.
    static func base() -> Network {
        var n = Network()
        n.me.name = "Me"
        n.me.offers = ["coaching"]
        n.me.seeks = ["funding"]
        var aino = Contact(id: "c1", name: "Aino", created: t0)
        aino.tags = ["a", "b"]
        aino.emails = ["aino@example.com"]
        aino.phones = ["+358 1"]
        aino.kinds = [.customer]
        aino.competences = ["design"]
        aino.needs = ["sales"]
        aino.notes = "base notes"
        aino.criteria = ["rev": .one]
        aino.ratingHistory = [RatingChange(date: d1, fromNow: .tenth, fromFuture: .tenth, toNow: .one, toFuture: .tenth)]
        var hans = Contact(id: "c2", name: "Hans", created: t0)
        hans.organization = "Hans GmbH"
        n.contacts = [aino, hans]
        var club = NetworkGroup(id: "n1", name: "Club", created: t0)
        club.members = ["c1", "c2"]
        club.purposes = [.information]
        let forum = NetworkGroup(id: "n2", name: "Forum", created: t0)
        n.networks = [club, forum]
        var gala = Event(id: "e1", name: "Gala", date: d2)
        gala.network = "n1"
        gala.attendees = ["c1"]
        n.events = [gala]
        n.interactions = [Interaction(id: "i1", contact: "c1", date: d1, kind: .meeting)]
        n.scheme.criteria = [Criterion(id: "rev", name: "Revenue", axis: .now)]
        return n
    }

    struct Row {
        var name: String
        var ours: (inout Network) -> Void
        var theirs: (inout Network) -> Void
        /// The conflicts expected, as "entity id field".
        var conflicts: [String] = []
        var check: (Network) -> Void
    }

    static func edit(_ n: inout Network, contact id: String, _ change: (inout Contact) -> Void) {
        let i = n.contacts.firstIndex { $0.id == id }!
        change(&n.contacts[i])
    }

    static func edit(_ n: inout Network, network id: String, _ change: (inout NetworkGroup) -> Void) {
        let i = n.networks.firstIndex { $0.id == id }!
        change(&n.networks[i])
    }

    static func delete(_ n: inout Network, contact id: String) {
        n.apply(n.changesDeletingContact(id, at: t1))
    }

    func c(_ n: Network, _ id: String) -> Contact? { n.contact(id: id) }

    var rows: [Row] {
        typealias M = MergeTests
        return [
            Row(name: "both sides add different contacts",
                ours: { $0.contacts.append(Contact(id: "c3", name: "Ours new", created: M.t1)) },
                theirs: { $0.contacts.append(Contact(id: "c4", name: "Theirs new", created: M.t1)) },
                check: { n in XCTAssertEqual(n.contacts.map(\.id), ["c1", "c2", "c3", "c4"]) }),
            Row(name: "edits of different fields of one contact",
                ours: { M.edit(&$0, contact: "c1") { $0.name = "Aino J."; $0.updated = M.t1 } },
                theirs: { M.edit(&$0, contact: "c1") { $0.notes = "theirs notes"; $0.updated = M.t2 } },
                check: { n in
                    XCTAssertEqual(self.c(n, "c1")?.name, "Aino J.")
                    XCTAssertEqual(self.c(n, "c1")?.notes, "theirs notes")
                    XCTAssertEqual(self.c(n, "c1")?.updated, M.t2, "updated takes the later time, not a conflict")
                }),
            Row(name: "the same change on both sides",
                ours: { M.edit(&$0, contact: "c1") { $0.stage = .trust } },
                theirs: { M.edit(&$0, contact: "c1") { $0.stage = .trust } },
                check: { n in XCTAssertEqual(self.c(n, "c1")?.stage, .trust) }),
            Row(name: "one field changed differently on both sides is a conflict; ours is kept",
                ours: { M.edit(&$0, contact: "c1") { $0.notes = "ours notes" } },
                theirs: { M.edit(&$0, contact: "c1") { $0.notes = "theirs notes"; $0.role = "CEO" } },
                conflicts: ["contact c1 notes"],
                check: { n in
                    XCTAssertEqual(self.c(n, "c1")?.notes, "ours notes")
                    XCTAssertEqual(self.c(n, "c1")?.role, "CEO", "the other field still merges")
                    XCTAssertEqual(n.conflicts.first?.ours, .string("ours notes"))
                    XCTAssertEqual(n.conflicts.first?.theirs, .string("theirs notes"))
                    XCTAssertEqual(n.conflicts.first?.base, .string("base notes"))
                }),
            Row(name: "a rating changed differently on both sides",
                ours: { M.edit(&$0, contact: "c2") { $0.importanceNow = .ten } },
                theirs: { M.edit(&$0, contact: "c2") { $0.importanceNow = .zero } },
                conflicts: ["contact c2 importanceNow"],
                check: { n in XCTAssertEqual(self.c(n, "c2")?.importanceNow, .ten) }),
            Row(name: "ours deletes what theirs left alone",
                ours: { M.delete(&$0, contact: "c2") },
                theirs: { M.edit(&$0, contact: "c1") { $0.role = "CTO" } },
                check: { n in
                    XCTAssertNil(self.c(n, "c2"))
                    XCTAssertEqual(n.network(id: "n1")?.members, ["c1"])
                    XCTAssertEqual(self.c(n, "c1")?.role, "CTO")
                }),
            Row(name: "theirs deletes what ours left alone",
                ours: { _ in },
                theirs: { M.delete(&$0, contact: "c1") },
                check: { n in
                    XCTAssertEqual(n.contacts.map(\.id), ["c2"])
                    XCTAssertEqual(n.interactions, [], "the contact's interactions go with it")
                    XCTAssertEqual(n.events[0].attendees, [])
                }),
            Row(name: "both delete the same contact",
                ours: { M.delete(&$0, contact: "c2") },
                theirs: { M.delete(&$0, contact: "c2") },
                check: { n in XCTAssertNil(self.c(n, "c2")) }),
            Row(name: "theirs deletes what ours edited: a conflict, ours (the edit) is kept",
                ours: { M.edit(&$0, contact: "c2") { $0.notes = "still important" } },
                theirs: { M.delete(&$0, contact: "c2") },
                conflicts: ["contact c2 "],
                check: { n in
                    XCTAssertEqual(self.c(n, "c2")?.notes, "still important")
                    XCTAssertEqual(n.conflicts.first?.theirs, .null)
                    XCTAssertEqual(lookup(n.conflicts.first!.ours, "notes"), .string("still important"))
                }),
            Row(name: "ours deletes what theirs edited: a conflict, ours (the deletion) is kept",
                ours: { M.delete(&$0, contact: "c2") },
                theirs: { M.edit(&$0, contact: "c2") { $0.notes = "still important" } },
                conflicts: ["contact c2 "],
                check: { n in
                    XCTAssertNil(self.c(n, "c2"))
                    XCTAssertEqual(n.conflicts.first?.ours, .null)
                    XCTAssertEqual(lookup(n.conflicts.first!.theirs, "notes"), .string("still important"))
                }),
            Row(name: "contact list fields merge as sets",
                ours: { M.edit(&$0, contact: "c1") {
                    $0.tags = ["a", "c"]; $0.emails.append("ours@x"); $0.phones = []; $0.kinds.append(.partner)
                    $0.competences.append("ours skill"); $0.needs = ["sales", "ours need"]
                } },
                theirs: { M.edit(&$0, contact: "c1") {
                    $0.tags = ["d", "a", "b"]; $0.emails = ["theirs@x"]; $0.phones.append("+358 2"); $0.kinds = [.customer, .peer]
                    $0.competences = []; $0.needs.append("theirs need")
                } },
                check: { n in
                    let a = self.c(n, "c1")!
                    XCTAssertEqual(a.tags, ["a", "c", "d"], "ours (minus b, removed by ours), then theirs' new d")
                    XCTAssertEqual(a.emails, ["ours@x", "theirs@x"], "theirs removed the base address")
                    XCTAssertEqual(a.phones, ["+358 2"])
                    XCTAssertEqual(a.kinds, [.customer, .partner, .peer])
                    XCTAssertEqual(a.competences, ["ours skill"])
                    XCTAssertEqual(a.needs, ["sales", "ours need", "theirs need"])
                }),
            Row(name: "members, purposes and attendees merge as sets",
                ours: {
                    $0.contacts.append(Contact(id: "c3", name: "New", created: M.t1))
                    M.edit(&$0, network: "n1") { $0.members = ["c1", "c3"]; $0.purposes.append(.funding) }
                    $0.events[0].attendees.append("c2")
                },
                theirs: {
                    M.edit(&$0, network: "n1") { $0.members = ["c2", "c1"]; $0.purposes = [.competence] }
                    $0.events[0].attendees = ["c2"]
                },
                check: { n in
                    XCTAssertEqual(n.network(id: "n1")?.members, ["c1", "c3"], "ours removed c2")
                    XCTAssertEqual(n.network(id: "n1")?.purposes, [.funding, .competence], "theirs removed information")
                    XCTAssertEqual(n.events[0].attendees, ["c2"], "theirs removed c1, both added c2")
                }),
            Row(name: "interactions are a union",
                ours: { $0.interactions.append(Interaction(id: "i2", contact: "c1", date: M.d2, kind: .call)) },
                theirs: {
                    $0.interactions.append(Interaction(id: "i3", contact: "c2", date: M.d3, kind: .message))
                    $0.interactions[0].note = "theirs note"
                },
                check: { n in
                    XCTAssertEqual(n.interactions.map(\.id), ["i1", "i2", "i3"])
                    XCTAssertEqual(n.interactions[0].note, "theirs note")
                }),
            Row(name: "me merges field by field, offers and seeks as sets",
                ours: { $0.me.pitch = "ours pitch"; $0.me.offers.append("ours offer"); $0.me.seeks = [] },
                theirs: { $0.me.name = "Theirs name"; $0.me.offers.append("theirs offer"); $0.me.seeks.append("talent") },
                check: { n in
                    XCTAssertEqual(n.me.pitch, "ours pitch")
                    XCTAssertEqual(n.me.name, "Theirs name")
                    XCTAssertEqual(n.me.offers, ["coaching", "ours offer", "theirs offer"])
                    XCTAssertEqual(n.me.seeks, ["talent"])
                }),
            Row(name: "me: one field changed differently is a conflict",
                ours: { $0.me.pitch = "ours pitch" },
                theirs: { $0.me.pitch = "theirs pitch" },
                conflicts: ["me  pitch"],
                check: { n in XCTAssertEqual(n.me.pitch, "ours pitch") }),
            Row(name: "scheme merges field by field, quadrants and exit rules key by key, criteria by id",
                ours: {
                    $0.scheme.axisNow = "Revenue now"
                    $0.scheme.quadrants[.key]!.cadenceDays = 14
                    $0.scheme.exitRules.silenceDays = 90
                    $0.scheme.criteria.append(Criterion(id: "strat", name: "Strategic", axis: .future))
                },
                theirs: {
                    $0.scheme.quadrants[.key]!.name = "Core"
                    $0.scheme.exitRules.difficultTag = "hard"
                    $0.scheme.criteria[0].name = "Revenue today"
                    $0.scheme.criteria.append(Criterion(id: "reach", name: "Reach", axis: .now))
                },
                check: { n in
                    XCTAssertEqual(n.scheme.axisNow, "Revenue now")
                    XCTAssertEqual(n.scheme.policy(.key).cadenceDays, 14)
                    XCTAssertEqual(n.scheme.policy(.key).name, "Core")
                    XCTAssertEqual(n.scheme.exitRules.silenceDays, 90)
                    XCTAssertEqual(n.scheme.exitRules.difficultTag, "hard")
                    XCTAssertEqual(n.scheme.criteria.map(\.id), ["rev", "strat", "reach"])
                    XCTAssertEqual(n.scheme.criteria[0].name, "Revenue today")
                }),
            Row(name: "scheme: a policy changed differently is a conflict with a dotted field",
                ours: { $0.scheme.quadrants[.rising]!.cadenceDays = 10 },
                theirs: { $0.scheme.quadrants[.rising]!.cadenceDays = 40 },
                conflicts: ["scheme  quadrants.rising.cadenceDays"],
                check: { n in XCTAssertEqual(n.scheme.policy(.rising).cadenceDays, 10) }),
            Row(name: "scheme: more criteria together than allowed is one conflict",
                ours: { s in for i in 1...4 { s.scheme.criteria.append(Criterion(id: "o\(i)", name: "O\(i)", axis: .now)) } },
                theirs: { $0.scheme.criteria.append(Criterion(id: "t1", name: "T1", axis: .now)) },
                conflicts: ["scheme  criteria"],
                check: { n in XCTAssertEqual(n.scheme.criteria.map(\.id), ["rev", "o1", "o2", "o3", "o4"]) }),
            Row(name: "a contact's criterion ratings merge key by key",
                ours: { M.edit(&$0, contact: "c1") { $0.criteria["rev"] = .ten } },
                theirs: { M.edit(&$0, contact: "c1") { $0.criteria["reach"] = .one } },
                check: { n in XCTAssertEqual(self.c(n, "c1")?.criteria, ["rev": .ten, "reach": .one]) }),
            Row(name: "a contact's criterion rated differently is a conflict",
                ours: { M.edit(&$0, contact: "c1") { $0.criteria["rev"] = .ten } },
                theirs: { M.edit(&$0, contact: "c1") { $0.criteria["rev"] = .zero } },
                conflicts: ["contact c1 criteria.rev"],
                check: { n in XCTAssertEqual(self.c(n, "c1")?.criteria["rev"], .ten) }),
            Row(name: "rating histories are a union by date",
                ours: { M.edit(&$0, contact: "c1") {
                    $0.ratingHistory.append(RatingChange(date: M.d3, fromNow: .one, fromFuture: .tenth, toNow: .ten, toFuture: .tenth))
                } },
                theirs: { M.edit(&$0, contact: "c1") {
                    $0.ratingHistory.append(RatingChange(date: M.d2, fromNow: .one, fromFuture: .tenth, toNow: .one, toFuture: .one))
                } },
                check: { n in XCTAssertEqual(self.c(n, "c1")?.ratingHistory.map(\.date), [M.d1, M.d2, M.d3]) }),
            Row(name: "a decision is one value: different decisions conflict",
                ours: { M.edit(&$0, network: "n2") { $0.decision = .leave(on: M.d3) } },
                theirs: { M.edit(&$0, network: "n2") { $0.decision = .keep(reason: "useful", on: M.d3) } },
                conflicts: ["network n2 decision"],
                check: { n in XCTAssertEqual(n.network(id: "n2")?.decision, .leave(on: M.d3)) }),
            Row(name: "lastActivity takes the later day",
                ours: { M.edit(&$0, network: "n2") { $0.lastActivity = M.d3 } },
                theirs: { M.edit(&$0, network: "n2") { $0.lastActivity = M.d2 } },
                check: { n in XCTAssertEqual(n.network(id: "n2")?.lastActivity, M.d3) }),
            Row(name: "both add one id differently: equal fields merge, different ones conflict",
                ours: { var x = Contact(id: "c9", name: "Same", created: M.t1); x.role = "ours"; $0.contacts.append(x) },
                theirs: { var x = Contact(id: "c9", name: "Same", created: M.t1); x.role = "theirs"; $0.contacts.append(x) },
                conflicts: ["contact c9 role"],
                check: { n in XCTAssertEqual(self.c(n, "c9")?.role, "ours") }),
            Row(name: "unknown keys merge like known ones",
                ours: {
                    M.edit(&$0, contact: "c1") { $0.extra["linkedin"] = .string("in/aino") }
                    $0.extra["teamColour"] = .string("blue")
                },
                theirs: {
                    M.edit(&$0, contact: "c1") { $0.extra["xing"] = .string("aino") }
                    $0.extra["teamColour"] = .string("red")
                },
                conflicts: ["file  teamColour"],
                check: { n in
                    XCTAssertEqual(self.c(n, "c1")?.extra, ["linkedin": .string("in/aino"), "xing": .string("aino")])
                    XCTAssertEqual(n.extra["teamColour"], .string("blue"))
                }),
            Row(name: "no dangling reference: a contact theirs deleted and ours made a member is kept",
                ours: { M.edit(&$0, network: "n2") { $0.members = ["c2"] } },
                theirs: { M.delete(&$0, contact: "c2") },
                conflicts: ["contact c2 "],
                check: { n in
                    XCTAssertNotNil(self.c(n, "c2"))
                    XCTAssertEqual(n.network(id: "n2")?.members, ["c2"])
                    XCTAssertEqual(n.network(id: "n1")?.members, ["c1"], "theirs' removal elsewhere stands")
                    XCTAssertEqual(n.conflicts.first?.theirs, .null)
                }),
            Row(name: "no dangling reference: a contact ours deleted and theirs logged an interaction with is kept",
                ours: { M.delete(&$0, contact: "c2") },
                theirs: { $0.interactions.append(Interaction(id: "i9", contact: "c2", date: M.d3, kind: .call)) },
                conflicts: ["contact c2 "],
                check: { n in
                    XCTAssertEqual(self.c(n, "c2")?.name, "Hans")
                    XCTAssertEqual(n.interactions.map(\.id), ["i1", "i9"])
                    XCTAssertEqual(n.conflicts.first?.ours, .null)
                }),
            Row(name: "no dangling reference: a network deleted by one side and used by the other's event is kept",
                ours: { $0.events.append({ var e = Event(id: "e2", name: "Meetup", date: M.d3); e.network = "n2"; e.attendees = ["c1"]; return e }()) },
                theirs: { $0.networks.removeAll { $0.id == "n2" } },
                conflicts: ["network n2 "],
                check: { n in XCTAssertNotNil(n.network(id: "n2")) }),
            Row(name: "a brought-back network keeps only members that are there",
                ours: {
                    $0.networks.removeAll { $0.id == "n1" }
                    $0.events[0].network = nil
                    M.delete(&$0, contact: "c2")
                },
                theirs: { $0.events.append({ var e = Event(id: "e2", name: "Club night", date: M.d3); e.network = "n1"; return e }()) },
                conflicts: ["network n1 "],
                check: { n in
                    XCTAssertEqual(n.network(id: "n1")?.members, ["c1"], "c2 stays deleted")
                    XCTAssertNil(self.c(n, "c2"))
                }),
        ]
    }

    func testEveryRule() throws {
        for row in rows {
            var ours = Self.base(), theirs = Self.base()
            row.ours(&ours)
            row.theirs(&theirs)
            let outcome = Merge.merge(base: Self.base(), ours: ours, theirs: theirs)
            XCTAssertEqual(outcome.problems, [], row.name)
            XCTAssertEqual(outcome.network.referenceProblems(), [], row.name)
            XCTAssertEqual(outcome.conflicts.map { "\($0.entity.rawValue) \($0.id) \($0.field)" }, row.conflicts, row.name)
            XCTAssertEqual(outcome.network.conflicts, outcome.conflicts, row.name)
            XCTAssertEqual(outcome.isClean, row.conflicts.isEmpty, row.name)
            row.check(outcome.network)
            // The result is a valid file that reads back as itself.
            let decoded = NetworkCodec.decode(NetworkCodec.encode(outcome.network))
            XCTAssertEqual(decoded.problems, [], row.name)
            XCTAssertEqual(decoded.network, outcome.network, row.name)
        }
    }

    /// A clean merge does not depend on which side is ours (up to the order of list additions).
    func testCleanMergesAreSymmetric() {
        for row in rows where row.conflicts.isEmpty {
            var ours = Self.base(), theirs = Self.base()
            row.ours(&ours)
            row.theirs(&theirs)
            let a = Merge.merge(base: Self.base(), ours: ours, theirs: theirs).network
            let b = Merge.merge(base: Self.base(), ours: theirs, theirs: ours).network
            func normalized(_ n: Network) -> Network {
                var n = n
                for i in n.contacts.indices {
                    n.contacts[i].tags.sort(); n.contacts[i].emails.sort(); n.contacts[i].phones.sort()
                    n.contacts[i].competences.sort(); n.contacts[i].needs.sort(); n.contacts[i].kinds.sort { $0.rawValue < $1.rawValue }
                }
                for i in n.networks.indices { n.networks[i].members.sort(); n.networks[i].purposes.sort { $0.rawValue < $1.rawValue } }
                for i in n.events.indices { n.events[i].attendees.sort() }
                n.me.offers.sort(); n.me.seeks.sort()
                n.scheme.criteria.sort { $0.id < $1.id }
                return n
            }
            XCTAssertEqual(normalized(a), normalized(b), row.name)
        }
    }

    func testUnchangedSidesGiveTheOtherSide() {
        var edited = Self.base()
        Self.edit(&edited, contact: "c1") { $0.notes = "x"; $0.tags = ["z"] }
        edited.contacts.append(Contact(id: "c5", name: "New", created: Self.t2))
        XCTAssertEqual(Merge.merge(base: Self.base(), ours: Self.base(), theirs: edited).network, edited)
        XCTAssertEqual(Merge.merge(base: Self.base(), ours: edited, theirs: Self.base()).network, edited)
        XCTAssertEqual(Merge.merge(base: Self.base(), ours: edited, theirs: edited).network, edited)
        let demo = Demo.network(today: testToday)
        XCTAssertEqual(Merge.merge(base: demo, ours: demo, theirs: demo), Merge.Outcome(network: demo, conflicts: [], problems: []))
    }

    func testEmptyBaseMergesTwoAddedFiles() {
        var ours = Self.base(), theirs = Self.base()
        theirs.contacts.append(Contact(id: "c7", name: "Theirs", created: Self.t1))
        Self.edit(&ours, contact: "c1") { $0.notes = "ours" }
        let outcome = Merge.merge(base: Network(), ours: ours, theirs: theirs)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertEqual(outcome.conflicts.map(\.field), ["notes"], "with no base, every difference is a conflict")
        XCTAssertNotNil(outcome.network.contact(id: "c7"))
    }

    /// Ids, keys and list items are byte strings in a merge too: their contact with an NFD id is not
    /// our NFC one, an NFD tag is another tag, and an unknown key in KELVIN SIGN another key.
    func testCanonicallyEquivalentIDsKeysAndItemsOfOtherBytesStayApart() throws {
        let nfc = "caf\u{E9}", nfd = "cafe\u{301}", kelvin: JSONKey = "source\u{212A}eys"
        var base = Self.base()
        base.contacts.append(Contact(id: nfc, name: "NFC", created: Self.t0))
        var ours = base, theirs = base
        ours.contacts.append(Contact(id: nfd, name: "NFD", created: Self.t1))
        Self.edit(&ours, contact: "c1") { $0.tags += [nfc] }
        Self.edit(&theirs, contact: "c1") { $0.tags += [nfd]; $0.extra[kelvin] = .array([.string("x")]) }
        Self.edit(&theirs, contact: nfc) { $0.notes = "theirs" }
        let outcome = Merge.merge(base: base, ours: ours, theirs: theirs)
        XCTAssertEqual(outcome.problems, [])
        XCTAssertEqual(outcome.conflicts, [])
        let merged = outcome.network
        XCTAssertEqual(merged.contacts.filter { $0.name == "NFC" || $0.name == "NFD" }.map { Array($0.id.utf8) }.sorted { $0.lexicographicallyPrecedes($1) },
                       [Array(nfc.utf8), Array(nfd.utf8)].sorted { $0.lexicographicallyPrecedes($1) })
        XCTAssertEqual(merged.contacts.first { sameBytes($0.id, nfc) }?.notes, "theirs", "their edit went to the contact of its bytes")
        let c1 = try XCTUnwrap(merged.contact(id: "c1"))
        XCTAssertEqual(c1.tags.map { Array($0.utf8) }, (["a", "b", nfc, nfd] as [String]).map { Array($0.utf8) })
        XCTAssertEqual(c1.extra[kelvin], .array([.string("x")]))
    }

    func testEarlierConflictsMergeAsASetAndStayUnlessResolved() {
        let old = MergeConflict(entity: .contact, id: "c1", field: "role", ours: .string("a"), theirs: .string("b"), base: .string(""))
        let other = MergeConflict(entity: .me, id: "", field: "pitch", ours: .string("x"), theirs: .string("y"), base: .string(""))
        var base = Self.base()
        base.conflicts = [old, other]
        var ours = base, theirs = base
        ours.conflicts = [other]  // ours resolved `old`
        Self.edit(&theirs, contact: "c2") { $0.role = "theirs" }
        let outcome = Merge.merge(base: base, ours: ours, theirs: theirs)
        XCTAssertEqual(outcome.network.conflicts, [other])
        XCTAssertTrue(outcome.isClean, "old unresolved conflicts do not make a new merge conflicted")
        // A new conflict is appended, once.
        Self.edit(&ours, contact: "c2") { $0.role = "ours" }
        let again = Merge.merge(base: base, ours: ours, theirs: theirs)
        XCTAssertEqual(again.network.conflicts.map(\.field), ["pitch", "role"])
        XCTAssertEqual(Merge.merge(base: base, ours: again.network, theirs: theirs).network.conflicts.map(\.field), ["pitch", "role"])
    }

    func testConflictsAreWrittenReadAndDocumented() throws {
        var n = Self.base()
        var c = MergeConflict(entity: .contact, id: "c1", field: "notes", ours: .string("o"), theirs: .string("t"), base: .null)
        c.extra["resolvedBy"] = .string("future")
        n.conflicts = [c, MergeConflict(entity: .scheme, id: "", field: "criteria", ours: .array([]), theirs: .object(["a": .number("1")]), base: .bool(true))]
        let bytes = NetworkCodec.encode(n)
        let decoded = NetworkCodec.decode(bytes)
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, n)
        XCTAssertEqual(NetworkCodec.encode(decoded.network!), bytes)
        let json = try JSONParser.parse(bytes)
        XCTAssertEqual(lookup(json, "conflicts", "0", "entity"), .string("contact"))
        XCTAssertEqual(lookup(json, "conflicts", "0", "base"), .null)
        // No conflicts: no key at all.
        XCTAssertNil(lookup(try JSONParser.parse(NetworkCodec.encode(Self.base())), "conflicts"))
        // Every key of a conflict is documented.
        let docURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/DATA_FORMAT.md")
        let doc = try String(contentsOf: docURL, encoding: .utf8)
        XCTAssertTrue(doc.contains("## conflicts"))
        for key in ["conflicts", "entity", "id", "field", "ours", "theirs", "base"] {
            XCTAssertTrue(doc.contains("`\(key)`"), key)
        }
        // A conflict with an unknown entity or none is a problem.
        let bad = #"{"schemaVersion": 1, "conflicts": [{"entity": "planet", "id": "x"}, {"id": "y"}]}"#
        XCTAssertEqual(problems(bad).map(\.kind), [.invalidValue, .missing])
    }

    func testSummaries() {
        let n = Self.base()
        let field = MergeConflict(entity: .contact, id: "c1", field: "notes", ours: .string("a \"b\""), theirs: .array([.string("x")]), base: .null)
        XCTAssertEqual(field.summary(in: n), #"contact "Aino": notes: ours "a \"b\"", theirs ["x"]"#)
        let gone = MergeConflict(entity: .network, id: "n9", field: "", ours: .object([:]), theirs: .null, base: .object([:]))
        XCTAssertEqual(gone.summary(in: n), "network n9: changed by ours, deleted by theirs")
        let long = MergeConflict(entity: .me, id: "", field: "pitch", ours: .string(String(repeating: "x", count: 100)), theirs: .string(""), base: .null)
        assertContains(long.summary(in: n), "…")
    }
}
