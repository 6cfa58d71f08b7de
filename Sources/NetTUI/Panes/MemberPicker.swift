import NetModel
import Plumbing
import NetStore
import NetInterchange

/// Whose people a picker chooses: a network's members or an event's attendees.
enum PickerTarget: Equatable, Sendable {
    case network(String)
    case event(String)
}

/// Picks people from the contacts: type to filter, Tab toggles, Enter applies.
struct MemberPicker: QueriedList, Equatable, Sendable {
    var target: PickerTarget
    var query = TextField()
    /// By the ids' bytes: an NFC and an NFD spelling are two people (`JSONKey`).
    var chosen: Set<JSONKey>
    var cursor = ListCursor()

    init(group: NetworkGroup) {
        target = .network(group.id)
        chosen = Set(group.members.map { JSONKey($0) })
    }

    init(event: Event) {
        target = .event(event.id)
        chosen = Set(event.attendees.map { JSONKey($0) })
    }

    /// The people chosen before, in their order, then the newly chosen in the order shown.
    func members(before: [String], _ network: Network) -> [String] {
        let was = Set(before.map { JSONKey($0) }), shown = rows(network).map { JSONKey(network.contacts[$0].id) }
        return before.filter { chosen.contains(JSONKey($0)) }
            + shown.filter { chosen.contains($0) && !was.contains($0) }.map(\.text)
            + chosen.subtracting(was).subtracting(shown).sorted().map(\.text)
    }

    func rowCount(_ s: AppState) -> Int { rows(s.network).count }
    static func box(_ layout: Layout) -> Rect { layout.pickerBox }

    /// Indexes into the contacts of the rows shown: matching the query, by name.
    func rows(_ network: Network) -> [Int] {
        let query = ContactQuery(self.query.text, me: network.me.name)
        return network.contacts.indices
            .filter { query.isEmpty || query.matches(network.contacts[$0]) }
            .sorted { SearchText.fold(network.contacts[$0].name) < SearchText.fold(network.contacts[$1].name) }
    }

    static func draw(_ p: MemberPicker, _ s: AppState, _ screen: inout Screen) -> (Int, Int)? {
        let title: String
        switch p.target {
        case .network(let id): title = "Members of \(s.network.network(id: id)?.name ?? "")"
        case .event(let id): title = "Attendees of \(s.network.event(id: id)?.name ?? "")"
        }
        let rows = p.rows(s.network)
        return FilterList.draw(title: "\(title) — \(p.chosen.count) chosen", prompt: "Filter: ", query: p.query, count: rows.count,
                               row: { i in
                                   let c = s.network.contacts[rows[i]]
                                   let chosen = p.chosen.contains(JSONKey(c.id))
                                   let label = c.organization.isEmpty ? c.name : "\(c.name) · \(c.organization)"
                                   return FilterList.Row(label: (chosen ? "[x] " : "[ ] ") + label, style: chosen ? .bold : .plain)
                               },
                               cursor: p.cursor, empty: "No contact matches.", in: box(s.layout), &screen)
    }
}
