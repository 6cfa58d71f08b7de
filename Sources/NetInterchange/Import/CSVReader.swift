import NetModel
import NetStore
import Plumbing

/// An RFC 4180 CSV reader over UTF-8 bytes, shared by the LinkedIn and Google importers: fields
/// separated by commas, records by CRLF or LF; a quoted field may hold commas, line breaks and
/// doubled quotes (`""`). Text after a closing quote is kept (as spreadsheet programs do); a quote
/// that is never closed is an error naming the line where it opened.
struct CSVReader {
    /// The input; the reader reads it up to `end`.
    let bytes: [UInt8]
    let end: Int
    let path: String
    var pos: Int
    /// The line `pos` is on.
    var line: Int

    init(_ bytes: [UInt8], path: String, start: Int = 0, end: Int? = nil, line: Int = 1) {
        self.bytes = bytes
        self.end = end ?? bytes.count
        self.path = path
        self.pos = start
        self.line = line
    }

    /// The next record and the line it starts on; nil at the end of the input. Fields are not cleaned.
    mutating func next() throws(ImportError) -> (line: Int, fields: [String])? {
        guard pos < end else { return nil }
        // Read through a reference of its own (the reader changes while it is read).
        let source = bytes
        let p = source.span.extracting(0..<end)
        let start = line
        var fields: [String] = []
        var scratch: [UInt8] = []
        while true {
            let fieldLine = line
            var endOfRecord = false
            if pos < p.count, p[pos] == UInt8(ascii: "\"") {
                scratch.removeAll(keepingCapacity: true)
                pos += 1
                var closed = false
                while pos < p.count {
                    // Copy the run up to the next quote in one go.
                    let run = p.firstIndex(of: UInt8(ascii: "\""), from: pos) ?? p.count
                    line += p.count(of: 0x0A, in: pos..<run)
                    scratch.append(p.extracting(pos..<run))
                    pos = run
                    if scratch.count > ImportText.maxValueBytes { throw tooLong(fieldLine, scratch.count) }
                    guard pos < p.count else { break }
                    if pos + 1 < p.count, p[pos + 1] == UInt8(ascii: "\"") {
                        scratch.append(UInt8(ascii: "\""))
                        pos += 2
                    } else {
                        pos += 1
                        closed = true
                        break
                    }
                }
                guard closed else {
                    throw ImportError(path: path, line: fieldLine, "a quoted field opens here and is never closed (a missing \")")
                }
                // Anything between the closing quote and the next separator is kept.
                while pos < p.count, p[pos] != UInt8(ascii: ","), p[pos] != 0x0A {
                    if !(p[pos] == 0x0D && pos + 1 < p.count && p[pos + 1] == 0x0A) { scratch.append(p[pos]) }
                    pos += 1
                }
                fields.append(String(decoding: scratch, as: UTF8.self))
            } else {
                let s = pos
                pos = p.firstIndex(of: UInt8(ascii: ","), or: 0x0A, from: pos) ?? p.count
                var e = pos
                if e > s, p[e - 1] == 0x0D, (pos == p.count || p[pos] == 0x0A) { e -= 1 }
                if e - s > ImportText.maxValueBytes { throw tooLong(fieldLine, e - s) }
                fields.append(p.string(s..<e))
            }
            if pos >= p.count {
                endOfRecord = true
            } else if p[pos] == 0x0A {
                pos += 1
                line += 1
                endOfRecord = true
            } else {
                pos += 1  // the comma
            }
            if endOfRecord { return (start, fields) }
        }
    }

    func tooLong(_ line: Int, _ count: Int) -> ImportError {
        ImportError(path: path, line: line, "a field of \(VCardReader.megabytes(count)); the limit is 1 MB (is this really a CSV file?)")
    }

    /// Prepares a CSV source (encoding, byte-order mark, binary check), checks it is UTF-8, and hands
    /// its bytes to `read`: the common start of the LinkedIn and Google readers.
    static func parseFile(_ raw: [UInt8], path: String, expecting: String,
                          _ read: ([UInt8], String) throws(ImportError) -> [ImportedContact]) throws(ImportError) -> [ImportedContact] {
        let bytes = try ImportText.prepare(raw, path: path, expecting: expecting)
        try checkUTF8(bytes, path: path)
        return try read(bytes, path)
    }

    /// Checks that the whole input is UTF-8, naming the line of the first bad byte.
    static func checkUTF8(_ bytes: [UInt8], path: String) throws(ImportError) {
        if let bad = ImportText.invalidUTF8(bytes) {
            throw ImportError(path: path, line: ImportText.lineNumber(at: bad, in: bytes),
                              "not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true))); save the file as UTF-8 CSV")
        }
    }

    /// The header's columns: lower-cased, trimmed names → position (the first of repeated names).
    static func columns(_ header: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let key = ImportText.clean(h).lowercased()
            if out[key] == nil { out[key] = i }
        }
        return out
    }
}
