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
        for i in interactions where i.contact == id {
            if Network.counts(i.gave) { gave += 1 }
            if Network.counts(i.got) { got += 1 }
        }
        return (gave, got)
    }

    /// The give/get tallies of the network's members, summed (a member listed twice counts once).
    public func giveGet(network group: NetworkGroup) -> (gave: Int, got: Int) {
        let tallies = giveGetTallies()
        var gave = 0, got = 0
        for id in Set(group.members) {
            if let t = tallies[id] { gave += t.gave; got += t.got }
        }
        return (gave, got)
    }

    /// Every contact's give/get tally in one pass over the log (contacts without interactions are absent).
    func giveGetTallies() -> [String: (gave: Int, got: Int)] {
        var out: [String: (gave: Int, got: Int)] = [:]
        for i in interactions {
            var t = out[i.contact] ?? (0, 0)
            if Network.counts(i.gave) { t.gave += 1 }
            if Network.counts(i.got) { t.got += 1 }
            out[i.contact] = t
        }
        return out
    }

    private static func counts(_ text: String) -> Bool { !text.allSatisfy(\.isWhitespace) }
}
