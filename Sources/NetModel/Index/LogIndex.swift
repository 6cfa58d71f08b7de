import Plumbing

/// Which contact each interaction is with, as a position in `contacts`: looked up once for a
/// version of the network and shared by the rules that read the log (through `NetworkView`). At
/// 300,000 interactions the lookups are most of what the exit list and the briefing cost, so the
/// store builds it when it checks a file's references, and the app keeps one with its contact facts.
package struct LogIndex: Sendable {
    let table: IDTable
    /// By interaction, in log order: its contact's position, or -1 when that contact does not exist.
    let positions: [Int32]
    /// By interaction: `gave` when it records something given, `got` when something got (reading
    /// the two texts of 300,000 interactions each time the tallies are counted is most of their cost).
    let giveGet: [UInt8]
    static let gave: UInt8 = 1, got: UInt8 = 2
    private let contactCount: Int

    package init(_ network: Network) {
        self.init(network, table: IDTable(of: network.contacts))
    }

    /// `table`: the table of `network.contacts`' ids, when one is at hand.
    package init(_ network: Network, table: IDTable) {
        self.table = table
        (positions, giveGet) = network.logPass(by: table, giveGet: true)
        contactCount = network.contacts.count
    }

    /// Whether it could belong to `network` (its lists have the counts it was built for).
    /// `NetworkView` builds a fresh index for a network it does not fit, so a stale one costs time, not a crash.
    func fits(_ network: Network) -> Bool {
        positions.count == network.interactions.count && contactCount == network.contacts.count
    }
}

/// Lists of indexes by contact position, in two flat arrays: contact p's are
/// `items[starts[p]..<starts[p + 1]]`. At 100,000 contacts and 300,000 interactions this takes
/// 1.6 MB where a dictionary of arrays by contact id took over ten times as much.
public struct ByContact: Sendable {
    private let starts: [Int32]
    private let items: [Int32]

    /// `pairs` calls its argument with each (contact position, index), indexes in ascending order;
    /// it is called twice, and must give the same pairs both times.
    init(contacts: Int, _ pairs: ((Int, Int) -> Void) -> Void) {
        var starts = [Int32](repeating: 0, count: contacts + 1)
        pairs { p, _ in starts[p + 1] += 1 }
        for p in 0..<contacts { starts[p + 1] += starts[p] }
        var next = starts
        var items = [Int32](repeating: 0, count: Int(starts[contacts]))
        pairs { p, k in
            items[Int(next[p])] = Int32(k)
            next[p] += 1
        }
        (self.starts, self.items) = (starts, items)
    }

    /// The indexes of the contact at `position`, in ascending order.
    public subscript(position: Int) -> [Int] {
        guard position >= 0, position + 1 < starts.count else { return [] }
        return items[Int(starts[position])..<Int(starts[position + 1])].map(Int.init)
    }
}
