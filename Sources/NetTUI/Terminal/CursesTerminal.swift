import CNcurses
import CTerminal
import Dispatch

/// The only code that talks to curses: it starts and ends the full-screen mode, copies a rendered
/// `Frame` to the terminal (curses sends only the cells that changed), and turns key codes into `Event`s.
final class CursesTerminal {
    private var active = false
    private var colors = false

    init(mouse: Bool, theme: Theme) {
        nt_use_environment_locale()
        nt_install_signals()
        initscr()
        active = true
        raw()  // Ctrl-C, Ctrl-S, Ctrl-Z arrive as keys, not signals
        noecho()
        nonl()
        keypad(nt_stdscr(), true)
        set_escdelay(25)
        timeout(250)  // wake up to notice SIGTERM
        curs_set(0)
        Self.bracketedPaste(true)
        if mouse { nt_enable_mouse() }
        if has_colors() && nt_no_color() == 0 {
            start_color()
            use_default_colors()
            colors = true
            // Pair numbers follow `Color`'s raw values; -1 keeps the terminal's own colours. An index
            // the terminal does not have (200 on an 8-colour terminal) falls back to the default.
            for (color, themeColor) in theme.colors {
                var fg: Int16 = -1
                if case .index(let n) = themeColor, Int32(n) < nt_colors() { fg = n }
                init_pair(Int16(color.rawValue), fg, -1)
            }
        }
        nt_prepare_fatal_reset()
    }

    deinit { end() }

    var size: (width: Int, height: Int) { (Int(nt_max_x()), Int(nt_max_y())) }

    /// Leaves full-screen mode and gives the terminal back as it was. Safe to call twice.
    func end() {
        guard active else { return }
        active = false
        nt_forget_fatal_reset()
        Self.bracketedPaste(false)
        endwin()
    }

    /// Bracketed paste (xterm, tmux, and most terminals since): pasted text arrives between
    /// `ESC [200~` and `ESC [201~`, so it is taken as text and never as keys. On while the
    /// dashboard runs; off whenever the terminal is someone else's (an editor, the shell).
    private static func bracketedPaste(_ on: Bool) {
        let sequence = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        nt_write_sequence(sequence)
    }

    /// The termination signal received (SIGTERM, SIGHUP, SIGINT), or 0.
    var pendingSignal: Int32 { nt_pending_term_signal() }

    func suspend() {
        Self.bracketedPaste(false)
        nt_suspend()
        Self.bracketedPaste(true)
    }

    /// Leaves curses mode while `run` runs a program on the terminal (an editor), then comes back.
    func outside(_ run: () -> Int32) -> Int32 {
        def_prog_mode()
        Self.bracketedPaste(false)
        endwin()
        let status = run()
        reset_prog_mode()
        Self.bracketedPaste(true)
        clearok(nt_stdscr(), true)
        refresh()
        return status
    }

