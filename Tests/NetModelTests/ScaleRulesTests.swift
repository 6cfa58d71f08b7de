import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The rules made fast for 100,000 contacts, checked against the straightforward algorithms they
/// replaced (kept below as `Reference`), on seeded random networks of a few thousand contacts and
/// on random text in many scripts. Only results are compared; timings are not asserted.
final class ScaleRulesTests: XCTestCase {
    let today = Day(year: 2026, month: 11, day: 23)!

    // MARK: - Text

    func testFoldMatchesTheUnicodePathOnRandomText() {
        var r = SplitMix64(seed: 1)
        for _ in 0..<4000 {
            let s = Self.randomText(&r, length: Int.random(in: 0...12, using: &r))
            XCTAssertEqual(SearchText.fold(s), Reference.fold(s), "fold of \(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testFoldMatchesTheUnicodePathScalarByScalar() {
        var scalars = Array(0..<SearchText.tableLimit) + Array(stride(from: 0x3400, through: 0x4DBF, by: 5))
        scalars += Array(stride(from: 0x4E00, through: 0x9FFF, by: 7)) + Array(0xAC00...0xD7A3) + Array(0x3000..<0x3100)
        for v in scalars {
            guard let u = Unicode.Scalar(v) else { continue }
            let s = String(u)
            XCTAssertEqual(SearchText.fold(s), Reference.fold(s), "fold of U+\(String(v, radix: 16))")
            // Upper case and an accent around it: the scalar folds the same in company.
            let t = "A" + s + "e\u{301}"
            XCTAssertEqual(SearchText.fold(t), Reference.fold(t), "fold of A U+\(String(v, radix: 16)) e\u{301}")
        }
    }

    func testFoldTableKeepsNoCombiningMark() {
        // The fast path relies on this: no scalar it folds leaves a mark that canonical ordering could move.
        for (v, folded) in SearchText.scalarFolds.enumerated() {
            guard let folded else { continue }
            let marks = String(decoding: folded, as: UTF8.self).unicodeScalars.filter { $0.properties.canonicalCombiningClass != .notReordered }
            XCTAssertTrue(marks.isEmpty, "U+\(String(v, radix: 16))")
        }
        XCTAssertEqual(SearchText.fold("İSTANBUL Ǆ ẞ Ⅻ"), Reference.fold("İSTANBUL Ǆ ẞ Ⅻ"))
        XCTAssertEqual(SearchText.fold("ΟΔΟΣ Σ"), Reference.fold("ΟΔΟΣ Σ"))
    }

    func testTrimmingMatchesTheReversingTrim() {
        var r = SplitMix64(seed: 2)
        let edges = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{2028}", " \u{301}", "\u{600} ", "\u{600}a",
                     "a", "x\u{308}", "é", "👍🏽", "\u{1F}", "", "\u{200D}", "\r"]
        for _ in 0..<3000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...3, using: &r) { s += edges.randomElement(using: &r)! }
            s += Self.randomText(&r, length: Int.random(in: 0...4, using: &r))
            for _ in 0..<Int.random(in: 0...3, using: &r) { s += edges.randomElement(using: &r)! }
            XCTAssertEqual(s.trimmingWhitespace, Reference.trim(s), "trim of \(s.unicodeScalars.map { String($0.value, radix: 16) })")
            let sub = s.dropFirst(Int.random(in: 0...1, using: &r))
            XCTAssertEqual(sub.trimmingWhitespace, Reference.trim(sub))
        }
    }

    func testReportTextMatchesTheReference() {
        var r = SplitMix64(seed: 3)
        let extra = ["|", "\t", "\n", "\u{202E}", "\u{2067}", "\u{85}", "\u{9F}", "\u{7F}", "a|\u{301}", "\u{0}"]
        for _ in 0..<3000 {
            let s = Self.randomText(&r, length: Int.random(in: 0...6, using: &r)) + extra.randomElement(using: &r)!
                + Self.randomText(&r, length: Int.random(in: 0...3, using: &r))
            XCTAssertEqual(ReportText.clean(s), Reference.clean(s))
            XCTAssertEqual(ReportText.cell(s), Reference.cell(s))
        }
    }

    func testMatchingMatchesTheReference() {
        var r = SplitMix64(seed: 4)
        for _ in 0..<1500 {
            let term = Self.randomTerm(&r)
            XCTAssertEqual(Matching.words(term), Reference.words(term), term)
            let wants = (0..<Int.random(in: 0...3, using: &r)).map { _ in Self.randomTerm(&r) }
            let has = (0..<Int.random(in: 0...3, using: &r)).map { _ in Self.randomTerm(&r) }
            XCTAssertEqual(Matching.matches(wants: wants, has: has), Reference.matches(wants: wants, has: has))
        }
    }

    // MARK: - Sort keys and lookups

    func testSortKeyOrdersLikeTheString() {
        var r = SplitMix64(seed: 5)
        let special = ["", "a", "ab", "K", "\u{212A}", ";", "\u{37E}", "`", "\u{1FEF}", "e\u{301}", "é", "e\u{301}x", "éx", "\u{1100}\u{1161}",
                       "가", "가\u{11A8}", "각", "ｱ", "が", "か\u{3099}", "α", "Σ", "ς", "a\u{0}", "a\u{0}b", "abcdefghijklmnopq",
                       "abcdefghijklmnopr", "abcdefghijklmnop", "王芳", "王", "佐藤 健", "\u{301}", "\u{316}\u{301}", "\u{1100}\u{1100}\u{1161}",
                       "\u{1100}\u{1161}\u{11A8}", "\u{1100}\u{1161}\u{1100}", "\u{1161}", "й", "и\u{306}", "Ω", "\u{2126}"]
        var texts = special
        for _ in 0..<400 {
            let s = Self.randomText(&r, length: Int.random(in: 0...6, using: &r))
            texts += [s, SearchText.fold(s), special.randomElement(using: &r)! + SearchText.fold(s)]
        }
        let keys = texts.map(SortKey.init)
        for _ in 0..<40_000 {
            let i = Int.random(in: 0..<texts.count, using: &r), j = Int.random(in: 0..<texts.count, using: &r)
            XCTAssertEqual(keys[i] < keys[j], texts[i] < texts[j], "\(texts[i].debugDescription) < \(texts[j].debugDescription)")
            XCTAssertEqual(keys[i] == keys[j], texts[i] == texts[j], "\(texts[i].debugDescription) == \(texts[j].debugDescription)")
        }
        let folded = texts.map(SearchText.fold)
        XCTAssertEqual(folded.map(SortKey.init).sorted().map(\.text), folded.sorted())
        // Folded Korean (jamo) composes back to the syllables, and many of them sort as the strings do.
        for v in stride(from: UInt32(0xAC00), through: 0xD7A3, by: 3) {
            let syllable = String(Unicode.Scalar(v)!)
            XCTAssertEqual(SortKey.composed(SearchText.fold(syllable)), syllable)
        }
        let korean = (0..<600).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 1...3, using: &r)).map { _ in Unicode.Scalar(UInt32.random(in: 0xAC00...0xD7A3, using: &r))! }))
        }.map(SearchText.fold)
        XCTAssertEqual(korean.map(SortKey.init).sorted().map(\.text), korean.sorted())
    }

    func testScalarsAboveASCIIStayAboveInNFC() {
        // SortKey's shortcut: a text starting with a scalar above ASCII (but three) starts above ASCII in NFC.
        for v in UInt32(0x80)...0xFFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let first = String(u).precomposedStringWithCanonicalMapping.unicodeScalars.first!.value
            XCTAssertEqual(first < 0x80, SortKey.asciiSingletons.contains(v), "U+\(String(v, radix: 16))")
        }
    }

    func testIDTableFindsTheFirstPosition() {
        var r = SplitMix64(seed: 6)
        let ids = (0..<3000).map { _ in Self.randomID(&r, pool: 1500) }
        let table = IDTable(ids)
        for _ in 0..<3000 {
            let id = Self.randomID(&r, pool: 1700)
            XCTAssertEqual(table.position(of: id), ids.firstIndex(of: id))
        }
        let spread = table.spread(ids.indices.map { $0 })
        XCTAssertEqual(spread, ids.map { ids.firstIndex(of: $0)! })
        XCTAssertNil(IDTable([]).position(of: "x"))
        XCTAssertEqual(IDTable(["", "a"]).position(of: ""), 0)
        // Ids are byte strings: composed or not, and the three scalars canonically equal to ; ` K,
        // are other ids (`String`'s == says they are one: the table must not).
        let equivalent = ["e\u{301}", "é", "K-1", "\u{212A}-1", "a;b", "a\u{37E}b", "`", "\u{1FEF}", "Ω", "\u{2126}", "Å", "\u{212B}",
                          "A\u{30A}", "한", "\u{1112}\u{1161}\u{11AB}", "long-id-\u{212A}-0123456789", "long-id-K-0123456789"]
        for order in [equivalent, equivalent.reversed()] {
            let table = IDTable(order)
            for id in equivalent + ["e", "k-1", "\u{1112}"] {
                XCTAssertEqual(table.position(of: id), order.firstIndex { sameBytes($0, id) }, id.debugDescription)
            }
            XCTAssertEqual(table.duplicates.count, 0)
        }
    }

    func testStringMapKeepsTheFirstValueLikeADictionary() {
        var r = SplitMix64(seed: 8)
        var map = StringMap<Int>()  // grows from its smallest size
        var reference: [String: Int] = [:]
        let keys = (0..<5000).map { k in k % 3 == 0 ? Self.randomText(&r, length: Int.random(in: 0...6, using: &r)) : Self.randomID(&r, pool: 2500) }
        for (i, key) in keys.enumerated() {
            map.insertIfAbsent(key, i)
            if reference[key] == nil { reference[key] = i }
            if i % 7 == 0 { XCTAssertEqual(map[key], reference[key]) }
        }
        XCTAssertEqual(map.count, reference.count)
        for key in keys + (0..<500).map({ _ in Self.randomID(&r, pool: 4000) }) { XCTAssertEqual(map[key], reference[key], key.debugDescription) }
        // Keys are equal as strings are: the second spelling finds the first's value.
        var equal = StringMap<Int>(capacity: 4)
        for (i, key) in ["é", "\u{212A}-1", "Å"].enumerated() { equal.insertIfAbsent(key, i) }
        for (key, value) in [("e\u{301}", 0), ("K-1", 1), ("A\u{30A}", 2), ("\u{212B}", 2)] {
            equal.insertIfAbsent(key, 9)
            XCTAssertEqual(equal[key], value, key.debugDescription)
        }
        XCTAssertEqual(equal.count, 3)
    }

    func testNameOrderIsTheOrderOfTheStrings() {
        var r = SplitMix64(seed: 10)
        for _ in 0..<5 {
            // Few distinct names, so that many tie and the ids decide.
            let names = (0..<3000).map { _ in SearchText.fold(Self.randomText(&r, length: Int.random(in: 0...4, using: &r))) }
            let ids = (0..<3000).map { _ in Self.randomID(&r, pool: 6000) }
            let expected = names.indices.sorted { names[$0] != names[$1] ? names[$0] < names[$1] : ids[$0] < ids[$1] }
            XCTAssertEqual(SearchText.order(byFolded: names, ids: ids), expected)
            // Sorted in runs on every core and merged, as a long list is: the same order.
            XCTAssertEqual(SearchText.order(byFolded: names, ids: ids, minimumRun: 500), expected)
            // Ranked by a figure first (highest first), in runs too.
            let figures = (0..<3000).map { _ in Int.random(in: 0..<4, using: &r) }
            let ranked = names.indices.sorted {
                figures[$0] != figures[$1] ? figures[$0] > figures[$1] : names[$0] != names[$1] ? names[$0] < names[$1] : ids[$0] < ids[$1]
            }
            XCTAssertEqual(SortKey.ranked(figures, keys: names.map(SortKey.init), ids: ids, minimumRun: 700), ranked)
        }
    }

    /// The facts the dashboard reads of every contact, worked out on every core, are each contact's own.
    func testFoldedNamesAndQuadrantsOfManyContacts() {
        var r = SplitMix64(seed: 12)
        let n = Self.randomNetwork(&r, contacts: 9000, interactions: 0)
        XCTAssertEqual(SearchText.foldedNames(of: n.contacts), n.contacts.map { SearchText.fold($0.name) })
        XCTAssertEqual(n.scheme.quadrants(of: n.contacts), n.contacts.map { n.scheme.quadrant(of: $0) })
        let names = n.contacts.map { SearchText.fold($0.name) }
        XCTAssertEqual(SearchText.order(byFolded: names, of: n.contacts), SearchText.order(byFolded: names, ids: n.contacts.map(\.id)))
    }

    func testContactAndNetworkLookupsMatchALinearSearch() {
        var r = SplitMix64(seed: 7)
        var n = Self.randomNetwork(&r, contacts: 1500, interactions: 100)
        let probes = n.contacts.map(\.id) + (0..<200).map { _ in Self.randomID(&r, pool: 3000) }
        func check(_ why: String) {
            for id in probes {
                XCTAssertEqual(n.contact(id: id), n.contacts.first { $0.id == id }, why)
            }
            for g in n.networks { XCTAssertEqual(n.network(id: g.id), n.networks.first { $0.id == g.id }, why) }
            XCTAssertNil(n.network(id: "no such network"))
        }
        check("sorted, with twice-used ids")
        // Out of order (as a hand-edited file may be): the lookups fall back to a linear search.
        var seen = Set<String>()
        n.contacts = n.contacts.filter { seen.insert($0.id).inserted }.shuffled(using: &r)
        n.networks.shuffle(using: &r)
        check("shuffled")
    }

    // MARK: - Rules on random networks

    func testLastContactDaysAndTalliesMatchTheReference() {
        for seed in UInt64(10)..<13 {
            var r = SplitMix64(seed: seed)
            let n = Self.randomNetwork(&r, contacts: 2000, interactions: 6000)
            XCTAssertEqual(n.lastContactDays(), Reference.lastContactDays(n))
            let tallies = Reference.giveGetTallies(n)
            let eventDays = n.lastEventDays(today: today)
            for g in n.networks {
                XCTAssertEqual(Network.lastActivity(of: g, eventDays: eventDays), n.lastActivity(of: g, today: today))
                let sum = Set(g.members).reduce((gave: 0, got: 0)) { t, id in (t.gave + (tallies[id]?.gave ?? 0), t.got + (tallies[id]?.got ?? 0)) }
                XCTAssertTrue(n.giveGet(network: g) == sum, g.name)
            }
            let byPosition = NetworkView(n).lastContactDays(), byID = n.lastContactDays()
            for (p, c) in n.contacts.enumerated() { XCTAssertEqual(byPosition[p], byID[c.id]) }
        }
    }

    func testReferenceProblemsMatchTheReference() {
        for seed in UInt64(40)..<44 {
            var r = SplitMix64(seed: seed)
            var n = Self.randomNetwork(&r, contacts: 1500, interactions: 4000)
            // Ids used twice across the lists, and (odd seeds) within the log, which is then out of order.
            n.networks[0].id = n.contacts[7].id
            n.events[0].id = n.networks[1].id
            n.interactions[5].id = n.contacts[3].id
            n.interactions[9].id = n.events[1].id
            if seed % 2 == 1 {
                n.interactions[20].id = n.interactions[400].id
                n.interactions.swapAt(30, 3000)
            }
            let problems = n.referenceProblems()
            XCTAssertEqual(problems, Reference.referenceProblems(n), "seed \(seed)")
            XCTAssertTrue(problems.contains { $0.kind == .duplicateID && $0.location.hasPrefix("interactions[400]") } == (seed % 2 == 1))
            XCTAssertTrue(problems.contains { $0.kind == .danglingReference && $0.location.hasPrefix("interactions[") })
        }
    }

    func testExitCandidatesMatchTheReference() {
        for seed in UInt64(20)..<23 {
            var r = SplitMix64(seed: seed)
            var n = Self.randomNetwork(&r, contacts: 2500, interactions: 7000)
            if seed == 21 { n.scheme.exitRules.difficultTag = "  Vaikeä " }
            if seed == 22 { n.scheme.exitRules.difficultTag = "" }
            for day in [today, today.adding(days: 45)] {
                for all in [false, true] {
                    let fast = n.exitCandidates(today: day, all: all), slow = Reference.exitCandidates(n, today: day, all: all)
                    XCTAssertEqual(fast.count, slow.count, "seed \(seed) all \(all)")
                    XCTAssertEqual(fast, slow, "seed \(seed) all \(all)")
                    // As the app asks: with the log's index and the folded names it keeps.
                    let view = NetworkView(n, logIndex: LogIndex(n), foldedNames: n.contacts.map { SearchText.fold($0.name) })
                    let kept = view.exitCandidates(today: day, all: all)
                    XCTAssertEqual(kept, slow, "seed \(seed) all \(all), with the app's index and names")
                }
            }
        }
    }

    func testMatrixReportMatchesTheReference() {
        for seed in UInt64(30)..<33 {
            var r = SplitMix64(seed: seed)
            let n = Self.randomNetwork(&r, contacts: 2500, interactions: 7000)
            for overdueOnly in [false, true] {
                let report = MatrixReport(network: n, today: today, overdueOnly: overdueOnly)
                XCTAssertEqual(report.sections, Reference.matrixSections(n, today: today, overdueOnly: overdueOnly), "seed \(seed)")
            }
            XCTAssertEqual(n.overdueContacts(today: today).map(\.contact.id), Reference.overdueContacts(n, today: today).map(\.contact.id))
            XCTAssertEqual(n.overdueContacts(today: today).map(\.days), Reference.overdueContacts(n, today: today).map(\.days))
            for c in n.contacts.prefix(500) {
                for axis in Axis.allCases {
                    XCTAssertEqual(n.scheme.suggestedRating(c, axis: axis), Reference.suggestedRating(n.scheme, c, axis: axis))
                }
            }
        }
    }

    func testBriefingsMatchTheReference() {
        for seed in UInt64(40)..<43 {
            var r = SplitMix64(seed: seed)
            // The last is small: a day without events briefs on (nearly) everyone overdue, and the
            // reference tries every pair of them.
            let n = Self.randomNetwork(&r, contacts: seed == 42 ? 250 : 1500, interactions: seed == 42 ? 700 : 4000)
            var cases: [(BriefingScope, Day)] = [(.today, today)] + (seed == 42 ? [(.today, today.adding(days: 400))] : [])
            cases += n.events.prefix(8).map { (.event($0.id), today) }
            cases += n.networks.prefix(6).map { (.network($0.id), today) }
            cases.append((.network("no such network"), today))
            for (scope, day) in cases {
                let b = Briefing(network: n, scope: scope, today: day)
                let people = Reference.people(n, b.ids(in: n, scope: scope, today: day), asOf: b.asOf)
                XCTAssertEqual(b.people, people, "seed \(seed) \(scope)")
                XCTAssertEqual(b.introductions, Reference.introductions(among: Array(people.prefix(Briefing.introductionPeople))),
                               "seed \(seed) \(scope)")
            }
            XCTAssertEqual(Briefing.events(n, around: today), Reference.events(n, around: today))
        }
    }

    func testIntroductionsMatchEveryPairTried() {
        var r = SplitMix64(seed: 50)
        for _ in 0..<30 {
            let people = (0..<Int.random(in: 0...60, using: &r)).map { k in
                Briefing.Person(contactID: "p\(k)", name: "P \(k)", organization: "", role: "", quadrant: .key, quadrantName: "Key",
                                daysSinceContact: nil, overdueDays: nil,
                                strengths: (0..<Int.random(in: 0...3, using: &r)).map { _ in Self.randomTerm(&r) },
                                needs: (0..<Int.random(in: 0...3, using: &r)).map { _ in Self.randomTerm(&r) },
                                ask: [], offer: [], followUps: [], lastNote: "", why: "")
            }
            XCTAssertEqual(Briefing.introductions(among: people), Reference.introductions(among: people))
        }
    }

    func testApplyingChangesMatchesTheLinearReplace() {
        var r = SplitMix64(seed: 60)
        let n = Self.randomNetwork(&r, contacts: 800, interactions: 2500)
        for shuffled in [false, true] {
            var fast = n, slow = n
            if shuffled {
                fast.interactions.shuffle(using: &r)
                slow.interactions = fast.interactions
            }
            for step in 0..<600 {
                let list = slow.interactions
                let change: Change
                switch Int.random(in: 0..<4, using: &r) {
                case 0 where !list.isEmpty:
                    let before = list.randomElement(using: &r)!
                    var after = before
                    after.note += " \(step)"
                    change = .interaction(before: before, after: after)
                case 1 where !list.isEmpty:
                    change = .interaction(before: list.randomElement(using: &r)!, after: nil)
                case 2:
                    var added = Interaction(id: Self.randomID(&r, pool: 100_000), contact: "c", date: today, kind: .call)
                    added.note = "added \(step)"
                    change = .interaction(before: nil, after: added)
                default:
                    let missing = Interaction(id: "missing-\(step)", contact: "c", date: today, kind: .call)
                    change = .interaction(before: missing, after: nil)
                }
                fast.apply(change)
                Reference.apply(change, to: &slow)
                if step % 50 == 49 { XCTAssertEqual(fast.interactions, slow.interactions, "step \(step), shuffled \(shuffled)") }
            }
        }
        // And closing a follow-up finds the same interaction.
        for i in n.interactions.prefix(300) {
            let first = n.interactions.first { $0.id == i.id }!
            let expected: Change? = first.followUp?.isOpen == true
                ? .interaction(before: first, after: { var a = first; a.followUp?.done = today; return a }()) : nil
            XCTAssertEqual(n.changeClosingFollowUp(interaction: i.id, on: today), expected)
        }
    }

    func testApplyingManyChangesMatchesTheReference() {
        var r = SplitMix64(seed: 61)
        for twins in [false, true] {
            var n = Self.randomNetwork(&r, contacts: 600, interactions: 1500)
            if !twins {
                var seen = Set<String>()
                n.contacts = n.contacts.filter { seen.insert($0.id).inserted }
            }
            // Deleting contacts with all their interactions, editing and adding some, in one step.
            var changes: [Change] = []
            for c in n.contacts.shuffled(using: &r).prefix(40) {
                switch Int.random(in: 0..<3, using: &r) {
                case 0: changes += n.changesDeletingContact(c.id, at: Timestamp(seconds: 0))
                case 1:
                    var after = c
                    after.name += " (edited)"
                    changes.append(.contact(before: c, after: after))
                default:
                    changes.append(.contact(before: nil, after: Contact(id: Self.randomID(&r, pool: 5000), name: "new", created: Timestamp(seconds: 0))))
                }
            }
            XCTAssertGreaterThan(changes.count, 32)
            var fast = n, slow = n
            fast.apply(changes)
            Reference.apply(changes, to: &slow)
            XCTAssertEqual(fast, slow, "twins \(twins)")
        }
    }

    // MARK: - Random data

    /// Names, tags and notes in many scripts, with the awkward cases: decomposed letters, Turkish
    /// dotted I, Greek final sigma, Korean, kana with voicing marks, emoji, marks out of order.
    static let pieces: [String] = [
        "a", "Z", "m", " ", "  ", "-", "'", "0", "9", "+", "#", "/", ".", "Järvinen", "ÖSTMAN", "Åsa", "Sørensen", "Kjær", "ÆBLE", "Straße",
        "ẞ", "Þór", "Guðrún", "Łódź", "Œuvre", "İstanbul", "ı", "Ǆ", "ǅ", "Ǖ", "ſ", "ŉ", "µ", "ÿ", "Ÿ", "a\u{308}", "A\u{30A}", "o\u{308}\u{301}",
        "e\u{301}\u{316}", "ΑΘΗΝΑ", "ΟΔΟΣ", "ς", "ΐ", "Ά", "\u{345}", "Йошкар", "Ёж", "ї", "\u{483}", "王芳", "佐藤 健", "김민준", "강서연",
        "\u{1100}\u{1161}", "が", "か\u{3099}", "ｶﾞ", "ﬁ", "Ⅻ", "Ａ", "\u{212A}", "\u{212B}", "\u{37E}", "👍🏽", "👨‍👩‍👧", "\u{1AB0}", "\u{20D7}",
        "\u{A0}", "\u{2003}", "\t", "\n", "\u{0}", "\u{7F}", "\u{9F}", "\u{200D}", "\u{600}", "\u{202E}", "DIFFICULT", "difficult", "Vaikeä",
    ]

    static func randomText(_ r: inout SplitMix64, length: Int) -> String {
        (0..<length).map { _ in pieces.randomElement(using: &r)! }.joined()
    }

    static let terms = ["Mobile apps", "mobile app development", "App", "marketing", "Markkinointi", "export to Germany", "C++", "C#",
                        "IT", "design", "Design services", "funding", "EU funding", "sales", "news", "companies", "company", "fi/sv/da",
                        "logistics", "Logistik", "wind power", "Vind", "  Export   ", "", "  ", "Straße", "strasse", "Ångström", "王芳",
                        "김민준 consulting", "boxes", "matches", "classes", "analysis", "bus"]

    static func randomTerm(_ r: inout SplitMix64) -> String {
        Int.random(in: 0..<5, using: &r) == 0 ? randomText(&r, length: Int.random(in: 1...3, using: &r)) : terms.randomElement(using: &r)!
    }

    static func randomID(_ r: inout SplitMix64, pool: Int) -> String {
        let k = Int.random(in: 0..<pool, using: &r)
        return k % 3 == 0 ? "c-\(k)" : String(format: "%08x-1234-4abc-8def-%012x", k &* 2_654_435_761 % 0xFFFF_FFFF, k)
    }

    /// A network of about `contacts` contacts (a few ids twice), networks, events and `interactions`
    /// interactions, some pointing at contacts that do not exist; lists sorted by id as the file keeps them.
    static func randomNetwork(_ r: inout SplitMix64, contacts count: Int, interactions total: Int) -> Network {
        let today = Day(year: 2026, month: 11, day: 23)!
        func time(_ daysAgo: Int) -> Timestamp { Timestamp(seconds: Int64(today.adding(days: -daysAgo).ordinal) * 86_400 + 3600) }
        var n = Network()
        n.me.seeks = ["funding", "Design services", "export"]
        n.me.offers = ["mobile app development", "marketing", "logistics"]
        n.scheme.criteria = [Criterion(id: "rev", name: "Revenue", axis: .now), Criterion(id: "gro", name: "Growth", axis: .future),
                             Criterion(id: "ref", name: "Referrals", axis: .now)]
        let names = ["Aino Järvinen", "aino jarvinen", "Ja\u{308}rvinen Aino", "Åsa Öberg", "Søren Kjær", "王芳", "佐藤 健", "김민준", "강서연",
                     "Zoë Smith", "zoe smith", "ΑΘΗΝΑ", "Ольга", "İlkay", "", "  Padded  ", "Hans Müller", "Bob", "bob", "O'Brien"]
        var ids: [String] = []
        for k in 0..<count {
            let id = k > 0 && k % 97 == 0 ? ids[k / 2] : randomID(&r, pool: count * 4)
            ids.append(id)
            var c = Contact(id: id, name: names.randomElement(using: &r)! + (Bool.random(using: &r) ? "" : " \(k % 13)"), created: time(Int.random(in: 0...900, using: &r)))
            c.organization = Bool.random(using: &r) ? "" : randomText(&r, length: 2)
            c.importanceNow = Rating.allCases.randomElement(using: &r)!
            c.importanceFuture = Rating.allCases.randomElement(using: &r)!
            c.tags = (0..<Int.random(in: 0...3, using: &r)).map { _ in
                ["difficult", " Difficult ", "DİFFİCULT", "vaikea", "VAIKEÄ", "design", "partner", "\u{A0}difficult"].randomElement(using: &r)!
            }
            c.competences = (0..<Int.random(in: 0...3, using: &r)).map { _ in randomTerm(&r) }
            c.needs = (0..<Int.random(in: 0...2, using: &r)).map { _ in randomTerm(&r) }
            for criterion in n.scheme.criteria where Int.random(in: 0..<3, using: &r) == 0 {
                c.criteria[criterion.id] = Rating.allCases.randomElement(using: &r)!
            }
            switch Int.random(in: 0..<12, using: &r) {
            case 0: c.decision = .keep(reason: "x", on: today.adding(days: -3))
            case 1: c.decision = .reviewLater(until: today.adding(days: Int.random(in: -20...20, using: &r)), on: today.adding(days: -30))
            case 2: c.decision = .windDown(by: today.adding(days: 30), handover: "", on: today.adding(days: -1))
            case 3: c.decision = .leave(on: today.adding(days: -9))
            default: break
            }
            n.contacts.append(c)
        }
        let texts = ["", " ", "\u{A0}", "\n", "advice", "an intro", " lunch "]
        for k in 0..<total {
            let contact = Int.random(in: 0..<40, using: &r) == 0 ? randomID(&r, pool: count * 4) : ids.randomElement(using: &r)!
            var i = Interaction(id: "i-\(k)-" + randomID(&r, pool: total * 4), contact: contact,
                                date: today.adding(days: Int.random(in: -700...20, using: &r)), kind: InteractionKind.allCases.randomElement(using: &r)!)
            (i.gave, i.got, i.note) = (texts.randomElement(using: &r)!, texts.randomElement(using: &r)!, texts.randomElement(using: &r)!)
            if Int.random(in: 0..<6, using: &r) == 0 {
                i.followUp = FollowUp(due: today.adding(days: Int.random(in: -30...30, using: &r)), what: "send it",
                                      done: Bool.random(using: &r) ? nil : today)
            }
            n.interactions.append(i)
        }
        for k in 0..<max(3, count / 40) {
            var g = NetworkGroup(id: "g-" + randomID(&r, pool: 10_000), name: names.randomElement(using: &r)! + " club \(k)", created: time(Int.random(in: 0...900, using: &r)))
            g.members = (0..<Int.random(in: 0...60, using: &r)).map { _ in Int.random(in: 0..<30, using: &r) == 0 ? "ghost" : ids.randomElement(using: &r)! }
            g.hoursPerMonth = [0, 1, 2, 5, 12].randomElement(using: &r)!
            g.costPerYear = [0, 500, 20_000].randomElement(using: &r)!
            g.yield = Rating.allCases.randomElement(using: &r)!
            g.bestBefore = Bool.random(using: &r) ? nil : today.adding(days: Int.random(in: -40...60, using: &r))
            g.fair = Int.random(in: 0..<5, using: &r) > 0
            g.ambitionFit = Int.random(in: 0..<5, using: &r) > 0
            g.lastActivity = Bool.random(using: &r) ? nil : today.adding(days: -Int.random(in: 0...400, using: &r))
            if Int.random(in: 0..<6, using: &r) == 0 { g.decision = .leave(on: today) }
            n.networks.append(g)
            for e in 0..<Int.random(in: 0...3, using: &r) {
                var event = Event(id: "e-\(k)-\(e)", name: ["Breakfast", "breakfast", "Gala", "Åsa's day"].randomElement(using: &r)!,
                                  date: today.adding(days: Int.random(in: -400...30, using: &r)))
                event.network = Int.random(in: 0..<8, using: &r) == 0 ? "ghost network" : g.id
                event.attendees = (0..<Int.random(in: 0...40, using: &r)).map { _ in ids.randomElement(using: &r)! }
                if Int.random(in: 0..<4, using: &r) == 0 { event.date = today }
                n.events.append(event)
            }
        }
        n.contacts.sort { $0.id < $1.id }
        n.networks.sort { $0.id < $1.id }
        n.events.sort { $0.id < $1.id }
        n.interactions.sort { $0.id < $1.id }
        return n
    }
}

