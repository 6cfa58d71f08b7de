import NetModel
import NetStore
import NetInterchange

/// The frame shown while a large data file is read (a 200 MB file of 100,000 contacts takes most
/// of a second): the dashboard's header and tab row, what is being read and for how long, and the
/// key that quits — so the terminal is never left blank, and quitting never waits for the file.
enum LoadingView {
    /// Files at least this large are read behind this frame; a smaller one reads faster than a
    /// frame would be noticed, and opens straight into the dashboard.
    static let minimumBytes = 4 << 20

    /// The keys that end the program while the file is read: the keymap's quit keys (nothing can
    /// be unsaved yet, so they quit without asking).
    static var quitKeys: [Key] {
        (Keymap.table[.global] ?? []).first { $0.action == .quit }?.keys ?? []
    }

    static func frame(path: String, bytes: Int, seconds: Double, width: Int, height: Int) -> Frame {
        var screen = Screen(width: width, height: height)
        let layout = Layout(width: width, height: height)
        let bar = Style(color: .accent, reverse: true)
        screen.bar("", y: 0, style: bar)
        screen.put(" NetTUI · " + Store.baseName(of: path), x: 0, y: 0, maxWidth: width, style: Style(color: .accent, bold: true, reverse: true))
        for span in Render.tabSpans() {
            screen.put(" \(span.pane.rawValue) \(span.pane.title) ", x: span.x, y: layout.tabRowY, style: .muted)
        }
        let lines = ["Reading \(Store.baseName(of: path)) (\(megabytes(bytes)) MB) · \(String(format: "%.1f", seconds)) s", path]
        let body = layout.body
        let top = body.y + max(0, (body.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < body.maxY {
            let shown = line.truncated(to: max(0, width - 2))
            screen.put(shown, x: max(1, (width - shown.columns) / 2), y: top + k, style: k == 0 ? .bold : .muted)
        }
        let quit = quitKeys.first.map { " · \($0.label) quit" } ?? ""
        screen.bar(" loading" + quit, y: layout.statusY, style: .muted)
        return Frame(screen: screen, cursor: nil)
    }

    /// "199", "4.2": megabytes with one decimal below ten.
    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1e6
        return mb < 10 ? String(format: "%.1f", mb) : String(Int(mb.rounded()))
    }
}
