import Plumbing

/// Exit candidates: which networks and relationships cost more than they give, and why. The rule is
/// fixed points per signal (plus, for networks, a cost term); docs/EXITS.md explains it in full and
/// `ExitRules.explanation` in a few lines.
/// What we decided about leaving a network or a relationship, and when (`on`). Leaving is managed:
/// the item stays in the file with its decision.
/// Its cases are kept out of line: few items have a decision, and every contact and network has room for one.
public indirect enum ExitDecision: Equatable, Sendable {
    /// Stay, for a reason.
    case keep(reason: String, on: Day)
    /// Out of the exit list until `until` has passed.
    case reviewLater(until: Day, on: Day)
    /// A plan: out by `by`, handing over what `handover` says.
    case windDown(by: Day, handover: String, on: Day)
    /// Left on that day; the item stays in the file, out of the active lists.
    case leave(on: Day)

    /// The day the decision was made (for `leave`, the day left).
    public var date: Day {
        switch self {
        case .keep(_, let on), .reviewLater(_, let on), .windDown(_, _, let on), .leave(let on): return on
        }
    }

    /// The decision's `kind` as the data file writes it: keep, reviewLater, windDown or leave.
    public var kindName: String {
        switch self {
        case .keep: return "keep"
        case .reviewLater: return "reviewLater"
        case .windDown: return "windDown"
        case .leave: return "leave"
        }
    }

    public static let kindNames = ["keep", "reviewLater", "windDown", "leave"]

    /// One line for a card or a list: "keep (2026-11-23): still our main channel", "review after
    /// 2027-01-15", "wind down by 2027-03-31: hand over to Jonas", "left 2026-11-23".
    public var summary: String {
        switch self {
        case .keep(let reason, let on):
            let r = reason.trimmingWhitespace
            return "keep (\(on))" + (r.isEmpty ? "" : ": " + r)
        case .reviewLater(let until, _):
            return "review after \(until)"
        case .windDown(let by, let handover, _):
            let h = handover.trimmingWhitespace
            return "wind down by \(by)" + (h.isEmpty ? "" : ": " + h)
        case .leave(let on):
            return "left \(on)"
        }
    }

    /// True when the decision takes the item out of the (default) exit list on `today`: keep, leave,
    /// and review-later up to and including its date.
    public func hides(today: Day) -> Bool {
        switch self {
        case .keep, .leave: return true
        case .reviewLater(let until, _): return today <= until
        case .windDown: return false
        }
    }
}

extension NetworkGroup {
    /// True when we have left the network (it stays in the file, out of the active lists).
    public var isLeft: Bool {
        if case .leave = decision { return true }
        return false
    }
}

/// The thresholds of the exit signals; they live in the data file as `scheme.exitRules`.
public struct ExitRules: Equatable, Sendable {
    /// At or above this many hours a month, a yield of 0.1 or 0 fires "low yield".
    public var lowYieldHoursPerMonth: Double = 2
    /// No activity in a network / no contact with a relationship for this many days fires "stalled" / "silence".
    public var silenceDays: Int = 180
    /// A best-before day within this many days fires "near"; one already gone fires "passed".
    public var bestBeforeWarningDays: Int = 30
    /// Gave at least this many times as often as got (with at least 3 gives) fires "lopsided".
    public var lopsidedRatio: Double = 3
    /// Contacts with this tag (compared case- and accent-insensitively) fire "difficult"; empty turns it off.
    public var difficultTag: String = "difficult"
    /// Keys this version does not know, kept for the next save.
    public var extra: [JSONKey: JSON] = [:]

    public init() {}

    // The points each signal adds to the exit score (fixed, not in the file).
    public static let lowYieldPoints = 3.0
    public static let bestBeforePassedPoints = 3.0
    public static let bestBeforeNearPoints = 1.0
    public static let unfairPoints = 2.0
    public static let stalledPoints = 2.0
    public static let ambitionPoints = 2.0
    public static let difficultPoints = 3.0
    public static let lopsidedPoints = 2.0
    public static let silencePoints = 2.0
    /// A network with at least one signal also adds hours per month ÷ 10 and money per year ÷ 10 000.
    public static let hoursPerPoint = 10.0
    public static let moneyPerPoint = 10_000.0
    /// A lopsided tally needs at least this many gives.
    public static let lopsidedMinimumGives = 3

