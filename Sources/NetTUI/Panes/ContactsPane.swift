import NetModel
import NetStore
import NetInterchange

/// The contacts list, with the selected contact's card beside it when the terminal is wide enough.
enum ContactsPane {
    static func mark(_ q: Quadrant) -> String {
        switch q {
        case .key: return "★"
        case .rising: return "↗"
        case .maintain: return "●"
        case .lightTouch: return "·"
        }
    }

    static func markStyle(_ q: Quadrant) -> Style {
        switch q {
        case .key: return .color(.accent, bold: true)
        case .rising: return .color(.good, bold: true)
        case .maintain: return .plain
        case .lightTouch: return .muted
        }
    }

    /// "today", "5d", "3w", "8mo", "2y", or "never".
    static func ago(_ day: Day?, today: Day) -> String {
        guard let day else { return "never" }
        let d = today.days(since: day)
        if d <= 0 { return d == 0 ? "today" : "in \(-d)d" }
        if d < 14 { return "\(d)d" }
        if d < 60 { return "\(d / 7)w" }
        if d < 730 { return "\(d / 30)mo" }
        return "\(d / 365)y"
    }

    /// Days past the quadrant's cadence; nil when not overdue.
    static func overdueDays(_ c: Contact, _ s: AppState) -> Int? {
        s.network.scheme.overdueDays(c, lastContact: s.lastContact(c.id), today: s.today)
    }

    static func draw(_ s: AppState, _ screen: inout Screen) {
        let layout = s.layout
        drawList(s, in: layout.paneList, &screen)
        if layout.isWide, let c = s.selectedContact {
            layout.drawSideRule(from: layout.body.y, &screen)
            ContactCard.draw(c, s, scroll: 0, in: layout.sideCard, full: false, &screen)
        }
    }

    private static func columns(_ width: Int, last: Int) -> (name: Int, org: Int, last: Int) {
        let rest = max(0, width - 3 - last - 3)
        let name = rest * 11 / 20
        return (name, max(0, rest - name), last)
    }

    private static func drawList(_ s: AppState, in area: Rect, _ screen: inout Screen) {
        let (nameW, orgW, lastW) = columns(area.width, last: s.dateStyle == .iso ? 10 : 6)
        let arrow = s.list.ascending ? "▲" : "▼"
        func title(_ t: String, _ key: ContactSort) -> String { s.list.sort == key ? "\(t) \(arrow)" : t }
        let headerStyle = Style(bold: true, underline: true)
        screen.bar("", x: area.x, y: area.y, width: area.width, style: headerStyle)
        let importance = s.list.sort == .importance ? arrow : " "
        screen.put(importance, x: area.x + 1, y: area.y, style: headerStyle)
        screen.put(title("Name", .name), x: area.x + 3, y: area.y, maxWidth: nameW, style: headerStyle)
        // Sorted by owner, the second column shows the owner: the team view of who keeps whom.
        let byOwner = s.list.sort == .owner
        screen.put(byOwner ? title("Owner", .owner) : title("Organisation", .organization), x: area.x + 4 + nameW, y: area.y, maxWidth: orgW, style: headerStyle)
        let lastTitle = s.list.sort == .lastContact ? "Last\(arrow)" : "Last"
        screen.put(lastTitle.padded(to: lastW), x: area.x + area.width - lastW - 1, y: area.y, maxWidth: lastW, style: headerStyle)

        let rows = area.belowHeader
        if s.rows.isEmpty {
            let why = s.network.contacts.isEmpty ? "No contacts yet: a adds one." : "No contact matches the filter; Esc clears it."
            screen.put(why, x: area.x + 3, y: area.y + 1, maxWidth: area.width - 3, style: .muted)
            return
        }
        let selected = s.selectedIndex
        let scheme = s.network.scheme
        let top = ListCursor.offset(s.list.offset, showing: selected ?? 0, count: s.rows.count, visible: rows.height)
        for row in 0..<rows.height {
            let i = top + row
            guard i < s.rows.count else { break }
            let c = s.network.contacts[s.rows[i]]
            let y = rows.y + row
            let isSelected = i == selected
            let base: Style = isSelected ? .reverse : .plain
            if isSelected { screen.bar("", x: area.x, y: y, width: area.width, style: base) }
            let q = scheme.quadrant(of: c)
            var markStyle = markStyle(q)
            markStyle.reverse = isSelected
            screen.put(mark(q), x: area.x + 1, y: y, style: markStyle)
            screen.put(c.name, x: area.x + 3, y: y, maxWidth: nameW, style: isSelected ? Style(bold: true, reverse: true) : .bold)
            screen.put(byOwner ? (c.owner.isEmpty ? "—" : c.owner) : c.organization, x: area.x + 4 + nameW, y: y, maxWidth: orgW, style: base)
            let lastDay = s.lastContact(c.id)
            var lastStyle = scheme.overdueDays(c, lastContact: lastDay, today: s.today) != nil ? Style(color: .warn) : base
            lastStyle.reverse = isSelected
            let last = s.dateStyle == .iso ? (lastDay.map { $0.description } ?? "never") : ago(lastDay, today: s.today)
            screen.put(last, x: area.x + area.width - lastW - 1, y: y, maxWidth: lastW, style: lastStyle)
        }
        // A scroll position mark when the list is longer than the window.
        if s.rows.count > rows.height, rows.height > 0 {
            let pos = rows.y + (rows.height - 1) * top / max(1, s.rows.count - rows.height)
            screen.put("┃", x: area.maxX - 1, y: pos, style: .muted)
        }
    }
}
