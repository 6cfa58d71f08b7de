import Plumbing

extension Network {
    /// Problems that span entities: duplicate ids and references to ids that do not exist.
    /// (Problems inside one entity — types, scales, dates — are found while decoding.)
    public func referenceProblems() -> [Problem] {
        NetworkView(self).referenceProblems()
    }

    /// `referenceProblems()` with the log's index of this network (`NetworkView`'s): its contact
    /// table and the position of each interaction's contact are the lookups most of the check is made of.
    fileprivate func referenceProblems(index: LogIndex) -> [Problem] {
        let contactIDs = index.table
        // Ids are unique across the four lists. A duplicate is reported at each later place, naming
        // the first place (positions count through contacts, networks, events, interactions).
        let others = networks.map(\.id) + events.map(\.id)
        let otherIDs = IDTable(others)
        let (otherStart, interactionStart) = (contacts.count, contacts.count + others.count)
        var duplicates = contactIDs.duplicates
        for (k, id) in others.enumerated() {
            if let first = contactIDs.position(of: id) ?? otherIDs.position(of: id).map({ $0 + otherStart }), first != otherStart + k {
                duplicates.append((otherStart + k, first))
            }
        }
        // Interactions are kept in id order (the file is written so), which rules out a duplicate
        // among them with one comparison of neighbours; only a log out of order needs a table of its own.
        let ascending = interactions.allNeighbours { $0.storedID < $1.storedID }
        let logIDs = ascending ? nil : IDTable(of: interactions)
        interactions.forEachLent { k, i in
            // Where the id is in the other lists: a UUID is looked up by its bytes (no `String` made).
            let id = i.storedID
            if let first = contactIDs.position(of: id, orIn: otherIDs, offset: otherStart)
                ?? logIDs?.position(of: id).flatMap({ $0 == k ? nil : $0 + interactionStart }) {
                duplicates.append((interactionStart + k, first))
            }
        }
        duplicates.sort { $0.position < $1.position }
        func label(_ p: Int) -> String {
            var i = p
            if i < contacts.count { return "contacts[\(i)] \"\(contacts[i].name)\"" }
            i -= contacts.count
            if i < networks.count { return "networks[\(i)] \"\(networks[i].name)\"" }
            i -= networks.count
            if i < events.count { return "events[\(i)] \"\(events[i].name)\"" }
            return "interactions[\(i - events.count)]"
        }
        func id(at p: Int) -> String {
            p < otherStart ? contacts[p].id : p < interactionStart ? others[p - otherStart] : interactions[p - interactionStart].id
        }
        var problems = duplicates.map { Problem(.duplicateID, label($0.position), "id \(id(at: $0.position)) is already used by \(label($0.first))") }

        func dangling(_ ref: String, _ label: String, _ what: String) {
            problems.append(Problem(.danglingReference, label, "refers to \(what) \(ref), which does not exist"))
        }
        for (i, g) in networks.enumerated() {
            for m in g.members where contactIDs.position(of: m) == nil { dangling(m, "networks[\(i)] \"\(g.name)\".members", "contact") }
        }
        for (i, e) in events.enumerated() {
            // The networks come first in `others`.
            if let n = e.network, (otherIDs.position(of: n) ?? networks.count) >= networks.count { dangling(n, "events[\(i)] \"\(e.name)\".network", "network") }
            for a in e.attendees where contactIDs.position(of: a) == nil { dangling(a, "events[\(i)] \"\(e.name)\".attendees", "contact") }
        }
        for (i, p) in index.positions.enumerated() where p < 0 {
            dangling(interactions[i].contact, "interactions[\(i)].contact", "contact")
        }
        return problems
    }
}

extension NetworkView {
    /// `Network.referenceProblems()`, with the view's index (the store builds the view as it checks a file).
    package func referenceProblems() -> [Problem] {
        network.referenceProblems(index: logIndex)
    }
}
