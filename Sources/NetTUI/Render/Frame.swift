/// One rendered frame: the cells, and where the terminal cursor goes (shown only while typing).
struct Frame: Sendable {
    var screen: Screen
    var cursor: (x: Int, y: Int)?
}

extension Screen {
    /// A box with a single-line border and an optional title in the top edge.
    mutating func box(_ r: Rect, title: String = "", style: Style = .plain) {
        guard r.width >= 2, r.height >= 2 else { return }
        fill(r)
        let horizontal = String(repeating: "─", count: r.width - 2)
        put("┌" + horizontal + "┐", x: r.x, y: r.y, style: style)
        for yy in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: yy, style: style)
            put("│", x: r.maxX - 1, y: yy, style: style)
        }
        put("└" + horizontal + "┘", x: r.x, y: r.maxY - 1, style: style)
        if !title.isEmpty, r.width > 6 { put(" \(title) ", x: r.x + 2, y: r.y, maxWidth: r.width - 4, style: .bold) }
    }

    /// Styled runs of text on one row, each after the other, clipped at `maxWidth`.
    @discardableResult
    mutating func runs(_ runs: [(String, Style)], x: Int, y: Int, maxWidth: Int) -> Int {
        var used = 0
        for (text, style) in runs where used < maxWidth {
            used += put(text, x: x + used, y: y, maxWidth: maxWidth - used, style: style)
        }
        return used
    }
}

/// A line of styled text, for views that build lines first and then scroll them.
struct StyledLine: Sendable {
    var runs: [(String, Style)]

    init(_ runs: [(String, Style)]) { self.runs = runs }
    init(_ text: String, _ style: Style = .plain) { runs = [(text, style)] }
    static let blank = StyledLine("")
}
