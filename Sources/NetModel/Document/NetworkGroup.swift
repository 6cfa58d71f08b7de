import Plumbing

/// Why an organisation is in a network (the essays' list).
public enum Purpose: String, CaseIterable, Sendable {
    case competitiveness, commonGoal, mandated, influence, competence, information, funding, perspectives
}

/// A network we belong to: an association, club, forum, consortium, customer group or online community.
public struct NetworkGroup: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// association, club, forum, consortium, customer group, online community — free text.
    public var kind: String = ""
    public var purposes: [Purpose] = []
    /// Contact ids.
    public var members: [String] = []
    public var hoursPerMonth: Double = 0
    public var costPerYear: Double = 0
    public var yield: Rating = .one
    public var bestBefore: Day?
    public var fair: Bool = true
    public var ambitionFit: Bool = true
    public var notes: String = ""
    /// The last activity logged by hand (a meeting, a mailing, a project step); the network's events
    /// count too, see `Network.lastActivity(of:today:)`.
    public var lastActivity: Day?
    /// What we decided about leaving it; nil when nothing is decided.
    public var decision: ExitDecision?
    /// Keys inside `decision` this version does not know, written back with the decision.
    public var decisionExtra: [JSONKey: JSON] = [:]
    public var created: Timestamp
    public var updated: Timestamp
    public var extra: [JSONKey: JSON] = [:]

    public init(id: String, name: String, created: Timestamp) {
        self.id = id
        self.name = name
        self.created = created
        self.updated = created
    }
}
