extension Network {
    /// Problems that span entities: duplicate ids and references to ids that do not exist.
    /// (Problems inside one entity — types, scales, dates — are found while decoding.)
    public func referenceProblems() -> [Problem] {
        var problems: [Problem] = []
        // Every id of every list, in file order; a label is written only for a duplicate.
        let ids = contacts.map(\.id) + networks.map(\.id) + events.map(\.id) + interactions.map(\.id)
        func label(_ p: Int) -> String {
            var i = p
            if i < contacts.count { return "contacts[\(i)] \"\(contacts[i].name)\"" }
            i -= contacts.count
            if i < networks.count { return "networks[\(i)] \"\(networks[i].name)\"" }
            i -= networks.count
            if i < events.count { return "events[\(i)] \"\(events[i].name)\"" }
            return "interactions[\(i - events.count)]"
        }
        let table = IDTable(ids)
        for (p, first) in table.duplicates {
            problems.append(Problem(.duplicateID, label(p), "id \(ids[p]) is already used by \(label(first))"))
        }

        // The contacts come first in `ids`, so an id is a contact's when its first position is among them.
        func isContact(_ id: String) -> Bool { table.position(of: id).map { $0 < contacts.count } ?? false }
        let networkIDs = IDTable(of: networks)
        func dangling(_ ref: String, _ label: String, _ what: String) {
            problems.append(Problem(.danglingReference, label, "refers to \(what) \(ref), which does not exist"))
        }
        for (i, g) in networks.enumerated() {
            for m in g.members where !isContact(m) { dangling(m, "networks[\(i)] \"\(g.name)\".members", "contact") }
        }
        for (i, e) in events.enumerated() {
            if let n = e.network, networkIDs.position(of: n) == nil { dangling(n, "events[\(i)] \"\(e.name)\".network", "network") }
            for a in e.attendees where !isContact(a) { dangling(a, "events[\(i)] \"\(e.name)\".attendees", "contact") }
        }
        for (i, x) in interactions.enumerated() where !isContact(x.contact) {
            dangling(x.contact, "interactions[\(i)].contact", "contact")
        }
        return problems
    }
}
