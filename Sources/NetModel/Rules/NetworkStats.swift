import Plumbing

/// Figures about networks and relationships that the Networks and Exits panes show: when a network
/// was last active, who is in it (buyers, sellers, partners) and how giving and getting balance.
extension Network {
    /// The latest of the manually logged `lastActivity` and the dates (on or before `today`) of the
    /// network's events; nil when there is neither.
    public func lastActivity(of group: NetworkGroup, today: Day) -> Day? {
        var last = group.lastActivity
        for e in events where e.network == group.id && e.date <= today {
            if last.map({ e.date > $0 }) ?? true { last = e.date }
        }
        return last
    }

    /// The day of each network's latest event on or before `today`, by network id, in one pass
    /// over the events (for `lastActivity` of many networks).
    func lastEventDays(today: Day) -> [String: Day] {
        var out: [String: Day] = [:]
        for e in events where e.date <= today {
            guard let id = e.network else { continue }
            Network.keepLatest(e.date, in: &out[id])
        }
        return out
    }

    /// `lastActivity(of:today:)` from `lastEventDays(today:)`.
    static func lastActivity(of group: NetworkGroup, eventDays: [String: Day]) -> Day? {
        switch (group.lastActivity, eventDays[group.id]) {
        case (let a?, let b?): return max(a, b)
        case (let a, let b): return a ?? b
        }
    }

    /// The kinds that make a contact a buyer, a seller or a partner in a network's mix.
    public static let buyerKinds: Set<ContactKind> = [.customer, .user, .funder]
    public static let sellerKinds: Set<ContactKind> = [.supplier, .candidate]
    public static let partnerKinds: Set<ContactKind> = [.partner, .peer]

    /// Members by kind: buyers (customer, user, funder), sellers (supplier, candidate) and partners
    /// (partner, peer). A member with kinds in several groups counts once in each of them, so the
    /// three numbers can add up to more than the number of members; a member without kinds (or an
    /// id that names no contact) counts in none. A member listed twice counts once.
    public func mix(of group: NetworkGroup) -> (buyers: Int, sellers: Int, partners: Int) {
        var buyers = 0, sellers = 0, partners = 0
        var seen: Set<String> = []
        for id in group.members where seen.insert(id).inserted {
            guard let c = contact(id: id) else { continue }
            let kinds = Set(c.kinds)
            if !kinds.isDisjoint(with: Network.buyerKinds) { buyers += 1 }
            if !kinds.isDisjoint(with: Network.sellerKinds) { sellers += 1 }
            if !kinds.isDisjoint(with: Network.partnerKinds) { partners += 1 }
        }
        return (buyers, sellers, partners)
    }

    /// Give/get tally from the interaction log: an interaction counts as a give when its `gave` text
    /// is not empty (blank counts as empty), as a get when its `got` text is not; one interaction can
    /// be both, or neither.
    public func giveGet(contact id: String) -> (gave: Int, got: Int) {
        var gave = 0, got = 0
        for i in interactions where sameBytes(i.contact, id) {
            if Network.counts(i.gave) { gave += 1 }
            if Network.counts(i.got) { got += 1 }
        }
        return (gave, got)
    }

    /// The give/get tallies of the network's members, summed (a member listed twice counts once):
    /// one pass over the log, looking each interaction's contact up among the members.
    public func giveGet(network group: NetworkGroup) -> (gave: Int, got: Int) {
        let members = IDTable(group.members)
        var tally = (gave: 0, got: 0)
        forEachInteraction(by: members) { member, i in
            guard member != nil else { return }
            Network.add(gave: Network.counts(i.gave), got: Network.counts(i.got), to: &tally)
        }
        return tally
    }

    static func add(gave: Bool, got: Bool, to tally: inout (gave: Int, got: Int)) {
        if gave { tally.gave += 1 }
        if got { tally.got += 1 }
    }

    /// What the exit rules need from the log about one contact: the give/get tally of all its
    /// interactions and the day of the latest one on or before the day asked about.
    struct ContactLog {
        var tally: (gave: Int, got: Int) = (0, 0)
        var last: Day?
    }

    /// The position in `contacts` (by `table`) of each interaction's contact, in log order; -1 when
    /// that contact does not exist. Worked out once, it serves several passes over the log.
    func contactPositions(by table: IDTable) -> [Int32] {
        logPass(by: table, giveGet: false).positions
    }

    /// `contactPositions(by:)`, and when `giveGet` is true the `LogIndex.gave` and `LogIndex.got`
    /// bits of each interaction. A long log is read in two halves on two cores.
    func logPass(by table: IDTable, giveGet: Bool) -> (positions: [Int32], giveGet: [UInt8]) {
        let count = interactions.count, parts = count >= 50_000 ? 2 : 1
        let halves = inParallel(parts) { part in
            // Lent, not `map`ped: that would copy each interaction (all its strings) to read one.
            let range = count * part / parts..<count * (part + 1) / parts
            let positions = interactions.mapLent(range) { table.position(of: $0.contact).map(Int32.init) ?? -1 }
            let bits = !giveGet ? [] : interactions.mapLent(range) {
                (Network.counts($0.gave) ? LogIndex.gave : 0) | (Network.counts($0.got) ? LogIndex.got : 0)
            }
            return (positions, bits)
        }
        return parts == 1 ? halves[0] : (halves[0].0 + halves[1].0, halves[0].1 + halves[1].1)
    }

    static func add(_ date: Day?, gave: Bool, got: Bool, to log: inout ContactLog) {
        add(gave: gave, got: got, to: &log.tally)
        if let date { keepLatest(date, in: &log.last) }
    }

    static func counts(_ text: String) -> Bool { Whitespace.hasContent(text) }
}

extension NetworkView {
    /// Every contact's `ContactLog` on `today`, by position in `contacts` (a contact whose id is
    /// there twice gets the log of the id), in one pass over the log.
    func contactLogs(today: Day) -> [Network.ContactLog] {
        var logs = [Network.ContactLog](repeating: Network.ContactLog(), count: network.contacts.count)
        let (positions, giveGet) = (logIndex.positions, logIndex.giveGet)
        network.interactions.forEachLent { k, i in
            guard positions[k] >= 0 else { return }
            let date = i.date, bits = giveGet[k]
            Network.add(date <= today ? date : nil, gave: bits & LogIndex.gave != 0, got: bits & LogIndex.got != 0,
                        to: &logs[Int(positions[k])])
        }
        return logIndex.table.spread(logs)
    }
}
