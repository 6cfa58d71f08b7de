import NetModel
import Plumbing
import NetStore
import NetInterchange

/// The conflicts a git merge left in the file (`nettui merge`): one line each, and the selected
/// one's three values. `o` keeps ours, `t` takes theirs.
enum ConflictsView {
    static func draw(_ s: AppState, cursor: ListCursor, _ screen: inout Screen) {
        let conflicts = s.network.conflicts
        let layout = s.layout
        screen.box(layout.body, title: "Merge conflicts — \(conflicts.count)")
        let inner = layout.boxedText, list = layout.conflictsList
        let cursor = cursor.settled(count: conflicts.count, visible: list.height)
        let selected = cursor.selected
        guard inner.width > 4, inner.height > 4, conflicts.indices.contains(selected) else { return }
        let detailHeight = layout.conflictsDetailHeight
        for row in 0..<list.height {
            let i = cursor.offset + row
            guard i < conflicts.count else { break }
            let y = list.y + row
            if i == selected { screen.bar("", x: inner.x, y: y, width: inner.width, style: .reverse) }
            screen.put(conflicts[i].summary(in: s.network), x: inner.x, y: y, maxWidth: inner.width, style: i == selected ? .reverse : .plain)
        }
        let c = conflicts[selected]
        let y0 = list.maxY + 1
        screen.put(String(repeating: "─", count: inner.width), x: inner.x, y: y0 - 1, style: .muted)
        let rows: [(String, JSON, Style)] = [("ours (kept)", c.ours, .color(.good)), ("theirs", c.theirs, .color(.accent)), ("base", c.base, .muted)]
        for (i, (label, value, style)) in rows.enumerated() where i < detailHeight {
            let text = String(decoding: JSONWriter.write(value), as: UTF8.self).split(separator: "\n").joined(separator: " ")
            screen.runs([(label.padded(to: 13), .bold), (text, style)], x: inner.x, y: y0 + i, maxWidth: inner.width)
        }
    }
}
