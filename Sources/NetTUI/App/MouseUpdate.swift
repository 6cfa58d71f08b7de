import NetModel
import Plumbing
import NetStore

/// The mouse: a click on the tab row switches panes, a click on a row selects it (a second click
/// opens its card), the wheel scrolls. Rows are found in the same `Layout` the panes draw in.
extension AppState {
    mutating func handleMouse(_ m: Mouse) -> [Effect] {
        message = nil
        switch m.kind {
        case .wheelUp, .wheelDown:
            let action: Action = m.kind == .wheelUp ? .moveUp : .moveDown
            var effects: [Effect] = []
            for _ in 0..<3 { effects += perform(action) }
            return effects
        case .click:
            guard modal == .none, !editingFilter else { return [] }
            if m.y == layout.tabRowY {
                if let span = Render.tabSpans().first(where: { m.x >= $0.x && m.x < $0.x + $0.width }) {
                    return perform(.goToPane(span.pane))
                }
                return []
            }
            return clickRow(m.x, m.y)
        }
    }

    /// Selects what is drawn at (x, y); a click on the selected row opens its card.
    private mutating func clickRow(_ x: Int, _ y: Int) -> [Effect] {
        let layout = layout
        switch pane {
        case .contacts:
            guard let i = layout.paneList.belowHeader.row(at: x, y, offset: list.offset, count: rows.count) else { return [] }
            let id = network.contacts[rows[i]].id
            if list.selectedID.map({ sameBytes($0, id) }) == true { return perform(.openCard) }
            list.selectedID = id
        case .networks:
            guard let i = layout.paneList.belowHeader.row(at: x, y, offset: networks.offset, count: networkRows.count) else { return [] }
            let id = network.networks[networkRows[i]].id
            if networks.selectedID.map({ sameBytes($0, id) }) == true { return perform(.openCard) }
            networks.selectedID = id
        case .exits:
            guard let i = layout.exitsList.belowHeader.row(at: x, y, offset: exits.cursor.offset, count: exitRows.count) else { return [] }
            if i == exits.selected { return perform(.openCard) }
            exits.selected = i
        case .briefing:
            guard let i = layout.briefingList.belowHeader.row(at: x, y, offset: brief.cursor.offset, count: briefing.people.count) else { return [] }
            if i == brief.selected { return perform(.openCard) }
            brief.selected = i
        case .matrix:
            return clickMatrix(x, y)
        }
        keepSelectionVisible()
        return []
    }

    private mutating func clickMatrix(_ x: Int, _ y: Int) -> [Effect] {
        let layout = layout
        let q: Quadrant
        if layout.matrixIsGrid {
            guard let hit = Quadrant.allCases.first(where: { layout.quadrant($0).contains(x: x, y: y) }) else { return [] }
            q = hit
        } else if y == layout.matrixTopRowY {
            // The row of counts: a click there shows that quadrant.
            if let span = MatrixPane.countSpans(self).first(where: { x >= $0.x && x < $0.x + $0.width }) { matrix.focus = span.quadrant }
            return []
        } else {
            q = matrix.focus
        }
        matrix.focus = q
        guard let rows = quadrantRows[q],
              let i = layout.quadrantRows(q).row(at: x, y, offset: matrix.offset[q] ?? 0, count: rows.count) else { return [] }
        let id = network.contacts[rows[i]].id
        if matrix.selectedID[q].map({ sameBytes($0, id) }) == true { return perform(.openCard) }
        matrix.selectedID[q] = id
        keepSelectionVisible()
        return []
    }
}
