import NetModel
import NetStore
import Plumbing

/// Writes contacts as vCard 4.0 (RFC 6350): one card per contact, CRLF line ends, lines folded at 75
/// octets without splitting a UTF-8 character, text escaped (`\\ \, \; \n`). Standard properties
/// carry what other programs understand; every other field of ours is an `X-NETTUI-…` property, so
/// that importing the file back gives the same contacts.
public enum VCardExport {
    public static func export(_ contacts: [Contact]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(contacts.count * 600)
        for c in contacts { write(c, object: ContactJSON.unmappedObject(c), into: &out) }
        return out
    }

    /// `export`, written to `sink` a batch of cards at a time.
    public static func export(_ contacts: [Contact], to sink: ByteSink) throws(WriteFailure) {
        try sink.writeBatched(contacts) { c, out in write(c, object: ContactJSON.unmappedObject(c), into: &out) }
    }

    public static func card(_ c: Contact) -> String {
        var out: [UInt8] = []
        write(c, object: ContactJSON.unmappedObject(c), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ c: Contact, object: [JSONKey: JSON], into out: inout [UInt8]) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        func line(_ nameAndParams: StaticString, _ value: String) {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(nameAndParams)
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: value.utf8)
            fold(buffer, into: &out)
        }
        func text(_ name: StaticString, _ value: String) { if !value.isEmpty { line(name, escape(value)) } }
        line("BEGIN", "VCARD")
        line("VERSION", "4.0")
        if c.isOrganization { line("KIND", "org") }
        line("FN", escape(c.name))
        if !c.organization.isEmpty || !c.organizationUnits.isEmpty {
            line("ORG", ([c.organization] + c.organizationUnits).map(escape).joined(separator: ";"))
        }
        text("TITLE", c.role)
        for e in c.emails { text("EMAIL", e) }
        for p in c.phones { text("TEL;VALUE=text", p) }
        for u in c.urls { text("URL", u) }
        let bday = c.birthday
        if !bday.isEmpty {
            if let d = Day(iso: bday) {
                line("BDAY", d.description.replacingDashes())
            } else if bday.hasPrefix("--"), bday.utf8.count == 7 {
                line("BDAY", "--" + String(bday.dropFirst(2)).replacingDashes())
            } else {
                line("BDAY;VALUE=text", escape(bday))
            }
        }
        text("NOTE", c.notes)
        if !c.tags.isEmpty { line("CATEGORIES", c.tags.map(escape).joined(separator: ",")) }
        line("UID", isUUID(c.id) ? "urn:uuid:" + c.id : escape(c.id))
        line("REV", basic(c.updated))
        line("X-NETTUI-ID", escape(c.id))
        line("X-NETTUI-CREATED", iso(c.created))
        if !c.kinds.isEmpty { line("X-NETTUI-KINDS", c.kinds.map(\.rawValue).joined(separator: ",")) }
        if !c.competences.isEmpty { line("X-NETTUI-COMPETENCES", c.competences.map(escape).joined(separator: ",")) }
        if !c.needs.isEmpty { line("X-NETTUI-NEEDS", c.needs.map(escape).joined(separator: ",")) }
        line("X-NETTUI-IMPORTANCE-NOW", c.importanceNow.text)
        line("X-NETTUI-IMPORTANCE-FUTURE", c.importanceFuture.text)
        line("X-NETTUI-STAGE", c.stage.rawValue)
        if let chemistry = c.chemistry { line("X-NETTUI-CHEMISTRY", chemistry.text) }
        text("X-NETTUI-OWNER", c.owner)
        for (id, rating) in c.criteria.sorted(by: { $0.key < $1.key }) {
            line("X-NETTUI-CRITERION", rating.text + ";" + escape(id))
        }
        for h in c.ratingHistory {
            var v = [h.date.description, h.fromNow.text, h.fromFuture.text, h.toNow.text, h.toFuture.text].joined(separator: ";")
            if !h.extra.isEmpty { v += ";" + escape(compactJSON(.object(h.extra))) }
            line("X-NETTUI-RATING-CHANGE", v)
        }
        for k in c.sourceKeys { text("X-NETTUI-SOURCE-KEY", k) }
        // Everything else the data file holds for the contact (an exit decision, keys kept from newer
        // versions), as the data file writes it.
        for (key, value) in ContactJSON.unmapped(object, extra: c.extra) {
            line("X-NETTUI-EXTRA", escape(key) + ";" + escape(compactJSON(value)))
        }
        line("END", "VCARD")
    }

    /// vCard text escaping: backslash, comma, semicolon and line breaks.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x2C || $0 == 0x3B || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Appends a content line folded at 75 octets: continuation lines start with one space, and a
    /// UTF-8 character is never split.
    static func fold(_ bytes: [UInt8], into out: inout [UInt8]) {
        var start = 0
        var limit = 75
        while bytes.count - start > limit {
            var cut = start + limit
            while cut > start, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            out.append(contentsOf: bytes[start..<cut])
            out.append(contentsOf: [0x0D, 0x0A, 0x20])
            start = cut
            limit = 74
        }
        out.append(contentsOf: bytes[start...])
        out.append(contentsOf: [0x0D, 0x0A])
    }

    static func isUUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, b) in u.enumerated() {
            if [8, 13, 18, 23].contains(i) { if b != UInt8(ascii: "-") { return false } } else if VCardReader.hex(b) == nil { return false }
        }
        return true
    }

    /// A timestamp in ISO 8601 basic form, as vCard 4.0's REV has it: `20250314T120000Z`.
    static func basic(_ t: Timestamp) -> String { iso(t, separators: false) }

    /// `2025-03-14T12:00:00Z` (or the basic form), written directly: the export writes two per contact.
    static func iso(_ t: Timestamp, separators: Bool = true) -> String {
        let secOfDay = Int((t.seconds % 86_400 + 86_400) % 86_400)
        let (y, m, d) = t.day.components
        var out: [UInt8] = []
        out.reserveCapacity(20)
        func digits(_ n: Int, _ width: Int) {
            var div = 1
            for _ in 1..<width { div *= 10 }
            var v = n
            if v >= div * 10 { out.append(contentsOf: String(v).utf8); return }
            while div > 0 { out.append(UInt8(0x30 + v / div)); v %= div; div /= 10 }
        }
        digits(y, 4); if separators { out.append(UInt8(ascii: "-")) }
        digits(m, 2); if separators { out.append(UInt8(ascii: "-")) }
        digits(d, 2); out.append(UInt8(ascii: "T"))
        digits(secOfDay / 3600, 2); if separators { out.append(UInt8(ascii: ":")) }
        digits(secOfDay / 60 % 60, 2); if separators { out.append(UInt8(ascii: ":")) }
        digits(secOfDay % 60, 2); out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON on one line, keys sorted, for `X-NETTUI-EXTRA`.
    static func compactJSON(_ v: JSON) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return quoted(s)
        case .array(let a): return "[" + a.map(compactJSON).joined(separator: ",") + "]"
        case .object(let o):
            let keys = o.keys.sorted()
            return "{" + keys.map { quoted($0.text) + ":" + compactJSON(o[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if ch.value < 0x20 {
                    let hex = String(ch.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func replacingDashes() -> String { String(filter { $0 != "-" }) }
}
