import NetModel
import NetStore
import Plumbing

/// Writes contacts as CSV (RFC 4180): a header row, then one row per contact; CRLF line ends; a field
/// is quoted when it holds a comma, a quote, a line break or space at either end, quotes doubled.
/// Lists (emails, phones, tags, …) are joined with "; ". A cell a spreadsheet could run as a formula
/// gets a leading `'` (OWASP's advice on CSV injection): every cell starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return — phone numbers such as `+358 40 …` and dates such as `--07-04` too,
/// which spreadsheets read as formulas (`-2+3` is 1) — except a plain number (`-5`, `0.1`).
public enum CSVExport {
    public static let columns = [
        "id", "name", "organization", "role", "emails", "phones", "tags", "kinds", "competences", "needs",
        "notes", "importanceNow", "importanceFuture", "stage", "chemistry", "owner", "urls", "birthday",
        "created", "updated",
    ]

    public static func export(_ contacts: [Contact]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(contacts.count * 300 + 256)
        row(columns, into: &out)
        for c in contacts { row(fields(c), into: &out) }
        return out
    }

    /// `export`, written to `sink` a batch of rows at a time.
    public static func export(_ contacts: [Contact], to sink: ByteSink) throws(WriteFailure) {
        var header: [UInt8] = []
        row(columns, into: &header)
        try sink.writeBatched(contacts, first: header) { c, out in row(fields(c), into: &out) }
    }

    /// A contact's cells, in the order of `columns`.
    static func fields(_ c: Contact) -> [String] {
        [
            c.id, c.name, c.organization, c.role, list(c.emails), list(c.phones), list(c.tags),
            list(c.kinds.map(\.rawValue)), list(c.competences), list(c.needs), c.notes,
            c.importanceNow.text, c.importanceFuture.text, c.stage.rawValue, c.chemistry?.text ?? "", c.owner,
            list(c.urls), c.birthday, c.created.description, c.updated.description,
        ]
    }

    static func list(_ items: [String]) -> String { items.joined(separator: "; ") }

    static func row(_ fields: [String], into out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field(f).utf8)
        }
        out.append(contentsOf: [0x0D, 0x0A])
    }

    /// `=`, `+`, `-`, `@`, tab, carriage return.
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `-5`, `-0.25`: an optional minus, digits, optionally a point and digits. A spreadsheet reads it
    /// as that number, and runs nothing.
    static func isPlainNumber(_ s: String) -> Bool {
        var bytes = s.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return !bytes.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { (0x30...0x39).contains($0) } }
    }

    static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.utf8.first, formulaStarts.contains(first), !isPlainNumber(s) { s = "'" + s }
        let needsQuotes = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || s.hasPrefix(" ") || s.hasSuffix(" ")
        guard needsQuotes else { return s }
        return "\"" + s.replacingQuotesDoubled() + "\""
    }
}

extension String {
    fileprivate func replacingQuotesDoubled() -> String {
        var out = ""
        for ch in unicodeScalars {
            if ch == "\"" { out += "\"\"" } else { out.unicodeScalars.append(ch) }
        }
        return out
    }
}