extension Briefing {
    /// The ids a briefing is about, as `init` collects them (for the reference, which ranks them itself).
    func ids(in network: Network, scope: BriefingScope, today: Day) -> [String] {
        switch scope {
        case .today:
            let events = network.events.filter { $0.date == today }
            if events.isEmpty {
                return Reference.overdueContacts(network, today: today).map(\.contact.id) + network.dueFollowUps(on: today).map(\.interaction.contact)
            }
            return events.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.flatMap(\.attendees)
        case .event(let id): return network.events.first { $0.id == id }?.attendees ?? []
        case .network(let id): return network.networks.first { $0.id == id }?.members ?? []
        }
    }
}

/// The algorithms as they were before they were made fast (linear searches per item, folding in
/// comparators), kept to check the fast ones against.
enum Reference {
    /// Duplicate ids (each later place, naming the first) and references to ids that do not exist,
    /// with a dictionary of every id.
    static func referenceProblems(_ n: Network) -> [Problem] {
        var places: [(id: String, label: String)] = []
        for (i, c) in n.contacts.enumerated() { places.append((c.id, "contacts[\(i)] \"\(c.name)\"")) }
        for (i, g) in n.networks.enumerated() { places.append((g.id, "networks[\(i)] \"\(g.name)\"")) }
        for (i, e) in n.events.enumerated() { places.append((e.id, "events[\(i)] \"\(e.name)\"")) }
        for (i, x) in n.interactions.enumerated() { places.append((x.id, "interactions[\(i)]")) }
        var first: [String: String] = [:]
        var problems: [Problem] = []
        for place in places {
            if let label = first[place.id] {
                problems.append(Problem(.duplicateID, place.label, "id \(place.id) is already used by \(label)"))
            } else {
                first[place.id] = place.label
            }
        }
        let contacts = Set(n.contacts.map(\.id)), networks = Set(n.networks.map(\.id))
        func dangling(_ ref: String, _ label: String, _ what: String) {
            problems.append(Problem(.danglingReference, label, "refers to \(what) \(ref), which does not exist"))
        }
        for (i, g) in n.networks.enumerated() {
            for m in g.members where !contacts.contains(m) { dangling(m, "networks[\(i)] \"\(g.name)\".members", "contact") }
        }
        for (i, e) in n.events.enumerated() {
            if let id = e.network, !networks.contains(id) { dangling(id, "events[\(i)] \"\(e.name)\".network", "network") }
            for a in e.attendees where !contacts.contains(a) { dangling(a, "events[\(i)] \"\(e.name)\".attendees", "contact") }
        }
        for (i, x) in n.interactions.enumerated() where !contacts.contains(x.contact) {
            dangling(x.contact, "interactions[\(i)].contact", "contact")
        }
        return problems
    }

    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue
            case 0x00F8: out.append("o")
            case 0x00E6: out.append("a"); out.append("e")
            case 0x0153: out.append("o"); out.append("e")
            case 0x00DF: out.append("s"); out.append("s")
            case 0x0111, 0x00F0: out.append("d")
            case 0x0142: out.append("l")
            case 0x00FE: out.append("t"); out.append("h")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func trim<S: StringProtocol>(_ s: S) -> String {
        String(s.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func cell(_ text: String) -> String {
        String(clean(text).flatMap { $0 == "|" ? ["\\", "|"] : [$0] })
    }

    static func words(_ term: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(Matching.singular(word)) }
            word = ""
        }
        for ch in fold(term) {
            if ch.isLetter || ch.isNumber || ch == "+" || ch == "#" { word.append(ch) } else { flush() }
        }
        flush()
        return out
    }