    /// The scoring rule in a few short lines, with the default thresholds (for help screens).
    public static let explanation: [String] = ExitRules().explanationLines

    /// The scoring rule in a few short lines, with these thresholds.
    public var explanationLines: [String] {
        let h = ExitRules.number(lowYieldHoursPerMonth), ratio = ExitRules.number(lopsidedRatio)
        let tag = difficultTag.trimmingWhitespace
        return [
            "Exit score: points for each signal that fires; highest first.",
            "Networks: low yield (\(h)+ h/month at yield 0.1 or 0) 3;",
            "  best before passed 3, within \(bestBeforeWarningDays) days 1; unfair 2;",
            "  no activity for \(silenceDays) days 2; ambition mismatch 2;",
            "  plus cost: h/month ÷ 10 + money/year ÷ 10 000.",
            "Relationships (Light touch, Maintain)" + (tag.isEmpty ? ":" : ": tagged \(tag) 3;"),
            "  gave \(ratio)× as often as got (3+ gives) 2; no contact for \(silenceDays) days 2.",
            "Hidden: left, keep, review later until its date (--all shows them).",
            "Thresholds: scheme.exitRules in the data file; see docs/EXITS.md.",
        ]
    }

    /// A number as the reasons write it: "10", "3.5".
    static func number(_ d: Double) -> String {
        if case .number(let text) = JSON.number(d) { return text }
        return String(d)
    }
}

public enum ExitCandidateKind: String, Sendable {
    case network, contact
}

/// A network or relationship to consider leaving: its score, the signals that fire in words, and
/// the decision taken so far.
public struct ExitCandidate: Equatable, Sendable {
    public var kind: ExitCandidateKind
    public var id: String
    public var name: String
    /// Points of the signals that fire (plus a network's cost term), rounded to one decimal.
    public var score: Double
    /// The signals that fire, in words, in a fixed order.
    public var reasons: [String]
    public var decision: ExitDecision?

    public init(kind: ExitCandidateKind, id: String, name: String, score: Double, reasons: [String], decision: ExitDecision?) {
        (self.kind, self.id, self.name, self.score, self.reasons, self.decision) = (kind, id, name, score, reasons, decision)
    }

