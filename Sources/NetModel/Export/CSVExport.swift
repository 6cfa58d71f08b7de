/// Writes contacts as CSV (RFC 4180): a header row, then one row per contact; CRLF line ends; a field
/// is quoted when it holds a comma, a quote, a line break or space at either end, quotes doubled.
/// Lists (emails, phones, tags, …) are joined with "; ". A text cell that a spreadsheet would run as
/// a formula (starting with `=`, `@`, a tab, or `+`/`-` followed by anything but a number, a phone
/// number or a date) gets a leading `'`.
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

    /// `export`, written to `fd` a batch of rows at a time; the error number of a failed write, or nil.
    public static func export(_ contacts: [Contact], to fd: Int32) -> Int32? {
        var header: [UInt8] = []
        row(columns, into: &header)
        return writeBatched(contacts, to: fd, first: header) { c, out in row(fields(c), into: &out) }
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

    static func field(_ raw: String) -> String {
        var s = raw
        if let first = s.unicodeScalars.first {
            // Numbers, phone numbers and dates ("+358 40 …", "-5", "--07-04") stay as they are.
            let plain = s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || " +-()./,".unicodeScalars.contains($0) }
            if first == "=" || first == "@" || first == "\t" || first == "\r" || ((first == "+" || first == "-") && !plain) { s = "'" + s }
        }
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
