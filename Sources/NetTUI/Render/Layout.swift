import NetModel

/// Where everything goes on a terminal of this size. Render draws in these rectangles, the update
/// settles the lists' windows and pages by their heights, and the mouse finds the row under a
/// click in them: one set of numbers, so that what is drawn, what the keys scroll and what a click
/// hits cannot disagree.
///
/// The frame: the header (row 0), the pane tabs (row 1), the body, the status line (the last row).
struct Layout: Equatable, Sendable {
    let width: Int
    let height: Int

    /// From this width on, a card shows beside the lists and the matrix shows its four quadrants.
    static let wideFrom = 100

    var isWide: Bool { width >= Self.wideFrom }
    var tabRowY: Int { 1 }
    var statusY: Int { height - 1 }
    /// Between the tab row and the status line: the pane, or the modal over it.
    var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }

    // MARK: - The panes

    /// The width of a pane's list: all of it, or on a wide screen the part left of the card.
    var listWidth: Int { isWide ? width * 11 / 20 : width }
    /// The contacts and the networks lists: a header row over the rows.
    var paneList: Rect { Rect(x: body.x, y: body.y, width: listWidth, height: body.height) }
    /// The card beside a list on a wide screen (`sideCardRule` is the line between them).
    var sideCard: Rect { Rect(x: listWidth + 2, y: body.y, width: body.width - listWidth - 3, height: body.height) }
    var sideCardRuleX: Int { listWidth }

    /// The line between a list and the card beside it, from `top` to the body's end.
    func drawSideRule(from top: Int, _ screen: inout Screen) {
        for y in top..<body.maxY { screen.put("│", x: sideCardRuleX, y: y, style: .muted) }
    }

    /// Rows under the exits list for the selected candidate's reasons when there is no room beside
    /// it: at most 6, and never more than half the pane, so that a short terminal still lists several.
    var exitsDetailHeight: Int { isWide ? 0 : min(6, (height - 3) / 2) }
    var exitsList: Rect { Rect(x: body.x, y: body.y, width: listWidth, height: isWide ? body.height : max(2, body.height - exitsDetailHeight)) }
    /// The selected candidate's reasons: beside the list, or under it (its first row a rule).
    var exitsDetail: Rect {
        isWide ? sideCard : Rect(x: body.x + 1, y: exitsList.maxY, width: body.width - 2, height: body.maxY - exitsList.maxY)
    }

    /// The briefing's title row.
    var briefingTitleY: Int { body.y }
    /// Rows under the briefing's list for the selected person when there is no room beside it: at
    /// most 8, and never more than half the pane.
    var briefingDetailHeight: Int { isWide ? 0 : min(8, (height - 4) / 2) }
    /// Everything under the briefing's title row.
    var briefingBody: Rect { Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1) }
    var briefingList: Rect {
        Rect(x: body.x, y: briefingBody.y, width: listWidth,
             height: isWide ? briefingBody.height : max(2, briefingBody.height - briefingDetailHeight))
    }
    /// The selected person: beside the list, or under it below a rule (at `briefingList.maxY`).
    var briefingDetail: Rect {
        let b = briefingBody
        return isWide ? Rect(x: listWidth + 2, y: b.y, width: b.width - listWidth - 3, height: b.height)
            : Rect(x: b.x + 1, y: briefingList.maxY + 1, width: b.width - 2, height: b.maxY - briefingList.maxY - 1)
    }

    /// The matrix shows four quadrants as a grid on a wide screen, else the focused one under a row
    /// of the four counts.
    var matrixIsGrid: Bool { isWide }
    /// The grid's caption, or the row of counts.
    var matrixTopRowY: Int { body.y }

    /// The box of quadrant `q` (the focused one when the matrix shows one at a time).
    func quadrant(_ q: Quadrant) -> Rect {
        guard matrixIsGrid else { return Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1) }
        let top = body.y + 1
        let h = body.maxY - top
        let colW = body.width / 2
        let rowH = h / 2
        let (col, row) = AppState.gridPosition(q)
        return Rect(x: body.x + col * colW, y: top + row * rowH, width: col == 0 ? colW : body.width - colW,
                    height: row == 0 ? rowH : h - rowH)
    }

    /// The contact rows inside quadrant `q`'s box.
    func quadrantRows(_ q: Quadrant) -> Rect { quadrant(q).inside }

    // MARK: - What covers the panes

    /// A full-screen card.
    var card: Rect { Rect(x: 1, y: body.y, width: body.width - 2, height: body.height) }
    /// The text of a boxed view that scrolls: the help, a summary, the conflicts.
    var boxedText: Rect { Rect(x: body.x + 2, y: body.y + 1, width: body.width - 4, height: body.height - 2) }

    /// The conflicts: their list over the selected one's three values.
    var conflictsDetailHeight: Int { min(6, boxedText.height / 2) }
    var conflictsList: Rect {
        Rect(x: boxedText.x, y: boxedText.y, width: boxedText.width, height: max(0, boxedText.height - conflictsDetailHeight - 1))
    }

    /// The palette's box: at most 90 columns, centred.
    var palette: Rect {
        let w = min(body.width, 90)
        return Rect(x: body.x + (body.width - w) / 2, y: body.y, width: w, height: body.height)
    }
    /// The member picker's and the scope chooser's box.
    var pickerBox: Rect { body }

    /// Inside a query list's box (`FilterList`): the query line, then the rows.
    static func queryLine(in box: Rect) -> Rect { Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: 1) }
    static func queryRows(in box: Rect) -> Rect { Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: max(0, box.height - 3)) }
}

extension Rect {
    /// Under a header row.
    var belowHeader: Rect { Rect(x: x, y: y + 1, width: width, height: max(0, height - 1)) }
    /// Inside a one-cell border.
    var inside: Rect { Rect(x: x + 1, y: y + 1, width: max(0, width - 2), height: max(0, height - 2)) }

    func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The index of the list row drawn at (`px`, `py`), for a list whose window starts at `offset`,
    /// or nil when the point is outside the rows or past the list's end.
    func row(at px: Int, _ py: Int, offset: Int, count: Int) -> Int? {
        let i = offset + py - y
        guard contains(x: px, y: py), i < count else { return nil }
        return i
    }
}

extension AppState {
    var layout: Layout { Layout(width: width, height: height) }
}