    /// The score with one decimal: "9.4", "2.0".
    public var scoreText: String {
        let tenths = Int((score * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }
}

extension NetworkView {
    /// Ranked best candidate first (highest score; ties by folded name, then id). Excludes networks
    /// that are left, items with a `keep` decision and items under `reviewLater` until its date has
    /// passed — unless `all` is true (then everything with at least one signal or a decision is
    /// listed). Only contacts in the Light touch or Maintain quadrants are relationship candidates.
    public func exitCandidates(today: Day, all: Bool = false) -> [ExitCandidate] {
        let rules = scheme.exitRules
        var out: [ExitCandidate] = []
        // What the order needs, kept as the candidates are made: reading it back from `out` would
        // copy each candidate (all its strings) to read one field.
        var scores: [Double] = [], keys: [SortKey] = [], ids: [String] = []
        func add(_ candidate: ExitCandidate, contact position: Int? = nil) {
            scores.append(candidate.score)
            keys.append(SortKey(position.map(foldedName) ?? SearchText.fold(candidate.name)))
            ids.append(candidate.id)
            out.append(candidate)
        }
        /// Whether a candidate with these reasons and decision is listed.
        func listed(_ reasons: [String], _ decision: ExitDecision?) -> Bool {
            guard let d = decision else { return !reasons.isEmpty }
            return all || (!d.hides(today: today) && !reasons.isEmpty)
        }
        let eventDays = network.lastEventDays(today: today)
        for g in network.networks {
            let last = Network.lastActivity(of: g, eventDays: eventDays)
            let (score, reasons) = network.exitSignals(of: g, lastActivity: last, today: today, rules: rules)
            if listed(reasons, g.decision) {
                add(ExitCandidate(kind: .network, id: g.id, name: g.name, score: score, reasons: reasons, decision: g.decision))
            }
        }
        let logs = contactLogs(today: today)
        let difficult = Network.DifficultTag(rules)
        forEachContact { p, c in
            let q = scheme.quadrant(now: c.importanceNow, future: c.importanceFuture)
            let (score, reasons) = q == .lightTouch || q == .maintain
                ? Network.exitSignals(tags: c.tags, created: c.created.day, tally: logs[p].tally,
                                      lastContact: logs[p].last, today: today, rules: rules, difficult: difficult)
                : (0, [])
            if listed(reasons, c.decision) {
                add(ExitCandidate(kind: .contact, id: c.id, name: c.name, score: score, reasons: reasons, decision: c.decision),
                    contact: p)
            }
        }
        return SortKey.ranked(scores, keys: keys, ids: ids).map { out[$0] }
    }
}

extension Network {
    /// `NetworkView.exitCandidates(today:all:)` of this network.
    public func exitCandidates(today: Day, all: Bool = false) -> [ExitCandidate] {
        NetworkView(self).exitCandidates(today: today, all: all)
    }

    /// The exit score and reasons of one network, whatever its decision.
    public func exitSignals(of g: NetworkGroup, today: Day, rules: ExitRules) -> (score: Double, reasons: [String]) {
        exitSignals(of: g, lastActivity: lastActivity(of: g, today: today), today: today, rules: rules)
    }

    /// `exitSignals(of:today:rules:)` with the network's `lastActivity(of:today:)` worked out already.
    func exitSignals(of g: NetworkGroup, lastActivity: Day?, today: Day, rules: ExitRules) -> (score: Double, reasons: [String]) {
        var points = 0.0
        var reasons: [String] = []
        if g.hoursPerMonth >= rules.lowYieldHoursPerMonth && g.yield <= .tenth {
            points += ExitRules.lowYieldPoints
            reasons.append("\(ExitRules.number(g.hoursPerMonth)) h/month for yield \(g.yield.text)")
        }
        if let bb = g.bestBefore {
            if bb < today {
                points += ExitRules.bestBeforePassedPoints
                reasons.append("best before \(bb), passed")
            } else if bb.days(since: today) <= rules.bestBeforeWarningDays {
                points += ExitRules.bestBeforeNearPoints
                let d = bb.days(since: today)
                reasons.append("best before \(bb), " + (d == 0 ? "today" : "in \(d) day\(d == 1 ? "" : "s")"))
            }
        }
        if !g.fair {
            points += ExitRules.unfairPoints
            reasons.append("unfair or stalled collaboration")
        }
        if let last = lastActivity {
            let d = today.days(since: last)
            if d >= rules.silenceDays {
                points += ExitRules.stalledPoints
                reasons.append("no activity for \(d) days")
            }
        } else if today.days(since: g.created.day) >= rules.silenceDays {
            points += ExitRules.stalledPoints
            reasons.append("no activity logged")
        }
        if !g.ambitionFit {
            points += ExitRules.ambitionPoints
            reasons.append("ambition: mismatch")
        }
        if !reasons.isEmpty {
            points += max(0, g.hoursPerMonth) / ExitRules.hoursPerPoint + max(0, g.costPerYear) / ExitRules.moneyPerPoint
        }
        return (Network.round(points), reasons)
    }

    /// The exit score and reasons of one relationship, whatever its quadrant and decision.
    static func exitSignals(tags: [String], created: Day, tally: (gave: Int, got: Int), lastContact: Day?, today: Day,
                            rules: ExitRules, difficult: DifficultTag) -> (score: Double, reasons: [String]) {
        var points = 0.0
        var reasons: [String] = []
        if difficult.isTag(of: tags) {
            points += ExitRules.difficultPoints
            reasons.append(difficult.reason)
        }
        if tally.gave >= ExitRules.lopsidedMinimumGives && Double(tally.gave) >= rules.lopsidedRatio * Double(tally.got) {
            points += ExitRules.lopsidedPoints
            reasons.append("gave \(tally.gave) times, got \(tally.got)")
        }
        if let last = lastContact {
            let d = today.days(since: last)
            if d >= rules.silenceDays {
                points += ExitRules.silencePoints
                reasons.append("no contact for \(d) days")
            }
        } else if today.days(since: created) >= rules.silenceDays {
            points += ExitRules.silencePoints
            reasons.append("no contact logged")
        }
        return (Network.round(points), reasons)
    }

    /// The exit score and reasons of one contact: nothing for contacts outside Light touch and Maintain.
    public func exitSignals(of c: Contact, today: Day) -> (score: Double, reasons: [String]) {
        let q = scheme.quadrant(of: c)
        guard q == .lightTouch || q == .maintain else { return (0, []) }
        let last = interactions.filter { sameBytes($0.contact, c.id) && $0.date <= today }.map(\.date).max()
        return Network.exitSignals(tags: c.tags, created: c.created.day, tally: giveGet(contact: c.id), lastContact: last, today: today,
                                   rules: scheme.exitRules, difficult: DifficultTag(scheme.exitRules))
    }

    /// The "difficult" tag of the exit rules, trimmed and folded once for checking many contacts.
    struct DifficultTag {
        /// The tag as written (trimmed), for the reason.
        let tag: String
        /// The tag folded; empty turns the signal off.
        let folded: String

        init(_ rules: ExitRules) {
            tag = rules.difficultTag.trimmingWhitespace
            folded = SearchText.fold(tag)
        }

        var reason: String { "tagged \(tag)" }

        /// True when one of the tags is the difficult tag (case and accents ignored).
        func isTag(of tags: [String]) -> Bool {
            !folded.isEmpty && tags.contains(where: matches)
        }

        /// True when the tag, trimmed and folded, is the difficult tag. An ASCII tag with nothing to
        /// trim folds to its lower case, so it is compared as it is, byte by byte, without folding.
        func matches(_ tag: String) -> Bool {
            let quick = tag.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                guard let first = bytes.first, let last = bytes.last, Whitespace.isPlainASCII(first), Whitespace.isPlainASCII(last),
                      bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
                return bytes.count == folded.utf8.count && zip(bytes, folded.utf8).allSatisfy { $0 &- 0x41 < 26 ? $0 | 0x20 == $1 : $0 == $1 }
            }
            if let known = quick ?? nil { return known }
            return SearchText.fold(tag.trimmingWhitespace) == folded
        }
    }

    private static func round(_ d: Double) -> Double { (d * 10).rounded() / 10 }
}

/// The exit candidates as a report: `nettui exits` prints it as text, Markdown or JSON.
public struct ExitReport: Equatable, Sendable {
    public var candidates: [ExitCandidate]

