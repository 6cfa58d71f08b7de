import NetModel
import NetStore

/// The full card of one network: what it costs, what it gives, who is in it, and any exit decision.
enum NetworkCard {
    static func lines(_ g: NetworkGroup, _ s: AppState, width: Int, full: Bool) -> [StyledLine] {
        let n = s.network
        var out: [StyledLine] = [StyledLine(g.name, .bold)]
        let members = g.members.count
        out.append(StyledLine([g.kind, "\(members) member\(members == 1 ? "" : "s")"].filter { !$0.isEmpty }.joined(separator: " · ")))
        out.append(.blank)
        func field(_ label: String, _ value: String, _ style: Style = .plain) {
            guard !value.isEmpty else { return }
            for (i, line) in value.wrapped(to: max(1, width - 14)).enumerated() {
                out.append(StyledLine([((i == 0 ? label : "").padded(to: 14), .muted), (line, style)]))
            }
        }
        if let d = g.decision { field("Decision", d.summary, .color(.warn, bold: true)) }
        field("Purposes", g.purposes.map(\.rawValue).joined(separator: ", "))
        field("Cost", "\(NetworkForm.number(g.hoursPerMonth)) h/month · \(NetworkForm.number(g.costPerYear)) per year")
        field("Yield", g.yield.text, g.yield <= .tenth ? .color(.warn) : .plain)
        if let bb = g.bestBefore {
            let left = bb.days(since: s.today)
            let note = left < 0 ? "passed \(-left) days ago" : left == 0 ? "today" : "in \(left) days"
            field("Best before", "\(bb) (\(note))", left <= 30 ? .color(.warn) : .plain)
        }
        field("Fair", g.fair ? "yes" : "no — unfair or stalled", g.fair ? .plain : .color(.warn))
        field("Ambition", g.ambitionFit ? "fits ours" : "mismatch", g.ambitionFit ? .plain : .color(.warn))
        let mix = n.mix(of: g)
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        field("Mix", [count(mix.buyers, "buyer"), count(mix.sellers, "seller"), count(mix.partners, "partner")].joined(separator: " · "))
        let tally = n.giveGet(network: g)
        field("Give / get", GiveGet.text(tally))
        let last = n.lastActivity(of: g, today: s.today)
        field("Last activity", last.map { "\($0) (\(ContactsPane.ago($0, today: s.today)))" } ?? "none logged")
        if !g.notes.isEmpty {
            out.append(.blank)
            out += g.notes.wrapped(to: width).map { StyledLine($0) }
        }
        let people = g.members.compactMap(n.contact(id:)).sorted { SearchText.fold($0.name) < SearchText.fold($1.name) }
        if !people.isEmpty {
            out.append(.blank)
            out.append(StyledLine("Members (\(people.count))", .bold))
            for c in people.prefix(full ? people.count : 12) {
                let q = n.scheme.quadrant(of: c)
                out.append(StyledLine([(ContactsPane.mark(q) + " ", ContactsPane.markStyle(q)), (c.name, .plain), (c.organization.isEmpty ? "" : " · " + c.organization, .muted)]))
            }
            if !full, people.count > 12 { out.append(StyledLine("… \(people.count - 12) more (Enter shows all)", .muted)) }
        }
        return out
    }

    static func draw(_ g: NetworkGroup, _ s: AppState, scroll: Int, in area: Rect, full: Bool, _ screen: inout Screen) {
        screen.lines(lines(g, s, width: area.width, full: full), from: scroll, in: area)
    }
}
