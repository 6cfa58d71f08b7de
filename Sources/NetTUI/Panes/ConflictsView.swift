import NetModel
import Plumbing
import NetStore
import NetInterchange

/// The conflicts a git merge left in the file (`nettui merge`): one line each, and the selected
/// one's three values. `o` keeps ours, `t` takes theirs.
enum ConflictsView {
    static func draw(_ s: AppState, selected: Int, in body: Rect, _ screen: inout Screen) {
        let conflicts = s.network.conflicts
        screen.box(body, title: "Merge conflicts — \(conflicts.count)")
        let inner = Rect(x: body.x + 2, y: body.y + 1, width: body.width - 4, height: body.height - 2)
        guard inner.width > 4, inner.height > 4, conflicts.indices.contains(selected) else { return }
        let detailHeight = min(6, inner.height / 2)
        let listHeight = inner.height - detailHeight - 1
        let top = AppState.scrolled(0, selected: selected, count: conflicts.count, visible: listHeight)
        for row in 0..<listHeight {
            let i = top + row
            guard i < conflicts.count else { break }
            let y = inner.y + row
            if i == selected { screen.bar("", x: inner.x, y: y, width: inner.width, style: .reverse) }
            screen.put(conflicts[i].summary(in: s.network), x: inner.x, y: y, maxWidth: inner.width, style: i == selected ? .reverse : .plain)
        }
        let c = conflicts[selected]
        let y0 = inner.y + listHeight + 1
        screen.put(String(repeating: "─", count: inner.width), x: inner.x, y: y0 - 1, style: .muted)
        let rows: [(String, JSON, Style)] = [("ours (kept)", c.ours, .color(.good)), ("theirs", c.theirs, .color(.accent)), ("base", c.base, .muted)]
        for (i, (label, value, style)) in rows.enumerated() where i < detailHeight {
            let text = String(decoding: JSONWriter.write(value), as: UTF8.self).split(separator: "\n").joined(separator: " ")
            screen.runs([(label.padded(to: 13), .bold), (text, style)], x: inner.x, y: y0 + i, maxWidth: inner.width)
        }
    }
}