    static func meets(_ a: [String], _ b: [String]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var i = 0
        while i + short.count <= long.count {
            if Array(long[i..<(i + short.count)]) == short { return true }
            i += 1
        }
        return false
    }

    static func matches(wants: [String], has: [String]) -> [String] {
        let hasWords = has.map(words).filter { !$0.isEmpty }
        var seen: Set<[String]> = []
        var out: [String] = []
        for term in wants {
            let w = words(term)
            guard !w.isEmpty, !seen.contains(w), hasWords.contains(where: { meets(w, $0) }) else { continue }
            seen.insert(w)
            out.append(trim(term))
        }
        return out
    }

    static func lastContactDays(_ n: Network) -> [String: Day] {
        var last: [String: Day] = [:]
        for i in n.interactions where last[i.contact].map({ i.date > $0 }) ?? true { last[i.contact] = i.date }
        return last
    }

    static func giveGetTallies(_ n: Network) -> [String: (gave: Int, got: Int)] {
        func counts(_ text: String) -> Bool { !text.allSatisfy(\.isWhitespace) }
        var out: [String: (gave: Int, got: Int)] = [:]
        for i in n.interactions {
            var t = out[i.contact] ?? (0, 0)
            if counts(i.gave) { t.gave += 1 }
            if counts(i.got) { t.got += 1 }
            out[i.contact] = t
        }
        return out
    }

