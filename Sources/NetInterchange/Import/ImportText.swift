import NetModel
import NetStore
import Plumbing

/// Byte-level helpers shared by the importers: recognising what a file is, UTF-8 checks, charset
/// conversion and cleaning text from outside before it is stored.
enum ImportText {
    /// The longest text value (one vCard property, one CSV field) an import accepts.
    static let maxValueBytes = 1 << 20
    /// The longest vCard line (after unfolding) of a skipped binary property such as PHOTO.
    static let maxBinaryLineBytes = 32 << 20

    // MARK: - What the file is

    /// The file's bytes as UTF-8 text to parse: a UTF-16 file (with a byte-order mark) is converted,
    /// a UTF-8 byte-order mark is dropped. Binary files are refused, naming what they look like.
    static func prepare(_ raw: [UInt8], path: String, expecting: String) throws(ImportError) -> [UInt8] {
        if raw.isEmpty { throw ImportError(path: path, "the file is empty; expected \(expecting)") }
        if let kind = binaryKind(raw) {
            throw ImportError(path: path, "this is \(kind), not \(expecting)")
        }
        var bytes = raw
        if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            bytes = try utf16ToUTF8(raw, bigEndian: raw[0] == 0xFE, path: path)
        } else if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
        }
        if let nul = firstNUL(bytes) {
            throw ImportError(path: path, line: lineNumber(at: nul, in: bytes),
                              "a NUL byte: this is a binary file, not \(expecting)")
        }
        return bytes
    }

    /// Where the first NUL byte is (memchr: a large file is scanned in a few milliseconds).
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.span.firstIndex(of: 0)
    }

    /// Names common binary formats by their first bytes.
    static func binaryKind(_ b: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { b.starts(with: magic) }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts(Array("GIF8".utf8)) { return "a GIF image" }
        if starts(Array("%PDF".utf8)) { return "a PDF document" }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return "a ZIP archive (LinkedIn's export is a .zip: unzip it and import Connections.csv; .xlsx files are ZIPs too — save as CSV)"
        }
        if starts([0x1F, 0x8B]) { return "a gzip archive" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "a program (ELF)" }
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "an old Microsoft Office document" }
        if starts(Array("SQLite format 3".utf8)) { return "an SQLite database" }
        return nil
    }

    static func utf16ToUTF8(_ raw: [UInt8], bigEndian: Bool, path: String) throws(ImportError) -> [UInt8] {
        guard raw.count % 2 == 0 else { throw ImportError(path: path, "UTF-16 text with an odd number of bytes: the file is cut short") }
        var units: [UInt16] = []
        units.reserveCapacity(raw.count / 2 - 1)
        var i = 2
        while i + 1 < raw.count {
            units.append(bigEndian ? UInt16(raw[i]) << 8 | UInt16(raw[i + 1]) : UInt16(raw[i + 1]) << 8 | UInt16(raw[i]))
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var line = 1
        var decoder = UTF16()
        var it = units.makeIterator()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
                if s.value == 0 { throw ImportError(path: path, line: line, "a NUL character: this is a binary file") }
                out.append(contentsOf: UTF8.encode(s)!)
            case .emptyInput: break loop
            case .error: throw ImportError(path: path, line: line, "invalid UTF-16 (an unpaired surrogate)")
            }
        }
        return out
    }

    /// 1-based line number of a byte offset.
    static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.span.count(of: 0x0A, in: 0..<min(offset, bytes.count))
    }

    // MARK: - Encodings

    /// Offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and values past
    /// U+10FFFF are invalid), or nil when all of it is valid.
    static func invalidUTF8(_ p: Span<UInt8>, _ range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            // ASCII, eight bytes at once.
            i = p.endOfASCII(from: i, to: end)
            guard i < end else { break }
            let b = p[i]
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= end { return i }
            let c1 = p[i + 1]
            if c1 < lo || c1 > hi { return i }
            if need >= 2, p[i + 2] & 0xC0 != 0x80 { return i }
            if need == 3, p[i + 3] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }

    static func invalidUTF8(_ bytes: [UInt8]) -> Int? {
        invalidUTF8(bytes.span, 0..<bytes.count)
    }

    /// Windows-1252's 0x80–0x9F (the rest of the single-byte range is ISO 8859-1).
    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// ISO 8859-1 (with Windows-1252's printable characters in 0x80–0x9F, as real files mean them) to UTF-8.
    static func latin1ToUTF8(_ bytes: Span<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for k in 0..<bytes.count {
            let b = bytes[k]
            if b < 0x80 { out.append(b); continue }
            let v = b < 0xA0 ? cp1252High[Int(b - 0x80)] : UInt32(b)
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(v)!)!)
        }
        return out
    }

    // MARK: - Cleaning

    /// Whether the UTF-8 bytes need `clean`'s slow path: control characters, C1 controls,
    /// bidirectional controls, or whitespace at either end.
    @inline(__always)
    static func needsCleaning(_ p: Span<UInt8>, _ range: Range<Int>) -> Bool {
        if range.isEmpty { return false }
        let first = p[range.lowerBound], last = p[range.upperBound - 1]
        if first == 0x20 || last == 0x20 { return true }
        var i = range.lowerBound
        while i < range.upperBound {
            if i + 8 <= range.upperBound, printableASCII(p.word(at: i)) {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x20 || b == 0x7F { return true }
            if b == 0xC2, i + 1 < range.upperBound, p[i + 1] >= 0x80, p[i + 1] <= 0x9F { return true }
            if b == 0xE2, i + 2 < range.upperBound {
                let b1 = p[i + 1], b2 = p[i + 2]
                if b1 == 0x80, b2 == 0x8E || b2 == 0x8F || (0xAA...0xAE).contains(b2) { return true }
                if b1 == 0x81, (0xA6...0xA9).contains(b2) { return true }
                if b1 == 0x80, b2 == 0xA8 || b2 == 0xA9 { return true }  // line/paragraph separator
            }
            if b == 0xD8, i + 1 < range.upperBound, p[i + 1] == 0x9C { return true }  // U+061C
            i += 1
        }
        return false
    }

    /// Whether the eight bytes of word `w` (`Words.word`) are all printable ASCII (0x20–0x7E), found
    /// at once: a high bit is no ASCII, a byte below 0x20 borrows into its high bit, and 0x7F is a
    /// zero byte in `del`.
    @inline(__always)
    static func printableASCII(_ w: UInt64) -> Bool {
        let del = w ^ 0x7F7F_7F7F_7F7F_7F7F
        return (w | (w &- 0x2020_2020_2020_2020) | ((del &- 0x0101_0101_0101_0101) & ~del)) & 0x8080_8080_8080_8080 == 0
    }

    /// Whether the bytes are printable ASCII (0x20–0x7E) without a backslash, as most values of a
    /// card are: then they are valid UTF-8, hold no escape sequence nor escape, and `clean` has
    /// nothing to do but trim spaces at the ends. Eight bytes at a time.
    static func plainASCII(_ p: Span<UInt8>) -> Bool {
        var i = 0
        while i + 8 <= p.count {
            let w = p.word(at: i), x = w ^ 0x5C5C_5C5C_5C5C_5C5C  // a backslash is a zero byte
            if !printableASCII(w) || (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < p.count {
            let b = p[i]
            if b < 0x20 || b > 0x7E || b == 0x5C { return false }
            i += 1
        }
        return true
    }

    /// Text from valid UTF-8 bytes, cleaned (see `clean`); `plain` when they are `plainASCII`.
    static func string(_ p: Span<UInt8>, _ range: Range<Int>, multiline: Bool = false, plain: Bool = false) -> String {
        let s = p.string(range)
        let needs = plain ? !range.isEmpty && (p[range.lowerBound] == 0x20 || p[range.upperBound - 1] == 0x20) : needsCleaning(p, range)
        return needs ? clean(s, multiline: multiline) : s
    }

    /// Whether `clean` leaves the text as it is (for single-line text).
    static func isClean(_ s: String) -> Bool {
        var s = s
        s.makeContiguousUTF8()
        if needsCleaning(s.utf8.span, 0..<s.utf8.count) { return false }
        guard let f = s.unicodeScalars.first, let l = s.unicodeScalars.last else { return true }
        return !f.properties.isWhitespace && !l.properties.isWhitespace
    }

    static func string(_ bytes: [UInt8], multiline: Bool = false) -> String {
        string(bytes.span, 0..<bytes.count, multiline: multiline)
    }

    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Text from outside made safe to store and show: terminal escape sequences (ESC or C1
    /// introduced: CSI, OSC, DCS, …) are removed whole, other control characters are removed
    /// (a tab becomes a space; a line break becomes a space, or stays a newline when `multiline`),
    /// bidirectional overrides and marks are dropped, and the ends are trimmed.
    static func clean(_ text: String, multiline: Bool = false, sequencesOnly: Bool = false) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        let n = scalars.count
        func skipString(from start: Int) -> Int {
            // An OSC/DCS/SOS/PM/APC string runs to BEL, ESC \ or ST (U+009C).
            var j = start
            while j < n {
                let v = scalars[j].value
                if v == 0x07 || v == 0x9C { return j + 1 }
                if v == 0x1B { return j + 1 < n && scalars[j + 1] == "\\" ? j + 2 : j + 1 }
                j += 1
            }
            return n
        }
        func skipCSI(from start: Int) -> Int {
            var j = start
            while j < n {
                let v = scalars[j].value
                if (0x40...0x7E).contains(v) { return j + 1 }
                if !(0x20...0x3F).contains(v) { return j }  // malformed: stop at the odd character
                j += 1
            }
            return n
        }
        while i < n {
            let s = scalars[i]
            let v = s.value
            if sequencesOnly, v != 0x1B, v != 0x9B, v != 0x9D, v != 0x90, v != 0x98, v != 0x9E, v != 0x9F {
                out.append(s)
                i += 1
                continue
            }
            switch v {
            case 0x1B:
                guard i + 1 < n else { i += 1; continue }
                let next = scalars[i + 1].value
                switch next {
                case 0x5B: i = skipCSI(from: i + 2)  // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: i = skipString(from: i + 2)  // ESC ] P X ^ _
                case 0x20...0x2F:  // ESC, intermediates, one final character: ESC ( B
                    var j = i + 1
                    while j < n, (0x20...0x2F).contains(scalars[j].value) { j += 1 }
                    i = j < n && (0x30...0x7E).contains(scalars[j].value) ? j + 1 : j
                case 0x30...0x7E: i += 2  // ESC 7, ESC c, …
                default: i += 1
                }
            case 0x9B: i = skipCSI(from: i + 1)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: i = skipString(from: i + 1)
            case 0x09:
                out.append(" ")
                i += 1
            case 0x0D:
                if i + 1 < n, scalars[i + 1].value == 0x0A { i += 1; continue }
                out.append(multiline ? "\n" : " ")
                i += 1
            case 0x0A, 0x2028, 0x2029:
                out.append(multiline ? "\n" : " ")
                i += 1
            case 0..<0x20, 0x7F...0x9F:
                i += 1
            default:
                if !isBidiControl(v) { out.append(s) }
                i += 1
            }
        }
        return sequencesOnly ? String(out) : trimmed(String(out))
    }

    /// UTF-8 bytes without terminal escape sequences (whose parameters may hold `;` and `,`, so they
    /// must go before a value is split into its parts); nil when there are none.
    static func withoutEscapeSequences(_ bytes: [UInt8]) -> [UInt8]? {
        guard hasEscapeSequence(bytes.span) else { return nil }
        return Array(clean(String(decoding: bytes, as: UTF8.self), sequencesOnly: true).utf8)
    }

    /// Whether the UTF-8 bytes hold the start of an escape sequence: ESC, or a C1 introducer
    /// (U+0090 DCS, U+0098 SOS, U+009B CSI, U+009D OSC, U+009E PM, U+009F APC).
    static func hasEscapeSequence(_ p: Span<UInt8>) -> Bool {
        if p.contains(0x1B) { return true }
        var i = 0
        while i < p.count, let lead = p.firstIndex(of: 0xC2, from: i) {
            i = lead + 1
            if i < p.count {
                switch p[i] {
                case 0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F: return true
                default: break
                }
            }
        }
        return false
    }

    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let f = scalars.first, let l = scalars.last else { return s }
        if !f.properties.isWhitespace && !l.properties.isWhitespace { return s }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, scalars[lo].properties.isWhitespace { lo = scalars.index(after: lo) }
        while hi > lo, scalars[scalars.index(before: hi)].properties.isWhitespace { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }

    // MARK: - Matching keys

    /// A name or organisation folded for matching: case, accents and spacing do not count. The
    /// same folding as `SearchText.fold`, done one character at a time with a table for the
    /// alphabets names are mostly written in, so that 100,000 names fold in milliseconds.
    static func foldKey(_ text: String) -> String {
        var out: [UInt8] = []
        fold(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `foldKey(text)` to `out` (which a key of several parts is made in).
    static func fold(_ text: String, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + text.utf8.count)
        let start = out.count
        var space = false
        func emit(_ b: UInt8) {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                space = out.count > start
                return
            }
            if space { out.append(0x20); space = false }
            out.append(lower(b))
        }
        // ASCII, read where it is (the most common text).
        let ascii = text.utf8.withContiguousStorageIfAvailable { u -> Bool in
            var high: UInt8 = 0
            for b in u { high |= b }
            guard high < 0x80 else { return false }
            for b in u { emit(b) }
            return true
        }
        if ascii == true { return }
        let table = foldTable
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v < 0x80 {
                emit(UInt8(v))
            } else if v < table.count {
                for b in table[v] { emit(b) }
            } else if (0x3000...0x9FFF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || v >= 0x20000 {
                // CJK, kana and Hangul have no case and no accents to drop: as written.
                for b in UTF8.encode(scalar)! { emit(b) }
            } else {
                for b in SearchText.fold(String(scalar)).utf8 { emit(b) }
            }
        }
    }

    /// `SearchText.fold` of each character below U+2000 (Latin, Greek, Cyrillic, Vietnamese, …),
    /// as UTF-8; combining accents fold to nothing. Made from `foldExceptions` (FoldTable.swift).
    static let foldTable: [[UInt8]] = {
        var table = (0..<0x2000).map { v in Unicode.Scalar(UInt32(v)).map { Array(String($0).utf8) } ?? [] }
        for entry in foldExceptions.split(whereSeparator: \.isWhitespace) {
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let v = Int(parts[0], radix: 16), v < table.count else { continue }
            let fold = parts[1].split(separator: ",").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
            table[v] = Array(String(String.UnicodeScalarView(fold)).utf8)
        }
        return table
    }()

    /// An e-mail address as a matching key: lower-cased.
    static func emailKey(_ email: String) -> String {
        var email = email
        email.makeContiguousUTF8()
        let u = email.utf8.span
        // One pass: any byte beyond ASCII (then Unicode lower-casing), else any upper-case letter.
        var upper = false
        for k in 0..<u.count {
            let b = u[k]
            if b >= 0x80 { return email.lowercased() }
            if b >= 0x41 && b <= 0x5A { upper = true }
        }
        guard upper else { return email }
        return ByteStrings.string(count: u.count) { lower(u[$0]) }
    }

    /// A phone number as a matching key: its digits, and a leading +.
    static func phoneKey(_ phone: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(phone.utf8.count)
        for b in phone.utf8 where (b >= 0x30 && b <= 0x39) || (b == UInt8(ascii: "+") && out.isEmpty) { out.append(b) }
        return out.isEmpty ? phone : String(decoding: out, as: UTF8.self)
    }

    /// Whether `s` starts with the ASCII `prefix`, ignoring ASCII case.
    static func hasPrefixIgnoringCase(_ s: String, _ prefix: StaticString) -> Bool {
        var i = 0
        for b in s.utf8 {
            if i == prefix.utf8CodeUnitCount { return true }
            if lower(b) != prefix[byte: i] { return false }
            i += 1
        }
        return i == prefix.utf8CodeUnitCount
    }

    /// A LinkedIn profile address as a source key: `linkedin:www.linkedin.com/in/slug`, lower case,
    /// without scheme, query or trailing slash. Nil when it is not a LinkedIn profile.
    static func linkedInSourceKey(_ url: String) -> String? {
        var url = url
        url.makeContiguousUTF8()
        let u = url.utf8.span
        // Compares ASCII lower case `text` with `u[at...]`, ignoring case.
        func has(_ text: StaticString, at: Int) -> Bool {
            let n = text.utf8CodeUnitCount
            guard at >= 0, at + n <= u.count else { return false }
            for k in 0..<n where lower(u[at + k]) != text[byte: k] { return false }
            return true
        }
        let start = has("https://", at: 0) ? 8 : has("http://", at: 0) ? 7 : 0
        var end = min(u.firstIndex(of: UInt8(ascii: "?"), from: start) ?? u.count, u.firstIndex(of: UInt8(ascii: "#"), from: start) ?? u.count)
        while end > start, u[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard let slash = u.firstIndex(of: UInt8(ascii: "/"), from: start, to: end) else { return nil }
        let domain: StaticString = "linkedin.com"
        let hostLength = slash - start, domainLength = domain.utf8CodeUnitCount
        guard has(domain, at: slash - domainLength),
              hostLength == domainLength || (hostLength > domainLength && u[slash - domainLength - 1] == UInt8(ascii: ".")),
              has("/in/", at: slash), end - slash > 4 else { return nil }
        let prefix: StaticString = "linkedin:www.linkedin.com"
        let n = prefix.utf8CodeUnitCount
        return ByteStrings.string(count: n + end - slash) { k in k < n ? prefix[byte: k] : lower(u[slash + k - n]) }
    }

    /// `a + b + c` made in one allocation (`+` takes several, one text at a time).
    static func concat(_ a: String, _ b: String, _ c: String = "") -> String { ByteStrings.concat(a, b, c) }

    /// The byte with ASCII upper case made lower case.
    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
}
