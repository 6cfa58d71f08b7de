/// The whole document: one person's or firm's network, as one data file holds it.
public struct Network: Equatable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int = Network.currentSchemaVersion
    public var me = Me()
    public var scheme = Scheme()
    public var contacts: [Contact] = []
    public var networks: [NetworkGroup] = []
    public var events: [Event] = []
    public var interactions: [Interaction] = []
    /// Conflicts a three-way merge (`nettui merge`) left to resolve, oldest first; empty when none.
    public var conflicts: [MergeConflict] = []
    /// Top-level keys this version does not know.
    public var extra: [String: JSON] = [:]

    public init() {}

    public func contact(id: String) -> Contact? { contacts.first { $0.id == id } }
    public func network(id: String) -> NetworkGroup? { networks.first { $0.id == id } }

    /// The day of the latest interaction with each contact.
    public func lastContactDays() -> [String: Day] {
        var last: [String: Day] = [:]
        for i in interactions where last[i.contact].map({ i.date > $0 }) ?? true {
            last[i.contact] = i.date
        }
        return last
    }

    /// Interactions with one contact, newest first.
    public func interactions(with contactID: String) -> [Interaction] {
        interactions.filter { $0.contact == contactID }.sorted { $0.date > $1.date }
    }
}