    public init(_ view: NetworkView, today: Day, all: Bool = false) {
        candidates = view.exitCandidates(today: today, all: all)
    }

    public init(network: Network, today: Day, all: Bool = false) {
        self.init(NetworkView(network), today: today, all: all)
    }

    /// One block per candidate: score, name and kind, then a line per reason and the decision.
    public func text() -> String {
        guard !candidates.isEmpty else { return "No exit candidates.\n" }
        var out = ReportBuffer(capacity: 128 * candidates.count)
        for c in candidates {
            let score = c.scoreText
            let width = score.utf8.count  // digits, a point and a sign: one byte a character
            out.spaces(5 - width)
            out.put(score)
            out.put("  ")
            out.put(ExitReport.clean(c.name))
            out.line(" (" + ExitReport.kindWord(c.kind) + ")")
            for r in c.reasons {
                out.spaces(max(5, width) + 2)
                out.put("- ")
                out.line(ExitReport.clean(r))
            }
            if let d = c.decision {
                out.spaces(max(5, width) + 2)
                out.put("decision: ")
                out.line(ExitReport.clean(d.summary))
            }
        }
        return out.text
    }

    /// A table: score, kind, name, reasons (joined with "; "), decision.
    public func markdown() -> String {
        guard !candidates.isEmpty else { return "No exit candidates.\n" }
        var out = ReportBuffer(capacity: 128 * (candidates.count + 2))
        out.line("| score | kind | name | reasons | decision |")
        out.line("|---:|---|---|---|---|")
        for c in candidates {
            out.line("| \(c.scoreText) | \(ExitReport.kindWord(c.kind)) | \(ExitReport.cell(c.name)) | "
                + "\(ExitReport.cell(c.reasons.joined(separator: "; "))) | \(ExitReport.cell(c.decision?.summary ?? "")) |")
        }
        return out.text
    }

    /// `[{"kind", "id", "name", "score", "reasons": […]}, …]`, best first, as JSONWriter writes it.
    public func json() -> String {
        let items: [JSON] = candidates.map { c in
            .object([
                "kind": .string(c.kind.rawValue), "id": .string(c.id), "name": .string(c.name),
                "score": .number(c.score), "reasons": .array(c.reasons.map(JSON.string)),
            ])
        }
        return String(decoding: JSONWriter.write(.array(items)), as: UTF8.self)
    }

    static func kindWord(_ k: ExitCandidateKind) -> String { k == .network ? "network" : "relationship" }

    static func clean(_ text: String) -> String { ReportText.clean(text) }
    static func cell(_ text: String) -> String { ReportText.cell(text) }
}
