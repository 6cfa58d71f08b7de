import NetModel
import Plumbing
import NetStore
import NetInterchange

/// State → picture. The whole frame is drawn from the state every time; nothing here changes state.
enum Render {
    static func frame(_ s: AppState) -> Frame {
        var screen = Screen(width: s.width, height: s.height)
        if s.isTooSmall {
            // One line when it fits; wrapped over the rows there are when the pane is narrow.
            let needs = "terminal too small (needs at least \(AppState.minWidth)×\(AppState.minHeight)); q quits"
            for (y, line) in needs.wrapped(to: s.width).prefix(s.height).enumerated() {
                screen.put(line, x: 0, y: y, style: .color(.warn, bold: true))
            }
            return Frame(screen: screen, cursor: nil)
        }
        header(s, &screen)
        tabs(s, &screen)
        let layout = s.layout
        let body = layout.body
        var cursor: (Int, Int)?
        switch s.modal {
        case .form(let form):
            cursor = FormView.draw(form, in: body, &screen)
        case .help(let scroll, let from):
            HelpView.draw(s, scroll: scroll, from: from, &screen)
        case .conflicts(let cursor):
            ConflictsView.draw(s, cursor: cursor, &screen)
        case .summary(let title, let lines, let scroll):
            screen.box(body, title: title)
            screen.lines(lines.map { StyledLine($0) }, from: scroll, in: layout.boxedText)
        case .palette(let palette):
            cursor = Palette.draw(palette, s, &screen)
        case .chooser(let chooser):
            cursor = ScopeChooser.draw(chooser, s, &screen)
        case .picker(let picker):
            cursor = MemberPicker.draw(picker, s, &screen)
        case .card(let scroll):
            FullCard.draw(s, scroll: scroll, &screen)
        case .none, .confirmDelete, .confirmQuit, .confirmRestore, .confirmReplace, .confirmDeleteNetwork, .confirmLeave:
            switch s.pane {
            case .contacts: ContactsPane.draw(s, &screen)
            case .matrix: MatrixPane.draw(s, &screen)
            case .exits: ExitsPane.draw(s, &screen)
            case .briefing: BriefingPane.draw(s, &screen)
            case .networks: NetworksPane.draw(s, &screen)
            }
        }
        switch s.modal {
        case .confirmDelete(let id):
            let c = s.network.contact(id: id)
            let n = s.network.interactions.count { sameBytes($0.contact, id) }
            let extra = n > 0 ? " and its \(n) interaction\(n == 1 ? "" : "s")" : ""
            Dialog.draw(question: "Delete \(c?.name ?? "this contact")\(extra)?", answers: "y delete · n keep", in: body, &screen)
        case .confirmDeleteNetwork(let id):
            let g = s.network.network(id: id)
            Dialog.draw(question: "Delete \(g?.name ?? "this network")? (To leave it, use x in Exits.)", answers: "y delete · n keep", in: body, &screen)
        case .confirmLeave(let target):
            let name: String
            switch target {
            case .network(let id): name = s.network.network(id: id)?.name ?? "this network"
            case .contact(let id): name = s.network.contact(id: id)?.name ?? "this relationship"
            }
            Dialog.draw(question: "Leave \(name) as of today? It stays in the file, marked left.", answers: "y leave · n stay", in: body, &screen)
        case .confirmRestore(let recovered):
            let n = recovered.network.contacts.count
            if let why = recovered.unmergeable {
                Dialog.draw(question: "A run stopped by a signal left unsaved edits, but the file has changed since and \(why).",
                            answers: "n set them aside (merge by hand: nettui merge) · Esc later", in: body, &screen)
            } else if let merge = recovered.merge {
                let k = merge.conflicts.count
                Dialog.draw(question: "A run stopped by a signal left unsaved edits, and the file has changed since. Merge them into it (\(n) contacts, \(k) conflict\(k == 1 ? "" : "s"))?",
                            answers: "y merge them in · n set them aside · Esc later", in: body, &screen)
            } else {
                Dialog.draw(question: "A run stopped by a signal left unsaved edits (\(n) contacts). Restore them?",
                            answers: "y restore · n set them aside · Esc later", in: body, &screen)
            }
        case .confirmReplace(let path, let n):
            Dialog.draw(question: "\(Store.baseName(of: path)) exists (a NetTUI file of \(n) contact\(n == 1 ? "" : "s")). Replace it?",
                        answers: "y replace it · n or Esc keep it", in: body, &screen)
        case .confirmQuit:
            // The keys are the quitting table's; a save that needs a file name asks for one first.
            let saveAs = s.path == nil || s.readOnlyReason != nil
            Dialog.draw(question: s.path == nil ? "Quit? The demo's changes are in no file yet." : "Quit? The changes are not saved.",
                        answers: (saveAs ? "s save as… and quit" : "s save and quit") + " · d discard and quit · Esc cancel", in: body, &screen)
        default:
            break
        }
        if let c = statusLine(s, &screen) { cursor = c }
        return Frame(screen: screen, cursor: cursor)
    }

