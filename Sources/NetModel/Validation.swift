extension Network {
    /// Problems that span entities: duplicate ids and references to ids that do not exist.
    /// (Problems inside one entity — types, scales, dates — are found while decoding.)
    public func referenceProblems() -> [Problem] {
        var problems: [Problem] = []
        var seen: [String: String] = [:]
        func claim(_ id: String, _ label: String) {
            if let first = seen[id] {
                problems.append(Problem(.duplicateID, label, "id \(id) is already used by \(first)"))
            } else {
                seen[id] = label
            }
        }
        for (i, c) in contacts.enumerated() { claim(c.id, "contacts[\(i)] \"\(c.name)\"") }
        for (i, g) in networks.enumerated() { claim(g.id, "networks[\(i)] \"\(g.name)\"") }
        for (i, e) in events.enumerated() { claim(e.id, "events[\(i)] \"\(e.name)\"") }
        for (i, x) in interactions.enumerated() { claim(x.id, "interactions[\(i)]") }

        let contactIDs = Set(contacts.map(\.id))
        let networkIDs = Set(networks.map(\.id))
        func dangling(_ ref: String, _ label: String, _ what: String) {
            problems.append(Problem(.danglingReference, label, "refers to \(what) \(ref), which does not exist"))
        }
        for (i, g) in networks.enumerated() {
            for m in g.members where !contactIDs.contains(m) { dangling(m, "networks[\(i)] \"\(g.name)\".members", "contact") }
        }
        for (i, e) in events.enumerated() {
            if let n = e.network, !networkIDs.contains(n) { dangling(n, "events[\(i)] \"\(e.name)\".network", "network") }
            for a in e.attendees where !contactIDs.contains(a) { dangling(a, "events[\(i)] \"\(e.name)\".attendees", "contact") }
        }
        for (i, x) in interactions.enumerated() where !contactIDs.contains(x.contact) {
            dangling(x.contact, "interactions[\(i)].contact", "contact")
        }
        return problems
    }
}
