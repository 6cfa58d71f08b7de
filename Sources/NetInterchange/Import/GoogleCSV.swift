import Foundation
import NetModel
import NetStore
import Plumbing

/// Reads Google Contacts' CSV export, both the current layout (`First Name`, `Last Name`,
/// `E-mail 1 - Value`, `Organization Name`, `Labels`, …) and the older one (`Name`, `Given Name`,
/// `Family Name`, `Organization 1 - Name`, `Group Membership`, …). Columns are matched by name, never by
/// position; several values in one cell are separated by ` ::: `.
public enum GoogleCSV {
    public static func parse(_ raw: [UInt8], path: String) throws(ImportError) -> [ImportedContact] {
        try CSVReader.parseFile(raw, path: path, expecting: "a Google Contacts CSV") { (bytes, path) throws(ImportError) in try read(bytes, path: path) }
    }

    static let nameColumns = ["name", "first name", "given name", "last name", "family name"]
    static let valueColumns = ["e-mail 1 - value", "phone 1 - value", "organization name", "organization 1 - name"]

    /// Whether a header row is Google's.
    static func isHeader(_ cols: [String: Int]) -> Bool {
        nameColumns.contains { cols[$0] != nil } && valueColumns.contains { cols[$0] != nil }
    }

    /// Reads prepared bytes (`CSVReader.parseFile`).
    static func read(_ p: [UInt8], path: String) throws(ImportError) -> [ImportedContact] {
        var reader = CSVReader(p, path: path)
        var header: (line: Int, fields: [String])?
        while let r = try reader.next() {
            if r.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            header = r
            break
        }
        guard let head = header, case let cols = CSVReader.columns(head.fields), isHeader(cols) else {
            throw ImportError(path: path, "no Google Contacts header (columns such as First Name, Last Name, E-mail 1 - Value): this is not a Google Contacts CSV")
        }
        func col(_ names: String...) -> Int? { names.lazy.compactMap { cols[$0] }.first }
        /// Columns `PREFIX N - SUFFIX`, in file order.
        func numbered(_ prefix: String, _ suffix: String) -> [Int] {
            head.fields.indices.filter {
                let h = ImportText.clean(head.fields[$0]).lowercased()
                return h.hasPrefix(prefix + " ") && h.hasSuffix(" - " + suffix)
            }
        }
        let fullName = col("name"), prefix = col("name prefix"), given = col("first name", "given name")
        let middle = col("middle name", "additional name"), family = col("last name", "family name"), suffix = col("name suffix")
        let nickname = col("nickname")
        let org = col("organization name", "organization 1 - name"), title = col("organization title", "organization 1 - title")
        let department = col("organization department", "organization 1 - department")
        let notes = col("notes"), birthday = col("birthday"), labels = col("labels", "group membership")
        let emails = numbered("e-mail", "value"), phones = numbered("phone", "value"), sites = numbered("website", "value")

        var out: [ImportedContact] = []
        while let record = try reader.next() {
            let f = record.fields
            if f.allSatisfy({ $0.isEmpty }) { continue }
            var c = ImportedContact(line: record.line)
            func value(_ i: Int?, multiline: Bool = false) -> String {
                guard let i, i < f.count else { return "" }
                return ImportText.clean(f[i], multiline: multiline)
            }
            func values(_ columns: [Int]) -> [String] {
                var all: [String] = []
                for i in columns where i < f.count {
                    for v in f[i].components(separatedBy: " ::: ") {
                        let t = ImportText.clean(v)
                        if !t.isEmpty, !all.contains(t) { all.append(t) }
                    }
                }
                return all
            }
            c.organization = value(org)
            let dept = value(department)
            if !dept.isEmpty { c.organizationUnits = [dept] }
            c.role = value(title)
            c.emails = values(emails)
            c.phones = values(phones)
            c.urls = values(sites)
            c.notes = value(notes, multiline: true)
            let bday = value(birthday)
            if !bday.isEmpty { c.birthday = CardBuilder.birthday(bday) }
            c.tags = values(labels.map { [$0] } ?? []).compactMap { label in
                let t = label.hasPrefix("* ") ? String(label.dropFirst(2)) : label
                return t.lowercased() == "mycontacts" || t.isEmpty ? nil : t
            }
            let composed = [value(prefix), value(given), value(middle), value(family), value(suffix)].filter { !$0.isEmpty }.joined(separator: " ")
            let name = value(fullName)
            c.name = !name.isEmpty ? name : !composed.isEmpty ? composed : value(nickname)
            if c.name.isEmpty { c.name = c.organization.isEmpty ? (c.emails.first ?? c.phones.first ?? "") : c.organization }
            if c.name.isEmpty { c.skipReason = "no name, organisation, e-mail or phone" }
            out.append(c)
        }
        return out
    }
}
