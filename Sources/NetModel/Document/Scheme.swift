import Plumbing

/// The four quadrants of the segmentation matrix (importance now × importance in future).
public enum Quadrant: String, CaseIterable, Sendable {
    /// High now, high in future.
    case key
    /// Low now, high in future.
    case rising
    /// High now, low in future.
    case maintain
    /// Low now, low in future.
    case lightTouch

    public var isHighNow: Bool { self == .key || self == .maintain }
    public var isHighFuture: Bool { self == .key || self == .rising }
}

/// How one quadrant is named and served.
public struct QuadrantPolicy: Equatable, Sendable {
    public var name: String
    /// Contact at least every this many days.
    public var cadenceDays: Int
    /// The service policy in words.
    public var policy: String
    public var extra: [JSONKey: JSON] = [:]

    public init(name: String, cadenceDays: Int, policy: String) {
        self.name = name
        self.cadenceDays = cadenceDays
        self.policy = policy
    }
}

/// The one segmentation scheme everyone in the organisation shares; it lives in the data file.
public struct Scheme: Equatable, Sendable {
    public var axisNow: String = "Importance now"
    public var axisFuture: String = "Importance in future"
    /// A rating at or above this counts as high.
    public var threshold: Rating = .one
    public var quadrants: [Quadrant: QuadrantPolicy] = Scheme.defaultPolicies
    /// At most `maxCriteria` criteria from which ratings are suggested (see Segmentation.swift).
    public var criteria: [Criterion] = []
    /// The thresholds of the exit signals (see Exits.swift and docs/EXITS.md).
    public var exitRules = ExitRules()
    public var extra: [JSONKey: JSON] = [:]
    /// Keys inside `quadrants` that are not one of the four quadrants, kept for the next save.
    public var quadrantsExtra: [JSONKey: JSON] = [:]

    public init() {}

    public static let defaultPolicies: [Quadrant: QuadrantPolicy] = [
        .key: QuadrantPolicy(name: "Key", cadenceDays: 30, policy: "Invest: meet regularly, involve early, give first."),
        .rising: QuadrantPolicy(name: "Rising", cadenceDays: 21, policy: "Serve better than their size today suggests."),
        .maintain: QuadrantPolicy(name: "Maintain", cadenceDays: 60, policy: "Keep the relationship healthy at a steady cost."),
        .lightTouch: QuadrantPolicy(name: "Light touch", cadenceDays: 180, policy: "The lightest possible service."),
    ]

    public func quadrant(now: Rating, future: Rating) -> Quadrant {
        switch (now >= threshold, future >= threshold) {
        case (true, true): return .key
        case (false, true): return .rising
        case (true, false): return .maintain
        case (false, false): return .lightTouch
        }
    }

    public func quadrant(of contact: Contact) -> Quadrant {
        quadrant(now: contact.importanceNow, future: contact.importanceFuture)
    }

    /// Each contact's quadrant, the contacts read in place (see `SearchText.foldedNames(of:)`).
    public func quadrants(of contacts: [Contact]) -> [Quadrant] {
        parallelMap(contacts) { quadrant(now: $0.importanceNow, future: $0.importanceFuture) }
    }

    public func policy(_ q: Quadrant) -> QuadrantPolicy {
        quadrants[q] ?? Scheme.defaultPolicies[q]!
    }
}
