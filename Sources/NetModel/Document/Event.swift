import Plumbing

/// A dated occasion: a network's meeting, a fair, a customer visit.
public struct Event: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var date: Day
    /// The network it belongs to, if any (a network id).
    public var network: String?
    public var location: String = ""
    /// Contact ids.
    public var attendees: [String] = []
    public var notes: String = ""
    public var extra: [JSONKey: JSON] = [:]

    public init(id: String, name: String, date: Day) {
        self.id = id
        self.name = name
        self.date = date
    }
}
