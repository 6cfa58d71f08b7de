/// Which contact each interaction is with, as a position in `contacts`: looked up once for a
/// version of the network and shared by the rules that read the log. At 300,000 interactions the
/// lookups are most of what the exit list and the briefing cost, so the app keeps one with its
/// contact facts and hands it to each pane's rule instead of letting each look the ids up again.
public struct LogIndex: Sendable {
    let table: IDTable
    /// By interaction, in log order: its contact's position, or -1 when that contact does not exist.
    let positions: [Int32]
    /// By interaction: `gave` when it records something given, `got` when something got (reading
    /// the two texts of 300,000 interactions each time the tallies are counted is most of their cost).
    let giveGet: [UInt8]
    static let gave: UInt8 = 1, got: UInt8 = 2
    private let contactCount: Int

    public init(_ network: Network) {
        table = IDTable(of: network.contacts)
        (positions, giveGet) = network.logPass(by: table, giveGet: true)
        contactCount = network.contacts.count
    }

    /// Whether it could belong to `network` (its lists have the counts it was built for). The rules
    /// build a fresh index for a network it does not fit, so a stale one costs time, not a crash.
    func fits(_ network: Network) -> Bool {
        positions.count == network.interactions.count && contactCount == network.contacts.count
    }

    /// The day of the latest interaction with each contact of `network` (the network it was built
    /// for), by position in `contacts`.
    public func lastContactDays(in network: Network) -> [Day?] {
        let index = network.logIndex(self)
        var byPosition = [Day?](repeating: nil, count: network.contacts.count)
        network.forEachInteraction(at: index.positions) { p, i in
            if let p { Network.keepLatest(i.pointee.date, in: &byPosition[p]) }
        }
        return index.table.spread(byPosition)
    }
}

extension Network {
    /// `index` when it fits this network, else a fresh one.
    func logIndex(_ index: LogIndex?) -> LogIndex {
        if let index, index.fits(self) { return index }
        return LogIndex(self)
    }
}