    /// A relationship's signals: the difficult tag checked here, the rest (unchanged by the work on
    /// speed) by the program with the tag turned off.
    static func contactSignals(_ c: Contact, tally: (gave: Int, got: Int), lastContact: Day?, today: Day,
                               rules: ExitRules) -> (score: Double, reasons: [String]) {
        var others = rules
        others.difficultTag = ""
        let rest = Network.exitSignals(tags: c.tags, created: c.created.day, tally: tally, lastContact: lastContact, today: today,
                                       rules: others, difficult: Network.DifficultTag(others))
        let tag = fold(trim(rules.difficultTag))
        guard !tag.isEmpty, c.tags.contains(where: { fold(trim($0)) == tag }) else { return rest }
        return (rest.score + ExitRules.difficultPoints, ["tagged \(trim(rules.difficultTag))"] + rest.reasons)
    }

    static func exitCandidates(_ n: Network, today: Day, all: Bool) -> [ExitCandidate] {
        let rules = n.scheme.exitRules
        var out: [(candidate: ExitCandidate, key: String)] = []
        func consider(_ c: ExitCandidate) {
            if let d = c.decision {
                if !all && d.hides(today: today) { return }
                if !all && c.reasons.isEmpty { return }
            } else if c.reasons.isEmpty {
                return
            }
            out.append((c, fold(c.name)))
        }
        for g in n.networks {
            let (score, reasons) = n.exitSignals(of: g, today: today, rules: rules)
            consider(ExitCandidate(kind: .network, id: g.id, name: g.name, score: score, reasons: reasons, decision: g.decision))
        }
        let tallies = giveGetTallies(n)
        var last: [String: Day] = [:]
        for i in n.interactions where i.date <= today && (last[i.contact].map { i.date > $0 } ?? true) { last[i.contact] = i.date }
        for c in n.contacts {
            let q = n.scheme.quadrant(of: c)
            let (score, reasons) = (q == .lightTouch || q == .maintain)
                ? contactSignals(c, tally: tallies[c.id] ?? (0, 0), lastContact: last[c.id], today: today, rules: rules)
                : (0, [])
            consider(ExitCandidate(kind: .contact, id: c.id, name: c.name, score: score, reasons: reasons, decision: c.decision))
        }
        return out.sorted { a, b in
            if a.candidate.score != b.candidate.score { return a.candidate.score > b.candidate.score }
            if a.key != b.key { return a.key < b.key }
            return a.candidate.id < b.candidate.id
        }.map(\.candidate)
    }

