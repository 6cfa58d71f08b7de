import NetModel

/// Picks a network's members from the contacts: type to filter, Tab toggles, Enter applies.
struct MemberPicker: Equatable, Sendable {
    var groupID: String
    var query = TextField()
    var chosen: Set<String>
    var cursor = 0
    var top = 0

    init(group: NetworkGroup) {
        groupID = group.id
        chosen = Set(group.members)
    }

    /// Indexes into the contacts of the rows shown: matching the query, by name.
    func rows(_ network: Network) -> [Int] {
        let query = ContactQuery(self.query.text)
        return network.contacts.indices
            .filter { query.isEmpty || query.matches(network.contacts[$0]) }
            .sorted { SearchText.fold(network.contacts[$0].name) < SearchText.fold(network.contacts[$1].name) }
    }

    static func draw(_ p: MemberPicker, _ s: AppState, in body: Rect, _ screen: inout Screen) -> (Int, Int)? {
        let name = s.network.network(id: p.groupID)?.name ?? ""
        screen.box(body, title: "Members of \(name) — \(p.chosen.count) chosen")
        let inner = Rect(x: body.x + 2, y: body.y + 1, width: body.width - 4, height: body.height - 2)
        guard inner.width > 8, inner.height > 2 else { return nil }
        screen.put("Filter: ", x: inner.x, y: inner.y, style: .bold)
        let (text, col) = p.query.visible(width: inner.width - 8)
        screen.put(text, x: inner.x + 8, y: inner.y, maxWidth: inner.width - 8)
        let rows = p.rows(s.network)
        let height = inner.height - 1
        for line in 0..<height {
            let i = p.top + line
            guard i < rows.count else { break }
            let c = s.network.contacts[rows[i]]
            let y = inner.y + 1 + line
            let selected = i == p.cursor
            if selected { screen.bar("", x: inner.x, y: y, width: inner.width, style: .reverse) }
            let mark = p.chosen.contains(c.id) ? "[x] " : "[ ] "
            let label = c.organization.isEmpty ? c.name : "\(c.name) · \(c.organization)"
            screen.put(mark + label, x: inner.x, y: y, maxWidth: inner.width, style: selected ? .reverse : (p.chosen.contains(c.id) ? .bold : .plain))
        }
        if rows.isEmpty { screen.put("No contact matches.", x: inner.x, y: inner.y + 1, style: .muted) }
        return (inner.x + 8 + col, inner.y)
    }
}
