/// A list chosen from by typing a query — the palette, the member picker, the briefing's scope
/// chooser. One component for the three: typing, pasting or editing the query shows the matches
/// from the top; the list's keys move a `ListCursor` over the rows the `Layout` gives the box; Enter,
/// Esc and the list's own keys (Tab) are left to the modal.
protocol QueriedList {
    var query: TextField { get set }
    var cursor: ListCursor { get set }
    /// How many rows match the query now.
    func rowCount(_ s: AppState) -> Int
    /// The list's box on a screen of this layout (the query line, then the rows: `Layout.queryRows`).
    static func box(_ layout: Layout) -> Rect
}

extension QueriedList {
    mutating func typeInQuery<S: Collection>(_ text: S) where S.Element == Character {
        query.insert(contentsOf: text)
        cursor = ListCursor()
    }

    /// The keys the three lists share: a move of the cursor, or an edit of the query. False for any
    /// other action (nothing changes), which the modal handles.
    mutating func handleListKey(_ action: Action, rows: Int, visible: Int) -> Bool {
        if cursor.move(action, count: rows, visible: visible) { return true }
        guard query.edit(action) else { return false }
        cursor = ListCursor()
        return true
    }
}

extension AppState {
    /// Moves the cursor or edits the query of a queried list; false when the action is the modal's.
    func handleListKey<L: QueriedList>(_ action: Action, in list: inout L) -> Bool {
        guard action != .submit, action != .cancel else { return false }
        return list.handleListKey(action, rows: list.rowCount(self), visible: Layout.queryRows(in: L.box(layout)).height)
    }

    /// Text typed or pasted into the query of the list that is up (palette, picker or chooser).
    mutating func typeInList<S: Collection>(_ text: S) where S.Element == Character {
        switch modal {
        case .palette(var p):
            p.typeInQuery(text)
            modal = .palette(p)
        case .picker(var p):
            p.typeInQuery(text)
            modal = .picker(p)
        case .chooser(var c):
            c.typeInQuery(text)
            modal = .chooser(c)
        default:
            break
        }
    }
}
