/// The modals that scroll — the full card, the help, a summary, the conflicts and the queried
/// lists — move and settle through `ListCursor` on the rows the `Layout` gives them, so that a
/// window never runs past the end of what it shows.
extension AppState {
    /// How many lines the text of the modal up has (card, help, summary), and how many show at once.
    private var modalText: (count: Int, visible: Int)? {
        let layout = layout
        switch modal {
        case .card: return (FullCard.lines(self).count, layout.card.height)
        case .help(_, let from): return (HelpView.lines(self, from: from, width: layout.boxedText.width).count, layout.boxedText.height)
        case .summary(_, let lines, _): return (lines.count, layout.boxedText.height)
        default: return nil
        }
    }

    /// Scrolls the text of the modal up for a navigation action; false when it is not a move.
    @discardableResult
    mutating func scrollModal(_ action: Action) -> Bool {
        guard let text = modalText else { return false }
        var view = ListCursor(offset: modalScroll)
        guard view.scroll(action, count: text.count, visible: text.visible) else { return false }
        modalScroll = view.offset
        return true
    }

    /// Keeps the modal's window within what it shows (a resize rewraps a card, the conflicts change).
    mutating func settleModal() {
        switch modal {
        case .card, .help, .summary:
            // At the top a window is always settled: opening a card costs nothing more.
            guard modalScroll > 0, let text = modalText else { return }
            modalScroll = ListCursor.scrollOffset(modalScroll, count: text.count, visible: text.visible)
        case .conflicts(var c):
            c.settle(count: network.conflicts.count, visible: layout.conflictsList.height)
            modal = .conflicts(c)
        case .palette(var p):
            p.cursor.settle(count: p.rowCount(self), visible: Layout.queryRows(in: Palette.box(layout)).height)
            modal = .palette(p)
        case .picker(var p):
            p.cursor.settle(count: p.rowCount(self), visible: Layout.queryRows(in: MemberPicker.box(layout)).height)
            modal = .picker(p)
        case .chooser(var c):
            c.cursor.settle(count: c.rowCount(self), visible: Layout.queryRows(in: ScopeChooser.box(layout)).height)
            modal = .chooser(c)
        default:
            break
        }
    }

    /// The first line on screen of the card, the help or the summary.
    private var modalScroll: Int {
        get {
            switch modal {
            case .card(let scroll), .help(let scroll, _), .summary(_, _, let scroll): return scroll
            default: return 0
            }
        }
        set {
            switch modal {
            case .card: modal = .card(scroll: newValue)
            case .help(_, let from): modal = .help(scroll: newValue, from: from)
            case .summary(let title, let lines, _): modal = .summary(title: title, lines: lines, scroll: newValue)
            default: break
            }
        }
    }
}