    static func suggestedRating(_ scheme: Scheme, _ c: Contact, axis: Axis) -> Rating? {
        let steps = scheme.criteria.filter { $0.axis == axis }.compactMap { c.criteria[$0.id]?.rawValue }
        guard !steps.isEmpty else { return nil }
        let twiceMean = 2 * steps.reduce(0, +)
        return Rating(rawValue: (twiceMean + steps.count) / (2 * steps.count))
    }

    static func matrixSections(_ n: Network, today: Day, overdueOnly: Bool) -> [MatrixReport.Section] {
        let scheme = n.scheme
        let last = lastContactDays(n)
        var byQuadrant: [Quadrant: [(entry: MatrixReport.Entry, key: String)]] = [:]
        for c in n.contacts {
            let entry = MatrixReport.Entry(id: c.id, name: c.name, organization: c.organization,
                                           overdueDays: scheme.overdueDays(c, lastContact: last[c.id], today: today) ?? 0,
                                           drift: scheme.drift(c))
            byQuadrant[scheme.quadrant(of: c), default: []].append((entry, fold(c.name)))
        }
        return MatrixReport.order.map { q in
            let all = (byQuadrant[q] ?? []).sorted { a, b in
                if a.entry.overdueDays != b.entry.overdueDays { return a.entry.overdueDays > b.entry.overdueDays }
                if a.key != b.key { return a.key < b.key }
                return a.entry.id < b.entry.id
            }.map(\.entry)
            let overdue = all.filter { $0.overdueDays > 0 }
            let policy = scheme.policy(q)
            return MatrixReport.Section(quadrant: q, name: policy.name, cadenceDays: policy.cadenceDays,
                                        entries: overdueOnly ? overdue : all, overdueCount: overdue.count)
        }
    }

