#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes JSON the way the data file is specified: two-space indentation, keys sorted by their
/// UTF-8 bytes, one value per line, non-ASCII text as raw UTF-8, a final newline. The same value
/// always gives the same bytes, so files diff and merge well. Values nested deeper than
/// `maxIndent` levels are written on one line (`compact`), so that a deep value cannot grow by its
/// indentation into a file the reader refuses. Escapes are the shortest JSON has.
public enum JSONWriter {
    /// The deepest indentation: the members of a container whose members would be indented deeper
    /// are written on the container's line, without white space (`{"a":[1,2]}`). A value nested
    /// 256 levels deep (the reader's limit) would otherwise take 2 bytes of spaces per level on
    /// every line: a 2 MB value of that kind was written as 285 MB.
    package static let maxIndent = 8

    public static func write(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        out.append(0x0A)
        return out
    }

    private static func newline<Output: JSONOutput & ~Copyable>(_ indent: Int, _ out: inout Output) {
        out.write(0x0A)
        for _ in 0..<indent { out.write("  ") }
    }

    /// Writes `value` as a member or element whose container's lines are indented `indent` levels
    /// (shared with the fast encoder, FastEncoder.swift).
    package static func write<Output: JSONOutput & ~Copyable>(_ value: JSON, indent: Int, into out: inout Output) {
        if indent >= maxIndent { return compact(value, into: &out) }
        switch value {
        case .null: out.write("null")
        case .bool(let b): out.write(b ? "true" : "false")
        case .number(let text): ByteStrings.withUTF8(text) { out.write($0) }
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.write("[]"); return }
            out.write(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.write(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                write(item, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.write(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.write("{}"); return }
            out.write(UInt8(ascii: "{"))
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                if i > 0 { out.write(UInt8(ascii: ",")) }
                newline(indent + 1, &out)
                writeString(key.text, into: &out)
                out.write(": ")
                write(members[key]!, indent: indent + 1, into: &out)
            }
            newline(indent, &out)
            out.write(UInt8(ascii: "}"))
        }
    }

    /// `value` on one line, without white space.
    package static func compact<Output: JSONOutput & ~Copyable>(_ value: JSON, into out: inout Output) {
        switch value {
        case .null, .bool, .number, .string: write(value, indent: 0, into: &out)
        case .array(let items):
            out.write(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.write(UInt8(ascii: ",")) }
                compact(item, into: &out)
            }
            out.write(UInt8(ascii: "]"))
        case .object(let members):
            out.write(UInt8(ascii: "{"))
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.write(UInt8(ascii: ",")) }
                writeString(key.text, into: &out)
                out.write(UInt8(ascii: ":"))
                compact(members[key]!, into: &out)
            }
            out.write(UInt8(ascii: "}"))
        }
    }

    @usableFromInline static let hexDigits: StaticString = "0123456789abcdef"

    /// The two-character escape of a byte that has one (`\b \f \n \r \t \" \\`), or nil.
    @inline(__always)
    @usableFromInline static func shortEscape(_ b: UInt8) -> StaticString? {
        switch b {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default: return nil
        }
    }

    /// How many bytes `writeString` writes between the quotes of `s`.
    package static func writtenLength(_ s: String) -> Int {
        ByteStrings.withUTF8(s) { utf8 in
            var extra = 0
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                extra += shortEscape(b) == nil ? 5 : 1
            }
            return utf8.count + extra
        }
    }

    @inlinable
    package static func writeString<Output: JSONOutput & ~Copyable>(_ s: String, into out: inout Output) {
        out.write(UInt8(ascii: "\""))
        var written = 0
        ByteStrings.withUTF8(s) { utf8 in
            // Runs that need no escape are copied whole; `extra`: the bytes the escapes add.
            var run = 0, i = 0, extra = 0
            while i < utf8.count {
                if i + 8 <= utf8.count, !JSONParser.hasSpecialByte(Words.word(utf8.baseAddress! + i)) {
                    i += 8
                    continue
                }
                let b = utf8[i]
                i += 1
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.write(UnsafeBufferPointer(rebasing: utf8[run..<(i - 1)]))
                run = i
                if let escape = shortEscape(b) {
                    out.write(escape)
                    extra += 1
                } else {
                    out.write("\\u00")
                    out.write(hexDigits.utf8Start[Int(b >> 4)])
                    out.write(hexDigits.utf8Start[Int(b & 0xF)])
                    extra += 5
                }
            }
            out.write(UnsafeBufferPointer(rebasing: utf8[run...]))
            written = utf8.count + extra
        }
        out.write(UInt8(ascii: "\""))
        // Written, but the reader would refuse it: the output says so (a save then stops).
        if written > JSONParser.maxStringBytes { out.overlongString() }
    }
}

/// Where JSON text is written: an array of bytes, or the fast encoder's buffer.
@usableFromInline package protocol JSONOutput: ~Copyable {
    mutating func write(_ byte: UInt8)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
    /// A string just written is longer than the reader takes (`JSONParser.maxStringBytes`).
    mutating func overlongString()
}

extension JSONOutput where Self: ~Copyable {
    @usableFromInline package mutating func overlongString() {}

    @inline(__always)
    @usableFromInline package mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

extension Array: JSONOutput where Element == UInt8 {
    @usableFromInline package mutating func write(_ byte: UInt8) { append(byte) }
    @usableFromInline package mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
