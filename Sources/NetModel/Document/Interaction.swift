import Plumbing

public enum InteractionKind: String, CaseIterable, Sendable {
    case meeting, call, message, event, introduction, referral
}

/// Something we did with a contact, on a day.
public struct Interaction: Equatable, Sendable, Identifiable {
    public var id: String {
        get { storedID.text }
        set { storedID = CompactID(newValue) }
    }
    /// `id` in 16 bytes where it is a UUID (see `CompactID`).
    package private(set) var storedID: CompactID
    /// The contact's id.
    public var contact: String
    public var date: Day
    public var kind: InteractionKind = .meeting
    public var note: String = ""
    /// What I gave and what I got, in words.
    public var gave: String = ""
    public var got: String = ""
    /// Something to do afterwards, by a day; nil when there is nothing to follow up.
    public var followUp: FollowUp? {
        get { storedFollowUp?.value }
        set { storedFollowUp = newValue.map(OutOfLine.value) }
    }
    /// `followUp` behind a pointer: most interactions have none, and in line it takes 48 of their
    /// 152 bytes (at 300,000 interactions, 12 MB).
    private var storedFollowUp: OutOfLine<FollowUp>?
    public var extra: [JSONKey: JSON] = [:]

    public init(id: String, contact: String, date: Day, kind: InteractionKind) {
        self.init(id: CompactID(id), contact: contact, date: date, kind: kind)
    }

    package init(id: CompactID, contact: String, date: Day, kind: InteractionKind) {
        self.storedID = id
        self.contact = contact
        self.date = date
        self.kind = kind
    }
}

/// A value kept out of line, behind one pointer, for a field that most items leave empty.
enum OutOfLine<Value: Equatable & Sendable>: Equatable, Sendable {
    indirect case value(Value)

    var value: Value {
        switch self { case .value(let v): v }
    }
}
