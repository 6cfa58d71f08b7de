import NetModel
import NetStore
import NetInterchange

/// The pre-meeting briefing: who to talk to today (or at an event, or in a network), in order and
/// why, what to ask each and what to offer, and the introductions to make among them.
enum BriefingPane {
    static func draw(_ s: AppState, _ screen: inout Screen) {
        let b = s.briefing
        let layout = s.layout
        let area = layout.body
        screen.runs([("Briefing: ", .bold), (b.title, Style(color: .accent, bold: true)), ("  \(b.date)", .muted)], x: area.x + 1, y: layout.briefingTitleY, maxWidth: area.width - 2)
        let body = layout.briefingBody
        let wide = layout.isWide
        let listArea = layout.briefingList
        drawList(s, in: listArea, &screen)
        let detail = layout.briefingDetail
        if wide { layout.drawSideRule(from: body.y, &screen) } else {
            screen.put(String(repeating: "─", count: body.width), x: body.x, y: listArea.maxY, style: .muted)
        }
        var lines = personLines(s, width: detail.width)
        if wide {
            if !lines.isEmpty && !b.introductions.isEmpty { lines.append(.blank) }
            lines += introductionLines(b, width: detail.width)
        } else {
            // Narrow: the introductions go in the rows the list leaves free, one line each.
            let free = listArea.height - 1 - b.people.count
            if free >= 3 {
                var intro = introductionLines(b, width: .max)
                if intro.count > free - 1 {
                    intro = Array(intro.prefix(free - 2))
                    intro.append(StyledLine("  … \(b.introductions.count - (free - 3)) more: a wider terminal or `nettui brief` shows all", .muted))
                }
                for (row, line) in intro.prefix(free - 1).enumerated() {
                    screen.runs(line.runs, x: listArea.x + 1, y: listArea.y + 2 + b.people.count + row, maxWidth: listArea.width - 2)
                }
            }
        }
        for (row, line) in lines.prefix(detail.height).enumerated() {
            screen.runs(line.runs, x: detail.x, y: detail.y + row, maxWidth: detail.width)
        }
    }

    /// "Introductions to make (N)", then one "A can help B: terms" per pair, wrapped to `width`.
    private static func introductionLines(_ b: Briefing, width: Int) -> [StyledLine] {
        guard !b.introductions.isEmpty else { return [] }
        var lines = [StyledLine("Introductions to make (\(b.introductions.count))", .bold)]
        for i in b.introductions {
            let text = "\(i.providerName) can help \(i.neederName): \(i.terms.joined(separator: ", "))"
            lines += text.wrapped(to: max(1, width == .max ? text.columns : width - 2)).enumerated()
                .map { StyledLine(($0.offset == 0 ? "• " : "  ") + $0.element) }
        }
        return lines
    }

    private static func personLines(_ s: AppState, width: Int) -> [StyledLine] {
        guard let p = s.currentBriefingPerson else { return [] }
        var out: [StyledLine] = [StyledLine([(p.name, .bold), ("  " + p.why, .color(.warn))])]
        let sub = [p.role, p.organization].filter { !$0.isEmpty }.joined(separator: " · ")
        if !sub.isEmpty { out.append(StyledLine(sub, .muted)) }
        func field(_ label: String, _ value: String, _ style: Style = .plain) {
            guard !value.isEmpty else { return }
            for (i, line) in value.wrapped(to: max(1, width - 10)).enumerated() {
                out.append(StyledLine([((i == 0 ? label : "").padded(to: 10), .muted), (line, style)]))
            }
        }
        field("Ask", p.ask.joined(separator: ", "), .color(.accent))
        field("Offer", p.offer.joined(separator: ", "), .color(.good))
        field("Strengths", p.strengths.joined(separator: ", "))
        field("Follow up", p.followUps.map { "\($0.due): \($0.what)" }.joined(separator: "; "), .color(.warn))
        field("Last", p.daysSinceContact.map { "\($0) days ago" + (p.lastNote.isEmpty ? "" : ": " + p.lastNote) } ?? "never met")
        return out
    }

    private static func drawList(_ s: AppState, in area: Rect, _ screen: inout Screen) {
        let header = Style(bold: true, underline: true)
        screen.bar("", x: area.x, y: area.y, width: area.width, style: header)
        let nameW = max(8, min(28, area.width * 2 / 5))
        screen.put("Talk to", x: area.x + 5, y: area.y, maxWidth: nameW, style: header)
        screen.put("Why", x: area.x + 6 + nameW, y: area.y, maxWidth: area.width - 6 - nameW, style: header)
        let people = s.briefing.people
        if people.isEmpty {
            screen.put("Nobody to brief on here: b chooses an event or network, n adds an event.", x: area.x + 2, y: area.y + 1,
                       maxWidth: area.width - 2, style: .muted)
            return
        }
        let rows = area.belowHeader
        let cursor = s.brief.cursor.settled(count: people.count, visible: rows.height)
        for row in 0..<rows.height {
            let i = cursor.offset + row
            guard i < people.count else { break }
            let p = people[i]
            let y = rows.y + row
            let selected = i == cursor.selected
            let base: Style = selected ? .reverse : .plain
            if selected { screen.bar("", x: area.x, y: y, width: area.width, style: base) }
            screen.put(String(i + 1).leftPadded(2), x: area.x, y: y, style: base)
            var mark = ContactsPane.markStyle(p.quadrant)
            mark.reverse = selected
            screen.put(ContactsPane.mark(p.quadrant), x: area.x + 3, y: y, style: mark)
            screen.put(p.name, x: area.x + 5, y: y, maxWidth: nameW, style: Style(bold: true, reverse: selected))
            screen.put(p.why, x: area.x + 6 + nameW, y: y, maxWidth: area.width - 6 - nameW, style: base)
        }
    }
}

/// Choosing what to brief on: today, an event, or a network. Type to filter.
struct ScopeChooser: QueriedList, Equatable, Sendable {
    var query = TextField()
    var cursor = ListCursor()

    func rowCount(_ s: AppState) -> Int { options(s).count }
    static func box(_ layout: Layout) -> Rect { layout.pickerBox }

    func options(_ s: AppState) -> [(scope: BriefingScope, label: String)] {
        var all: [(BriefingScope, String)] = [(.today, "Today")]
        all += Briefing.events(s.network, around: s.today).map { (.event($0.id), "Event  \($0.date)  \($0.name)") }
        all += s.network.networks.filter { !$0.isLeft }.sorted { SearchText.fold($0.name) < SearchText.fold($1.name) }
            .map { (.network($0.id), "Network  \($0.name)") }
        let words = SearchText.words(query.text)
        return words.isEmpty ? all : all.filter { SearchText.matches(SearchText.fold($0.1), words: words) }
    }

    static func draw(_ c: ScopeChooser, _ s: AppState, _ screen: inout Screen) -> (Int, Int)? {
        let options = c.options(s)
        return FilterList.draw(title: "Brief on…", prompt: "Filter: ", query: c.query, count: options.count,
                               row: { FilterList.Row(label: options[$0].label) }, cursor: c.cursor,
                               empty: "Nothing matches.", in: box(s.layout), &screen)
    }
}
