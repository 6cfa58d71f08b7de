import NetModel
import NetStore
import Plumbing

/// Reads vCard 2.1, 3.0 and 4.0 as real programs write them: folded lines, CRLF or LF, a byte-order
/// mark, `CHARSET=` and quoted-printable values with soft line breaks (2.1), bare 2.1 parameters,
/// grouped properties (`item1.EMAIL`), backslash escapes, several cards in one file, embedded photos
/// (skipped). It works on bytes, without regular expressions, so large address books read fast.
public enum VCard {
    /// Parses a whole file. Structural problems (a card never closed, an invalid byte, an over-long
    /// line, no card at all) are errors naming the line; a card without any name is returned with a
    /// `skipReason`.
    public static func parse(_ raw: [UInt8], path: String) throws(ImportError) -> [ImportedContact] {
        let bytes = try ImportText.prepare(raw, path: path, expecting: "a vCard file")
        if let cards = inPieces(bytes, path: path) { return cards }
        var reader = VCardReader(bytes, path: path)
        return try reader.run()
    }

    /// A file smaller than this is read in one piece.
    static let piecesFrom = 4 << 20

    /// A large file read in pieces (`pieces`), one per core at once. Nil when the pieces might not
    /// read exactly as the whole does (see `readPiece`): the whole is then read, and reports any
    /// error as always. (`minimumBytes`: a smaller file is read in one piece.)
    static func inPieces(_ p: [UInt8], path: String, count: Int = Cores.count,
                         minimumBytes: Int = piecesFrom) -> [ImportedContact]? {
        guard let pieces = pieces(p, count: count, minimumBytes: minimumBytes) else { return nil }
        let read = inParallel(pieces.count) { readPiece(p, pieces[$0], path: path) }
        var cards: [ImportedContact] = []
        var lines = 0
        for piece in read {
            guard var piece else { return nil }
            // Each piece counted its lines from its own start.
            for i in piece.cards.indices { piece.cards[i].line += lines }
            cards += piece.cards
            lines += piece.lines
        }
        return cards
    }

    /// Where to cut a file into about `count` pieces to read at once: where a card begins
    /// (`splitPoint`) past each `count`th of it. Nil for a file smaller than `minimumBytes`, or
    /// with no such place.
    static func pieces(_ p: [UInt8], count: Int, minimumBytes: Int) -> [Range<Int>]? {
        guard p.count >= minimumBytes, count > 1 else { return nil }
        var cuts = [0]
        for k in 1..<count {
            guard let cut = splitPoint(p, from: max(cuts.last! + 1, p.count * k / count)) else { break }
            cuts.append(cut)
        }
        guard cuts.count > 1 else { return nil }
        return zip(cuts, cuts.dropFirst() + [p.count]).map { $0..<$1 }
    }

    /// Reads a piece of a file: its cards (lines counted from its start) and its number of lines.
    /// Nil when it might not read as it does in the whole file: an error in it, or a card still
    /// open at its end.
    static func readPiece(_ p: [UInt8], _ piece: Range<Int>, path: String) -> (cards: [ImportedContact], lines: Int)? {
        var reader = VCardReader(p, piece, path: path)
        guard let cards = try? reader.readCards(), !reader.inCard else { return nil }
        return (cards, reader.lineNo)
    }

    /// Where a piece may start: a line `BEGIN:VCARD` at or past `from` whose line before does not end
    /// in `=` (which could be a quoted-printable soft break joining the two).
    static func splitPoint(_ bytes: [UInt8], from: Int) -> Int? {
        let begin = Array("\nBEGIN:VCARD".utf8)
        let p = bytes.span
        var at = from
        while at <= p.count, let hit = p.firstIndex(of: begin, from: at) {
            let start = hit + 1, after = start + begin.count - 1
            var end = hit
            if end > 0, p[end - 1] == 0x0D { end -= 1 }
            let lineEnds = after < p.count && (p[after] == 0x0D || p[after] == 0x0A)
            if lineEnds, end > 0, p[end - 1] != UInt8(ascii: "=") { return start }
            at = start
        }
        return nil
    }
}

/// The properties the import reads.
enum VCardProperty {
    case begin, end, fn, n, nickname, org, title, role, email, tel, url, note, categories, uid, bday, kind, abShowAs, rev, binary
    case nettuiID, kinds, competences, needs, importanceNow, importanceFuture, stage, chemistry, owner, created, sourceKey
    case criterion, ratingChange, extra, other

