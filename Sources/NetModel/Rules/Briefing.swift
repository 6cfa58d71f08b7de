import Plumbing

/// The pre-meeting briefing: for an event, a network or "today", the people to talk to, ranked, with
/// their strengths, what I can ask them, what I can offer them, open follow-ups and the last note,
/// and below them the introductions to make among the people present. The Briefing pane shows it;
/// `nettui brief` prints it as text, Markdown or JSON. The rules are in docs/BRIEFING.md.
/// What a briefing is about.
public enum BriefingScope: Equatable, Sendable {
    /// Today's events' attendees; when there are no events today, the overdue contacts and the
    /// contacts with follow-ups due.
    case today
    /// An event's attendees (an event id).
    case event(String)
    /// A network's members (a network id).
    case network(String)

    /// Ids compared by their bytes (`sameBytes`): an NFC and an NFD spelling are two events or networks.
    public static func == (a: BriefingScope, b: BriefingScope) -> Bool {
        switch (a, b) {
        case (.today, .today): true
        case (.event(let x), .event(let y)), (.network(let x), .network(let y)): sameBytes(x, y)
        default: false
        }
    }
}

public struct Briefing: Equatable, Sendable {
    public struct Person: Equatable, Sendable {
        public var contactID: String, name: String, organization: String, role: String
        public var quadrant: Quadrant
        /// The quadrant's name in the network's scheme ("Key", "Rising", "Maintain", "Light touch").
        public var quadrantName: String
        /// Days from the last interaction to the briefing's day; nil when never in contact.
        public var daysSinceContact: Int?
        /// Days past the quadrant's cadence on the briefing's day; nil when not overdue.
        public var overdueDays: Int?
        /// Their competences.
        public var strengths: [String]
        /// Their needs (what introductions are made from).
        public var needs: [String]
        /// Their competences that meet `me.seeks`.
        public var ask: [String]
        /// My offers that meet their needs.
        public var offer: [String]
        /// Their open follow-ups, oldest due first.
        public var followUps: [FollowUp]
        /// The note of the newest interaction that has one; "" when none has.
        public var lastNote: String
        /// The ranking reason in words: "Key, overdue 12 d, follow-up due 2026-11-20, matches your
        /// seeks"; "" when no reason applies.
        public var why: String
    }

    /// One introduction to make: `needer` needs what `provider` can do; `terms` are the needer's needs
    /// that the provider's competences meet.
    public struct Introduction: Equatable, Sendable {
        public var needer: String, provider: String
        public var neederName: String, providerName: String
        public var terms: [String]
    }

    public var title: String
    /// The day the briefing is for: the event's day for an event, else today.
    public var date: Day
    /// The day days since contact, overdue and due follow-ups are counted to: today, or an upcoming
    /// event's day (so that a briefing for next week's event is as of that day).
    public var asOf: Day
    /// Lines about the occasion (where, which network, the event's notes); may be empty.
    public var context: [String]
    public var people: [Person]
    public var introductions: [Introduction]

    public init(_ view: NetworkView, scope: BriefingScope, today: Day) {
        let network = view.network
        let last = view.lastContactDays()
        var ids: [String] = []
        context = []
        date = today
        asOf = today
        switch scope {
        case .today:
            let events = network.events.filter { $0.date == today }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            if events.isEmpty {
                title = "Today: overdue contacts and follow-ups due"
                ids = view.overdueContacts(today: today, last: last).map(\.contact.id) + network.dueFollowUps(on: today).map(\.interaction.contact)
            } else {
                title = events.count == 1 ? events[0].name : "Today: " + events.map(\.name).joined(separator: ", ")
                for e in events {
                    let line = Briefing.place(e, network)
                    context.append(events.count == 1 ? line : [e.name, line].filter { !$0.isEmpty }.joined(separator: " · "))
                    if !e.notes.trimmingWhitespace.isEmpty { context.append(e.notes.trimmingWhitespace) }
                    ids += e.attendees
                }
                context = context.filter { !$0.isEmpty }
            }
        case .event(let id):
            if let e = Network.index(of: id, in: network.events).map({ network.events[$0] }) {
                title = e.name
                date = e.date
                asOf = max(today, e.date)
                context = [Briefing.place(e, network), e.notes.trimmingWhitespace].filter { !$0.isEmpty }
                ids = e.attendees
            } else {
                title = "No event with id \(id)"
            }
        case .network(let id):
            if let g = network.network(id: id) {
                title = g.name
                let count = Set(g.members).count
                context = [[g.kind, "\(count) member\(count == 1 ? "" : "s")"].filter { !$0.isEmpty }.joined(separator: " · ")]
                ids = g.members
            } else {
                title = "No network with id \(id)"
            }
        }
        let built = Briefing.people(ids, in: view, last: last, asOf: asOf)
        people = built
        introductions = Briefing.introductions(among: Array(built.prefix(Briefing.introductionPeople)))
    }

