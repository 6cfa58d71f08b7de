import NetModel
import NetStore

/// The full card of one contact, beside the list or on its own screen.
enum ContactCard {
    static func lines(_ c: Contact, _ s: AppState, width: Int, full: Bool) -> [StyledLine] {
        let n = s.network
        let scheme = n.scheme
        let q = scheme.quadrant(of: c)
        var out: [StyledLine] = [StyledLine(c.name, .bold)]
        let sub = [c.role, c.organization].filter { !$0.isEmpty }.joined(separator: " · ")
        if !sub.isEmpty { out.append(StyledLine(sub)) }
        out.append(.blank)
        let policy = scheme.policy(q)
        out.append(StyledLine([
            (ContactsPane.mark(q) + " ", ContactsPane.markStyle(q)), (policy.name, .bold),
            ("  now \(c.importanceNow.text) · future \(c.importanceFuture.text)", .plain),
        ]))

        func field(_ label: String, _ value: String, _ style: Style = .plain) {
            guard !value.isEmpty else { return }
            let labelWidth = 13
            let wrapped = value.wrapped(to: max(1, width - labelWidth))
            for (i, line) in wrapped.enumerated() {
                out.append(StyledLine([((i == 0 ? label : "").padded(to: labelWidth), .muted), (line, style)]))
            }
        }
        // Segmentation: the criteria, what they suggest, and the contact's path through the matrix.
        let rated = scheme.criteria.compactMap { k in c.criteria[k.id].map { "\(k.name) \($0.text)" } }
        field("Criteria", rated.joined(separator: " · "))
        if let suggested = scheme.drift(c) {
            field("Suggested", "\(scheme.policy(suggested).name) — the criteria disagree with the ratings", .color(.warn))
        }
        field("Path", path(c, scheme))
        if let d = c.decision { field("Decision", d.summary, .color(.warn, bold: true)) }
        // The contact's own interactions, so that the rules below read a handful, not the whole log.
        let history = s.facts.interactions(with: c.id, in: n)
        var own = Network()
        own.interactions = history
        let open = own.openFollowUps(contact: c.id)
        for (i, f) in open.enumerated() {
            field(i == 0 ? "Follow up" : "", "\(f.followUp.due): \(f.followUp.what)" + (i == 0 ? "  (c closes)" : ""),
                  f.followUp.due <= s.today ? .color(.warn, bold: true) : .plain)
        }
        let tally = own.giveGet(contact: c.id)
        if tally.gave + tally.got > 0 { field("Give / get", GiveGet.text(tally)) }
        let last = s.lastContact(c.id)
        var lastText = last.map { "\($0) (\(ContactsPane.ago($0, today: s.today)))" } ?? "never"
        let overdue = s.network.scheme.overdueDays(c, lastContact: last, today: s.today)
        if let over = overdue { lastText += " — overdue by \(over) d (every \(policy.cadenceDays) d)" }
        field("Last contact", lastText, overdue != nil ? .color(.warn) : .plain)
        field("Stage", c.stage.rawValue)
        field("Chemistry", c.chemistry?.text ?? "")
        field("Owner", c.owner)
        field("Kinds", c.kinds.map(\.rawValue).joined(separator: ", "))
        field("Can do", c.competences.joined(separator: ", "), .color(.good))
        field("Needs", c.needs.joined(separator: ", "), .color(.accent))
        field("Tags", c.tags.joined(separator: ", "))
        field("Email", c.emails.joined(separator: ", "))
        field("Phone", c.phones.joined(separator: ", "))
        // One address a line: a long one wraps alone, not in the middle of a list.
        for (i, url) in c.urls.enumerated() { field(i == 0 ? "Web" : "", url) }
        field("Birthday", c.birthday)
        let groups = s.facts.networks(of: c.id, in: n).map(\.name)
        field("Networks", groups.joined(separator: ", "))
        if !c.notes.isEmpty {
            out.append(.blank)
            out += c.notes.wrapped(to: width).map { StyledLine($0) }
        }
        if !history.isEmpty {
            out.append(.blank)
            out.append(StyledLine("Interactions (\(history.count))", .bold))
            for i in history.prefix(full ? history.count : 5) {
                let what = [i.note, i.gave.isEmpty ? "" : "gave: \(i.gave)", i.got.isEmpty ? "" : "got: \(i.got)"]
                    .filter { !$0.isEmpty }.joined(separator: "; ")
                let head = "\(i.date) \(i.kind.rawValue)"
                let wrapped = what.wrapped(to: max(1, width - 2))
                out.append(StyledLine(head, .muted))
                out += wrapped.filter { !$0.isEmpty }.map { StyledLine("  " + $0) }
            }
        }
        if full {
            out.append(.blank)
            let from = sources(c.sourceKeys)
            out.append(StyledLine("added \(c.created.day) · updated \(c.updated.day)" + (from.isEmpty ? "" : " · from " + from), .muted))
        }
        return out
    }

    /// Where an import found the contact: "vCard, LinkedIn" from its source keys' prefixes
    /// (`vcard:UID`, `linkedin:profile`), each source once.
    static func sources(_ keys: [String]) -> String {
        var names: [String] = []
        for key in keys {
            guard let colon = key.firstIndex(of: ":") else { continue }
            let prefix = String(key[..<colon])
            let name = ["vcard": "vCard", "linkedin": "LinkedIn"][prefix] ?? prefix
            if !names.contains(name) { names.append(name) }
        }
        return names.joined(separator: ", ")
    }

    /// "Light touch → Rising 2026-03-04 → Key 2026-10-02": each change of quadrant with its day.
    static func path(_ c: Contact, _ scheme: Scheme) -> String {
        var steps: [String] = []
        for h in c.ratingHistory.sorted(by: { $0.date < $1.date }) {
            let from = scheme.quadrant(now: h.fromNow, future: h.fromFuture)
            let to = scheme.quadrant(now: h.toNow, future: h.toFuture)
            guard from != to else { continue }
            if steps.isEmpty { steps.append(scheme.policy(from).name) }
            steps.append("\(scheme.policy(to).name) \(h.date)")
        }
        return steps.joined(separator: " → ")
    }

    static func draw(_ c: Contact, _ s: AppState, scroll: Int, in area: Rect, full: Bool, _ screen: inout Screen) {
        screen.lines(lines(c, s, width: area.width, full: full), from: scroll, in: area)
    }
}