    static let named: [String: VCardProperty] = [
        "BEGIN": .begin, "END": .end, "FN": .fn, "N": .n, "NICKNAME": .nickname, "ORG": .org, "TITLE": .title, "ROLE": .role,
        "EMAIL": .email, "TEL": .tel, "URL": .url, "NOTE": .note, "CATEGORIES": .categories, "UID": .uid, "BDAY": .bday,
        "KIND": .kind, "X-ABSHOWAS": .abShowAs, "REV": .rev, "PHOTO": .binary, "LOGO": .binary, "SOUND": .binary, "KEY": .binary,
        "X-NETTUI-ID": .nettuiID, "X-NETTUI-KINDS": .kinds, "X-NETTUI-COMPETENCES": .competences, "X-NETTUI-NEEDS": .needs,
        "X-NETTUI-IMPORTANCE-NOW": .importanceNow, "X-NETTUI-IMPORTANCE-FUTURE": .importanceFuture, "X-NETTUI-STAGE": .stage,
        "X-NETTUI-CHEMISTRY": .chemistry, "X-NETTUI-OWNER": .owner, "X-NETTUI-CREATED": .created,
        "X-NETTUI-SOURCE-KEY": .sourceKey, "X-NETTUI-CRITERION": .criterion, "X-NETTUI-RATING-CHANGE": .ratingChange,
        "X-NETTUI-EXTRA": .extra,
    ]

    /// `named` by the length of the name, as bytes: a line's name is looked up without making a `String`.
    private static let byLength: [[(name: [UInt8], word: UInt64, property: VCardProperty)]] = {
        var table = [[(name: [UInt8], word: UInt64, property: VCardProperty)]](repeating: [], count: named.keys.map(\.utf8.count).max()! + 1)
        for (name, property) in named {
            let bytes = Array(name.utf8)
            table[bytes.count].append((bytes, bytes.count <= 8 ? word(bytes.span) : 0, property))
        }
        return table
    }()

    /// A name of at most eight bytes as one number, upper-cased: compared with the table's in one go.
    @inline(__always)
    private static func word(_ bytes: Span<UInt8>) -> UInt64 {
        var w: UInt64 = 0, shift: UInt64 = 0
        for k in 0..<bytes.count {
            w |= UInt64(VCardReader.upper(bytes[k])) << shift
            shift += 8
        }
        return w
    }

    /// The property named by these bytes, in any ASCII case; `.other` for any other name.
    static func named(_ bytes: Span<UInt8>) -> VCardProperty {
        guard bytes.count < byLength.count, !bytes.isEmpty else { return .other }
        let candidates = byLength[bytes.count]
        // Most names are short: in any case, one number each.
        if bytes.count <= 8 {
            let w = word(bytes)
            for entry in candidates where entry.word == w { return entry.property }
            return .other
        }
        // Most files write names in upper case: compared as they are first.
        for entry in candidates where bytes.equals(entry.name) { return entry.property }
        var lower = false
        for k in 0..<bytes.count where bytes[k] >= 0x61 && bytes[k] <= 0x7A { lower = true }
        guard lower else { return .other }
        for entry in candidates {
            var k = 0
            while k < bytes.count, VCardReader.upper(bytes[k]) == entry.name[k] { k += 1 }
            if k == bytes.count { return entry.property }
        }
        return .other
    }
}

/// One parameter set of a property line.
struct VCardParams {
    var encoding: String?
    var charset: String?
    var valueType: String?
}

struct VCardReader {
    /// The file's bytes; the reader reads `pos..<end` of them (a piece of the file, or all of it).
    let p: [UInt8]
    let end: Int
    let path: String
    var pos: Int
    var lineNo = 0
    /// The physical line read ahead (to see whether it continues the current one).
    var pending: (range: Range<Int>, line: Int)?
    /// The current logical line when it had to be joined from several physical ones (folded, or
    /// quoted-printable soft breaks); a line of one physical line is read where it is, in `p`.
    var buf: [UInt8] = []
    /// The current value, when decoding changed it (quoted-printable, a single-byte charset,
    /// escape sequences removed); a value that is valid UTF-8 as written is read where it is.
    var scratch: [UInt8] = []
    var bufLine = 0

    // The card being read.
    var card = CardBuilder(line: 0)
    var inCard = false
    var cards: [ImportedContact] = []
    var sawBegin = false
    /// The previous property was base64 data in 2.1 style, whose continuation lines may lack a leading space.
    var inBinary = false

    init(_ p: [UInt8], _ range: Range<Int>? = nil, path: String) {
        self.p = p
        (pos, end) = range.map { ($0.lowerBound, $0.upperBound) } ?? (0, p.count)
        self.path = path
    }

