import NetModel
import Plumbing
@testable import NetTUI
import XCTest
@testable import NetStore

final class BriefingPaneTests: XCTestCase {
    private func person(_ h: Harness, _ name: String) -> Int? { h.state.briefing.people.firstIndex { $0.name == name } }

    func testTodaysEventAt80x24And160x48() {
        for (w, ht) in [(80, 24), (160, 48)] {
            var h = Harness(width: w, height: ht)
            h.press(.char("4"))
            XCTAssertEqual(h.state.pane, .briefing)
            assertLine(h, row: 2, containing: "Briefing: Nordic Export Circle")
            let people = h.state.briefing.people
            XCTAssertFalse(people.isEmpty)
            // Key and Rising before the rest.
            let firstOther = people.firstIndex { $0.quadrant != .key && $0.quadrant != .rising } ?? people.count
            XCTAssertTrue(people[firstOther...].allSatisfy { $0.quadrant != .key && $0.quadrant != .rising })
            assertLine(h, containing: people[0].name)
            if w == 80 {
                assertScreen(h, """
                     NetTUI · demo (never saved)              40 contacts · 6 networks · 2026-11-23
                     1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
                     Briefing: Nordic Export Circle: spring meetup  2026-11-23
                         Talk to                      Why
                     1 ★ Mette Kjær                   Key, overdue 15 d, matches your seeks, needs …
                     2 ★ Hans Müller                  Key, overdue 3 d, follow-up due 2026-11-18, m…
                     3 ↗ Karin Åkesson                Rising, overdue 1 d
                     4 ★ Søren Østergaard             Key, follow-up due 2026-11-21, needs your off…
                     5 ★ Åsa Lindström                Key
                     6 ↗ Magnus Håland                Rising
                     7 ★ 佐藤 健                      Key
                     8 ● Niels Bach                   overdue 30 d, matches your seeks

                     Introductions to make (8)
                       … 8 more: a wider terminal or `nettui brief` shows all
                    ────────────────────────────────────────────────────────────────────────────────
                     Mette Kjær  Key, overdue 15 d, matches your seeks, needs your offers
                     Partner · Kjær & Partnere Advokatfirma
                     Ask       contract law
                     Offer     partner search in the Nordics
                     Strengths contract law, EU public procurement
                     Last      45 days ago: Message about their news

                     b brief on  i log  Enter card  n new event  m attendees  u undo  s save  ? hel…
                    """)
            }
            if ht == 48 { assertLine(h, containing: "Introductions to make") }
            for y in 0..<ht { XCTAssertEqual(h.screen.line(y).columns, w) }
        }
    }

