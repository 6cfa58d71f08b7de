import Plumbing

/// What a contact is to us; a contact may be several at once.
public enum ContactKind: String, CaseIterable, Sendable {
    case customer, partner, supplier, funder, user, candidate, peer
}

/// How far a relationship has grown: interest → trust → commitment.
public enum Stage: String, CaseIterable, Sendable {
    case interest, trust, commitment
}

/// A person (or an organisation) in the network.
public struct Contact: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var organization: String = ""
    public var role: String = ""
    public var emails: [String] = []
    public var phones: [String] = []
    public var tags: [String] = []
    public var kinds: [ContactKind] = []
    /// What they can do.
    public var competences: [String] = []
    /// What they are looking for.
    public var needs: [String] = []
    public var notes: String = ""
    public var importanceNow: Rating = .tenth
    public var importanceFuture: Rating = .tenth
    public var stage: Stage = .interest
    /// How well we work together; nil when not yet rated.
    public var chemistry: Rating?
    /// Ratings of the scheme's criteria, by criterion id.
    public var criteria: [String: Rating] = [:]
    /// Every change of the two ratings, oldest first.
    public var ratingHistory: [RatingChange] = []
    /// Who in the organisation keeps this relationship.
    public var owner: String = ""
    /// Stable keys of the contact in the sources it was imported from (`vcard:UID`,
    /// `linkedin:www.linkedin.com/in/slug`), by which a later import finds it.
    public var sourceKeys: [String] = []
    /// Web addresses (vCard `URL`, the LinkedIn profile, Google's websites).
    public var urls: [String] = []
    /// What we decided about the relationship as an exit candidate; nil when nothing is decided.
    public var decision: ExitDecision?
    /// Keys inside `decision` this version does not know, written back with the decision.
    public var decisionExtra: [JSONKey: JSON] = [:]
    public var created: Timestamp
    public var updated: Timestamp
    /// Keys this version does not know, kept so that saving does not drop them.
    public var extra: [JSONKey: JSON] = [:]

    public init(id: String, name: String, created: Timestamp) {
        self.id = id
        self.name = name
        self.created = created
        self.updated = created
    }
}
