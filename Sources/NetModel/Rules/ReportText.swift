import Plumbing

/// Text from a file made safe for one line of a printed report (the `matrix`, `exits` and `brief`
/// commands): control characters and bidirectional overrides go, line breaks and tabs become spaces.
public enum ReportText {
    public static func clean(_ text: String) -> String {
        // Most text has nothing to clean; it needs no copy.
        if let clean = text.utf8.withContiguousStorageIfAvailable(isClean), clean { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069: continue
            // The control characters (general category Cc, a set Unicode never changes).
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when UTF-8 text has no character that `clean` changes: no control character (C0, DEL,
    /// C1: U+0080 to U+009F, in UTF-8 C2 80 to C2 9F) and no bidirectional override or isolate
    /// (U+202A to U+202E: E2 80 AA to AE; U+2066 to U+2069: E2 81 A6 to A9).
    static func isClean<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x20 || b == 0x7F { return false }
            if b == 0xC2, i + 1 < bytes.endIndex, bytes[i + 1] < 0xA0 { return false }
            if b == 0xE2, i + 2 < bytes.endIndex {
                let (b1, b2) = (bytes[i + 1], bytes[i + 2])
                if (b1 == 0x80 && (0xAA...0xAE).contains(b2)) || (b1 == 0x81 && (0xA6...0xA9).contains(b2)) { return false }
            }
            i += 1
        }
        return true
    }

    /// `clean`, with a Markdown table's column separator escaped.
    public static func cell(_ text: String) -> String {
        let cleaned = clean(text)
        guard cleaned.utf8.contains(UInt8(ascii: "|")) else { return cleaned }
        return String(cleaned.flatMap { $0 == "|" ? ["\\", "|"] : [$0] })
    }
}

/// A report's text as UTF-8 bytes, grown piece by piece: for reports of 100,000 lines, cheaper
/// than growing a `String` or joining an array of lines.
struct ReportBuffer {
    private var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func put(_ piece: String) {
        var piece = piece
        piece.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The piece and a line break.
    mutating func line(_ piece: String = "") {
        put(piece)
        bytes.append(0x0A)
    }

    /// `count` spaces.
    mutating func spaces(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(0x20, count: count)) }
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