    static func overdueContacts(_ n: Network, today: Day) -> [(contact: Contact, days: Int)] {
        let last = lastContactDays(n)
        var out: [(contact: Contact, days: Int, key: String)] = []
        for c in n.contacts {
            if case .leave? = c.decision { continue }
            if let d = n.scheme.overdueDays(c, lastContact: last[c.id], today: today) { out.append((c, d, fold(c.name))) }
        }
        out.sort { a, b in
            if a.days != b.days { return a.days > b.days }
            if a.key != b.key { return a.key < b.key }
            return a.contact.id < b.contact.id
        }
        return out.map { ($0.contact, $0.days) }
    }

    static func people(_ n: Network, _ ids: [String], asOf: Day) -> [Briefing.Person] {
        let last = lastContactDays(n)
        let scheme = n.scheme
        let logs = Dictionary(grouping: n.interactions, by: \.contact)  // in log order, as the filters saw them
        var seen: Set<String> = []
        var ranked: [(person: Briefing.Person, keyOrRising: Bool, overdue: Int?, due: Day?, key: String)] = []
        for id in ids where seen.insert(id).inserted {
            guard let c = n.contacts.first(where: { $0.id == id }) else { continue }
            let q = scheme.quadrant(of: c)
            var overdue = scheme.overdueDays(c, lastContact: last[c.id], today: asOf)
            if case .leave? = c.decision { overdue = nil }
            let log = logs[c.id] ?? []
            let followUps = log.compactMap { i in i.followUp.flatMap { $0.isOpen ? (i, $0) : nil } }.sorted { a, b in
                if a.1.due != b.1.due { return a.1.due < b.1.due }
                if a.0.date != b.0.date { return a.0.date < b.0.date }
                return a.0.id < b.0.id
            }.map(\.1)
            let due = followUps.first { $0.due <= asOf }?.due
            let ask = matches(wants: c.competences, has: n.me.seeks)
            let offer = matches(wants: n.me.offers, has: c.needs)
            let note = log.filter { !trim($0.note).isEmpty }
                .max { ($0.date, $0.id) < ($1.date, $1.id) }.map { trim($0.note) } ?? ""
            let why: [String?] = [q == .key || q == .rising ? scheme.policy(q).name : nil, overdue.map { "overdue \($0) d" },
                                  due.map { "follow-up due \($0)" }, ask.isEmpty ? nil : "matches your seeks",
                                  offer.isEmpty ? nil : "needs your offers"]
            let person = Briefing.Person(contactID: c.id, name: c.name, organization: c.organization, role: c.role, quadrant: q,
                                         quadrantName: scheme.policy(q).name, daysSinceContact: last[c.id].map { asOf.days(since: $0) },
                                         overdueDays: overdue, strengths: c.competences, needs: c.needs, ask: ask, offer: offer,
                                         followUps: followUps, lastNote: note, why: why.compactMap { $0 }.joined(separator: ", "))
            ranked.append((person, q == .key || q == .rising, overdue, due, fold(c.name)))
        }
        // The ranking rule as one tuple of numbers (smaller first), then name and id.
        func rank(_ r: (person: Briefing.Person, keyOrRising: Bool, overdue: Int?, due: Day?, key: String)) -> (Int, Int, Int, Int, Int, Int) {
            (r.keyOrRising ? 0 : 1, r.overdue == nil ? 1 : 0, -(r.overdue ?? 0), r.due == nil ? 1 : 0, r.due?.ordinal ?? 0,
             r.person.ask.isEmpty && r.person.offer.isEmpty ? 1 : 0)
        }
        return ranked.sorted { a, b in
            let (ra, rb) = (rank(a), rank(b))
            return ra != rb ? ra < rb : (a.key, a.person.contactID) < (b.key, b.person.contactID)
        }.map(\.person)
    }

