import NetModel
import NetStore
import NetInterchange

/// The segmentation matrix as people draw it on a whiteboard: importance now grows to the right,
/// importance in future upwards, so Rising and Key are on top. Below 100 columns it shows one
/// quadrant at a time under a row of all four counts.
enum MatrixPane {
    static func title(_ q: Quadrant, _ s: AppState, short: Bool = false) -> String {
        let rows = s.quadrantRows[q] ?? []
        let overdue = s.quadrantOverdue[q] ?? 0
        let name = s.network.scheme.policy(q).name
        if short { return "\(ContactsPane.mark(q)) \(name) \(rows.count)" + (overdue > 0 ? "/\(overdue)!" : "") }
        return "\(ContactsPane.mark(q)) \(name) · \(rows.count)" + (overdue > 0 ? " · \(overdue) overdue" : "")
    }

    /// Where each quadrant's count is on the row of counts (one quadrant at a time), in whiteboard
    /// order; the mouse uses the same spans.
    static func countSpans(_ s: AppState) -> [(quadrant: Quadrant, x: Int, width: Int)] {
        var x = s.layout.body.x
        return [Quadrant.rising, .key, .lightTouch, .maintain].map { q in
            let w = (" " + title(q, s, short: true) + " ").columns
            defer { x += w + 1 }
            return (q, x, w)
        }
    }

    static func draw(_ s: AppState, _ screen: inout Screen) {
        let scheme = s.network.scheme
        let layout = s.layout
        let body = layout.body
        if layout.matrixIsGrid {
            let caption = "↑ \(scheme.axisFuture)   → \(scheme.axisNow)   ◆ moved in 90 days  ≠ criteria disagree  overdue days in colour"
            screen.put(caption, x: body.x + 1, y: layout.matrixTopRowY, maxWidth: body.width - 2, style: .muted)
            for q in Quadrant.allCases { drawQuadrant(q, s, in: layout.quadrant(q), &screen) }
        } else {
            // The four counts in whiteboard order, the focused one highlighted.
            for span in countSpans(s) where span.x < body.maxX {
                screen.put(" " + title(span.quadrant, s, short: true) + " ", x: span.x, y: layout.matrixTopRowY, maxWidth: body.maxX - span.x,
                           style: span.quadrant == s.matrix.focus ? Style(bold: true, reverse: true) : .muted)
            }
            drawQuadrant(s.matrix.focus, s, in: layout.quadrant(s.matrix.focus), &screen)
        }
    }

    private static func drawQuadrant(_ q: Quadrant, _ s: AppState, in r: Rect, _ screen: inout Screen) {
        let focused = q == s.matrix.focus
        screen.box(r, title: title(q, s), style: focused ? .color(.accent, bold: true) : .muted)
        let inner = r.inside
        guard inner.width > 4, inner.height > 0 else { return }
        let rows = s.quadrantRows[q] ?? []
        if rows.isEmpty {
            let why = s.filter.text.isEmpty ? "no contacts here" : "no match for the filter"
            screen.put(why, x: inner.x + 1, y: inner.y, maxWidth: inner.width - 1, style: .muted)
            return
        }
        let selected = s.matrixIndex(q)
        let top = ListCursor.offset(s.matrix.offset[q] ?? 0, showing: selected ?? 0, count: rows.count, visible: inner.height)
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
