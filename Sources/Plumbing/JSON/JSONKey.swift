
/// A key of a JSON object: a byte string, compared, hashed and ordered by its UTF-8 bytes.
///
/// `String`'s `==` (and so a `Dictionary` or `Set` of `String`) is canonical equivalence, under
/// which `sourceKeys` and `source\u{212A}eys` (KELVIN SIGN) or an NFC and an NFD spelling are one
/// key: a file holding both would lose one on the next save. JSON keys are the bytes written, so
/// the objects of `JSON`, and the unknown keys every entity keeps (`extra`), are keyed by this.
public struct JSONKey: Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral text: String) { self.text = text }

    public var description: String { text }

    public static func == (a: JSONKey, b: JSONKey) -> Bool { sameBytes(a.text, b.text) }

    public func hash(into hasher: inout Hasher) {
        ByteStrings.hash(text, into: &hasher)
    }

    /// By the UTF-8 bytes: the order of keys in the file.
    public static func < (a: JSONKey, b: JSONKey) -> Bool { ByteStrings.precedes(a.text, b.text) }
}

/// Whether two texts are the same bytes (not merely canonically equivalent, as `==` says): how
/// keys and ids of a data file are compared.
@inline(__always)
public func sameBytes(_ a: String, _ b: String) -> Bool { ByteStrings.same(a, b) }