    func draw(_ frame: Frame) {
        let screen = frame.screen
        let (w, h) = size
        guard screen.width == w, screen.height == h else { return }  // a resize is on its way
        for y in 0..<h {
            var x = 0
            while x < w {
                let cell = screen[x, y]
                if !cell.isContinuation {
                    attrset(attributes(cell.style))
                    var wide = Array(cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
                    mvaddwstr(Int32(y), Int32(x), &wide)
                }
                x += 1
            }
        }
        attrset(Int32(truncatingIfNeeded: nt_a_normal()))
        if let c = frame.cursor {
            curs_set(1)
            move(Int32(c.y), Int32(c.x))
        } else {
            curs_set(0)
        }
        refresh()
    }

    private func attributes(_ s: Style) -> Int32 {
        var a = nt_a_normal()
        if s.bold { a |= nt_a_bold() }
        if s.reverse { a |= nt_a_reverse() }
        if s.underline { a |= nt_a_underline() }
        if s.dim || (s.color == .muted && !colors) { a |= nt_a_dim() }
        var result = Int32(truncatingIfNeeded: a)
        if colors, s.color != .normal, s.color != .muted { result |= nt_color_pair(Int32(s.color.rawValue)) }
        return result
    }

    /// Consecutive reads that failed at once instead of waiting out the poll interval.
    private var instantFailures = 0

    /// True when the terminal has gone away (a closed pty makes every read fail at once), so
    /// the program must end instead of spinning.
    var isGone: Bool { instantFailures > 50 }

    /// The next event, or nil when none came within the poll interval (at once when not `wait`:
    /// the program has work to do between key presses).
    func readInput(wait: Bool = true) -> Input? {
        var ch: wint_t = 0
        let started = DispatchTime.now().uptimeNanoseconds
        if !wait { timeout(0) }
        let r = get_wch(&ch)
        if !wait { timeout(250) }
        if r == ERR {
            guard wait else { return nil }
            let waited = DispatchTime.now().uptimeNanoseconds - started
            instantFailures = waited < 20_000_000 ? instantFailures + 1 : 0
            return nil
        }
        instantFailures = 0
        if r == KEY_CODE_YES {
            let code = Int32(ch)
            if code == KEY_RESIZE { return .resize(width: size.width, height: size.height) }
            if code == KEY_MOUSE {
                var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
                guard nt_read_mouse(&x, &y, &kind) == 1 else { return nil }
                return .mouse(Mouse(x: Int(x), y: Int(y), kind: kind == 1 ? .click : kind == 4 ? .wheelUp : .wheelDown))
            }
            return Self.specialKey(code).map(Input.key)
        }
        if ch == 27, let sequence = readEscapeSequence() {
            return sequence
        }
        return Self.characterKey(UInt32(ch)).map(Input.key)
    }

    /// After an Esc: the rest of an escape sequence curses did not know (Home and End as `ESC [1~`
    /// and `ESC [4~` under tmux, screen, rxvt, PuTTY and the Linux console). Returns nil for a lone
    /// Esc; `.some(nil)` for a sequence to ignore, so that its `[`, digits and `~` never arrive as
    /// typed keys (an Esc that cancels a form, a digit that switches panes).
    private func readEscapeSequence() -> Input?? {
        var bytes: [UInt32] = []
        timeout(0)
        defer { timeout(250) }
        var ch: wint_t = 0
        while bytes.count < 8, get_wch(&ch) == OK {
            bytes.append(UInt32(ch))
            // A sequence ends with a letter or ~ (after its introducer).
            if bytes.count >= 2, (0x40...0x7E).contains(UInt32(ch)) { break }
        }
        guard let first = bytes.first else { return nil }
        guard first == UInt32(UInt8(ascii: "[")) || first == UInt32(UInt8(ascii: "O")) else {
            // Alt+key: the key alone (the Esc must not cancel a form).
            for b in bytes.reversed() { unget_wch(wchar_t(bitPattern: b)) }
            return .some(nil)
        }
        let text = String(String.UnicodeScalarView(bytes.compactMap(Unicode.Scalar.init)))
        if text == "[200~" { return .some(.paste(readPaste())) }
        return .some(Self.escapeSequences[text].map(Input.key))
    }

    /// After `ESC [200~`: the pasted text, up to `ESC [201~`. A large paste may arrive in pieces, so
    /// this waits up to two seconds for each next character before taking what came as the paste.
    private func readPaste() -> String {
        let endMarker: [UInt32] = [27, 91, 50, 48, 49, 126]  // ESC [ 2 0 1 ~
        var scalars: [UInt32] = []
        timeout(2000)
        defer { timeout(250) }
        var ch: wint_t = 0
        while true {
            let r = get_wch(&ch)
            if r == ERR { break }
            if r == KEY_CODE_YES { continue }  // a key code curses made of pasted bytes: not text
            scalars.append(UInt32(ch))
            if scalars.count >= endMarker.count, scalars.suffix(endMarker.count).elementsEqual(endMarker) {
                scalars.removeLast(endMarker.count)
                break
            }
        }
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    static let escapeSequences: [String: Key] = [
        "[1~": .home, "[7~": .home, "[H": .home, "OH": .home,
        "[4~": .end, "[8~": .end, "[F": .end, "OF": .end,
        "[3~": .delete, "[5~": .pageUp, "[6~": .pageDown,
        "[A": .up, "[B": .down, "[C": .right, "[D": .left,
        "OA": .up, "OB": .down, "OC": .right, "OD": .left,
        "[Z": .backTab,
    ]

    static func specialKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_ENTER: return .enter
        default:
            for n in 1...12 where code == nt_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }

    static func characterKey(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
        case 0..<32: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }
}
