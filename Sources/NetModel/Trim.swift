extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, newlines).
    public var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
