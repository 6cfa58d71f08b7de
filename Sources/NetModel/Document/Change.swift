import Plumbing

/// One reversible edit of the document: an entity before and after (nil before = added, nil after =
/// deleted). Undo applies the inverse; a user action is a list of changes undone together.
public enum Change: Equatable, Sendable {
    case contact(before: Contact?, after: Contact?)
    case network(before: NetworkGroup?, after: NetworkGroup?)
    case event(before: Event?, after: Event?)
    case interaction(before: Interaction?, after: Interaction?)
    case me(before: Me, after: Me)
    case scheme(before: Scheme, after: Scheme)
    case conflicts(before: [MergeConflict], after: [MergeConflict])

    public var inverted: Change {
        switch self {
        case .contact(let b, let a): return .contact(before: a, after: b)
        case .network(let b, let a): return .network(before: a, after: b)
        case .event(let b, let a): return .event(before: a, after: b)
        case .interaction(let b, let a): return .interaction(before: a, after: b)
        case .me(let b, let a): return .me(before: a, after: b)
        case .scheme(let b, let a): return .scheme(before: a, after: b)
        case .conflicts(let b, let a): return .conflicts(before: a, after: b)
        }
    }
}

extension Network {
    public mutating func apply(_ change: Change) {
        switch change {
        case .contact(let b, let a): Network.replace(&contacts, b, a)
        case .network(let b, let a): Network.replace(&networks, b, a)
        case .event(let b, let a): Network.replace(&events, b, a)
        case .interaction(let b, let a): Network.replace(&interactions, b, a)
        case .me(_, let a): me = a
        case .scheme(_, let a): scheme = a
        case .conflicts(_, let a): conflicts = a
        }
    }

    /// Applies a step of changes. Many contact changes (an import, or undoing one) go through a
    /// map by id and one sort, not a search of the list per change.
    public mutating func apply(_ changes: [Change]) {
        guard changes.count > 32 else {
            for c in changes { apply(c) }
            return
        }
        var index = [String: Int](minimumCapacity: contacts.count + changes.count)
        // Room for the contacts added, at once (growing by doubling would move them several times).
        var adding = 0
        for k in changes.indices { if case .contact(before: nil, after: .some) = changes[k] { adding += 1 } }
        contacts.reserveCapacity(contacts.count + adding)
        for (i, c) in contacts.enumerated() { index[c.id] = i }
        // Other changes leave the contacts (and so the map) as they are, unless an id is there twice:
        // then the map is made anew after each, so that a removed contact's twin is found again.
        let twins = index.count < contacts.count
        var removed = Set<Int>()
        var added = false
        func compact() {
            guard !removed.isEmpty else { return }
            contacts = contacts.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            removed = []
        }
        // By index, not `for change in changes`: that copies each change (every string of both contacts).
        for k in changes.indices {
            guard case .contact(let before, let after) = changes[k] else {
                apply(changes[k])
                if twins {
                    compact()
                    index = [:]
                    for (i, c) in contacts.enumerated() { index[c.id] = i }
                }
                continue
            }
            let id = before?.id ?? after?.id ?? ""
            switch (index[id], after) {
            case (let i?, let a?): contacts[i] = a
            case (let i?, nil): removed.insert(i); index[id] = nil
            case (nil, let a?):
                index[a.id] = contacts.count
                contacts.append(a)
                added = true
            case (nil, nil): break
            }
        }
        compact()
        // Keep id order (as the file is).
        if added { contacts.sortByID() }
    }

    private static func replace<T: Identifiable>(_ list: inout [T], _ before: T?, _ after: T?) where T.ID == String {
        let index = (before?.id ?? after?.id).flatMap { Network.index(of: $0, in: list) }
        switch (index, after) {
        case (let i?, let a?): list[i] = a
        case (let i?, nil): list.remove(at: i)
        case (nil, let a?):
            // Lists are kept in id order (as the file is), so an undone delete returns to its place.
            list.insert(a, at: list.firstIndex { $0.id > a.id } ?? list.count)
        case (nil, nil): break
        }
    }

    /// The changes that turn this network into `other`, entity by entity (by id), so that any new
    /// version of the document — a resolved conflict, say — is one undoable step.
    public func changes(to other: Network) -> [Change] {
        func diff<T: Identifiable & Equatable>(_ a: [T], _ b: [T], _ make: (T?, T?) -> Change) -> [Change] where T.ID == String {
            let old = Dictionary(a.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
            let new = Dictionary(b.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
            var out: [Change] = []
            for x in a where new[x.id] == nil { out.append(make(x, nil)) }
            for y in b where old[y.id] != y { out.append(make(old[y.id], y)) }
            return out
        }
        var out: [Change] = []
        if me != other.me { out.append(.me(before: me, after: other.me)) }
        if scheme != other.scheme { out.append(.scheme(before: scheme, after: other.scheme)) }
        out += diff(contacts, other.contacts) { .contact(before: $0, after: $1) }
        out += diff(networks, other.networks) { .network(before: $0, after: $1) }
        out += diff(events, other.events) { .event(before: $0, after: $1) }
        out += diff(interactions, other.interactions) { .interaction(before: $0, after: $1) }
        if conflicts != other.conflicts { out.append(.conflicts(before: conflicts, after: other.conflicts)) }
        return out
    }

    /// Deleting a contact also removes it from networks and events and deletes its interactions,
    /// so that no reference dangles; all of it is one undoable step. References are to the id's
    /// bytes: one to a canonically equivalent id of other bytes is another contact's.
    public func changesDeletingContact(_ id: String, at now: Timestamp) -> [Change] {
        guard let contact = contact(id: id) else { return [] }
        var changes: [Change] = []
        for g in networks where g.members.contains(where: { sameBytes($0, id) }) {
            var after = g
            after.members.removeAll { sameBytes($0, id) }
            after.updated = now
            changes.append(.network(before: g, after: after))
        }
        for e in events where e.attendees.contains(where: { sameBytes($0, id) }) {
            var after = e
            after.attendees.removeAll { sameBytes($0, id) }
            changes.append(.event(before: e, after: after))
        }
        for i in interactions where sameBytes(i.contact, id) { changes.append(.interaction(before: i, after: nil)) }
        changes.append(.contact(before: contact, after: nil))
        return changes
    }
}

extension [Contact] {
    /// Sorts the contacts by id, keeping the order of equal ids: sorts positions, not contacts, so
    /// that each contact moves once. A long list is sorted in runs, one per core, then merged.
    package mutating func sortByID() {
        // Often in order already: the contacts of an import into a new file, say (see `Importer.uuidGenerator`).
        if allNeighbours({ $0.id <= $1.id }) { return }
        // Ordered as the ids are, compared quicker.
        let ids = parallelMap(self) { SortKey($0.id) }
        func before(_ a: Int, _ b: Int) -> Bool { ids[a] < ids[b] || (ids[a] == ids[b] && a < b) }
        permute(by: sortedPositions(count, by: before))
    }
}