    func testChoosingANetworkToBriefOn() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"), .char("b"))
        assertLine(h, containing: "Brief on…")
        h.type("tampere")
        h.press(.enter)
        assertScreen(h, rows: 0...13, """
             NetTUI · demo (never saved)                                                      40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks
             Briefing: Tampere Chamber of Commerce  2026-11-23
                 Talk to                    Why                               │ Jukka Heikkinen  Key, overdue 30 d, matches your s…
             1 ★ Jukka Heikkinen            Key, overdue 30 d, matches your s…│ Investment Director · Nordic Growth Partners
             2 ★ Pekka Mäkelä               Key, follow-up due 2026-11-23, ma…│ Ask       investor introductions
             3 ★ Emilia Nieminen            Key, needs your offers            │ Strengths investor introductions, due diligence
             4 ★ Aino Järvinen              Key                               │ Last      60 days ago: Quarterly call
             5 · Matti Koskinen             overdue 20 d                      │
             6 · Björn Ekström              overdue 10 d                      │ Introductions to make (2)
                                                                              │ • Jukka Heikkinen can help Björn Ekström: investor
                                                                              │   introductions
                                                                              │ • Pekka Mäkelä can help Björn Ekström: investor
                                                                              │   introductions
            """)
        let members = h.state.network.networks.first { $0.name == "Tampere Chamber of Commerce" }!.members
        XCTAssertEqual(Set(h.state.briefing.people.map(\.contactID)), Set(members))
    }

    func testLoggingATalkKeepsTheCursorOnThePersonAndClearsOverdue() throws {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"))
        let i = try XCTUnwrap(h.state.briefing.people.firstIndex { $0.overdueDays != nil })
        let who = h.state.briefing.people[i]
        h.driver.state.brief.selected = i
        let before = h.state.network.interactions.count
        h.press(.char("i"))
        assertLine(h, containing: "Log: \(who.name)")
        h.type("Talked about next spring")
        h.press(.tab)
        h.type("An introduction")
        h.press(.enter)
        XCTAssertEqual(h.state.network.interactions.count, before + 1)
        XCTAssertEqual(h.state.currentBriefingPerson?.contactID, who.contactID)
        XCTAssertNil(h.state.currentBriefingPerson?.overdueDays)
        assertLine(h, containing: "Logged a meeting with \(who.name)")
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.interactions.count, before)
    }

    func testAFollowUpIsLoggedAndClosedWithOneKey() throws {
        var h = Harness(width: 120, height: 40)
        h.select("Aino Järvinen")
        h.press(.char("i"))
        h.type("Berlin plans")
        h.press(.tab, .tab, .tab)  // past I gave and I got, to Follow up on
        h.type("2026-12-01")
        h.press(.enter)
        assertNoLine(h, containing: "A follow-up needs")

        assertLine(h, containing: "Say what to do on 2026-12-01")
        h.type("Send the Berlin contacts")  // the refusal put the cursor in that field
        h.press(.enter)
        let aino = h.state.network.contacts.first { $0.name == "Aino Järvinen" }!.id
        XCTAssertEqual(h.state.network.openFollowUps(contact: aino).map(\.followUp.what), ["Send the Berlin contacts"])
        h.press(.enter)  // the card
        assertScreen(h, """
             NetTUI · demo (never saved) ● modified                                           40 contacts · 6 networks · 2026-11-23
             1 Contacts   2 Matrix   3 Exits   4 Briefing   5 Networks                                                 sort: name ▲
             Aino Järvinen
             CEO · Järvinen Design Oy

             ★ Key  now 10 · future 10
             Criteria     Revenue today 10 · Share of wallet 10 · Strategic fit 10 · Growth potential 10
             Follow up    2026-12-01: Send the Berlin contacts (c closes)
             Give / get   gave 3 · got 3 · 1.0 : 1
             Last contact 2026-11-23 (today)
             Stage        commitment
             Chemistry    10
             Owner        Kaisa Virtanen
             Kinds        customer, partner
             Can do       UX design, service design
             Needs        export to Germany
             Tags         design, tampere
             Email        aino.jarvinen@jarvinendesign.example
             Phone        +358 40 1000000
             Networks     Tampere Chamber of Commerce

             Wants to open a Berlin studio next year.

             Interactions (5)
             2026-11-23 meeting
               Berlin plans
             2026-11-20 meeting
               Lunch to catch up on their plans; gave: Two leads for their export plan; got: Honest feedback on our pitch
             2026-11-03 call
               Quarterly call; gave: An overview of the Danish market; got: A tip about an upcoming tender
             2026-10-07 message
               Message about their news; gave: Congratulations and a useful article
             2026-08-25 event
               Talked at a network event; got: An invitation to their next event

             added 2026-08-15 · updated 2026-11-20



             Esc back  e edit  d delete  i log  c close follow-up  ? help  u undo  s save  : palette  q quit
            """)

        h.press(.char("c"))
        XCTAssertTrue(h.state.network.openFollowUps(contact: aino).isEmpty)
        assertLine(h, containing: "Closed the follow-up")
        h.press(.char("u"))
        XCTAssertEqual(h.state.network.openFollowUps(contact: aino).count, 1)
    }

    func testANewEventWithAttendeesBecomesTheBriefing() {
        var h = Harness(width: 120, height: 40)
        h.press(.char("4"), .char("n"))
        assertLine(h, containing: "New event")
        h.type("Kundbesök i Göteborg")
        h.press(.tab, .ctrl("u"))
        h.type("2026-11-30")
        h.press(.tab)
        h.type("nordic")
        h.press(.enter)
        let event = h.state.network.events.first { $0.name == "Kundbesök i Göteborg" }
        XCTAssertEqual(event?.network, h.state.network.networks.first { $0.name == "Nordic Export Circle" }?.id)
        assertLine(h, row: 2, containing: "Kundbesök i Göteborg")
        XCTAssertTrue(h.state.briefing.people.isEmpty)
        h.press(.char("m"))
        h.type("lindstrom")
        h.press(.tab, .ctrl("u"))
        h.type("muller")
        h.press(.tab, .enter)
        XCTAssertEqual(Set(h.state.briefing.people.map(\.name)), ["Åsa Lindström", "Hans Müller"])
        assertScreen(h, rows: 2...15, """
             Briefing: Kundbesök i Göteborg  2026-11-30
                 Talk to                    Why                               │ Hans Müller  Key, overdue 10 d, follow-up due 2026…
             1 ★ Hans Müller                Key, overdue 10 d, follow-up due …│ Geschäftsführer · Müller Handelsgesellschaft mbH
             2 ★ Åsa Lindström              Key, follow-up due 2026-11-27     │ Ask       export to Germany
                                                                              │ Strengths export to Germany, German distribution
                                                                              │           network
                                                                              │ Follow up 2026-11-18: Send him three Nordic food
                                                                              │           suppliers for his German network
                                                                              │ Last      40 days ago: Referred a customer to them
                                                                              │
                                                                              │ Introductions to make (1)
                                                                              │ • Hans Müller can help Åsa Lindström: export to
                                                                              │   Germany
                                                                              │
            """)
        assertLine(h, row: 39, containing: "Kundbesök i Göteborg: 2 attendees")


    }
}