    /// `init(_:scope:today:)` of the network's view.
    public init(network: Network, scope: BriefingScope, today: Day) {
        self.init(NetworkView(network), scope: scope, today: today)
    }

    /// Introductions are looked for among this many people at the top of the briefing. A day
    /// without events at 100,000 contacts lists tens of thousands of overdue people, and the pairs
    /// among all of them would be millions of lines nobody reads.
    public static let introductionPeople = 200

    /// "Copenhagen, Nordhavn · Nordic Export Circle": where an event is and which network it belongs to.
    static func place(_ e: Event, _ network: Network) -> String {
        [e.location.trimmingWhitespace, e.network.flatMap { network.network(id: $0)?.name } ?? ""]
            .filter { !$0.isEmpty }.joined(separator: " · ")
    }

    // MARK: - People and ranking

    private struct Ranked {
        var person: Person
        var keyOrRising: Bool
        var overdue: Int?
        var due: Day?
        var key: SortKey
    }

    private static func people(_ ids: [String], in view: NetworkView, last: [Day?], asOf: Day) -> [Person] {
        let (network, scheme) = (view.network, view.scheme)
        var seen: Set<String> = []
        var people: [Int] = []
        for id in ids where seen.insert(id).inserted {
            if let p = view.position(ofContact: id) { people.append(p) }
        }
        let logs = Briefing.logs(of: Set(people), in: view)
        let seeks = network.me.seeks.map(Matching.words).filter { !$0.isEmpty }
        let offers = network.me.offers.map(Matching.Term.init)
        var ranked: [Ranked] = []
        for p in people {
            let c = network.contacts[p]
            let q = scheme.quadrant(of: c)
            var overdue = scheme.overdueDays(c, lastContact: last[p], today: asOf)
            if case .leave? = c.decision { overdue = nil }
            let log = logs[p] ?? Log()
            let followUps = log.followUps.sorted(by: Network.dueBefore).map(\.followUp)
            let due = followUps.first { $0.due <= asOf }?.due
            let ask = Matching.matches(wants: c.competences.map(Matching.Term.init), has: seeks)
            let offer = Matching.matches(wants: offers, has: c.needs.map(Matching.words).filter { !$0.isEmpty })
            let note = log.note?.note.trimmingWhitespace ?? ""
            var why: [String] = []
            if q == .key || q == .rising { why.append(scheme.policy(q).name) }
            if let overdue { why.append("overdue \(overdue) d") }
            if let due { why.append("follow-up due \(due)") }
            if !ask.isEmpty { why.append("matches your seeks") }
            if !offer.isEmpty { why.append("needs your offers") }
            let person = Person(contactID: c.id, name: c.name, organization: c.organization, role: c.role, quadrant: q,
                                quadrantName: scheme.policy(q).name,
                                daysSinceContact: last[p].map { asOf.days(since: $0) }, overdueDays: overdue,
                                strengths: c.competences, needs: c.needs, ask: ask, offer: offer, followUps: followUps,
                                lastNote: note, why: why.joined(separator: ", "))
            ranked.append(Ranked(person: person, keyOrRising: q == .key || q == .rising, overdue: overdue, due: due,
                                 key: SortKey(SearchText.fold(c.name))))
        }
        return ranked.sorted(by: Briefing.ranksBefore).map(\.person)
    }

    /// What the briefing shows from one person's log: the open follow-ups (in log order) and the
    /// newest interaction with a note (by date, then id; the first of equals).
    private struct Log {
        var followUps: [(interaction: Interaction, followUp: FollowUp)] = []
        var note: Interaction?
    }

    /// The logs of the people briefed on (by position in `contacts`), in one pass over the interactions.
    private static func logs(of people: Set<Int>, in view: NetworkView) -> [Int: Log] {
        var out: [Int: Log] = [:]
        guard !people.isEmpty else { return out }
        view.forEachInteraction { p, i in
            guard let p, people.contains(p) else { return }
            let open = i.followUp.flatMap { $0.isOpen ? $0 : nil }
            let noted = Whitespace.hasContent(i.note)
            guard open != nil || noted else { return }
            Briefing.add(i.value, followUp: open, noted: noted, to: &out[p, default: Log()])
        }
        return out
    }

    private static func add(_ i: Interaction, followUp: FollowUp?, noted: Bool, to log: inout Log) {
        if let followUp { log.followUps.append((i, followUp)) }
        if noted, log.note.map({ ($0.date, $0.id) < (i.date, i.id) }) ?? true { log.note = i }
    }

