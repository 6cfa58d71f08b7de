/// A cursor over a list seen through a window of rows, as ratatui's `ListState`: the selected row,
/// and the first row on screen (`offset`), which the view settles when it knows its rectangle — so
/// that the selection is on screen and the window does not run past the list's end. Every list of
/// the program moves through it (the panes, the palette, the picker, the chooser, the conflicts),
/// and so does every text that scrolls without a selection (a card, the help, a summary: `scroll`).
///
/// It knows nothing of the screen: the height of the window (`visible`) comes from the `Layout`.
struct ListCursor: Equatable, Sendable {
    var selected = 0
    var offset = 0

    init(selected: Int = 0, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// A page moves by the window less one row, so the row that was last is on screen still.
    static func page(_ visible: Int) -> Int { max(1, visible - 1) }

    /// The row a navigation action goes to from `selected` in a list of `count` rows, kept within the
    /// list; nil when the action is not a move.
    static func target(of action: Action, from selected: Int, count: Int, visible: Int) -> Int? {
        let to: Int
        switch action {
        case .moveDown: to = selected + 1
        case .moveUp: to = selected - 1
        case .pageDown: to = selected + page(visible)
        case .pageUp: to = selected - page(visible)
        case .top: to = 0
        case .bottom: to = count - 1
        default: return nil
        }
        return clamped(to, count: count)
    }

    /// `i` within a list of `count` rows (0 for an empty list).
    static func clamped(_ i: Int, count: Int) -> Int { max(0, min(i, count - 1)) }

    /// Moves the selection for a navigation action and settles the window; false when the action
    /// is not a move (nothing changes).
    @discardableResult
    mutating func move(_ action: Action, count: Int, visible: Int) -> Bool {
        guard let to = Self.target(of: action, from: selected, count: count, visible: visible) else { return false }
        selected = to
        settle(count: count, visible: visible)
        return true
    }

    /// Keeps the selection within the list, and puts the window where the selection is on screen.
    mutating func settle(count: Int, visible: Int) {
        selected = Self.clamped(selected, count: count)
        offset = Self.offset(offset, showing: selected, count: count, visible: visible)
    }

    /// The cursor as a view of `visible` rows shows it.
    func settled(count: Int, visible: Int) -> ListCursor {
        var c = self
        c.settle(count: count, visible: visible)
        return c
    }

    /// The first row to show so that `selected` is within a window of `visible` rows: the window
    /// moves only when the selection leaves it, and never past the end of the list.
    static func offset(_ offset: Int, showing selected: Int, count: Int, visible: Int) -> Int {
        let visible = max(1, visible)
        var top = offset
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        return max(0, min(top, max(0, count - visible)))
    }

    /// Scrolls a text of `count` lines shown `visible` at a time: the window moves, never past the
    /// last line, so the way back is always the next key. False when the action is not a move.
    @discardableResult
    mutating func scroll(_ action: Action, count: Int, visible: Int) -> Bool {
        let last = max(0, count - max(1, visible))
        let page = max(1, visible)
        let to: Int
        switch action {
        case .moveDown: to = offset + 1
        case .moveUp: to = offset - 1
        case .pageDown: to = offset + page
        case .pageUp: to = offset - page
        case .top: to = 0
        case .bottom: to = last
        default: return false
        }
        offset = max(0, min(last, to))
        return true
    }

    /// The window of a scrolled text kept within it (after a resize rewrapped the text, say).
    static func scrollOffset(_ offset: Int, count: Int, visible: Int) -> Int {
        max(0, min(offset, count - max(1, visible)))
    }
}