    static func introductions(among people: [Briefing.Person]) -> [Briefing.Introduction] {
        // Every ordered pair; the words of each term are worked out once (the quadratic part is the point).
        var words: [String: [String]] = [:]
        for p in people { for t in p.needs + p.strengths where words[t] == nil { words[t] = Reference.words(t) } }
        func matches(wants: [String], has: [String]) -> [String] {
            let hasWords = has.map { words[$0]! }.filter { !$0.isEmpty }
            var seen: Set<[String]> = []
            var out: [String] = []
            for term in wants {
                let w = words[term]!
                guard !w.isEmpty, !seen.contains(w), hasWords.contains(where: { meets(w, $0) }) else { continue }
                seen.insert(w)
                out.append(trim(term))
            }
            return out
        }
        var out: [Briefing.Introduction] = []
        for needer in people {
            for provider in people where provider.contactID != needer.contactID {
                let terms = matches(wants: needer.needs, has: provider.strengths)
                guard !terms.isEmpty else { continue }
                out.append(Briefing.Introduction(needer: needer.contactID, provider: provider.contactID,
                                                 neederName: needer.name, providerName: provider.name, terms: terms))
            }
        }
        return out
    }

    static func events(_ n: Network, around today: Day) -> [Event] {
        let upcoming = n.events.filter { $0.date >= today }
            .sorted { ($0.date, fold($0.name), $0.id) < ($1.date, fold($1.name), $1.id) }
        let past = n.events.filter { $0.date < today }
            .sorted { a, b in a.date != b.date ? a.date > b.date : (fold(a.name), a.id) < (fold(b.name), b.id) }
        return upcoming + past
    }

