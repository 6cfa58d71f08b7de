import NetModel
import Plumbing
import NetStore
import NetInterchange

/// The mouse: a click on the tab row switches panes, a click on a row selects it (a second click
/// opens its card), the wheel scrolls. Rows are found with the same layout the panes draw with.
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
            if m.y == 1 {
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
        switch pane {
        case .contacts:
            guard x < ContactsPane.listWidth(self), let i = row(y, firstRowY: 3, top: list.top, count: rows.count, visible: ContactsPane.listHeight(self)) else { return [] }
            let id = network.contacts[rows[i]].id
            if list.selectedID.map({ sameBytes($0, id) }) == true { return perform(.openCard) }
            list.selectedID = id
        case .networks:
            guard let i = row(y, firstRowY: 3, top: networks.top, count: networkRows.count, visible: NetworksPane.listHeight(self) - 1) else { return [] }
            let id = network.networks[networkRows[i]].id
            if networks.selectedID.map({ sameBytes($0, id) }) == true { return perform(.openCard) }
            networks.selectedID = id
        case .exits:
            guard let i = row(y, firstRowY: 3, top: exits.top, count: exitRows.count, visible: ExitsPane.listHeight(self) - 1) else { return [] }
            if i == exits.selected { return perform(.openCard) }
            exits.selected = i
        case .briefing:
            guard let i = row(y, firstRowY: 4, top: brief.top, count: briefing.people.count, visible: BriefingPane.listHeight(self)) else { return [] }
            if i == brief.selected { return perform(.openCard) }
            brief.selected = i
        case .matrix:
            return clickMatrix(x, y)
        }
        keepSelectionVisible()
        return []
    }

    private func row(_ y: Int, firstRowY: Int, top: Int, count: Int, visible: Int) -> Int? {
        let i = top + y - firstRowY
        guard y >= firstRowY, y < firstRowY + max(0, visible), i < count else { return nil }
        return i
    }

    private mutating func clickMatrix(_ x: Int, _ y: Int) -> [Effect] {
        let q: Quadrant
        let firstRowY: Int
        if MatrixPane.isGrid(self) {
            let top = 3, gridHeight = height - 1 - top, colW = width / 2, rowH = gridHeight / 2
            let (col, r) = (x < colW ? 0 : 1, y < top + rowH ? 0 : 1)
            q = AppState.quadrant(col: col, row: r)
            firstRowY = top + r * rowH + 1
        } else if y == 2 {
            // The row of counts: a click there shows that quadrant.
            var cx = 0
            for quadrant in [Quadrant.rising, .key, .lightTouch, .maintain] {
                let w = (" " + MatrixPane.title(quadrant, self, short: true) + " ").columns
                if x >= cx && x < cx + w { matrix.focus = quadrant }
                cx += w + 1
            }
            return []
        } else {
            q = matrix.focus
            firstRowY = 4
        }
        matrix.focus = q
        guard let rows = quadrantRows[q],
              let i = row(y, firstRowY: firstRowY, top: matrix.top[q] ?? 0, count: rows.count, visible: MatrixPane.rowsVisible(self)) else { return [] }
        let id = network.contacts[rows[i]].id
        if matrix.selectedID[q].map({ sameBytes($0, id) }) == true { return perform(.openCard) }
        matrix.selectedID[q] = id
        keepSelectionVisible()
        return []
    }
}
