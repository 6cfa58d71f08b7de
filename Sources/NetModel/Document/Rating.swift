import Foundation
import Plumbing

/// The essays' outcome scale: every rating is 0, 0.1, 1 or 10, so ratings multiply and
/// compare as ratios instead of averaging vague 1–5 marks.
public enum Rating: Int, CaseIterable, Comparable, Sendable {
    case zero, tenth, one, ten

    public var value: Double {
        switch self {
        case .zero: return 0
        case .tenth: return 0.1
        case .one: return 1
        case .ten: return 10
        }
    }

    /// How the rating is written in the file and typed in forms.
    public var text: String {
        switch self {
        case .zero: return "0"
        case .tenth: return "0.1"
        case .one: return "1"
        case .ten: return "10"
        }
    }

    public init?(value: Double) {
        guard let match = Rating.allCases.first(where: { $0.value == value }) else { return nil }
        self = match
    }

    /// Accepts what a person types: "0", "0.1", ".1", "0,1", "1", "10".
    public init?(text: String) {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard let value = Double(cleaned) else { return nil }
        self.init(value: value)
    }

    public static let scaleText = "0, 0.1, 1, 10"

    public static func < (a: Rating, b: Rating) -> Bool { a.rawValue < b.rawValue }

    /// One step down the scale (zero stays zero).
    public var lower: Rating { Rating(rawValue: max(0, rawValue - 1))! }
}
