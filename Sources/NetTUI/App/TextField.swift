/// A one-line text input with a cursor, as the filter line and form fields use it.
struct TextField: Equatable, Sendable {
    var text: String
    /// Cursor position in characters.
    var cursor: Int

    /// A suggestion (today's date, the current path): the first character typed replaces it, while
    /// moving the cursor or deleting edits it instead.
    var isSuggestion = false

    init(_ text: String = "", suggestion: Bool = false) {
        self.text = text
        cursor = text.count
        isSuggestion = suggestion
    }

    mutating func insert(_ c: Character) {
        if isSuggestion {
            text = ""
            cursor = 0
            isSuggestion = false
        }
        let i = text.index(text.startIndex, offsetBy: cursor)
        text.insert(c, at: i)
        cursor += 1
    }

    /// Applies a text-editing action; returns false when the action is not a text edit.
    mutating func edit(_ action: Action) -> Bool {
        isSuggestion = false
        switch action {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(text.count, cursor + 1)
        case .cursorHome: cursor = 0
        case .cursorEnd: cursor = text.count
        case .deleteBackward:
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .deleteForward:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .clearField:
            text = ""
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// The part of the text to show in `width` columns so that the cursor stays visible, and the
    /// cursor's column within it.
    func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        // One shown character per character, so the cursor stays right: a line break shows as ⏎,
        // any other control character as "?".
        let chars = text.map { c -> Character in
            if c == "\n" { return "⏎" }
            return String(c).sanitized == String(c) ? c : "?"
        }
        var start = 0
        func cols(_ a: Int, _ b: Int) -> Int { chars[a..<b].reduce(0) { $0 + $1.columns } }
        let cur = min(cursor, chars.count)
        while cols(start, cur) > width - 1 { start += 1 }
        var end = cur
        while end < chars.count, cols(start, end + 1) <= width { end += 1 }
        return (String(chars[start..<end]), cols(start, cur))
    }
}
