import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The matrix report that `nettui matrix` prints, on the demo network and on small hand-made ones.
final class MatrixReportTests: XCTestCase {
    let demo = Demo.network(today: testToday)

    func testSectionsCoverEveryContactOnceInItsQuadrant() {
        let report = MatrixReport(network: demo, today: testToday)
        XCTAssertEqual(report.sections.map(\.quadrant), [.key, .rising, .maintain, .lightTouch])
        XCTAssertEqual(report.sections.map(\.name), ["Key", "Rising", "Maintain", "Light touch"])
        XCTAssertEqual(report.sections.map(\.cadenceDays), [30, 21, 60, 180])
        XCTAssertEqual(report.sections.map(\.entries.count).reduce(0, +), 40)
        let ids = report.sections.flatMap { $0.entries.map(\.id) }
        XCTAssertEqual(Set(ids), Set(demo.contacts.map(\.id)))
        XCTAssertEqual(ids.count, Set(ids).count)
        for s in report.sections {
            for e in s.entries {
                let c = demo.contact(id: e.id)!
                XCTAssertEqual(demo.scheme.quadrant(of: c), s.quadrant, e.name)
                XCTAssertEqual(e.name, c.name)
                XCTAssertEqual(e.organization, c.organization)
                XCTAssertEqual(e.drift, demo.scheme.drift(c), e.name)
            }
            XCTAssertEqual(s.overdueCount, s.entries.filter { $0.overdueDays > 0 }.count)
        }
        XCTAssertEqual(report.section(.key).entries.first { $0.name == "Aino Järvinen" }?.overdueDays, 0)
        XCTAssertEqual(report.sections.flatMap(\.entries).filter { $0.drift != nil }.count, demo.contacts.filter { demo.scheme.drift($0) != nil }.count)
    }

    func testOverdueDaysMatchTheScheme() {
        let report = MatrixReport(network: demo, today: testToday)
        let last = demo.lastContactDays()
        for e in report.sections.flatMap(\.entries) {
            let c = demo.contact(id: e.id)!
            XCTAssertEqual(e.overdueDays, demo.scheme.overdueDays(c, lastContact: last[c.id], today: testToday) ?? 0, e.name)
        }
        // Every quadrant of the demo has overdue contacts and up-to-date ones.
        for s in report.sections {
            XCTAssertGreaterThan(s.overdueCount, 0, s.name)
            XCTAssertLessThan(s.overdueCount, s.entries.count, s.name)
        }
        // A contact never met counts from when it was added (Ville Korhonen: Rising, no interactions).
        let ville = demo.contacts.first { $0.name == "Ville Korhonen" }!
        XCTAssertNil(last[ville.id])
        XCTAssertEqual(report.section(.rising).entries.first { $0.id == ville.id }?.overdueDays,
                       testToday.days(since: ville.created.day) - 21)
    }

    func testMostOverdueFirstThenByName() {
        let report = MatrixReport(network: demo, today: testToday)
        for s in report.sections {
            for (a, b) in zip(s.entries, s.entries.dropFirst()) {
                XCTAssertGreaterThanOrEqual(a.overdueDays, b.overdueDays, "\(s.name): \(a.name) before \(b.name)")
                if a.overdueDays == b.overdueDays {
                    XCTAssertLessThanOrEqual(SearchText.fold(a.name), SearchText.fold(b.name), "\(s.name): \(a.name) before \(b.name)")
                }
            }
        }
        // Diacritics and case do not decide the order: Åsa sorts as "asa", between Aino and Emilia.
        let key = report.section(.key).entries.filter { $0.overdueDays == 0 }.map(\.name)
        let aino = key.firstIndex(of: "Aino Järvinen")!, asa = key.firstIndex(of: "Åsa Lindström")!, emilia = key.firstIndex(of: "Emilia Nieminen")!
        XCTAssertLessThan(aino, asa)
        XCTAssertLessThan(asa, emilia)
    }

    func testNameOrderFoldsCaseAndDiacritics() {
        var n = Network()
        for (i, name) in ["Zoe", "Åsa", "aino", "Øystein", "Olli", "émile"].enumerated() {
            var c = Contact(id: "c\(i)", name: name, created: Timestamp(seconds: Int64(testToday.ordinal) * 86_400))
            (c.importanceNow, c.importanceFuture) = (.one, .one)
            n.contacts.append(c)
        }
        let report = MatrixReport(network: n, today: testToday)
        XCTAssertEqual(report.section(.key).entries.map(\.name), ["aino", "Åsa", "émile", "Olli", "Øystein", "Zoe"])
    }

