/// A key press, independent of the terminal that produced it.
enum Key: Hashable, Sendable {
    case char(Character)
    /// A control chord: `.ctrl("r")` is Ctrl-R.
    case ctrl(Character)
    case up, down, left, right
    case shiftUp, shiftDown, shiftLeft, shiftRight
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete
    case function(Int)

    /// How the key is written in the help screen, the status line and docs/KEYS.md.
    var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .shiftUp: return "Shift-↑"
        case .shiftDown: return "Shift-↓"
        case .shiftLeft: return "Shift-←"
        case .shiftRight: return "Shift-→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .function(let n): return "F\(n)"
        }
    }

    /// A printable character, for text fields.
    var printable: Character? {
        if case .char(let c) = self, c.columns > 0 || c == " " { return c }
        return nil
    }
}

/// A mouse click or a turn of the wheel, at a cell.
struct Mouse: Equatable, Sendable {
    enum Kind: Equatable, Sendable { case click, wheelUp, wheelDown }
    var x: Int
    var y: Int
    var kind: Kind
}

/// Everything the program reacts to: a key, the mouse, text pasted into the terminal, or the
/// terminal changing size.
enum Input: Sendable {
    case key(Key)
    case mouse(Mouse)
    /// A bracketed paste: text, never keys (its line breaks and letters run no commands).
    case paste(String)
    case resize(width: Int, height: Int)
    /// An effect the update asked for has run (`Driver`): what it came to.
    case done(Outcome)
}
