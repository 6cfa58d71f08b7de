#if DEBUG
import Synchronization
#endif

/// Terminal column widths and safe text. Widths follow wcwidth's rules for the characters a
/// contact list meets: East Asian wide and fullwidth characters and emoji take two columns,
/// combining marks none. It is pure Swift so that screen tests need no locale or terminal.
enum TextWidth {
    #if DEBUG
    /// Characters measured so far (debug builds only): tests bound the work of a key press with it.
    static let measured = Atomic<Int>(0)
    #endif

    static func of(_ c: Character) -> Int {
        #if DEBUG
        measured.add(1, ordering: .relaxed)
        #endif
        guard let first = c.unicodeScalars.first else { return 0 }
        return of(first)
    }

    static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x7F { return v < 0x20 ? 0 : 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if isWide(v) || s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension Character {
    var columns: Int { TextWidth.of(self) }
}

extension String {
    /// Columns this text takes on a terminal (after `sanitized`).
    var columns: Int { reduce(0) { $0 + $1.columns } }

    /// The text with everything that could steer a terminal made visible instead: C0 controls in
    /// caret notation (ESC as `^[`, so a CSI or OSC sequence shows as text), DEL as `^?`, C1 controls
    /// and bidirectional overrides as `\u{…}`; a tab becomes a space. Everything shown on screen
    /// goes through this.
    var sanitized: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || Self.isBidiControl($0) })
        else { return self }
        var out = String.UnicodeScalarView()
        for s in unicodeScalars {
            switch s.value {
            case 0x09: out.append(" ")
            case 0..<0x20: out.append("^"); out.append(Unicode.Scalar(s.value + 0x40)!)
            case 0x7F: out.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0: out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                if Self.isBidiControl(s) {
                    out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(s)
                }
            }
        }
        return String(out)
    }

    /// `sanitized` line by line, for text printed to a terminal: line breaks (LF and CRLF) stay line
    /// breaks, every other control character is made visible.
    var sanitizedLines: String {
        guard utf8.contains(where: { $0 < 0x20 && $0 != 0x0A }) || unicodeScalars.contains(where: { $0.value >= 0x7F && ($0.value < 0xA0 || Self.isBidiControl($0)) })
        else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + utf8.count / 8)
        for (i, piece) in utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            let crlf = piece.last == 0x0D
            out += String(Substring(crlf ? piece.dropLast() : piece)).sanitized
            if crlf { out += "\r" }
        }
        return out
    }

    private static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || s.value == 0x200E || s.value == 0x200F
    }

    /// Cut to at most `width` columns, ending with "…" when something was cut. A wide character
    /// is never split.
    func truncated(to width: Int) -> String {
        guard width > 0 else { return "" }
        if columns <= width { return self }
        var out = ""
        var used = 0
        for c in self {
            let w = c.columns
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Pad with spaces (or cut) to exactly `width` columns.
    func padded(to width: Int) -> String {
        let t = truncated(to: width)
        return t + String(repeating: " ", count: max(0, width - t.columns))
    }

    /// Word-wrap into lines of at most `width` columns; hard newlines are kept, over-long words are cut.
    /// Each word is measured once or twice (the line's width is kept as it grows), so a long note
    /// wraps in time linear in its length.
    func wrapped(to width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let w = String(word)
                let columns = w.columns
                if !line.isEmpty, used + 1 + columns <= width {
                    line += " " + w
                    used += 1 + columns
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                if columns <= width {
                    (line, used) = (w, columns)
                } else {
                    line = w.truncated(to: width)
                    used = line.columns
                }
            }
            lines.append(line)
        }
        return lines
    }
}
