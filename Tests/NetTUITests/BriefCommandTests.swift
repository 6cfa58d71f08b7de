import Foundation
import NetModel
import Plumbing
import TestSupport
import XCTest
import NetStore
import NetInterchange

/// Runs the built `nettui brief` the way a script would and checks its three formats and its errors.
final class BriefCommandTests: XCTestCase {
    /// A day for the demo (built around it with --date), so that the output does not depend on the clock.
    let day = "2025-03-14"

    func run(_ args: [String], environment extra: [String: String] = [:]) throws -> Programs.Result {
        try Programs.nettui(args, environment: extra)
    }

    func testDemoTodayAsText() throws {
        let r = try run(["brief", "--demo", "--date", day])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        // The whole brief: eight people, Key and Rising before Maintain, then the introductions.
        assertText(r.stdout, """
            Nordic Export Circle: spring meetup — 2025-03-14
            Copenhagen, Nordhavn · Nordic Export Circle
            Ask Hans about German distribution for Åsa and Karin.

            8 people to talk to, in order:

            1. Mette Kjær — Partner, Kjær & Partnere Advokatfirma
               Key · last contact 45 days ago · why: Key, overdue 15 d, matches your seeks, needs your offers
               strengths: contract law, EU public procurement
               my ask:    contract law
               my offer:  partner search in the Nordics
               last note: Message about their news

            2. Hans Müller — Geschäftsführer, Müller Handelsgesellschaft mbH
               Key · last contact 33 days ago · why: Key, overdue 3 d, follow-up due 2025-03-09, matches your seeks
               strengths: export to Germany, German distribution network
               my ask:    export to Germany
               follow-up: due 2025-03-09 (5 days overdue): Send him three Nordic food suppliers for his German network
               last note: Referred a customer to them

            3. Karin Åkesson — Owner, Åkesson Bageri AB
               Rising · last contact 22 days ago · why: Rising, overdue 1 d
               strengths: artisan bakery
               last note: Talked at a network event

            4. Søren Østergaard — Head of Procurement, Østergaard Vind ApS
               Key · last contact 12 days ago · why: Key, follow-up due 2025-03-12, needs your offers
               strengths: wind power supply chain
               my offer:  market entry strategy
               follow-up: due 2025-03-12 (2 days overdue): Send the market entry proposal for Japan
               last note: Quarterly call

            5. Åsa Lindström — Export Manager, Lindström Livsmedel AB
               Key · last contact yesterday · why: Key
               strengths: food safety certification
               follow-up: due 2025-03-18: Introduce her to Hans Müller about German distribution
               last note: Introduced them to a partner who matches their need

            6. Magnus Håland — Sales Director, Håland Fjordfisk AS
               Rising · last contact 11 days ago · why: Rising
               strengths: cold chain logistics
               last note: Introduced them to a partner who matches their need

            7. 佐藤 健 — Director, Europe, Sato Trading K.K.
               Key · last contact 5 days ago · why: Key
               strengths: Japanese market entry
               last note: Lunch to catch up on their plans

            8. Niels Bach — Senior Consultant, Danske Eksportkonsulenter
               Maintain · last contact 90 days ago · why: overdue 30 d, matches your seeks
               strengths: export to Germany, trade fair logistics
               my ask:    export to Germany
               last note: Quarterly call

            Introductions to make:
              - Karin Åkesson needs export to Germany — Hans Müller can help
              - Karin Åkesson needs food safety certification — Åsa Lindström can help
              - Karin Åkesson needs export to Germany — Niels Bach can help
              - Søren Østergaard needs Japanese market entry — 佐藤 健 can help
              - Åsa Lindström needs export to Germany — Hans Müller can help
              - Åsa Lindström needs export to Germany — Niels Bach can help
              - Magnus Håland needs Japanese market entry — 佐藤 健 can help
              - 佐藤 健 needs food safety certification — Åsa Lindström can help

            """)
    }

