/// Colours the theme uses; the backend maps them to curses colour pairs (or ignores them).
enum Color: Int, CaseIterable, Sendable {
    case normal, accent, good, warn, bad, muted
}

struct Style: Equatable, Sendable {
    var color: Color = .normal
    var bold = false
    var reverse = false
    var dim = false
    var underline = false

    static let plain = Style()
    static let bold = Style(bold: true)
    static let reverse = Style(reverse: true)
    static let muted = Style(color: .muted, dim: true)
    static func color(_ c: Color, bold: Bool = false) -> Style { Style(color: c, bold: bold) }
}

/// One terminal cell: a grapheme (empty for the right half of a wide character) and its style.
struct Cell: Equatable, Sendable {
    var text: String = " "
    var style: Style = .plain
    /// The right half of a two-column character: the backend draws nothing here.
    var isContinuation: Bool { text.isEmpty }
}

struct Rect: Equatable, Sendable {
    var x, y, width, height: Int
    var maxX: Int { x + width }
    var maxY: Int { y + height }
}

/// The picture of one frame: a grid of cells that rendering writes and the backend copies to the
/// terminal. Tests read it back as text.
struct Screen: Sendable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]

    init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Writes text at (x, y), clipped to `maxWidth` columns (and the screen), cut with "…" when it
    /// does not fit. Returns the columns used.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0, x >= 0 else { return 0 }
        let shown = text.sanitized.truncated(to: limit)
        var col = x
        for c in shown {
            let w = c.columns
            if w == 0 { continue }
            // Overwriting half of a wide character leaves its other half as a blank.
            clearWide(x: col, y: y)
            if w == 2 { clearWide(x: col + 1, y: y) }
            cells[y * width + col] = Cell(text: String(c), style: style)
            if w == 2 { cells[y * width + col + 1] = Cell(text: "", style: style) }
            col += w
        }
        return col - x
    }

    /// Before a cell is overwritten: if it is one half of a wide character, blank the other half.
    private mutating func clearWide(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].isContinuation, x > 0 {
            cells[i - 1].text = " "
        } else if x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1].text = " "
        }
    }

    mutating func fill(_ rect: Rect, style: Style = .plain) {
        for yy in max(0, rect.y)..<min(height, rect.maxY) {
            for xx in max(0, rect.x)..<min(width, rect.maxX) {
                cells[yy * width + xx] = Cell(text: " ", style: style)
            }
        }
    }

    /// Writes text padded to the full width of the span, so a styled bar covers it all.
    mutating func bar(_ text: String, x: Int = 0, y: Int, width w: Int? = nil, style: Style) {
        let span = min(w ?? (width - x), width - x)
        guard span > 0 else { return }
        fill(Rect(x: x, y: y, width: span, height: 1), style: style)
        put(text, x: x, y: y, maxWidth: span, style: style)
    }

    /// The text of one row, as a person would read it off the terminal.
    func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width { s += cells[y * width + x].text }
        return s
    }

    /// The whole screen as text, rows separated by newlines, trailing spaces trimmed.
    var text: String {
        (0..<height).map { line($0).trailingSpacesTrimmed }.joined(separator: "\n")
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
