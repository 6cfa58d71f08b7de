public enum InteractionKind: String, CaseIterable, Sendable {
    case meeting, call, message, event, introduction, referral
}

/// Something we did with a contact, on a day.
public struct Interaction: Equatable, Sendable, Identifiable {
    public var id: String
    /// The contact's id.
    public var contact: String
    public var date: Day
    public var kind: InteractionKind = .meeting
    public var note: String = ""
    /// What I gave and what I got, in words.
    public var gave: String = ""
    public var got: String = ""
    /// Something to do afterwards, by a day; nil when there is nothing to follow up.
    public var followUp: FollowUp?
    public var extra: [String: JSON] = [:]

    public init(id: String, contact: String, date: Day, kind: InteractionKind) {
        self.id = id
        self.contact = contact
        self.date = date
        self.kind = kind
    }
}
