/// Text from a file made safe for one line of a printed report (the `matrix`, `exits` and `brief`
/// commands): control characters and bidirectional overrides go, line breaks and tabs become spaces.
public enum ReportText {
    public static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `clean`, with a Markdown table's column separator escaped.
    public static func cell(_ text: String) -> String {
        String(clean(text).flatMap { $0 == "|" ? ["\\", "|"] : [$0] })
    }
}