    /// The ranking rule (docs/BRIEFING.md): Key and Rising before the rest; then overdue, most
    /// overdue first; then a follow-up due, the oldest due first; then a match (ask or offer); then
    /// by name (case and accents ignored), then id.
    private static func ranksBefore(_ a: Ranked, _ b: Ranked) -> Bool {
        if a.keyOrRising != b.keyOrRising { return a.keyOrRising }
        if (a.overdue != nil) != (b.overdue != nil) { return a.overdue != nil }
        if let x = a.overdue, let y = b.overdue, x != y { return x > y }
        if (a.due != nil) != (b.due != nil) { return a.due != nil }
        if let x = a.due, let y = b.due, x != y { return x < y }
        let am = !a.person.ask.isEmpty || !a.person.offer.isEmpty, bm = !b.person.ask.isEmpty || !b.person.offer.isEmpty
        if am != bm { return am }
        if a.key != b.key { return a.key < b.key }
        return a.person.contactID < b.person.contactID
    }

    /// Every ordered pair of different people where the first's needs meet the second's competences,
    /// by the needer's rank, then the provider's. When both need what the other can do, both
    /// directions are listed; a pair is listed once per direction.
    ///
    /// Each pair that meets shares a word (the shorter term's words all stand in the longer), so
    /// the providers to try for a needer are found through an index from word to provider, not by
    /// trying every person.
    static func introductions(among people: [Person]) -> [Introduction] {
        let needs = people.map { $0.needs.map(Matching.Term.init) }
        let strengths = people.map { $0.strengths.map(Matching.words).filter { !$0.isEmpty } }
        var providers: [String: [Int]] = [:]
        for (p, terms) in strengths.enumerated() {
            for word in Set(terms.joined()) { providers[word, default: []].append(p) }
        }
        var out: [Introduction] = []
        for (n, needer) in people.enumerated() {
            var candidates = Set<Int>()
            for term in needs[n] {
                for word in term.words { candidates.formUnion(providers[word] ?? []) }
            }
            for p in candidates.sorted() where people[p].contactID != needer.contactID {
                let terms = Matching.matches(wants: needs[n], has: strengths[p])
                guard !terms.isEmpty else { continue }
                let provider = people[p]
                out.append(Introduction(needer: needer.contactID, provider: provider.contactID,
                                        neederName: needer.name, providerName: provider.name, terms: terms))
            }
        }
        return out
    }

    /// Events a person can choose from, for pickers: upcoming events first (today's, then the next
    /// soonest), then past events, the most recent first. Same-day events go by name.
    public static func events(_ network: Network, around today: Day) -> [Event] {
        let keyed = network.events.map { (event: $0, name: SearchText.fold($0.name)) }
        let upcoming = keyed.filter { $0.event.date >= today }
            .sorted { ($0.event.date, $0.name, $0.event.id) < ($1.event.date, $1.name, $1.event.id) }
        let past = keyed.filter { $0.event.date < today }
            .sorted { a, b in a.event.date != b.event.date ? a.event.date > b.event.date : (a.name, a.event.id) < (b.name, b.event.id) }
        return (upcoming + past).map(\.event)
    }

    // MARK: - Output

    /// "last contact 12 days ago", "last contact today", "never in contact".
    static func lastContactText(_ days: Int?) -> String {
        guard let d = days else { return "never in contact" }
        switch d {
        case 0: return "last contact today"
        case 1: return "last contact yesterday"
        case let d where d < 0: return "next contact logged in \(-d) day\(d == -1 ? "" : "s")"
        default: return "last contact \(d) days ago"
        }
    }

    /// "due 2026-11-20 (3 days overdue): send the offer", "due today: …", "due 2026-11-20: …".
    func followUpText(_ f: FollowUp) -> String {
        let d = asOf.days(since: f.due)
        let when = d == 0 ? "due today" : d > 0 ? "due \(f.due) (\(d) day\(d == 1 ? "" : "s") overdue)" : "due \(f.due)"
        let what = f.what.trimmingWhitespace
        return what.isEmpty ? when : when + ": " + what
    }

