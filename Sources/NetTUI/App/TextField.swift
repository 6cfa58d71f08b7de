/// A one-line text input with a cursor, as the filter line and form fields use it.
///
/// The text is kept as an array of characters so that the cursor is an index: a key costs the
/// same whatever the length (a String would be walked from its start to find the cursor), and
/// `visible` looks only at the characters around the cursor. A 100 KB note edits like a name.
struct TextField: Equatable, Sendable {
    private(set) var characters: [Character]
    /// Cursor position in characters.
    var cursor: Int

    /// A suggestion (today's date, the current path): the first character typed replaces it, while
    /// moving the cursor or deleting edits it instead.
    var isSuggestion = false

    init(_ text: String = "", suggestion: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        isSuggestion = suggestion
    }

    var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = min(cursor, characters.count)
        }
    }

    mutating func insert(_ c: Character) {
        insert(contentsOf: CollectionOfOne(c))
    }

    /// Inserts text at the cursor (a paste), as typing it would.
    mutating func insert<S: Collection>(contentsOf text: S) where S.Element == Character {
        if isSuggestion {
            characters = []
            cursor = 0
            isSuggestion = false
        }
        let at = min(cursor, characters.count)
        characters.insert(contentsOf: text, at: at)
        cursor = at + text.count
    }

    /// Applies a text-editing action; returns false when the action is not a text edit.
    mutating func edit(_ action: Action) -> Bool {
        isSuggestion = false
        cursor = min(cursor, characters.count)
        switch action {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .cursorHome: cursor = 0
        case .cursorEnd: cursor = characters.count
        case .deleteBackward:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteForward:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .clearField:
            characters = []
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// The part of the text to show in `width` columns so that the cursor stays visible, and the
    /// cursor's column within it: as much as fits before the cursor (up to `width - 1` columns),
    /// then as much after it as fits. Only characters near the cursor are looked at (at most
    /// `4 * width` on each side, which also bounds a run of zero-width characters).
    func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let cur = min(cursor, characters.count)
        let reach = 4 * width
        var start = cur, before = 0
        while start > 0, cur - start < reach {
            let w = Self.shown(characters[start - 1]).columns
            if before + w > width - 1 { break }
            before += w
            start -= 1
        }
        var end = cur, used = before
        while end < characters.count, end - cur < reach {
            let w = Self.shown(characters[end]).columns
            if used + w > width { break }
            used += w
            end += 1
        }
        return (String(characters[start..<end].map(Self.shown)), before)
    }

    /// One shown character per character, so the cursor stays right: a line break shows as ⏎,
    /// any other control character as "?".
    private static func shown(_ c: Character) -> Character {
        if c == "\n" { return "⏎" }
        return String(c).sanitized == String(c) ? c : "?"
    }
}
