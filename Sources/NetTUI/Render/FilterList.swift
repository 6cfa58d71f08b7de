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
                     cursor: ListCursor, empty: String, in area: Rect, _ screen: inout Screen) -> (Int, Int)? {
        screen.box(area, title: title)
        let line = Layout.queryLine(in: area), rows = Layout.queryRows(in: area)
        let promptWidth = prompt.columns
        guard line.width > promptWidth + 2, rows.height > 1 else { return nil }
        screen.put(prompt, x: line.x, y: line.y, style: .bold)
        let (text, col) = query.visible(width: line.width - promptWidth)
        screen.put(text, x: line.x + promptWidth, y: line.y, maxWidth: line.width - promptWidth)
        let cursor = cursor.settled(count: count, visible: rows.height)
        for n in 0..<rows.height {
            let i = cursor.offset + n
            guard i < count else { break }
            let r = row(i)
            let y = rows.y + n
            let selected = i == cursor.selected
            if selected { screen.bar("", x: rows.x, y: y, width: rows.width, style: .reverse) }
            let detailWidth = min(r.detail.columns, rows.width / 3)
            screen.put(r.label, x: rows.x, y: y, maxWidth: rows.width - (detailWidth > 0 ? detailWidth + 1 : 0),
                       style: selected ? .reverse : r.style)
            if detailWidth > 0 {
                screen.put(r.detail, x: rows.maxX - detailWidth, y: y, maxWidth: detailWidth, style: selected ? .reverse : .muted)
            }
        }
        if count == 0 { screen.put(empty, x: rows.x, y: rows.y, maxWidth: rows.width, style: .muted) }
        return (line.x + promptWidth + col, line.y)
    }
}
