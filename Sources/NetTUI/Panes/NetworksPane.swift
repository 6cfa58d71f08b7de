import NetModel
import NetStore

/// The networks: what each costs and gives, with the selected one's card beside the list when wide.
enum NetworksPane {
    static func statusMark(_ g: NetworkGroup) -> String {
        switch g.decision {
        case .leave?: return "✕"
        case .windDown?: return "↘"
        case .reviewLater?: return "?"
        case .keep?: return "✓"
        case nil: return " "
        }
    }

    static func draw(_ s: AppState, _ screen: inout Screen) {
        let layout = s.layout
        drawList(s, in: layout.paneList, &screen)
        if layout.isWide, let g = s.currentNetwork {
            layout.drawSideRule(from: layout.body.y, &screen)
            NetworkCard.draw(g, s, scroll: 0, in: layout.sideCard, full: false, &screen)
        }
    }

    private static func drawList(_ s: AppState, in area: Rect, _ screen: inout Screen) {
        let numbers = 20  // members, h/month, yield
        let nameW = max(6, (area.width - 3 - numbers) * 3 / 5)
        let kindW = max(0, area.width - 3 - numbers - nameW - 1)
        let header = Style(bold: true, underline: true)
        screen.bar("", x: area.x, y: area.y, width: area.width, style: header)
        screen.put("Network", x: area.x + 3, y: area.y, maxWidth: nameW, style: header)
        if kindW > 3 { screen.put("Kind", x: area.x + 4 + nameW, y: area.y, maxWidth: kindW, style: header) }
        screen.put("Memb  h/mo Yield", x: area.maxX - numbers + 2, y: area.y, maxWidth: numbers - 2, style: header)
        if s.networkRows.isEmpty {
            let why = s.network.networks.isEmpty ? "No networks yet: a adds one." : "No network matches the filter; Esc clears it."
            screen.put(why, x: area.x + 3, y: area.y + 1, maxWidth: area.width - 3, style: .muted)
            return
        }
        let selected = s.networkIndex
        let rows = area.belowHeader
        let top = ListCursor.offset(s.networks.offset, showing: selected ?? 0, count: s.networkRows.count, visible: rows.height)
        for row in 0..<rows.height {
            let i = top + row
            guard i < s.networkRows.count else { break }
            let g = s.network.networks[s.networkRows[i]]
            let y = rows.y + row
            let isSelected = i == selected
            var base: Style = g.isLeft ? .muted : .plain
            base.reverse = isSelected
            if isSelected { screen.bar("", x: area.x, y: y, width: area.width, style: base) }
            screen.put(statusMark(g), x: area.x + 1, y: y, style: Style(color: .warn, reverse: isSelected))
            var nameStyle = base
            nameStyle.bold = !g.isLeft
            screen.put(g.name, x: area.x + 3, y: y, maxWidth: nameW, style: nameStyle)
            if kindW > 3 { screen.put(g.kind, x: area.x + 4 + nameW, y: y, maxWidth: kindW, style: base) }
            let hours = NetworkForm.number(g.hoursPerMonth)
            let numbersText = String(g.members.count).leftPadded(4) + hours.leftPadded(6) + g.yield.text.leftPadded(6)
            screen.put(numbersText, x: area.maxX - numbers + 2, y: y, maxWidth: numbers - 2, style: base)
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - columns)) + self }
}
