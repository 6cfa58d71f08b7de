import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import NetInterchange
@testable import Plumbing

/// The briefing on a hand-built network with an injected "today".
final class BriefingTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 20)!

    /// A contact in a quadrant, last met `lastSeen` days before today (nil: never, added 10 days ago).
    func contact(_ id: String, _ name: String, _ q: Quadrant, lastSeen: Int?, can: [String] = [], needs: [String] = [],
                 into n: inout Network) {
        let day = today.adding(days: -(lastSeen.map { $0 + 10 } ?? 10))
        var c = Contact(id: id, name: name, created: Timestamp(seconds: Int64(day.ordinal) * 86_400))
        switch q {
        case .key: (c.importanceNow, c.importanceFuture) = (.ten, .ten)
        case .rising: (c.importanceNow, c.importanceFuture) = (.tenth, .ten)
        case .maintain: (c.importanceNow, c.importanceFuture) = (.ten, .tenth)
        case .lightTouch: (c.importanceNow, c.importanceFuture) = (.tenth, .tenth)
        }
        c.organization = name + " Oy"
        c.role = "CEO"
        (c.competences, c.needs) = (can, needs)
        n.contacts.append(c)
        if let lastSeen {
            var i = Interaction(id: "i-" + id, contact: id, date: today.adding(days: -lastSeen), kind: .meeting)
            i.note = "Met " + name
            n.interactions.append(i)
        }
    }

    func followUp(_ contact: String, due: Int, _ what: String, done: Int? = nil, into n: inout Network) {
        var i = Interaction(id: "f-\(contact)-\(due)", contact: contact, date: today.adding(days: -40), kind: .call)
        i.followUp = FollowUp(due: today.adding(days: due), what: what, done: done.map { today.adding(days: $0) })
        n.interactions.append(i)
    }

    func ranked() -> Network {
        var n = Network()
        n.me.seeks = ["investor introductions"]
        n.me.offers = ["workshop facilitation"]
        contact("a", "Anna", .key, lastSeen: 5, into: &n)                              // Key, nothing else
        contact("b", "Bert", .rising, lastSeen: 30, into: &n)                          // Rising, overdue 9 (cadence 21)
        contact("c", "Cecilia", .key, lastSeen: 100, into: &n)                         // Key, overdue 70
        contact("d", "Dag", .maintain, lastSeen: 200, into: &n)                        // Maintain, overdue 140
        contact("e", "Eva", .lightTouch, lastSeen: 10, into: &n)                       // follow-up due yesterday
        contact("f", "Fredrik", .lightTouch, lastSeen: 10, can: ["Investor introductions"], into: &n)  // a match
        contact("g", "Göran", .lightTouch, lastSeen: 10, into: &n)                     // follow-up not yet due
        contact("h", "Åke", .lightTouch, lastSeen: 10, into: &n)                       // nothing: sorts as "ake"
        contact("i", "Ida", .rising, lastSeen: 3, into: &n)                            // Rising, follow-up due today
        contact("j", "Jonna", .key, lastSeen: 2, needs: ["workshops facilitation"], into: &n)  // Key, a match
        contact("k", "Kalle", .lightTouch, lastSeen: 10, into: &n)                     // follow-up due 3 days ago
        contact("l", "Lotta", .lightTouch, lastSeen: 10, into: &n)                     // follow-up done: nothing
        followUp("e", due: -1, "Send the offer", into: &n)
        followUp("g", due: 2, "Call back", into: &n)
        followUp("i", due: 0, "Book a demo", into: &n)
        followUp("k", due: -3, "Send the slides", into: &n)
        followUp("l", due: -3, "Send the invoice", done: -2, into: &n)
        var g = NetworkGroup(id: "n", name: "Club", created: Timestamp(seconds: 0))
        g.members = n.contacts.map(\.id).reversed()
        n.networks = [g]
        return n
    }

    func testTheRankingRule() {
        let b = Briefing(network: ranked(), scope: .network("n"), today: today)
        XCTAssertEqual(b.people.map(\.name),
                       ["Cecilia", "Bert", "Ida", "Jonna", "Anna",        // Key and Rising: overdue, due, match, name
                        "Dag", "Kalle", "Eva", "Fredrik", "Åke", "Göran", "Lotta"])  // the rest, by the same rule
        let why = Dictionary(uniqueKeysWithValues: b.people.map { ($0.name, $0.why) })
        XCTAssertEqual(why["Cecilia"], "Key, overdue 70 d")
        XCTAssertEqual(why["Bert"], "Rising, overdue 9 d")
        XCTAssertEqual(why["Ida"], "Rising, follow-up due 2026-11-20")
        XCTAssertEqual(why["Jonna"], "Key, needs your offers")
        XCTAssertEqual(why["Anna"], "Key")
        XCTAssertEqual(why["Dag"], "overdue 140 d")
        XCTAssertEqual(why["Kalle"], "follow-up due 2026-11-17")
        XCTAssertEqual(why["Fredrik"], "matches your seeks")
        XCTAssertEqual(why["Göran"], "")
        XCTAssertEqual(b.title, "Club")
        XCTAssertEqual(b.date, today)
    }

    func testPersonFields() throws {
        let b = Briefing(network: ranked(), scope: .network("n"), today: today)
        let f = try XCTUnwrap(b.people.first { $0.name == "Fredrik" })
        XCTAssertEqual(f.contactID, "f")
        XCTAssertEqual(f.organization, "Fredrik Oy")
        XCTAssertEqual(f.role, "CEO")
        XCTAssertEqual(f.quadrant, .lightTouch)
        XCTAssertEqual(f.quadrantName, "Light touch")
        XCTAssertEqual(f.daysSinceContact, 10)
        XCTAssertNil(f.overdueDays)
        XCTAssertEqual(f.strengths, ["Investor introductions"])
        XCTAssertEqual(f.ask, ["Investor introductions"])
        XCTAssertEqual(f.offer, [])
        XCTAssertEqual(f.lastNote, "Met Fredrik")
        let j = try XCTUnwrap(b.people.first { $0.name == "Jonna" })
        XCTAssertEqual(j.offer, ["workshop facilitation"], "my offer, in my words")
        let e = try XCTUnwrap(b.people.first { $0.name == "Eva" })
        XCTAssertEqual(e.followUps.map(\.what), ["Send the offer"])
        XCTAssertEqual(e.lastNote, "Met Eva", "the newest interaction with a note")
        let l = try XCTUnwrap(b.people.first { $0.name == "Lotta" })
        XCTAssertEqual(l.followUps, [], "a done follow-up is not open")
        XCTAssertEqual(b.people.first { $0.name == "Dag" }?.overdueDays, 140)
    }

    func testALeftRelationshipIsNeverOverdue() {
        var n = ranked()
        n.contacts[n.contacts.firstIndex { $0.id == "d" }!].decision = .leave(on: today)
        let b = Briefing(network: n, scope: .network("n"), today: today)
        XCTAssertNil(b.people.first { $0.name == "Dag" }?.overdueDays)
        XCTAssertFalse(n.overdueContacts(today: today).contains { $0.contact.id == "d" })
    }

    func testTodayWithoutEventsListsOverdueAndDue() {
        let b = Briefing(network: ranked(), scope: .today, today: today)
        XCTAssertEqual(b.title, "Today: overdue contacts and follow-ups due")
        XCTAssertEqual(b.people.map(\.name), ["Cecilia", "Bert", "Ida", "Dag", "Kalle", "Eva"])
    }

    func testTodayWithEventsListsTheirAttendees() {
        var n = ranked()
        var e1 = Event(id: "e1", name: "Breakfast", date: today)
        e1.attendees = ["a", "f", "zzz-no-such-contact"]
        e1.location = "Helsinki"
        e1.notes = "Bring cards."
        var e2 = Event(id: "e2", name: "Gala", date: today)
        e2.attendees = ["f", "g"]
        let tomorrow = Event(id: "e3", name: "Fair", date: today.adding(days: 1))
        n.events = [e2, tomorrow, e1]
        let b = Briefing(network: n, scope: .today, today: today)
        XCTAssertEqual(b.title, "Today: Breakfast, Gala")
        XCTAssertEqual(b.people.map(\.name), ["Anna", "Fredrik", "Göran"], "each person once")
        XCTAssertEqual(b.context, ["Breakfast · Helsinki", "Bring cards.", "Gala"])
        n.events = [e1]
        let one = Briefing(network: n, scope: .today, today: today)
        XCTAssertEqual(one.title, "Breakfast")
        XCTAssertEqual(one.context, ["Helsinki", "Bring cards."])
    }

    func testAnUpcomingEventIsCountedAsOfItsDay() throws {
        var n = ranked()
        var e = Event(id: "e", name: "Fair", date: today.adding(days: 10))
        e.attendees = ["a", "g"]
        e.network = "n"
        n.events = [e]
        let b = Briefing(network: n, scope: .event("e"), today: today)
        XCTAssertEqual(b.date, today.adding(days: 10))
        XCTAssertEqual(b.asOf, today.adding(days: 10))
        XCTAssertEqual(b.context, ["Club"])
        let anna = try XCTUnwrap(b.people.first)
        XCTAssertEqual(anna.daysSinceContact, 15)
        XCTAssertEqual(b.people.map(\.why), ["Key", "follow-up due 2026-11-22"])
        // The same event, looked back on later: counted as of today.
        let later = Briefing(network: n, scope: .event("e"), today: today.adding(days: 30))
        XCTAssertEqual(later.date, today.adding(days: 10))
        XCTAssertEqual(later.asOf, today.adding(days: 30))
        XCTAssertEqual(later.people.first?.overdueDays, 5)
    }

    func testUnknownScopesGiveAnEmptyBriefing() {
        XCTAssertEqual(Briefing(network: ranked(), scope: .event("nope"), today: today).people, [])
        XCTAssertEqual(Briefing(network: ranked(), scope: .network("nope"), today: today).introductions, [])
        XCTAssertEqual(Briefing(network: Network(), scope: .today, today: today).text(),
                       "Today: overdue contacts and follow-ups due — 2026-11-20\n\nNobody to brief on.\n")
    }

    // MARK: - Introductions

    func introNetwork() -> Network {
        var n = Network()
        contact("x", "Xena", .key, lastSeen: 1, can: ["markkinointi", "UX design"], needs: ["Mobile apps", "UX design"], into: &n)
        contact("y", "Yrjö", .key, lastSeen: 1, can: ["mobile app development"], needs: ["Markkinointi"], into: &n)
        contact("z", "Zoe", .key, lastSeen: 1, can: ["marketing"], needs: ["IT"], into: &n)
        contact("w", "Wilma", .key, lastSeen: 1, can: ["digital marketing"], needs: ["design"], into: &n)
        var e = Event(id: "e", name: "Meetup", date: today)
        e.attendees = ["x", "y", "z", "w", "x"]
        n.events = [e]
        return n
    }

    func testIntroductionsPairNeedsWithCompetences() {
        let b = Briefing(network: introNetwork(), scope: .event("e"), today: today)
        let pairs = b.introductions.map { "\($0.neederName) ← \($0.providerName): \($0.terms.joined(separator: ", "))" }
        XCTAssertEqual(pairs, ["Wilma ← Xena: design", "Xena ← Yrjö: Mobile apps", "Yrjö ← Xena: Markkinointi"])
        XCTAssertEqual(b.introductions.first { $0.needer == "x" }?.provider, "y")
        XCTAssertFalse(b.introductions.contains { $0.needer == $0.provider }, "Xena needs her own UX design: never paired with herself")
        XCTAssertFalse(b.introductions.contains { $0.needer == "z" }, "IT is not inside marketing")
    }

    func testIntroductionsAreSymmetricAndIndependentOfOrder() {
        var n = introNetwork()
        let b = Briefing(network: n, scope: .event("e"), today: today)
        n.events[0].attendees.reverse()
        n.contacts.reverse()
        let reversed = Briefing(network: n, scope: .event("e"), today: today)
        XCTAssertEqual(b.introductions, reversed.introductions)
        // Xena and Yrjö each need what the other can do: both directions, each once.
        let xy = b.introductions.filter { Set([$0.needer, $0.provider]) == ["x", "y"] }
        XCTAssertEqual(xy.count, 2)
        XCTAssertEqual(Set(xy.map(\.needer)), ["x", "y"])
        let keys = b.introductions.map { $0.needer + ">" + $0.provider }
        XCTAssertEqual(Set(keys).count, keys.count, "no duplicates")
    }

    // MARK: - Output

    func testJSONHasTheIssuesShape() throws {
        let b = Briefing(network: ranked(), scope: .network("n"), today: today)
        let json = try JSONParser.parse(Array(b.json().utf8))
        XCTAssertEqual(Array(b.json().utf8), JSONWriter.write(json))
        guard case .object(let top) = json, case .array(let people)? = top["people"] else { return XCTFail(b.json()) }
        XCTAssertEqual(Set(top.keys), ["title", "date", "people", "introductions"])
        XCTAssertEqual(top["date"], .string("2026-11-20"))
        XCTAssertEqual(people.count, 12)
        guard case .object(let first) = people[0] else { return XCTFail() }
        XCTAssertEqual(Set(first.keys), ["id", "name", "organization", "quadrant", "daysSinceContact", "strengths", "ask",
                                         "offer", "followUps", "lastNote"])
        XCTAssertEqual(first["id"], .string("c"))
        XCTAssertEqual(first["quadrant"], .string("key"))
        XCTAssertEqual(first["daysSinceContact"], .number("100"))
        XCTAssertEqual(lookup(json, "people", "2", "followUps"),
                       .array([.object(["due": .string("2026-11-20"), "what": .string("Book a demo")])]))
        let intro = try JSONParser.parse(Array(Briefing(network: introNetwork(), scope: .event("e"), today: today).json().utf8))
        XCTAssertEqual(lookup(intro, "introductions", "0"),
                       .object(["needer": .string("w"), "provider": .string("x"), "terms": .array([.string("design")])]))
    }

    func testTextAndMarkdown() {
        var n = introNetwork()
        n.me.seeks = ["mobile apps"]
        n.contacts[0].name = "Xena *the* [Great]|"
        n.interactions.append({
            var i = Interaction(id: "fu", contact: "y", date: today.adding(days: -1), kind: .call)
            i.followUp = FollowUp(due: today.adding(days: -2), what: "Send the deck")
            return i
        }())
        let b = Briefing(network: n, scope: .event("e"), today: today)
        let text = b.text()
        XCTAssertTrue(text.hasPrefix("Meetup — 2026-11-20\n\n4 people to talk to, in order:\n\n1. Yrjö — CEO, Yrjö Oy\n"), text)
        assertContains(text, "\n   my ask:    mobile app development\n")
        assertContains(text, "\n   follow-up: due 2026-11-18 (2 days overdue): Send the deck\n")
        assertContains(text, "\nIntroductions to make:\n  - Yrjö needs Markkinointi — Xena *the* [Great]| can help\n"
            + "  - Wilma needs design — Xena *the* [Great]| can help\n")
        assertLacks(text, "my offer:", "empty fields are left out")

        let md = b.markdown()
        XCTAssertTrue(md.hasPrefix("# Meetup\n\n**2026-11-20**\n\n4 people to talk to, in order.\n\n## 1. Yrjö\n\nCEO, Yrjö Oy\n\n"), md)
        assertContains(md, "\n- **My ask:** mobile app development\n")
        assertContains(md, "## 3. Xena \\*the\\* \\[Great\\]\\|\n")
        assertContains(md, "\n## Introductions to make\n\n- **Yrjö** needs Markkinointi: introduce **Xena \\*the\\* \\[Great\\]\\|**\n")
        XCTAssertFalse(md.split(separator: "\n").contains { $0.hasPrefix("|") }, "no tables: reads on a phone")
        XCTAssertTrue(md.split(separator: "\n").allSatisfy { $0.count < 200 })
    }

    func testPickerEventsUpcomingFirst() {
        var n = Network()
        let days = [-10, 3, 0, -1, 20, 0]
        n.events = days.enumerated().map { i, d in Event(id: "e\(i)", name: ["F", "C", "B", "E", "D", "A"][i], date: today.adding(days: d)) }
        XCTAssertEqual(Briefing.events(n, around: today).map(\.name), ["A", "B", "C", "D", "E", "F"])
    }
}
