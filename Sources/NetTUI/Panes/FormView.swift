/// Draws a form; returns where the cursor goes (in the focused field).
enum FormView {
    static func draw(_ form: Form, in body: Rect, _ screen: inout Screen) -> (Int, Int)? {
        // As tall as the fields need and at most 100 columns wide, centred in the body.
        let w = min(body.width, 100)
        let h = min(body.height, form.fields.count + 4)
        let area = Rect(x: body.x + (body.width - w) / 2, y: body.y + (body.height - h) / 2, width: w, height: h)
        screen.box(area, title: form.title)
        let inner = Rect(x: area.x + 2, y: area.y + 1, width: area.width - 4, height: area.height - 2)
        guard inner.width > 10, inner.height > 2 else { return nil }
        let labelWidth = min(19, inner.width / 3)
        let fieldWidth = inner.width - labelWidth
        // One row at the bottom for the hint or the error; the status line below names the keys.
        let rowsForFields = max(1, inner.height - 2)
        let top = max(0, min(form.focus - rowsForFields / 2, form.fields.count - rowsForFields))
        var cursor: (Int, Int)?
        for (row, field) in form.fields.enumerated().dropFirst(top).prefix(rowsForFields).map({ $0 }).enumerated() {
            let y = inner.y + row
            let focused = field.offset == form.focus
            screen.put(field.element.label, x: inner.x, y: y, maxWidth: labelWidth - 1, style: focused ? .bold : .muted)
            let (text, col) = field.element.input.visible(width: fieldWidth)
            screen.bar(text, x: inner.x + labelWidth, y: y, width: fieldWidth, style: focused ? Style(underline: true) : .plain)
            if focused { cursor = (inner.x + labelWidth + col, y) }
        }
        let infoY = inner.maxY - 1
        if let e = form.error {
            screen.put(e, x: inner.x, y: infoY, maxWidth: inner.width, style: .color(.bad, bold: true))
        } else if !form.fields[form.focus].hint.isEmpty {
            let f = form.fields[form.focus]
            screen.put("\(f.label): \(f.hint)", x: inner.x, y: infoY, maxWidth: inner.width, style: .muted)
        }
        return cursor
    }
}
