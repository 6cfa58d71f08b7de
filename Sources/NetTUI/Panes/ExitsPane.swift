import NetModel
import NetStore

/// Exit candidates, best first: networks and relationships that cost more than they give, each with
/// the signals that fire and why. The decisions are keys of this pane.
enum ExitsPane {
    static func draw(_ s: AppState, _ screen: inout Screen) {
        let layout = s.layout
        let area = layout.body
        let wide = layout.isWide
        drawList(s, in: layout.exitsList, &screen)
        guard let c = s.currentCandidate else { return }
        let detail = layout.exitsDetail
        if wide { layout.drawSideRule(from: area.y, &screen) } else {
            screen.put(String(repeating: "─", count: area.width), x: area.x, y: detail.y, style: .muted)
        }
        let inner = wide ? detail : Rect(x: detail.x, y: detail.y + 1, width: detail.width, height: detail.height - 1)
        var lines: [StyledLine] = [StyledLine([(c.name, .bold), ("  score \(score(c.score))", .color(.warn))])]
        for r in c.reasons { lines += r.wrapped(to: max(1, inner.width - 2)).enumerated().map { StyledLine(($0.offset == 0 ? "• " : "  ") + $0.element) } }
        if let d = c.decision { lines.append(StyledLine("Decision: " + d.summary, .color(.accent, bold: true))) }
        if wide {
            lines.append(.blank)
            if c.kind == .network, let g = s.network.network(id: c.id) {
                lines += NetworkCard.lines(g, s, width: inner.width, full: false).dropFirst()
            } else if let contact = s.network.contact(id: c.id) {
                lines += ContactCard.lines(contact, s, width: inner.width, full: false).dropFirst()
            }
        }
        for (row, line) in lines.prefix(inner.height).enumerated() {
            screen.runs(line.runs, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
    }

    static func score(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    private static func drawList(_ s: AppState, in area: Rect, _ screen: inout Screen) {
        let header = Style(bold: true, underline: true)
        screen.bar("", x: area.x, y: area.y, width: area.width, style: header)
        let nameW = max(8, min(32, area.width * 2 / 5))
        screen.put("Score", x: area.x + 1, y: area.y, style: header)
        screen.put("Network or contact", x: area.x + 8, y: area.y, maxWidth: nameW, style: header)
        screen.put(s.exits.showAll ? "Why (all, decided too)" : "Why", x: area.x + 9 + nameW, y: area.y, maxWidth: area.width - 9 - nameW, style: header)
        if s.exitRows.isEmpty {
            screen.put(s.exits.showAll ? "No signals anywhere." : "No exit candidates: nothing costs more than it gives. a shows decided ones.",
                       x: area.x + 2, y: area.y + 1, maxWidth: area.width - 2, style: .muted)
            return
        }
        let rows = area.belowHeader
        let cursor = s.exits.cursor.settled(count: s.exitRows.count, visible: rows.height)
        for row in 0..<rows.height {
            let i = cursor.offset + row
            guard i < s.exitRows.count else { break }
            let c = s.exitRows[i]
            let y = rows.y + row
            let isSelected = i == cursor.selected
            let base: Style = isSelected ? .reverse : .plain
            if isSelected { screen.bar("", x: area.x, y: y, width: area.width, style: base) }
            screen.put(score(c.score).leftPadded(5), x: area.x, y: y, style: Style(color: .warn, bold: true, reverse: isSelected))
            screen.put(c.kind == .network ? "◇" : "☺", x: area.x + 6, y: y, style: base)
            screen.put(c.name, x: area.x + 8, y: y, maxWidth: nameW, style: Style(bold: true, reverse: isSelected))
            let why = (c.decision.map { "[\($0.summary)] " } ?? "") + c.reasons.joined(separator: "; ")
            screen.put(why, x: area.x + 9 + nameW, y: y, maxWidth: area.width - 9 - nameW, style: base)
        }
    }
}