    private static func header(_ s: AppState, _ screen: inout Screen) {
        let bar = Style(color: .accent, reverse: true)
        screen.bar("", y: 0, style: bar)
        var left = " NetTUI · " + (s.path.map(Store.baseName) ?? "demo (never saved)")
        if s.isDirty { left += " ● modified" }
        if s.readOnlyReason != nil { left += " [read-only]" }
        if !s.network.conflicts.isEmpty { left += " ⚠ \(s.network.conflicts.count) merge conflict\(s.network.conflicts.count == 1 ? "" : "s") (!)" }
        let n = s.network.contacts.count
        let contacts = "\(n) contact\(n == 1 ? "" : "s")"
        // The right side gives way, least useful part first, when the file name needs the room.
        let candidates = ["\(contacts) · \(s.network.networks.count) networks · \(s.today) ", "\(contacts) · \(s.today) ", "\(contacts) ", ""]
        let right = candidates.first { s.width - $0.columns > left.columns + 1 } ?? ""
        let rightCols = right.columns
        screen.put(right, x: s.width - rightCols, y: 0, style: bar)
        screen.put(left, x: 0, y: 0, maxWidth: s.width - rightCols - 1, style: Style(color: .accent, bold: true, reverse: true))
    }

    /// Where each pane's tab is on the tab row (the mouse uses the same spans).
    static func tabSpans() -> [(pane: PaneID, x: Int, width: Int)] {
        var x = 0
        return PaneID.allCases.map { p in
            let w = " \(p.rawValue) \(p.title) ".columns
            defer { x += w + 1 }
            return (p, x, w)
        }
    }

    private static func tabs(_ s: AppState, _ screen: inout Screen) {
        var x = 0
        let y = s.layout.tabRowY
        for span in tabSpans() {
            x = span.x + screen.put(" \(span.pane.rawValue) \(span.pane.title) ", x: span.x, y: y,
                                    style: span.pane == s.pane ? Style(bold: true, reverse: true) : .muted) + 1
        }
        // The pane's state on the right of the tab row: the filter's count, and the list's sort order.
        var parts: [String] = []
        if !s.filter.text.isEmpty { parts.append("/\(s.filter.text)  \(s.rows.count) of \(s.network.contacts.count)") }
        if s.pane == .contacts { parts.append("sort: \(s.list.sort.title) \(s.list.ascending ? "▲" : "▼")") }
        let info = parts.joined(separator: "  ·  ")
        let room = s.width - x - 1
        if room > 8 {
            let shown = info.truncated(to: room)
            screen.put(shown, x: s.width - shown.columns - 1, y: y, style: .muted)
        }
    }

    /// The bottom line: a message, the filter being typed, or the keys that work here.
    /// Returns the cursor position while the filter is being typed.
    private static func statusLine(_ s: AppState, _ screen: inout Screen) -> (Int, Int)? {
        let y = s.layout.statusY
        if let m = s.message {
            screen.bar(" " + m.text, y: y, style: m.isError ? Style(color: .bad, bold: true, reverse: true) : Style(color: .good, reverse: true))
            return nil
        }
        if case .none = s.modal, s.editingFilter {
            screen.bar("", y: y, style: .plain)
            let prompt = "/"
            let hints = "  " + Keymap.statusHints(.filter)
            let fieldWidth = max(1, s.width - prompt.count - hints.columns - 1)
            let (text, col) = s.filter.visible(width: fieldWidth)
            screen.put(prompt, x: 0, y: y, style: .bold)
            screen.put(text, x: 1, y: y, maxWidth: fieldWidth)
            screen.put(hints, x: 1 + fieldWidth, y: y, style: .muted)
            return (1 + col, y)
        }
        screen.bar(" " + Keymap.statusHints(s.keyContext), y: y, style: .muted)
        return nil
    }
}

/// A question in a box over the pane; on a narrow terminal the question and the answers wrap, so
/// that every choice stays readable.
enum Dialog {
    static func draw(question: String, answers: String, in area: Rect, _ screen: inout Screen) {
        let room = max(1, area.width - 4)
        let asked = question.wrapped(to: room), offered = packed(answers, to: room)
        let inner = (asked + offered).map(\.columns).max() ?? 0
        let w = min(area.width, max(30, inner + 4))
        let h = min(area.height, asked.count + offered.count + 3)
        let r = Rect(x: area.x + (area.width - w) / 2, y: area.y + max(0, (area.height - h) / 2), width: w, height: h)
        screen.box(r, style: .color(.warn, bold: true))
        for (i, line) in asked.enumerated() where i + 1 < h - 1 {
            screen.put(line, x: r.x + 2, y: r.y + 1 + i, maxWidth: r.width - 4, style: .bold)
        }
        for (i, line) in offered.enumerated() where asked.count + 2 + i < h - 1 {
            screen.put(line, x: r.x + 2, y: r.y + asked.count + 2 + i, maxWidth: r.width - 4, style: .plain)
        }
    }

    /// The answers ("y delete · n keep") in lines of at most `room` columns, a choice split only
    /// when it is longer than a line by itself.
    static func packed(_ answers: String, to room: Int) -> [String] {
        var lines: [String] = []
        for choice in answers.components(separatedBy: " · ") {
            if let last = lines.last, (last + " · " + choice).columns <= room {
                lines[lines.count - 1] = last + " · " + choice
            } else {
                lines += choice.wrapped(to: room)
            }
        }
        return lines
    }
}