    /// A plain-text briefing for a terminal or a printout: the title and context, then one block per
    /// person (empty fields left out), then the introductions.
    public func text() -> String {
        var lines = [clean(title) + " — \(date)"]
        lines += context.map(clean)
        lines.append("")
        if people.isEmpty {
            lines.append("Nobody to brief on.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("\(people.count) \(people.count == 1 ? "person" : "people") to talk to, in order:")
        let width = String(people.count).count
        for (n, p) in people.enumerated() {
            lines.append("")
            let number = String(repeating: " ", count: width - String(n + 1).count) + "\(n + 1). "
            let indent = String(repeating: " ", count: number.count)
            let job = [p.role, p.organization].map { clean($0).trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: ", ")
            lines.append(number + clean(p.name) + (job.isEmpty ? "" : " — " + job))
            var meta = [p.quadrantName, Briefing.lastContactText(p.daysSinceContact)]
            if !p.why.isEmpty { meta.append("why: " + p.why) }
            lines.append(indent + meta.joined(separator: " · "))
            func field(_ label: String, _ value: String) {
                guard !value.isEmpty else { return }
                lines.append(indent + label.padding(toLength: 11, withPad: " ", startingAt: 0) + clean(value))
            }
            field("strengths:", p.strengths.joined(separator: ", "))
            field("my ask:", p.ask.joined(separator: ", "))
            field("my offer:", p.offer.joined(separator: ", "))
            for f in p.followUps { field("follow-up:", followUpText(f)) }
            field("last note:", p.lastNote)
        }
        lines.append("")
        if introductions.isEmpty {
            lines.append("No introductions to make.")
        } else {
            lines.append("Introductions to make:")
            for i in introductions {
                lines.append("  - " + clean(i.neederName) + " needs " + clean(i.terms.joined(separator: ", ")) + " — " + clean(i.providerName) + " can help")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown that reads well on a phone and in print: no tables, one short section per person
    /// with a bulleted list of the fields that have something to say.
    public func markdown() -> String {
        var lines = ["# " + md(title), ""]
        lines.append((["**\(date)**"] + context.prefix(1).map(md)).joined(separator: " · "))
        for c in context.dropFirst() { lines += ["", md(c)] }
        lines.append("")
        if people.isEmpty {
            lines.append("Nobody to brief on.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("\(people.count) \(people.count == 1 ? "person" : "people") to talk to, in order.")
        for (n, p) in people.enumerated() {
            lines += ["", "## \(n + 1). " + md(p.name), ""]
            let job = [p.role, p.organization].map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: ", ")
            if !job.isEmpty { lines += [md(job), ""] }
            var meta = [p.quadrantName, Briefing.lastContactText(p.daysSinceContact)]
            if !p.why.isEmpty { meta.append("why: " + p.why) }
            lines += ["*" + md(meta.joined(separator: " · ")) + "*", ""]
            var items: [String] = []
            func field(_ label: String, _ value: String) {
                if !value.isEmpty { items.append("- **\(label):** " + md(value)) }
            }
            field("Strengths", p.strengths.joined(separator: ", "))
            field("My ask", p.ask.joined(separator: ", "))
            field("My offer", p.offer.joined(separator: ", "))
            for f in p.followUps { field("Follow-up", followUpText(f)) }
            field("Last note", p.lastNote)
            if items.isEmpty { lines.removeLast() } else { lines += items }
        }
        lines += ["", "## Introductions to make", ""]
        if introductions.isEmpty {
            lines.append("None among these people.")
        } else {
            for i in introductions {
                lines.append("- **" + md(i.neederName) + "** needs " + md(i.terms.joined(separator: ", ")) + ": introduce **" + md(i.providerName) + "**")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"title", "date", "people": [{"id", "name", "organization", "quadrant", "daysSinceContact",
    /// "strengths", "ask", "offer", "followUps": [{"due", "what"}], "lastNote"}], "introductions":
    /// [{"needer", "provider", "terms"}]}`, as JSONWriter writes it; needer and provider are contact ids.
    public func json() -> String {
        func strings(_ s: [String]) -> JSON { .array(s.map(JSON.string)) }
        let people: [JSON] = people.map { p in
            .object([
                "id": .string(p.contactID), "name": .string(p.name), "organization": .string(p.organization),
                "quadrant": .string(p.quadrant.rawValue),
                "daysSinceContact": p.daysSinceContact.map { .number(Double($0)) } ?? .null,
                "strengths": strings(p.strengths), "ask": strings(p.ask), "offer": strings(p.offer),
                "followUps": .array(p.followUps.map { .object(["due": .string($0.due.description), "what": .string($0.what)]) }),
                "lastNote": .string(p.lastNote),
            ])
        }
        let intros: [JSON] = introductions.map { i in
            .object(["needer": .string(i.needer), "provider": .string(i.provider), "terms": strings(i.terms)])
        }
        let o: JSON = .object([
            "title": .string(title), "date": .string(date.description), "people": .array(people), "introductions": .array(intros),
        ])
        return String(decoding: JSONWriter.write(o), as: UTF8.self)
    }

    /// Text from a file made safe for one line: control characters and bidirectional overrides go,
    /// line breaks and tabs become spaces.
    func clean(_ text: String) -> String { ReportText.clean(text) }

    /// `clean`, with Markdown's special characters escaped so that a name or note prints as written.
    func md(_ text: String) -> String {
        var out = ""
        for ch in clean(text) {
            if "\\`*_[]<>#|~".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
