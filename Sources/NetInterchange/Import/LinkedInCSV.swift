import NetModel
import NetStore
import Plumbing

/// Reads LinkedIn's connections export (`Connections.csv`): a `Notes:` preamble of any length, then
/// the header `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, then one row per
/// connection. Columns are found by name, so added or reordered columns do not matter.
public enum LinkedInCSV {
    public static func parse(_ raw: [UInt8], path: String) throws(ImportError) -> [ImportedContact] {
        try CSVReader.parseFile(raw, path: path, expecting: "a LinkedIn connections CSV") { (bytes, path) throws(ImportError) in try read(bytes, path: path) }
    }

    /// Finds the header line: the first line that, read as CSV, has the columns First Name, Last Name
    /// and Connected On or URL.
    static func findHeader(_ bytes: [UInt8], path: String) -> (offset: Int, line: Int)? {
        let p = bytes.span
        var start = 0
        var line = 1
        while start < p.count {
            let end = p.firstIndex(of: 0x0A, from: start) ?? p.count
            if end - start < 4096, containsFirstName(p, start..<end) {
                var reader = CSVReader(bytes, path: path, start: start, end: end)
                if let record = try? reader.next() {
                    let cols = CSVReader.columns(record.fields)
                    if cols["first name"] != nil, cols["last name"] != nil, cols["connected on"] != nil || cols["url"] != nil {
                        return (start, line)
                    }
                }
            }
            start = end + 1
            line += 1
        }
        return nil
    }

    static func containsFirstName(_ p: Span<UInt8>, _ r: Range<Int>) -> Bool {
        let needle = Array("FIRST NAME".utf8)
        guard r.count >= needle.count else { return false }
        var i = r.lowerBound
        while i + needle.count <= r.upperBound {
            var k = 0
            while k < needle.count, p[i + k] & 0xDF == needle[k] & 0xDF { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    /// Reads prepared bytes (`CSVReader.parseFile`).
    static func read(_ p: [UInt8], path: String) throws(ImportError) -> [ImportedContact] {
        guard let header = findHeader(p, path: path) else {
            throw ImportError(path: path, "no LinkedIn header line (First Name,Last Name,URL,Email Address,Company,Position,Connected On): this is not LinkedIn's Connections.csv")
        }
        var reader = CSVReader(p, path: path, start: header.offset, line: header.line)
        guard let head = try reader.next() else { return [] }
        let cols = CSVReader.columns(head.fields)
        func col(_ names: String...) -> Int? { names.lazy.compactMap { cols[$0] }.first }
        let first = col("first name"), last = col("last name"), url = col("url", "profile url")
        let email = col("email address", "e-mail address", "email"), company = col("company"), position = col("position")
        let connected = col("connected on")
        var out: [ImportedContact] = []
        while let record = try reader.next() {
            let f = record.fields
            if f.allSatisfy({ $0.isEmpty }) { continue }
            var c = ImportedContact(line: record.line)
            if f.count > head.fields.count {
                c.skipReason = "\(f.count) fields where the header has \(head.fields.count) (a comma in an unquoted field?)"
                out.append(c)
                continue
            }
            func value(_ i: Int?) -> String {
                guard let i, i < f.count else { return "" }
                return ImportText.clean(f[i])
            }
            c.name = [value(first), value(last)].filter { !$0.isEmpty }.joined(separator: " ")
            c.organization = value(company)
            c.role = value(position)
            let e = value(email)
            if !e.isEmpty { c.emails = [e] }
            let u = value(url)
            if !u.isEmpty {
                c.urls = [u]
                if let key = ImportText.linkedInSourceKey(u) { c.sourceKeys = [key] }
            }
            if let day = parseDate(value(connected)) { c.created = Timestamp(seconds: Int64(day.ordinal) * 86_400) }
            if c.name.isEmpty { c.skipReason = "no name (First Name and Last Name are empty)" }
            out.append(c)
        }
        return out
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `09 Oct 2024` (LinkedIn's form), `9 October 2024`, or ISO `2024-10-09`.
    static func parseDate(_ text: String) -> Day? {
        if let d = Day(iso: text) { return d }
        let parts = text.split(separator: " ")
        guard parts.count == 3, let d = Int(parts[0]), let y = Int(parts[2]) else { return nil }
        let m = parts[1].lowercased()
        guard m.count >= 3, let month = months.firstIndex(of: String(m.prefix(3))) else { return nil }
        return Day(year: y, month: month + 1, day: d)
    }
}
