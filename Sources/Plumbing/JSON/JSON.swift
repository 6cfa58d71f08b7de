/// A JSON value as the data file holds it. Numbers keep their source text so that values this
/// version does not understand (unknown keys from a newer tool) are written back unchanged.

public enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSON])
    case object([JSONKey: JSON])

    /// A number in the canonical text the writer uses: integers without a fraction,
    /// everything else in Swift's shortest round-tripping form.
    public static func number(_ value: Double) -> JSON {
        guard value.isFinite else { return .null }  // JSON has no NaN or infinity
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return .number(String(Int64(value)))
        }
        return .number(value.description)
    }

    /// Values are equal when they would be written alike: strings and number texts by their bytes
    /// (not canonical equivalence, as `String`s compare), objects by keys of the same bytes.
    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return sameBytes(x, y)
        case let (.string(x), .string(y)): return sameBytes(x, y)
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x == y
        default: return false
        }
    }

    public var doubleValue: Double? {
        if case .number(let text) = self { return Double(text) }
        return nil
    }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON syntax error with the 1-based line and column where it was found.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
    public var description: String { "line \(line), column \(column): \(message)" }
}