    func error(_ line: Int, _ message: String) -> ImportError { ImportError(path: path, line: line, message) }

    // MARK: - Lines

    /// The next physical line of `p` (whose view is `bytes`) without its line break; nil at the end.
    mutating func nextPhysical(_ bytes: Span<UInt8>) -> (range: Range<Int>, line: Int)? {
        if let pending {
            self.pending = nil
            return pending
        }
        guard pos < end else { return nil }
        let start = pos
        let newline = bytes.firstIndex(of: 0x0A, from: start, to: end) ?? end
        pos = newline < end ? newline + 1 : newline
        lineNo += 1
        var stop = newline
        if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
        return (start..<stop, lineNo)
    }

    /// Whether a line of `count` bytes is too long to be read, and the error that says so. Checked
    /// where it is used (a call of a non-mutating method from a mutating one copies the reader).
    static func tooLong(_ count: Int) -> Bool { count > ImportText.maxBinaryLineBytes }
    func lineTooLong() -> ImportError {
        error(bufLine, "a line longer than \(ImportText.maxBinaryLineBytes >> 20) MB: this is not a usable vCard")
    }

    /// A logical line: where it is in `p`, or joined in `buf`.
    enum Logical {
        case inSource(Range<Int>)
        case joined
    }

    /// The next logical line: folded continuation lines (starting with a space or tab) are joined,
    /// and so are quoted-printable soft line breaks (a line ending in `=`).
    mutating func nextLogical(_ bytes: Span<UInt8>) throws(ImportError) -> Logical? {
        guard let first = nextPhysical(bytes) else { return nil }
        bufLine = first.line
        if Self.tooLong(first.range.count) { throw lineTooLong() }
        // Only a line ending in `=` may go on at a soft break, and only a quoted-printable one.
        var qp: Bool?
        var joined = false
        while true {
            let last = joined ? buf.last : first.range.isEmpty ? nil : bytes[first.range.upperBound - 1]
            if last == UInt8(ascii: "=") {
                if qp == nil { qp = isQuotedPrintable(bytes.extracting(first.range)) }
                if qp == true {
                    guard let next = nextPhysical(bytes) else { break }
                    try join(bytes, first.range, next.range, droppingLast: true, joined: &joined)
                    continue
                }
            }
            guard let next = nextPhysical(bytes) else { break }
            if !next.range.isEmpty, bytes[next.range.lowerBound] == 0x20 || bytes[next.range.lowerBound] == 0x09 {
                try join(bytes, first.range, next.range.lowerBound + 1..<next.range.upperBound, droppingLast: false, joined: &joined)
                continue
            }
            pending = next
            break
        }
        return joined ? .joined : .inSource(first.range)
    }

    /// Appends `p[range]` to the logical line that starts at `p[first]`, which is moved into `buf`
    /// first (`joined` says whether it is there yet). A method, not a function nested in
    /// `nextLogical`: capturing the reader, that made a copy of it for every line.
    mutating func join(_ bytes: Span<UInt8>, _ first: Range<Int>, _ range: Range<Int>, droppingLast: Bool, joined: inout Bool) throws(ImportError) {
        if !joined {
            buf.removeAll(keepingCapacity: true)
            buf.append(bytes.extracting(first))
            joined = true
        }
        if droppingLast { buf.removeLast() }
        if Self.tooLong(buf.count + range.count) { throw lineTooLong() }
        buf.append(bytes.extracting(range))
    }

