import NetModel
import NetStore
import NetInterchange

/// The segmentation matrix as people draw it on a whiteboard: importance now grows to the right,
/// importance in future upwards, so Rising and Key are on top. Below 100 columns it shows one
/// quadrant at a time under a row of all four counts.
enum MatrixPane {
    static let gridMinWidth = 100

    static func isGrid(_ s: AppState) -> Bool { s.width >= gridMinWidth }

    /// Contact rows inside one quadrant's box.
    static func rowsVisible(_ s: AppState) -> Int {
        let body = s.height - 3
        return isGrid(s) ? max(1, (body - 1) / 2 - 2) : max(1, body - 1 - 2)
    }

    static func title(_ q: Quadrant, _ s: AppState, short: Bool = false) -> String {
        let rows = s.quadrantRows[q] ?? []
        let overdue = s.quadrantOverdue[q] ?? 0
        let name = s.network.scheme.policy(q).name
        if short { return "\(ContactsPane.mark(q)) \(name) \(rows.count)" + (overdue > 0 ? "/\(overdue)!" : "") }
        return "\(ContactsPane.mark(q)) \(name) · \(rows.count)" + (overdue > 0 ? " · \(overdue) overdue" : "")
    }

    static func draw(_ s: AppState, in body: Rect, _ screen: inout Screen) {
        let scheme = s.network.scheme
        if isGrid(s) {
            let caption = "↑ \(scheme.axisFuture)   → \(scheme.axisNow)   ◆ moved in 90 days  ≠ criteria disagree  overdue days in colour"
            screen.put(caption, x: body.x + 1, y: body.y, maxWidth: body.width - 2, style: .muted)
            let top = body.y + 1
            let h = body.maxY - top
            let colW = body.width / 2
            let rowH = h / 2
            for q in Quadrant.allCases {
                let (col, row) = AppState.gridPosition(q)
                let r = Rect(x: body.x + col * colW, y: top + row * rowH, width: col == 0 ? colW : body.width - colW,
                             height: row == 0 ? rowH : h - rowH)
                drawQuadrant(q, s, in: r, &screen)
            }
        } else {
            // The four counts in whiteboard order, the focused one highlighted.
            var x = body.x
            for q in [Quadrant.rising, .key, .lightTouch, .maintain] {
                let label = " " + title(q, s, short: true) + " "
                x += screen.put(label, x: x, y: body.y, maxWidth: body.maxX - x, style: q == s.matrix.focus ? Style(bold: true, reverse: true) : .muted)
                x += 1
            }
            drawQuadrant(s.matrix.focus, s, in: Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1), &screen)
        }
    }

    private static func drawQuadrant(_ q: Quadrant, _ s: AppState, in r: Rect, _ screen: inout Screen) {
        let focused = q == s.matrix.focus
        screen.box(r, title: title(q, s), style: focused ? .color(.accent, bold: true) : .muted)
        let inner = Rect(x: r.x + 1, y: r.y + 1, width: r.width - 2, height: r.height - 2)
        guard inner.width > 4, inner.height > 0 else { return }
        let rows = s.quadrantRows[q] ?? []
        if rows.isEmpty {
            let why = s.filter.text.isEmpty ? "no contacts here" : "no match for the filter"
            screen.put(why, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: .muted)
            return
        }
        let selected = s.matrixIndex(q)
        let top = s.matrix.top[q] ?? 0
        let scheme = s.network.scheme
        let overdueW = 6
        let nameW = max(4, (inner.width - 3 - overdueW) * 11 / 20)
        let orgW = max(0, inner.width - 3 - overdueW - nameW - 1)
        for line in 0..<inner.height {
            let i = top + line
            guard i < rows.count else { break }
            let c = s.network.contacts[rows[i]]
            let y = inner.y + line
            let isSelected = i == selected && focused
            let base: Style = isSelected ? .reverse : .plain
            if isSelected { screen.bar("", x: inner.x, y: y, width: inner.width, style: base) }
            var flags = ""
            flags += c.movedQuadrant(within: 90, today: s.today, scheme: scheme) ? "◆" : " "
            flags += scheme.drift(c) != nil ? "≠" : " "
            screen.put(flags, x: inner.x, y: y, style: isSelected ? Style(color: .accent, reverse: true) : .color(.accent))
            screen.put(c.name, x: inner.x + 3, y: y, maxWidth: nameW, style: isSelected ? Style(bold: true, reverse: true) : .bold)
            if orgW > 3 { screen.put(c.organization, x: inner.x + 4 + nameW, y: y, maxWidth: orgW, style: isSelected ? base : .muted) }
            if let over = ContactsPane.overdueDays(c, s) {
                let text = "+\(over)d"
                screen.put(text, x: inner.maxX - min(overdueW, text.columns) , y: y, maxWidth: overdueW,
                           style: Style(color: .warn, reverse: isSelected))
            }
        }
        if rows.count > inner.height {
            let pos = inner.y + (inner.height - 1) * top / max(1, rows.count - inner.height)
            screen.put("┃", x: r.maxX - 1, y: pos, style: .muted)
        }
    }
}