    /// `Network.apply(_:)` for a step of more than 32 changes, as it was: the contact map made anew after every other change.
    static func apply(_ changes: [Change], to n: inout Network) {
        var index: [String: Int] = [:]
        for (i, c) in n.contacts.enumerated() { index[c.id] = i }
        var removed = Set<Int>()
        var added = false
        func compact() {
            guard !removed.isEmpty else { return }
            n.contacts = n.contacts.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            removed = []
        }
        for change in changes {
            guard case .contact(let before, let after) = change else {
                compact()
                apply(change, to: &n)
                index = [:]
                for (i, c) in n.contacts.enumerated() { index[c.id] = i }
                continue
            }
            let id = before?.id ?? after?.id ?? ""
            switch (index[id], after) {
            case (let i?, let a?): n.contacts[i] = a
            case (let i?, nil): removed.insert(i); index[id] = nil
            case (nil, let a?):
                index[a.id] = n.contacts.count
                n.contacts.append(a)
                added = true
            case (nil, nil): break
            }
        }
        compact()
        if added {
            let ids = n.contacts.map(\.id)
            let order = ids.indices.sorted { ids[$0] < ids[$1] || (ids[$0] == ids[$1] && $0 < $1) }
            let old = n.contacts
            n.contacts = order.map { old[$0] }
        }
    }

    static func apply(_ change: Change, to n: inout Network) {
        guard case .interaction(let before, let after) = change else { return n.apply(change) }
        let id = before?.id ?? after?.id
        let index = n.interactions.firstIndex { $0.id == id }
        switch (index, after) {
        case (let i?, let a?): n.interactions[i] = a
        case (let i?, nil): n.interactions.remove(at: i)
        case (nil, let a?): n.interactions.insert(a, at: n.interactions.firstIndex { $0.id > a.id } ?? n.interactions.count)
        case (nil, nil): break
        }
    }
}

/// A briefing of many people makes its introductions among the first `introductionPeople` only.
final class BriefingLimitTests: XCTestCase {
    func testIntroductionsAreAmongTheFirstPeopleOnly() {
        let today = Day(year: 2026, month: 11, day: 23)!
        let network = Demo.network(today: today, contacts: 3000, networks: 10, interactions: 3000, seed: 11)
        // A day far from every event: the briefing is every overdue contact.
        let briefing = Briefing(network: network, scope: .today, today: today.adding(days: 900))
        XCTAssertGreaterThan(briefing.people.count, Briefing.introductionPeople)
        let first = Set(briefing.people.prefix(Briefing.introductionPeople).map(\.contactID))
        XCTAssertFalse(briefing.introductions.isEmpty)
        XCTAssertTrue(briefing.introductions.allSatisfy { first.contains($0.needer) && first.contains($0.provider) })
        XCTAssertEqual(briefing.introductions, Briefing.introductions(among: Array(briefing.people.prefix(Briefing.introductionPeople))))
    }
}
