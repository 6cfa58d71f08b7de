import Plumbing

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
    public var extra: [JSONKey: JSON] = [:]

    public init() {}

    public func contact(id: String) -> Contact? { Network.index(of: id, in: contacts).map { contacts[$0] } }
    public func network(id: String) -> NetworkGroup? { Network.index(of: id, in: networks).map { networks[$0] } }
    public func event(id: String) -> Event? { Network.index(of: id, in: events).map { events[$0] } }

    /// The index of the first item with this id. The lists are kept in id order (the file is
    /// written so, and `apply` keeps it), so a binary search finds it; when it does not (a file
    /// put in another order by hand), a linear search does.
    public static func index<T: Identifiable>(of id: String, in list: [T]) -> Int? where T.ID == String {
        var low = 0, high = list.count
        while low < high {
            let mid = low + (high - low) / 2
            if list[mid].id < id { low = mid + 1 } else { high = mid }
        }
        // Ids are byte strings: the id of the same bytes, not a canonically equivalent spelling.
        if low < list.count && sameBytes(list[low].id, id) { return low }
        return list.firstIndex { sameBytes($0.id, id) }
    }

    /// The day of the latest interaction with each contact.
    public func lastContactDays() -> [String: Day] {
        let table = IDTable(of: contacts)
        var byPosition = [Day?](repeating: nil, count: contacts.count)
        var last: [String: Day] = [:]  // first the contacts that do not exist
        forEachInteraction(by: table) { p, i in
            if let p {
                Network.keepLatest(i.date, in: &byPosition[p])
            } else {
                Network.keepLatest(i.date, in: &last[i.contact])
            }
        }
        last.reserveCapacity(last.count + contacts.count)
        for (p, day) in byPosition.enumerated() {
            if let day { last[contacts[p].id] = day }
        }
        return last
    }

    static func keepLatest(_ day: Day, in latest: inout Day?) {
        if latest.map({ day > $0 }) ?? true { latest = day }
    }

    /// Interactions with one contact, newest first.
    public func interactions(with contactID: String) -> [Interaction] {
        interactions.filter { sameBytes($0.contact, contactID) }.sorted { $0.date > $1.date }
    }
}