    func testOverdueOnly() {
        let all = MatrixReport(network: demo, today: testToday)
        let overdue = MatrixReport(network: demo, today: testToday, overdueOnly: true)
        for (a, o) in zip(all.sections, overdue.sections) {
            XCTAssertEqual(o.entries, a.entries.filter { $0.overdueDays > 0 }, a.name)
            XCTAssertEqual(o.overdueCount, a.overdueCount)
            XCTAssertEqual(o.entries.count, o.overdueCount)
        }
        assertLacks(overdue.text(), "Aino Järvinen")
        XCTAssertEqual(overdue.sections.flatMap(\.entries).count, all.sections.map(\.overdueCount).reduce(0, +))
    }

    func testOverdueDependsOnTheInjectedDay() {
        let early = MatrixReport(network: demo, today: testToday)
        // The same network read 200 days later: everyone is overdue.
        let late = MatrixReport(network: demo, today: testToday.adding(days: 200))
        XCTAssertEqual(late.sections.map(\.overdueCount), late.sections.map(\.entries.count))
        XCTAssertGreaterThan(late.sections.map(\.overdueCount).reduce(0, +), early.sections.map(\.overdueCount).reduce(0, +))
    }

    func testText() {
        let report = MatrixReport(network: demo, today: testToday)
        let text = report.text()
        XCTAssertTrue(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for s in report.sections {
            let heading = "\(s.name) — \(s.entries.count) contacts, \(s.overdueCount) overdue (contact every \(s.cadenceDays) days)"
            assertHasLine(text, heading)
        }
        assertHasLine(text, "  Aino Järvinen · Järvinen Design Oy")
        assertHasLine(text, "  Birgitte Sørensen", "no separator when there is no organisation")
        // Overdue entries and drift notes.
        for e in report.sections.flatMap(\.entries) where e.overdueDays > 0 {
            assertHasLine(text, "for \(e.name), overdue \(e.overdueDays) d") {
                $0.hasPrefix("  \(e.name)") && $0.contains("  (overdue \(e.overdueDays) d)")
            }
        }
        let drifting = report.sections.flatMap(\.entries).filter { $0.drift != nil }
        XCTAssertFalse(drifting.isEmpty)
        for e in drifting {
            let suggested = report.section(e.drift!).name
            assertHasLine(text, "for \(e.name) ending “[criteria suggest \(suggested)]”") {
                $0.hasPrefix("  \(e.name)") && $0.hasSuffix("[criteria suggest \(suggested)]")
            }
        }
        // The headings come in the order Key, Rising, Maintain, Light touch, separated by blank lines.
        let headings = lines.filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        XCTAssertEqual(headings.map { String($0.prefix { $0 != " " }) }, ["Key", "Rising", "Maintain", "Light"])
        XCTAssertEqual(lines.filter(\.isEmpty).count, 3 + 1, "three blank lines between sections, and the final newline")
    }

    func testTextOfAnEmptyNetworkAndSingular() {
        XCTAssertEqual(MatrixReport(network: Network(), today: testToday).text(), """
            Key — 0 contacts, 0 overdue (contact every 30 days)
              (none)

            Rising — 0 contacts, 0 overdue (contact every 21 days)
              (none)

            Maintain — 0 contacts, 0 overdue (contact every 60 days)
              (none)

            Light touch — 0 contacts, 0 overdue (contact every 180 days)
              (none)

            """)
        var n = Network()
        n.scheme.quadrants[.key]?.cadenceDays = 1
        var c = Contact(id: "c1", name: "Solo", created: Timestamp(seconds: Int64(testToday.adding(days: -3).ordinal) * 86_400))
        (c.importanceNow, c.importanceFuture) = (.ten, .ten)
        n.contacts = [c]
        XCTAssertTrue(MatrixReport(network: n, today: testToday).text().hasPrefix("""
            Key — 1 contact, 1 overdue (contact every 1 day)
              Solo  (overdue 2 d)

            """))
    }

    func testControlCharactersAreStrippedFromText() {
        var n = Network()
        var c = Contact(id: "c1", name: "Evil\u{1B}[2J Name\u{7}", created: Timestamp(seconds: Int64(testToday.ordinal) * 86_400))
        c.organization = "Line\nBreak | Pipe \u{202E}dis\u{0}"
        (c.importanceNow, c.importanceFuture) = (.one, .one)
        n.contacts = [c]
        let report = MatrixReport(network: n, today: testToday)
        let text = report.text()
        assertContains(text, "  Evil[2J Name · Line Break | Pipe dis\n")
        XCTAssertFalse(text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        let md = report.markdown()
        assertContains(md, #"| Evil[2J Name | Line Break \| Pipe dis | 0 |"#)
        XCTAssertFalse(md.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        // JSON keeps the name as it is, escaped.
        let json = try? JSONParser.parse(Array(report.json().utf8))
        XCTAssertEqual(json.flatMap { lookup($0, "key", "0", "name") }, .string(c.name))
    }

    func testMarkdown() {
        let report = MatrixReport(network: demo, today: testToday)
        let md = report.markdown()
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for s in report.sections {
            assertHasLine(md, "## \(s.name) (\(s.entries.count), \(s.overdueCount) overdue)")
        }
        XCTAssertEqual(lines.filter { $0 == "| name | organisation | overdue days |" }.count, 4)
        XCTAssertEqual(lines.filter { $0.hasPrefix("| ") && !$0.hasPrefix("| name ") }.count, 40)
        assertHasLine(md, "| Aino Järvinen | Järvinen Design Oy | 0 |")
        assertHasLine(md, "| Birgitte Sørensen |  | 0 |")
        assertText(MatrixReport(network: Network(), today: testToday).markdown(), """
            ## Key (0, 0 overdue)

            No contacts.

            ## Rising (0, 0 overdue)

            No contacts.

            ## Maintain (0, 0 overdue)

            No contacts.

            ## Light touch (0, 0 overdue)

            No contacts.

            """)
    }

    func testJSON() throws {
        let report = MatrixReport(network: demo, today: testToday)
        let text = report.json()
        let json = try JSONParser.parse(Array(text.utf8))
        guard case .object(let o) = json else { return XCTFail("not an object: \(text.prefix(200))") }
        XCTAssertEqual(Set(o.keys), ["key", "rising", "maintain", "lightTouch"])
        var total = 0
        for s in report.sections {
            guard case .array(let items)? = o[JSONKey(s.quadrant.rawValue)] else { return XCTFail("\(s.quadrant) is not an array") }
            XCTAssertEqual(items.count, s.entries.count)
            for (item, e) in zip(items, s.entries) {
                guard case .object(let fields) = item else { return XCTFail("an entry is not an object") }
                XCTAssertEqual(Set(fields.keys), ["id", "name", "organization", "overdueDays"])
                XCTAssertEqual(fields["id"], .string(e.id))
                XCTAssertEqual(fields["name"], .string(e.name))
                XCTAssertEqual(fields["organization"], .string(e.organization))
                XCTAssertEqual(fields["overdueDays"]?.doubleValue, Double(e.overdueDays))
            }
            total += items.count
        }
        XCTAssertEqual(total, 40)
        // Pretty, with sorted keys: the JSONWriter's bytes.
        XCTAssertEqual(Array(text.utf8), JSONWriter.write(json))
        XCTAssertTrue(text.hasPrefix("{\n  \"key\": [\n    {\n      \"id\": "), String(text.prefix(80)))
        XCTAssertEqual(MatrixReport(network: Network(), today: testToday).json(),
                       "{\n  \"key\": [],\n  \"lightTouch\": [],\n  \"maintain\": [],\n  \"rising\": []\n}\n")
    }

    func testSchemePoliciesNameTheSections() {
        var n = demo
        n.scheme.quadrants[.rising] = QuadrantPolicy(name: "Tomorrow's stars", cadenceDays: 14, policy: "")
        let report = MatrixReport(network: n, today: testToday)
        XCTAssertEqual(report.section(.rising).name, "Tomorrow's stars")
        XCTAssertEqual(report.section(.rising).cadenceDays, 14)
        assertContains(report.text(), "Tomorrow's stars — 10 contacts, ")
        // Drift notes use the scheme's names too.
        assertContains(report.text(), "[criteria suggest Tomorrow's stars]", "Riikka Laine's criteria point to Rising")
    }

    /// docs/SEGMENTATION.md shows `nettui matrix --demo`; the demo's dates move with today, so the
    /// example must be exactly the report of the demo on any day.
    func testTheDocumentedExampleIsCurrent() throws {
        let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        let path = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/SEGMENTATION.md")
        let doc = try String(contentsOf: path, encoding: .utf8)
        let intro = try XCTUnwrap(doc.range(of: "`nettui matrix --demo` prints"))
        let open = try XCTUnwrap(doc.range(of: "```\n", range: intro.upperBound..<doc.endIndex))
        let close = try XCTUnwrap(doc.range(of: "```", range: open.upperBound..<doc.endIndex))
        let example = String(doc[open.upperBound..<close.lowerBound])
        XCTAssertEqual(example, MatrixReport(network: demo, today: testToday).text())
        let otherDay = testToday.adding(days: 400)
        XCTAssertEqual(example, MatrixReport(network: Demo.network(today: otherDay), today: otherDay).text())
    }
}
