/// The help screen, generated from the keymap: the keys of where you are first, then the rest.
enum HelpView {
    static func innerWidth(_ screenWidth: Int) -> Int { screenWidth - 4 }

    static func lines(_ s: AppState, from here: KeyContext, width: Int) -> [StyledLine] {
        let first = Keymap.chain(here)
        let order = first + KeyContext.allCases.filter { !first.contains($0) }
        var out: [StyledLine] = [
            StyledLine("The quadrant marks: ★ Key (high now, high future) · ↗ Rising (low now, high future) · ● Maintain (high now, low future) · · Light touch (low, low). A last-contact time in colour is overdue for its quadrant's cadence.", .muted),
        ]
        out = out.flatMap { line in line.runs[0].0.wrapped(to: width).map { StyledLine($0, .muted) } }
        let keyWidth = min(24, width / 3)
        for item in Keymap.helpLines(for: order) {
            if item.isTitle {
                out.append(.blank)
                out.append(StyledLine(item.keys, .bold))
            } else {
                let wrapped = item.help.wrapped(to: max(1, width - keyWidth))
                for (i, text) in wrapped.enumerated() {
                    out.append(StyledLine([((i == 0 ? item.keys : "").padded(to: keyWidth), .color(.accent)), (text, .plain)]))
                }
            }
        }
        return out
    }

    static func draw(_ s: AppState, scroll: Int, from: KeyContext, in area: Rect, _ screen: inout Screen) {
        screen.box(area, title: "Help — Esc closes")
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: innerWidth(area.width), height: area.height - 2)
        guard inner.width > 0, inner.height > 0 else { return }
        let all = lines(s, from: from, width: inner.width)
        let first = max(0, min(scroll, all.count - inner.height))
        for (row, line) in all.dropFirst(first).prefix(inner.height).enumerated() {
            screen.runs(line.runs, x: inner.x, y: inner.y + row, maxWidth: inner.width)
        }
    }
}