    /// Whether the line's parameters mention QUOTED-PRINTABLE.
    func isQuotedPrintable(_ b: Span<UInt8>) -> Bool {
        // Only a line with parameters can be quoted-printable: NAME;…QUOTED-PRINTABLE…:value.
        var semicolon = 0
        while semicolon < b.count, b[semicolon] != UInt8(ascii: ";") {
            if b[semicolon] == UInt8(ascii: ":") { return false }
            semicolon += 1
        }
        let needle: StaticString = "QUOTED-PRINTABLE"
        let n = needle.utf8CodeUnitCount
        var i = semicolon + 1
        while i + n <= b.count, b[i] != UInt8(ascii: ":") {
            var k = 0
            while k < n, b[i + k] & 0xDF == needle[byte: k] & 0xDF { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }

    // MARK: - Cards

    mutating func run() throws(ImportError) -> [ImportedContact] {
        let cards = try readCards()
        if inCard {
            throw error(card.line, "the card that starts here has no END:VCARD (the file may be cut short)")
        }
        if !sawBegin {
            throw ImportError(path: path, "no BEGIN:VCARD found: this is not a vCard file")
        }
        return cards
    }

    /// Every line of the file handled; the cards read (without `run`'s checks of the end).
    mutating func readCards() throws(ImportError) -> [ImportedContact] {
        // `p` viewed through a reference of its own: a view of the reader's would keep the reader
        // from changing while it is read. (Made once, not per line: each copy counts a reference
        // that the pieces read on other cores share.)
        let source = p, bytes = source.span
        while let logical = try nextLogical(bytes) {
            switch logical {
            case .inSource(let range):
                try handleLine(bytes.extracting(range))
            case .joined:
                // Read through a reference of its own: `buf` is not changed meanwhile.
                let joined = buf
                try handleLine(joined.span)
            }
        }
        return cards
    }

    static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    mutating func handleLine(_ l: Span<UInt8>) throws(ImportError) {
        let n = l.count
        if n == 0 || ((l[0] == 0x20 || l[0] == 0x09) && Self.allBlank(l)) {
            inBinary = false
            return
        }
        // NAME (with an optional group), up to ';' or ':'.
        var i = 0
        var dot = -1
        while i < n, l[i] != UInt8(ascii: ";"), l[i] != UInt8(ascii: ":") {
            if l[i] == UInt8(ascii: ".") { dot = i }
            i += 1
        }
        guard i < n else {
            if inBinary || !inCard { return }  // base64 continuation, or stray text between cards
            throw error(bufLine, "not a vCard property (expected NAME:value): \(Self.preview(l))")
        }
        inBinary = false
        let name = (dot + 1)..<i
        let prop = VCardProperty.named(l.extracting(name))
        if prop == .other, !inCard { return }
        // Parameters, up to the ':' outside double quotes.
        var params = VCardParams()
        if l[i] == UInt8(ascii: ";") {
            i += 1
            var start = i
            var quoted = false
            while i < n {
                let b = l[i]
                if b == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted, b == UInt8(ascii: ";") || b == UInt8(ascii: ":") {
                    Self.parseParam(l, start..<i, into: &params)
                    start = i + 1
                    if b == UInt8(ascii: ":") { break }
                }
                i += 1
            }
            guard i < n else { throw error(bufLine, "the \(Self.name(l, name)) line has no ':' after its parameters") }
        }
        try handle(l, name: name, prop: prop, params: params, value: (i + 1)..<n)
    }

    /// Whether the line is only spaces and tabs.
    static func allBlank(_ l: Span<UInt8>) -> Bool {
        for k in 0..<l.count where l[k] != 0x20 && l[k] != 0x09 { return false }
        return true
    }

    static func preview(_ l: Span<UInt8>) -> String {
        let text = l.string(0..<min(40, l.count))
        return "\"" + ImportText.clean(text) + (l.count > 40 ? "…" : "") + "\""
    }

    /// Upper-cased ASCII text of `l[range]` without surrounding spaces and double quotes.
    static func upperText(_ l: Span<UInt8>, _ range: Range<Int>) -> String {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, l[lo] == 0x20 || l[lo] == 0x09 || l[lo] == 0x22 { lo += 1 }
        while hi > lo, l[hi - 1] == 0x20 || l[hi - 1] == 0x09 || l[hi - 1] == 0x22 { hi -= 1 }
        return ByteStrings.string(count: hi - lo) { upper(l[lo + $0]) }
    }

    /// Whether `l[range]` (spaces and quotes around it ignored) is `word`, ignoring ASCII case.
    static func equals(_ l: Span<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, l[lo] == 0x20 || l[lo] == 0x09 || l[lo] == 0x22 { lo += 1 }
        while hi > lo, l[hi - 1] == 0x20 || l[hi - 1] == 0x09 || l[hi - 1] == 0x22 { hi -= 1 }
        guard hi - lo == word.utf8CodeUnitCount else { return false }
        for k in 0..<(hi - lo) where upper(l[lo + k]) != word[byte: k] { return false }
        return true
    }

    /// Reads one parameter. Only ENCODING, CHARSET and VALUE matter to the import (types such as
    /// TYPE=WORK are not kept); 2.1's bare `QUOTED-PRINTABLE` / `BASE64` are encodings.
    static func parseParam(_ l: Span<UInt8>, _ range: Range<Int>, into params: inout VCardParams) {
        guard !range.isEmpty else { return }
        guard let eq = l.firstIndex(of: UInt8(ascii: "="), from: range.lowerBound, to: range.upperBound) else {
            if equals(l, range, "QUOTED-PRINTABLE") || equals(l, range, "BASE64") || equals(l, range, "B") {
                params.encoding = upperText(l, range)
            }
            return
        }
        let key = range.lowerBound..<eq, value = (eq + 1)..<range.upperBound
        if equals(l, key, "ENCODING") {
            params.encoding = upperText(l, value)
        } else if equals(l, key, "CHARSET") {
            params.charset = upperText(l, value)
        } else if equals(l, key, "VALUE") {
            params.valueType = upperText(l, value)
        }
    }

    /// The name of a property, upper-cased (for messages).
    static func name(_ l: Span<UInt8>, _ range: Range<Int>) -> String { upperText(l, range) }

    /// Handles a property line `l`; `name` is where its name is in it, `value` its value.
    mutating func handle(_ l: Span<UInt8>, name: Range<Int>, prop: VCardProperty, params: VCardParams,
                         value: Range<Int>) throws(ImportError) {
        let isBase64 = params.encoding == "B" || params.encoding == "BASE64"
        if prop == .binary || isBase64 {
            // Embedded data is not kept; 2.1 base64 may continue on lines without a leading space.
            inBinary = isBase64
            return
        }
        if value.count > ImportText.maxValueBytes {
            throw error(bufLine, "the \(Self.name(l, name)) value is \(Self.megabytes(value.count)) long; the limit is 1 MB")
        }
        switch prop {
        case .begin:
            guard Self.equals(l, value, "VCARD") else { return }
            if inCard {
                throw error(bufLine, "BEGIN:VCARD inside the card that starts on line \(card.line), which has no END:VCARD")
            }
            sawBegin = true
            inCard = true
            card = CardBuilder(line: bufLine)
        case .end:
            guard Self.equals(l, value, "VCARD") else { return }
            guard inCard else { throw error(bufLine, "END:VCARD without a BEGIN:VCARD before it") }
            cards.append(card.build())
            inCard = false
        default:
            guard inCard else { return }  // text between cards is ignored
            if let asWritten = try decode(l, value, params: params, name: name) {
                card.add(prop, value: l.extracting(asWritten.range), plain: asWritten.plain)
            } else {
                let decoded = scratch
                card.add(prop, value: decoded.span, plain: false)
            }
        }
    }

    static func megabytes(_ n: Int) -> String {
        let tenths = (n * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// The value `l[value]` as UTF-8: quoted-printable decoded, a declared single-byte charset
    /// converted, anything else checked to be valid UTF-8; escape sequences removed. Returns where
    /// it is in `l` when it is as written, and whether it is plain (`ImportText.plainASCII`), else
    /// nil with it in `scratch`.
    mutating func decode(_ l: Span<UInt8>, _ value: Range<Int>, params: VCardParams,
                         name: Range<Int>) throws(ImportError) -> (range: Range<Int>, plain: Bool)? {
        let raw = l.extracting(value)
        let qp = params.encoding == "QUOTED-PRINTABLE"
        switch params.charset ?? "UTF-8" {
        case "UTF-8", "UTF8", "US-ASCII", "ASCII":
            if !qp {
                // Most values: one look says there is nothing to check further.
                if ImportText.plainASCII(raw) { return (value, true) }
                if let bad = ImportText.invalidUTF8(raw, 0..<raw.count) { throw notUTF8(raw, at: bad, l, name) }
                guard ImportText.hasEscapeSequence(raw) else { return (value, false) }
                scratch = raw.array
            } else {
                scratch = Self.quotedPrintable(raw)
                if let bad = ImportText.invalidUTF8(scratch) { throw notUTF8(scratch.span, at: bad, l, name) }
            }
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "LATIN-1", "ISO-8859-15", "WINDOWS-1252", "CP1252":
            if qp {
                let decoded = Self.quotedPrintable(raw)
                scratch = ImportText.latin1ToUTF8(decoded.span)
            } else {
                scratch = ImportText.latin1ToUTF8(raw)
            }
        case let other:
            throw error(bufLine, "CHARSET=\(ImportText.clean(other)) is not supported (UTF-8 and ISO-8859-1/Windows-1252 are); save the file as UTF-8")
        }
        if let stripped = ImportText.withoutEscapeSequences(scratch) { scratch = stripped }
        return nil
    }

    /// The error for value `b`, whose byte `bad` is not valid UTF-8, of the property named `l[name]`.
    func notUTF8(_ b: Span<UInt8>, at bad: Int, _ l: Span<UInt8>, _ name: Range<Int>) -> ImportError {
        error(bufLine, "the \(Self.name(l, name)) value is not valid UTF-8 (byte 0x\(String(b[bad], radix: 16, uppercase: true)) at position \(bad + 1)); "
            + "save the file as UTF-8, or declare its charset (CHARSET=ISO-8859-1)")
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    static func quotedPrintable(_ bytes: Span<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "="), i + 2 < bytes.count, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}

/// Collects one card's properties and turns them into an `ImportedContact` at END:VCARD.
struct CardBuilder {
    let line: Int
    var contact: ImportedContact
    var fn = ""
    /// The first N value, split only when the card has no FN (most have).
    var n: [UInt8]?
    var nickname = ""
    var title = ""
    var roleProp = ""
    var uid = ""
    var rev: Timestamp?
    var explicitKeys: [String] = []
    var notes: [String] = []

    init(line: Int) {
        self.line = line
        contact = ImportedContact(line: line)
    }

    /// Splits a value at unescaped `separator`s (nil: do not split) and resolves the escapes
    /// `\\ \, \; \: \n \N`; other backslashes are kept as written.
    /// `plain`: the value is `ImportText.plainASCII`.
    static func components(_ p: Span<UInt8>, _ separator: UInt8?, multiline: Bool = false, plain: Bool = false) -> [String] {
        var parts: [String] = []
        if separator != nil { parts.reserveCapacity(4) }
        // Each part is made from its bytes as they are unless it holds an escape.
        var start = 0, escaped = false, i = 0
        func part(to end: Int) {
            parts.append(escaped ? ImportText.string(unescaped(p, start..<end), multiline: multiline)
                                 : ImportText.string(p, start..<end, multiline: multiline, plain: plain))
        }
        while i < p.count {
            if p[i] == UInt8(ascii: "\\"), i + 1 < p.count {
                escaped = true
                i += 2
                continue
            }
            if p[i] == separator {
                part(to: i)
                (start, escaped) = (i + 1, false)
            }
            i += 1
        }
        part(to: p.count)
        return parts
    }

    /// `p[range]` with its escapes resolved (see `components`).
    static func unescaped(_ p: Span<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = p[i]
            if b == UInt8(ascii: "\\"), i + 1 < range.upperBound {
                let c = p[i + 1]
                switch c {
                case UInt8(ascii: "n"), UInt8(ascii: "N"): out.append(0x0A)
                case UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): out.append(c)
                default: out.append(b); out.append(c)
                }
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func text(_ v: Span<UInt8>, multiline: Bool = false, plain: Bool = false) -> String {
        // Without escapes the value is the text (and no array is made for its one part).
        guard !plain, v.contains(UInt8(ascii: "\\")) else {
            return ImportText.string(v, 0..<v.count, multiline: multiline, plain: plain)
        }
        return components(v, nil, multiline: multiline)[0]
    }
    static func list(_ v: Span<UInt8>, plain: Bool = false) -> [String] {
        var items = components(v, UInt8(ascii: ","), plain: plain)
        items.removeAll(where: \.isEmpty)
        return items
    }

    /// Adds a property's value `v`; `plain` when it is `ImportText.plainASCII`.
    mutating func add(_ prop: VCardProperty, value v: Span<UInt8>, plain: Bool) {
        func text(multiline: Bool = false) -> String { Self.text(v, multiline: multiline, plain: plain) }
        func list() -> [String] { Self.list(v, plain: plain) }
        func components(_ separator: UInt8) -> [String] { Self.components(v, separator, plain: plain) }
        switch prop {
        case .fn: if fn.isEmpty { fn = text() }
        case .n: if n == nil { n = v.array }
        case .nickname: if nickname.isEmpty { nickname = list().first ?? "" }
        case .org:
            guard contact.organization.isEmpty else { return }
            let parts = components(UInt8(ascii: ";"))
            contact.organization = parts[0]
            contact.organizationUnits = parts.dropFirst().filter { !$0.isEmpty }
        case .title: if title.isEmpty { title = text() }
        case .role: if roleProp.isEmpty { roleProp = text() }
        case .email:
            var e = text()
            if ImportText.hasPrefixIgnoringCase(e, "mailto:") { e = ImportText.trimmed(String(e.dropFirst(7))) }
            // Each address once, in any case; the first has none to be compared with (and room for
            // a second: a list grown from one to two is allocated twice).
            if !e.isEmpty, contact.emails.isEmpty || !contact.emails.contains(where: { [key = ImportText.emailKey(e)] in ImportText.emailKey($0) == key }) {
                if contact.emails.isEmpty { contact.emails.reserveCapacity(2) }
                contact.emails.append(e)
            }
        case .tel:
            var t = text()
            if ImportText.hasPrefixIgnoringCase(t, "tel:") { t = ImportText.trimmed(String(t.dropFirst(4))) }
            if !t.isEmpty, !contact.phones.contains(t) {
                if contact.phones.isEmpty { contact.phones.reserveCapacity(2) }
                contact.phones.append(t)
            }
        case .url:
            let u = text()
            if !u.isEmpty, !contact.urls.contains(u) { contact.urls.append(u) }
        case .note:
            let t = text(multiline: true)
            if !t.isEmpty { notes.append(t) }
        case .categories:
            let items = list()
            contact.tags.reserveCapacity(contact.tags.count + items.count)
            for t in items where !contact.tags.contains(t) { contact.tags.append(t) }
        case .uid: if uid.isEmpty { uid = text() }
        case .bday: if contact.birthday.isEmpty { contact.birthday = Self.birthday(text()) }
        case .kind: if text().lowercased().hasPrefix("org") { contact.isOrganization = true }
        case .abShowAs: if text().uppercased() == "COMPANY" { contact.isOrganization = true }
        case .rev: rev = Self.timestamp(text())
        case .nettuiID: contact.id = text()
        case .kinds: contact.kinds = list().compactMap { ContactKind(rawValue: $0.lowercased()) }
        case .competences: contact.competences = list()
        case .needs: contact.needs = list()
        case .importanceNow: contact.importanceNow = Self.rating(text())
        case .importanceFuture: contact.importanceFuture = Self.rating(text())
        case .stage: contact.stage = Stage(rawValue: text().lowercased())
        case .chemistry: contact.chemistry = Self.rating(text())
        case .owner: contact.owner = text()
        case .created: contact.created = Self.isoTimestamp(text())
        case .sourceKey:
            let k = text()
            if !k.isEmpty { explicitKeys.append(k) }
        case .criterion:
            let parts = components(UInt8(ascii: ";"))
            if parts.count >= 2, let r = Self.rating(parts[0]), !parts[1].isEmpty { contact.criteria[parts[1]] = r }
        case .ratingChange:
            let parts = components(UInt8(ascii: ";"))
            guard parts.count >= 5, let d = Day(iso: parts[0]), let a = Self.rating(parts[1]), let b = Self.rating(parts[2]),
                  let c = Self.rating(parts[3]), let e = Self.rating(parts[4]) else { return }
            var change = RatingChange(date: d, fromNow: a, fromFuture: b, toNow: c, toFuture: e)
            if parts.count >= 6, case .object(let o)? = try? JSONParser.parse(Array(parts[5].utf8)) { change.extra = o }
            contact.ratingHistory.append(change)
        case .extra:
            // key;JSON — JSON text is not cleaned: escapes in it are data, decoded by the JSON parser.
            guard let semi = Self.unescapedSemicolon(v) else { return }
            let key = JSONKey(Self.text(v.extracting(..<semi)))
            let json = Self.unescapeRaw(v.extracting((semi + 1)...))
            if !key.text.isEmpty, !ContactJSON.coreKeys.contains(key), let value = try? JSONParser.parse(json) {
                contact.extra[key] = Self.cleanJSON(value)
            }
        default: break
        }
    }

    /// A rating as our export writes it ("0", "0.1", "1", "10"), else as a person might type it.
    static func rating(_ text: String) -> Rating? {
        switch text {
        case "0": return .zero
        case "0.1": return .tenth
        case "1": return .one
        case "10": return .ten
        default: return Rating(text: text)
        }
    }

    static func unescapedSemicolon(_ v: Span<UInt8>) -> Int? {
        var i = 0
        while i < v.count {
            if v[i] == UInt8(ascii: "\\") { i += 2; continue }
            if v[i] == UInt8(ascii: ";") { return i }
            i += 1
        }
        return nil
    }

    static func unescapeRaw(_ v: Span<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < v.count {
            if v[i] == UInt8(ascii: "\\"), i + 1 < v.count {
                let c = v[i + 1]
                out.append(c == UInt8(ascii: "n") || c == UInt8(ascii: "N") ? 0x0A : c)
                i += 2
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    /// Strings inside imported JSON values are cleaned like any other text.
    static func cleanJSON(_ v: JSON) -> JSON {
        switch v {
        case .string(let s): return .string(ImportText.clean(s, multiline: true))
        case .array(let a): return .array(a.map(cleanJSON))
        case .object(let o): return .object(Dictionary(o.map { (JSONKey(ImportText.clean($0.key.text)), cleanJSON($0.value)) }) { first, _ in first })
        default: return v
        }
    }

    /// `1985-04-12`, `19850412`, `--0412`, `--04-12`, or a timestamp → `YYYY-MM-DD` / `--MM-DD`;
    /// anything else is kept as written.
    static func birthday(_ text: String) -> String {
        let t = text.trimmingWhitespace
        if let d = Day(iso: t) { return d.description }
        let digits = t.filter { $0 != "-" }
        let u = Array(digits.utf8)
        if u.count >= 8, u.prefix(8).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), !t.hasPrefix("--"),
           let y = Int(String(digits.prefix(4))), let m = Int(String(digits.dropFirst(4).prefix(2))), let d = Int(String(digits.dropFirst(6).prefix(2))),
           let day = Day(year: y, month: m, day: d) {
            return day.description
        }
        if t.hasPrefix("--"), u.count == 4, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           let m = Int(String(digits.prefix(2))), let d = Int(String(digits.suffix(2))), (1...12).contains(m), (1...31).contains(d) {
            return "--" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
        }
        return t
    }

    /// `REV`: ISO 8601 extended (`2024-01-02T03:04:05Z`) or basic (`20240102T030405Z`).
    static func timestamp(_ text: String) -> Timestamp? {
        var text = text
        text.makeContiguousUTF8()
        let u = text.utf8.span
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z") else { return isoTimestamp(u) }
        // Basic: read as the extended form it stands for, each digit moved to its place there.
        var extended: [UInt8] = Array("0000-00-00T00:00:00Z".utf8)
        for (from, to) in zip([0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14], [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]) {
            extended[to] = u[from]
        }
        return Timestamp(utc: extended)
    }

    /// `Timestamp(iso:)`; the form the data file writes read straight from its bytes.
    static func isoTimestamp(_ text: String) -> Timestamp? {
        var text = text
        text.makeContiguousUTF8()
        return isoTimestamp(text.utf8.span)
    }

    private static func isoTimestamp(_ u: Span<UInt8>) -> Timestamp? {
        Timestamp(utc: u) ?? Timestamp(iso: u.string)
    }

    /// The parts of an N value; each part may itself be a list ("Anna,Liisa"), whose items are
    /// joined with spaces.
    static func nameParts(_ v: [UInt8]) -> [String] {
        components(v.span, UInt8(ascii: ";")).map { $0.utf8.contains(0x2C) ? $0.split(separator: ",").joined(separator: " ") : $0 }
    }

    /// The card's record, moved out of the builder (which is then done with).
    mutating func build() -> ImportedContact {
        // Completed in place, then moved out (made in a local, it was copied once more).
        if !fn.isEmpty {
            contact.name = fn
        } else if let n, case let nameParts = Self.nameParts(n), nameParts.contains(where: { !$0.isEmpty }) {
            // N is family;given;additional;prefix;suffix.
            func part(_ i: Int) -> String { i < nameParts.count ? nameParts[i] : "" }
            contact.name = [part(3), part(1), part(2), part(0), part(4)].filter { !$0.isEmpty }.joined(separator: " ")
        } else if !contact.organization.isEmpty {
            contact.name = contact.organization
        } else if !nickname.isEmpty {
            contact.name = nickname
        } else if let e = contact.emails.first {
            contact.name = e
        } else if let t = contact.phones.first {
            contact.name = t
        } else {
            contact.skipReason = "no name: the card has no FN, N, ORG, NICKNAME, EMAIL or TEL"
        }
        contact.role = title.isEmpty ? roleProp : title
        contact.notes = notes.count == 1 ? notes[0] : notes.joined(separator: "\n")
        if contact.id != nil || !explicitKeys.isEmpty {
            // A NetTUI export: its source keys are listed as they were.
            contact.sourceKeys = explicitKeys
            contact.updated = rev
        } else {
            // Room for them all at once: a list grown from one key to two is allocated twice.
            contact.sourceKeys.reserveCapacity((uid.isEmpty ? 0 : 1) + contact.urls.count)
            if !uid.isEmpty { contact.sourceKeys.append(ImportText.concat("vcard:", uid)) }
            for u in contact.urls {
                if let k = ImportText.linkedInSourceKey(u), !contact.sourceKeys.contains(k) { contact.sourceKeys.append(k) }
            }
        }
        var c = ImportedContact(line: line)
        swap(&c, &contact)
        return c
    }
}
