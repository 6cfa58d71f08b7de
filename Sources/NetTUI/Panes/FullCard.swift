/// The card that covers the pane (Enter on a row): the network's or the contact's, all of it, in
/// the layout's `card` rectangle; ↑ and ↓ scroll it (`AppState.scrollModal`).
enum FullCard {
    static func lines(_ s: AppState) -> [StyledLine] {
        let width = s.layout.card.width
        if let g = s.currentNetwork { return NetworkCard.lines(g, s, width: width, full: true) }
        if let c = s.currentContact { return ContactCard.lines(c, s, width: width, full: true) }
        return []
    }

    static func draw(_ s: AppState, scroll: Int, _ screen: inout Screen) {
        screen.lines(lines(s), from: scroll, in: s.layout.card)
    }
}

extension Screen {
    /// Lines of a text that scrolls, from line `offset` (kept within the text), as many as fit in `area`.
    mutating func lines(_ all: [StyledLine], from offset: Int, in area: Rect) {
        guard area.width > 0, area.height > 0 else { return }
        let first = ListCursor.scrollOffset(offset, count: all.count, visible: area.height)
        for (row, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            runs(line.runs, x: area.x, y: area.y + row, maxWidth: area.width)
        }
    }
}
