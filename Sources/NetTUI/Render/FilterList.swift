/// A box with a query line on top and a list under it, the cursor's row in reverse video: the member
/// picker, the briefing's chooser and the command palette draw through it. Only the rows on screen
/// are asked for. Returns where the text cursor goes.
enum FilterList {
    struct Row {
        var label: String
        /// Shown right-aligned and muted (the palette's key or kind).
        var detail = ""
        var style: Style = .plain
    }

    static func draw(title: String, prompt: String, query: TextField, count: Int, row: (Int) -> Row,
                     cursor: Int, top: Int, empty: String, in area: Rect, _ screen: inout Screen) -> (Int, Int)? {
        screen.box(area, title: title)
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
        let promptWidth = prompt.columns
        guard inner.width > promptWidth + 2, inner.height > 2 else { return nil }
        screen.put(prompt, x: inner.x, y: inner.y, style: .bold)
        let (text, col) = query.visible(width: inner.width - promptWidth)
        screen.put(text, x: inner.x + promptWidth, y: inner.y, maxWidth: inner.width - promptWidth)
        for line in 0..<(inner.height - 1) {
            let i = top + line
            guard i < count else { break }
            let r = row(i)
            let y = inner.y + 1 + line
            let selected = i == cursor
            if selected { screen.bar("", x: inner.x, y: y, width: inner.width, style: .reverse) }
            let detailWidth = min(r.detail.columns, inner.width / 3)
            screen.put(r.label, x: inner.x, y: y, maxWidth: inner.width - (detailWidth > 0 ? detailWidth + 1 : 0),
                       style: selected ? .reverse : r.style)
            if detailWidth > 0 {
                screen.put(r.detail, x: inner.maxX - detailWidth, y: y, maxWidth: detailWidth, style: selected ? .reverse : .muted)
            }
        }
        if count == 0 { screen.put(empty, x: inner.x, y: inner.y + 1, maxWidth: inner.width, style: .muted) }
        return (inner.x + promptWidth + col, inner.y)
    }
}
