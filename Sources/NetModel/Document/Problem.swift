import Plumbing

/// One thing wrong with a data file: where it is and what is wrong, in words a person can act on.
public struct Problem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case syntax, wrongType, missing, invalidValue, offScale, duplicateID, danglingReference, futureSchema
    }

    public var kind: Kind
    /// "line 3, column 7", or the entity and field: `contacts[2] "Aino Järvinen" .importanceNow`.
    public var location: String
    public var message: String

    public init(_ kind: Kind, _ location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
