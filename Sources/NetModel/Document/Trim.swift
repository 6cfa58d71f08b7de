import Plumbing

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, newlines).
    public var trimmingWhitespace: String {
        // Most text has nothing to trim: when the first and the last byte are ASCII and not
        // whitespace, so are the first and the last character (an ASCII byte at the end can only
        // close a character that does not start with whitespace).
        let ends = utf8.withContiguousStorageIfAvailable { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1]) }
        if let (first, last) = ends ?? nil, Whitespace.isPlainASCII(first), Whitespace.isPlainASCII(last) {
            return String(self)
        }
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(self[start...end])
    }
}

enum Whitespace {
    /// True for an ASCII byte that is not whitespace (tab, line feed, vertical tab, form feed,
    /// carriage return, space).
    @inline(__always)
    static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
    }

    /// True when the text has a character that is not whitespace (without walking it by character
    /// when its first byte already says so).
    static func hasContent(_ text: String) -> Bool {
        if let first = text.utf8.first, isPlainASCII(first) { return true }
        return !text.allSatisfy(\.isWhitespace)
    }
}