    func testDemoMarkdownReadsOnAPhone() throws {
        let r = try run(["brief", "--demo", "--date", day, "--format", "markdown"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.first, "# Nordic Export Circle: spring meetup")
        XCTAssertEqual(lines.filter { $0.hasPrefix("## ") }.count, 9, "a heading per person, and the introductions")
        assertHasLine(r.stdout, "## 1. Mette Kjær")
        assertHasLine(r.stdout, "- **My offer:** partner search in the Nordics")
        assertHasLine(r.stdout, "## Introductions to make")
        assertHasLine(r.stdout, "- **Karin Åkesson** needs food safety certification: introduce **Åsa Lindström**")

        XCTAssertFalse(lines.contains { $0.hasPrefix("|") }, "no tables")
        XCTAssertFalse(lines.contains { $0.hasSuffix(" ") }, "no trailing spaces")
        XCTAssertLessThan(lines.map(\.count).max() ?? 0, 130)
    }

    func testDemoJSON() throws {
        let r = try run(["brief", "--demo", "--date", day, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONParser.parse(Array(r.stdout.utf8))
        XCTAssertEqual(Array(r.stdout.utf8), JSONWriter.write(json), "written by JSONWriter")
        guard case .object(let top) = json, case .array(let people)? = top["people"],
              case .array(let intros)? = top["introductions"] else { return XCTFail(r.stdout) }
        XCTAssertEqual(Set(top.keys), ["title", "date", "people", "introductions"])
        XCTAssertEqual(top["title"], .string("Nordic Export Circle: spring meetup"))
        XCTAssertEqual(top["date"], .string(day))
        XCTAssertEqual(people.count, 8)
        let demo = Demo.network(today: Day(iso: day)!)
        var ids: Set<String> = []
        for p in people {
            guard case .object(let o) = p, case .string(let id)? = o["id"] else { return XCTFail("\(p)") }
            XCTAssertEqual(Set(o.keys), ["id", "name", "organization", "quadrant", "daysSinceContact", "strengths", "ask",
                                         "offer", "followUps", "lastNote"])
            XCTAssertEqual(o["name"], demo.contact(id: id).map { .string($0.name) })
            ids.insert(id)
        }
        XCTAssertEqual(lookup(json, "people", "0", "quadrant"), .string("key"))
        XCTAssertEqual(lookup(json, "people", "1", "followUps", "0", "due"), .string("2025-03-09"))
        XCTAssertGreaterThanOrEqual(intros.count, 5)
        for i in intros {
            guard case .object(let o) = i, case .string(let needer)? = o["needer"], case .string(let provider)? = o["provider"],
                  case .array(let terms)? = o["terms"] else { return XCTFail("\(i)") }
            XCTAssertEqual(Set(o.keys), ["needer", "provider", "terms"])
            XCTAssertTrue(ids.contains(needer) && ids.contains(provider) && needer != provider)
            XCTAssertFalse(terms.isEmpty)
        }
    }

    func testEventAndNetworkByNameOrId() throws {
        let byName = try run(["brief", "--demo", "--date", day, "--event", "business BREAKFAST", "--format", "json"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        assertContains(byName.stdout, #""title": "Business Breakfast""#)
        assertContains(byName.stdout, #""date": "2025-03-16""#, "the event's day")
        let demo = Demo.network(today: Day(iso: day)!)
        let id = try XCTUnwrap(demo.events.first { $0.name == "Business Breakfast" }?.id)
        XCTAssertEqual(try run(["brief", "--demo", "--date", day, "--event", id, "--format", "json"]).stdout, byName.stdout)

        let network = try run(["brief", "--demo", "--date", day, "--network", "golf & business SOCIETY"])
        XCTAssertEqual(network.status, 0, network.stderr)
        XCTAssertTrue(network.stdout.hasPrefix("Golf & Business Society — 2025-03-14\nclub · 3 members\n\n3 people to talk to"), network.stdout)
    }

    func testUnknownNamesListCloseMatches() throws {
        let typo = try run(["brief", "--demo", "--date", day, "--event", "Bussiness brekfast"])
        XCTAssertEqual(typo.status, 1)
        XCTAssertEqual(typo.stdout, "")
        XCTAssertEqual(typo.stderr, "nettui: no event named \"Bussiness brekfast\"\nclose matches:\n  Business Breakfast (2025-03-16)\n")

        let part = try run(["brief", "--demo", "--date", day, "--network", "nordic"])
        XCTAssertEqual(part.status, 1)
        XCTAssertEqual(part.stderr, "nettui: no network named \"nordic\"\nclose matches:\n  Nordic Export Circle\n")

        let nothing = try run(["brief", "--demo", "--date", day, "--event", "zzz"])
        XCTAssertEqual(nothing.status, 1)
        XCTAssertTrue(nothing.stderr.hasPrefix("nettui: no event named \"zzz\"\nno close matches; the events are:\n  Nordic Export Circle: spring meetup (2025-03-14)\n"),
                      nothing.stderr)
    }

    func testAFileWithoutEventsTodayBriefsOverdueAndDue() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettui-brief-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/network.json"
        let today = Day(iso: day)!
        var n = Network()
        var late = Contact(id: "c1", name: "Late Lauri", created: Timestamp(seconds: 0))
        late.importanceNow = .ten
        var due = Contact(id: "c2", name: "Due Dora", created: Timestamp(seconds: Int64(today.ordinal) * 86_400))
        due.competences = ["EU funding applications"]
        n.me.seeks = ["EU funding application"]
        n.contacts = [late, due]
        var i = Interaction(id: "i1", contact: "c2", date: today.adding(days: -3), kind: .call)
        i.followUp = FollowUp(due: today, what: "Send the budget")
        n.interactions = [i]
        try Data(NetworkCodec.encode(n)).write(to: URL(fileURLWithPath: path))

        let r = try run(["brief", path, "--date", day])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            Today: overdue contacts and follow-ups due — 2025-03-14

            2 people to talk to, in order:

            1. Late Lauri
               Maintain · never in contact · why: overdue \(today.days(since: Day(ordinal: 0)) - 60) d

            2. Due Dora
               Light touch · last contact 3 days ago · why: follow-up due 2025-03-14, matches your seeks
               strengths: EU funding applications
               my ask:    EU funding applications
               follow-up: due today: Send the budget

            No introductions to make.

            """)
        XCTAssertEqual(try run(["brief", "--file", path, "--date", day]).stdout, r.stdout)
        XCTAssertEqual(try run(["brief", "--date", day], environment: ["NETTUI_FILE": path]).stdout, r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".lock"), "read-only use takes no lock")
    }

    func testBadArguments() throws {
        XCTAssertNotEqual(try run(["brief", "--demo", "--event", "x", "--network", "y"]).status, 0)
        XCTAssertNotEqual(try run(["brief", "--demo", "--date", "2025-02-30"]).status, 0)
        XCTAssertNotEqual(try run(["brief", "--demo", "--format", "yaml"]).status, 0)
        XCTAssertNotEqual(try run(["brief", "--demo", "/some/file.json"]).status, 0)
        let missing = try run(["brief", "/nonexistent.json"])
        XCTAssertEqual(missing.status, 1)
        assertContains(missing.stderr, "no such file")
        let today = try run(["brief", "--demo"])
        XCTAssertEqual(today.status, 0, today.stderr)
        XCTAssertTrue(today.stdout.hasPrefix("Nordic Export Circle: spring meetup — "), "the demo always has an event today")
    }
}
