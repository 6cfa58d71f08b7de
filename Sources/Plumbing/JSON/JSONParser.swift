#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict JSON parser over UTF-8 bytes. It reports the line and column of the first error,
/// refuses invalid UTF-8, duplicate keys and nesting deeper than `maxDepth`, and never recurses
/// without bound, so a hostile file gives an error rather than a crash.
public struct JSONParser {
    public static let maxDepth = 256
    /// The longest string value or key, in bytes as written (16 MiB): a longer one is refused as
    /// soon as it is seen, instead of being copied around.
    public static let maxStringBytes = 16 << 20

    /// The bytes parsed: every read is within them (`parseValue` is given a window of a file).
    private let bytes: UnsafeBufferPointer<UInt8>
    private var pos = 0
    private var depth = 0

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSON {
        try bytes.withUnsafeBufferPointer { (bytes) throws(JSONSyntaxError) -> JSON in try parse(bytes) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes: bytes)
        // A UTF-8 byte-order mark is tolerated at the very start.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.pos = 3 }
        parser.skipWhitespace()
        if parser.pos == bytes.count { throw parser.error("the file is empty") }
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.pos < bytes.count { throw parser.error("unexpected text after the end of the document") }
        return value
    }

    /// Parses the one value that starts at `start` (its first byte, not white space) of a document
    /// whose containers enclose it `depth` levels deep, with the same strictness as `parse` (the
    /// nesting limit counts from the document's top). Returns the value and the offset just after it.
    /// For the fast decoder (FastDecoder.swift), which hands the values it does not map itself here:
    /// `bytes` ends where its window does, and a value that runs on past that is not read (an error).
    package static func parseValue(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, depth: Int) throws(JSONSyntaxError) -> (value: JSON, end: Int) {
        var parser = JSONParser(bytes: bytes)
        parser.pos = start
        parser.depth = depth
        let value = try parser.parseValue()
        return (value, parser.pos)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        let end = min(offset ?? pos, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where bytes[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes. A byte-order mark
        // before the first line is not a character of it.
        if lineStart == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = min(3, end) }
        var column = 1
        for i in lineStart..<end where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return JSONSyntaxError(message: message, line: line, column: column)
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x0A, 0x0D, 0x09: pos += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSON {
        guard pos < bytes.count else { throw error("unexpected end of file") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(describe(bytes[pos]))")
        }
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "(byte 0x\(String(byte, radix: 16, uppercase: true)))"
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard pos + w.count <= bytes.count, bytes[pos..<(pos + w.count)].elementsEqual(w) else {
            throw error("invalid literal (expected \(word))")
        }
        pos += w.count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSON {
        try enter()
        pos += 1
        var object: [JSONKey: JSON] = [:]
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard pos < bytes.count else { throw error("unexpected end of file inside an object") }
            guard bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
            let keyStart = pos
            // Keys are byte strings: two spellings of one text (NFC and NFD) are two keys.
            let key = JSONKey(try parseString())
            if object[key] != nil { throw error("duplicate key \"\(key)\"", at: keyStart) }
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            pos += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            guard pos < bytes.count else { throw error("unexpected end of file inside an object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; break }
            throw error("expected ',' or '}' in an object")
        }
        depth -= 1
        return .object(object)
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSON {
        try enter()
        pos += 1
        var array: [JSON] = []
        skipWhitespace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else { throw error("unexpected end of file inside an array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; break }
            throw error("expected ',' or ']' in an array")
        }
        depth -= 1
        return .array(array)
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSON {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        func digits() -> Int {
            let s = pos
            while pos < bytes.count, bytes[pos] >= 0x30, bytes[pos] <= 0x39 { pos += 1 }
            return pos - s
        }
        let intDigits = digits()
        guard intDigits > 0 else { throw error("invalid number", at: start) }
        if intDigits > 1, bytes[pos - intDigits] == UInt8(ascii: "0") { throw error("invalid number (leading zero)", at: start) }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard digits() > 0 else { throw error("invalid number (no digits after '.')", at: start) }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard digits() > 0 else { throw error("invalid number (no digits in the exponent)", at: start) }
        }
        return .number(String(decoding: bytes[start..<pos], as: UTF8.self))
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        var escaped = false
        var runStart = pos
        // A longer string is refused as soon as that much of it is seen: scanning stops where the
        // closing quote of a string of exactly `maxStringBytes` bytes would be, one past its text.
        let limit = min(bytes.count, start + 1 + Self.maxStringBytes + 1)
        let string: String?
        while true {
            // Up to the next quote, backslash or control character.
            var i = pos
            while i + 8 <= limit, !Self.hasSpecialByte(Words.word(bytes.baseAddress! + i)) { i += 8 }
            while i < limit, bytes[i] >= 0x20, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
            pos = i
            guard pos < bytes.count else { throw error("unterminated string", at: start) }
            if pos - (start + 1) > Self.maxStringBytes { throw error("a string longer than \(Self.maxStringBytes >> 20) MiB", at: start) }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                if escaped {
                    out.append(contentsOf: bytes[runStart..<pos])
                    string = out.withUnsafeBufferPointer { Self.string($0) }
                } else {
                    // No copy without escapes.
                    string = Self.string(UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                }
                pos += 1
                break
            }
            if b < 0x20 { throw error("control character in a string (must be escaped)") }
            escaped = true
            out.append(contentsOf: bytes[runStart..<pos])
            try parseEscape(into: &out)
            runStart = pos
        }
        guard let string else {
            throw error("invalid UTF-8 in a string", at: start)
        }
        return string
    }

    /// Whether one of the eight bytes of `word` ends a run of plain string text: a quote, a
    /// backslash or a control character (shared with the fast decoder and the writer).
    @inlinable @inline(__always)
    package static func hasSpecialByte(_ word: UInt64) -> Bool {
        // (x - 0x01…) & ~x & 0x80… is nonzero exactly when a byte of x is zero (or, with 0x20…, below 0x20).
        func zero(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
        let below20 = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
        return (zero(word ^ 0x2222_2222_2222_2222) | zero(word ^ 0x5C5C_5C5C_5C5C_5C5C) | below20) != 0
    }

    /// The string whose UTF-8 bytes are `utf8`, or nil when they are not valid UTF-8 (shared with
    /// the fast decoder, which says when it knows them to be ASCII).
    package static func string(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool = false) -> String? {
        let s = String(decoding: utf8, as: UTF8.self)
        if ascii || utf8.isEmpty { return s }
        // `String(decoding:)` repairs invalid UTF-8, which changes the bytes: unchanged means valid.
        let same = s.utf8.withContiguousStorageIfAvailable {
            $0.count == utf8.count && memcmp($0.baseAddress!, utf8.baseAddress!, utf8.count) == 0
        } ?? s.utf8.elementsEqual(utf8)
        return same ? s : nil
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        let start = pos
        pos += 1
        guard pos < bytes.count else { throw error("unterminated escape", at: start) }
        let c = bytes[pos]
        pos += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(start)
            if (0xD800...0xDBFF).contains(code) {
                guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate in \\u escape", at: start)
                }
                pos += 2
                let low = try hex4(start)
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate in \\u escape", at: start) }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error("unpaired surrogate in \\u escape", at: start)
            }
            guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape", at: start) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape \\\(Character(Unicode.Scalar(c)))", at: start)
        }
    }

    private mutating func hex4(_ start: Int) throws(JSONSyntaxError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("incomplete \\u escape", at: start) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[pos]
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: throw error("invalid hex digit in \\u escape", at: start)
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }
}
