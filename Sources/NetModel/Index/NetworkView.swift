import Plumbing

/// The network as the rules read it: the document, and what is worked out once from it so that the
/// rules need not look it up again — which contact each interaction is with (`LogIndex`) and, when
/// the builder keeps them, the contacts' names folded for ordering. The layer below builds it: the
/// store when it loads a file (its reference check makes the same lookups), the app for each version
/// of the network it shows. A rule is then a function of a view and a day (`exitCandidates`,
/// `overdueContacts`, `MatrixReport`, `Briefing`), and reads like the rule it is.
public struct NetworkView: Sendable {
    public let network: Network
    /// Which contact each interaction is with, and what it records as given and got.
    package let logIndex: LogIndex
    /// The contacts' names folded (`SearchText.fold`), by position, when the builder keeps them.
    private let foldedNames: [String]?

    /// The view of `network`, its log's index built now.
    public init(_ network: Network) {
        self.init(network, logIndex: LogIndex(network))
    }

    /// `logIndex`: the log's index of `network`; `foldedNames`: its contacts' names folded, by
    /// position. An index that does not fit `network` (its lists have other counts) is built again,
    /// and names that do not are folded as needed: something stale costs time, not a wrong answer.
    package init(_ network: Network, logIndex: LogIndex, foldedNames: [String]? = nil) {
        self.network = network
        self.logIndex = logIndex.fits(network) ? logIndex : LogIndex(network)
        self.foldedNames = foldedNames?.count == network.contacts.count ? foldedNames : nil
    }

    public var scheme: Scheme { network.scheme }

    /// The name of the contact at `position` folded (`SearchText.fold`), for ordering by name.
    func foldedName(_ position: Int) -> String {
        foldedNames?[position] ?? network.contacts.withLent(position) { SearchText.fold($0.name) }
    }

    /// The position in `contacts` of the contact with this id (the first, when it is there twice).
    func position(ofContact id: String) -> Int? { logIndex.table.position(of: id) }

    /// Calls `body` with each contact, in order, and its position; the contact is lent (`Lent`: its fields read in place), not copied.
    func forEachContact(_ body: (Int, Lent<Contact>) -> Void) {
        network.contacts.forEachLent(body)
    }

    /// Calls `body` with each interaction, in log order, and the position of its contact in
    /// `contacts` (nil when that contact does not exist); the interaction is lent, not copied.
    func forEachInteraction(_ body: (Int?, Lent<Interaction>) -> Void) {
        network.forEachInteraction(at: logIndex.positions, body)
    }

    /// The day of the latest interaction with each contact, by position in `contacts`.
    public func lastContactDays() -> [Day?] {
        var byPosition = [Day?](repeating: nil, count: network.contacts.count)
        forEachInteraction { p, i in
            if let p { Network.keepLatest(i.date, in: &byPosition[p]) }
        }
        return logIndex.table.spread(byPosition)
    }

    /// Each contact's interactions (indexes into `network.interactions`, in log order), by the
    /// contact's position in `network.contacts`.
    public func interactionsByContact() -> ByContact {
        ByContact(contacts: network.contacts.count) { add in
            for (k, p) in logIndex.positions.enumerated() where p >= 0 { add(Int(p), k) }
        }
    }

    /// The networks each contact is a member of (indexes into `network.networks`, in list order),
    /// by the contact's position in `network.contacts`.
    public func networksByContact() -> ByContact {
        ByContact(contacts: network.contacts.count) { add in
            // A member listed twice makes one membership.
            var lastGroup = [Int](repeating: -1, count: network.contacts.count)
            for (g, group) in network.networks.enumerated() {
                for id in group.members {
                    guard let p = position(ofContact: id), lastGroup[p] != g else { continue }
                    lastGroup[p] = g
                    add(p, g)
                }
            }
        }
    }
}

extension Network {
    /// Calls `body` with each interaction, in log order, lent (not copied: a copy retains and
    /// releases all its strings, which costs more than the rules that read it), and the position
    /// of its contact from `positions` (`LogIndex.positions`, or `contactPositions(by:)`); nil
    /// when that contact does not exist.
    func forEachInteraction(at positions: [Int32], _ body: (Int?, Lent<Interaction>) -> Void) {
        precondition(positions.count == interactions.count, "positions of another log")
        interactions.forEachLent { k, i in body(positions[k] < 0 ? nil : Int(positions[k]), i) }
    }

    /// `forEachInteraction(at:_:)` with the positions by `table`, for a single pass.
    func forEachInteraction(by table: IDTable, _ body: (Int?, Lent<Interaction>) -> Void) {
        forEachInteraction(at: contactPositions(by: table), body)
    }
}
