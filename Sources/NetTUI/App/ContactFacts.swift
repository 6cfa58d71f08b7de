import Dispatch
import NetModel
import Plumbing
import NetStore

/// What the panes need to know of every contact, worked out once per version of the network, so
/// that a keystroke filters and sorts prepared keys instead of re-reading 100,000 contacts.
/// Arrays are indexed like `network.contacts`.
struct ContactFacts: Sendable {
    /// The `AppState.revision` these facts belong to.
    var revision = -1
    var foldedNames: [String] = []
    var quadrants: [Quadrant] = []
    /// The day of the latest interaction with each contact.
    var lastContact: [Day?] = []
    /// Which contact each interaction is with, for the rules of the Exits and Briefing panes; nil
    /// after the log changed until it is built again (between key presses, or when a pane needs it).
    private(set) var logIndex: LogIndex?
    /// Every contact's index, ordered by folded name and then id: the matrix's order, and the
    /// contacts list's before its sort key is applied.
    var byName: [Int] = []
    /// Folded search text of the first contacts, one after another (`searchStart[i]..<searchStart[i+1]`);
    /// filled a slice at a time between key presses, or at once when a filter needs it.
    private(set) var searchBytes: [UInt8] = []
    private(set) var searchStart: [Int] = [0]
    /// How often each byte occurs in the search text: a word is looked for by its rarest byte.
    private var byteCounts = [Int](repeating: 0, count: 256)
    /// Each contact's interactions and the networks it is a member of (indexes into
    /// `network.interactions` and `network.networks`), by contact position; nil until built.
    private(set) var byContact: (interactions: ByContact, networks: ByContact)?

    init() {}

    /// `view`: the view of `n` with its log's index, when there is one at hand (else the index is built here).
    init(_ n: Network, revision: Int, view given: NetworkView? = nil) {
        self.revision = revision
        // One step after another, each on every core: the names, their order, the last contacts.
        foldedNames = SearchText.foldedNames(of: n.contacts)
        quadrants = n.scheme.quadrants(of: n.contacts)
        byName = SearchText.order(byFolded: foldedNames, of: n.contacts)
        let view = NetworkView(n, logIndex: given?.logIndex ?? LogIndex(n), foldedNames: foldedNames)
        (logIndex, lastContact) = (view.logIndex, view.lastContactDays())
        // Room to spare (room not used is memory never touched): at 100,000 contacts the text
        // is 16 MB, and growing to it would hold two copies at once.
        searchBytes.reserveCapacity(n.contacts.count * 256)
        searchStart.reserveCapacity(n.contacts.count + 1)
    }

    /// Brings the facts up to date after `changes` made revision `revision` of `n`, when that can be
    /// done in place: contacts edited, interactions logged, networks changed. Returns false when
    /// they must be rebuilt (contacts added or removed, a new scheme, a large step).
    mutating func update(after changes: [Change], in n: Network, revision: Int) -> Bool {
        guard self.revision == revision - 1, foldedNames.count == n.contacts.count, changes.count <= 64 else { return false }
        for change in changes {
            switch change {
            case .contact(let before?, let after?) where sameBytes(before.id, after.id):
                guard let i = Network.index(of: after.id, in: n.contacts) else { return false }
                update(i, to: after, in: n)
            case .contact, .scheme:
                return false
            case .interaction(let before, let after):
                // Positions in the log have moved: the indexes are rebuilt between key presses.
                (byContact, logIndex) = (nil, nil)
                for id in Set([before?.contact, after?.contact].compactMap { $0 }) {
                    guard let p = Network.index(of: id, in: n.contacts) else { continue }
                    lastContact[p] = n.interactions.lazy.filter { sameBytes($0.contact, id) }.map(\.date).max()
                }
            case .network:
                byContact = nil
            case .event, .me, .conflicts:
                break
            }
        }
        self.revision = revision
        return true
    }

    /// Contact `i` was edited: its name key, quadrant and search text follow.
    private mutating func update(_ i: Int, to c: Contact, in n: Network) {
        quadrants[i] = n.scheme.quadrant(of: c)
        let name = SearchText.fold(c.name)
        if name != foldedNames[i] {
            byName.remove(at: byName.firstIndex(of: i)!)
            foldedNames[i] = name
            let names = foldedNames, contacts = n.contacts
            func before(_ j: Int) -> Bool { names[j] != name ? names[j] < name : contacts[j].id < c.id }
            var (low, high) = (0, byName.count)
            while low < high {
                let mid = (low + high) / 2
                if before(byName[mid]) { low = mid + 1 } else { high = mid }
            }
            byName.insert(i, at: low)
        }
        guard i < searchStart.count - 1 else { return }  // not folded yet
        let (from, to) = (searchStart[i], searchStart[i + 1])
        for b in searchBytes[from..<to] { byteCounts[Int(b)] -= 1 }
        let text = Array(c.searchText.utf8)
        for b in text { byteCounts[Int(b)] += 1 }
        searchBytes.replaceSubrange(from..<to, with: text)
        let delta = text.count - (to - from)
        if delta != 0 { for j in (i + 1)..<searchStart.count { searchStart[j] += delta } }
    }

    var hasSearchText: Bool { searchStart.count == foldedNames.count + 1 }
    var isComplete: Bool { hasSearchText && byContact != nil && logIndex != nil }

    /// The view of `n` (this version of the network) for the rules, with the log's index (built
    /// now when it is not at hand) and the folded names.
    mutating func view(of n: Network) -> NetworkView {
        let view = NetworkView(n, logIndex: logIndex ?? LogIndex(n), foldedNames: foldedNames)
        logIndex = view.logIndex
        return view
    }

    /// Does up to `limit` contacts' worth of the work left (search text, then the interaction
    /// index), so that the program can do it between key presses.
    mutating func prepare(_ n: Network, limit: Int = .max) {
        var budget = limit
        while !hasSearchText && budget > 0 {
            let from = searchBytes.count
            searchBytes.append(contentsOf: n.contacts[searchStart.count - 1].searchText.utf8)
            searchStart.append(searchBytes.count)
            for b in searchBytes[from...] { byteCounts[Int(b)] += 1 }
            budget -= 1
        }
        if budget > 0 && logIndex == nil {
            _ = view(of: n)
            budget -= n.contacts.count / 4
        }
        if budget > 0 && byContact == nil {
            let view = view(of: n)
            byContact = (view.interactionsByContact(), view.networksByContact())
        }
    }

    /// The networks a contact is a member of, in the network list's order.
    func networks(of id: String, in n: Network) -> [NetworkGroup] {
        guard let byContact else { return n.networks.filter { $0.members.contains { sameBytes($0, id) } } }
        return Network.index(of: id, in: n.contacts).map { byContact.networks[$0].map { n.networks[$0] } } ?? []
    }

    /// Interactions with one contact, newest first (as `Network.interactions(with:)`).
    func interactions(with id: String, in n: Network) -> [Interaction] {
        guard let byContact else { return n.interactions(with: id) }
        let own = Network.index(of: id, in: n.contacts).map { byContact.interactions[$0] } ?? []
        return own.map { n.interactions[$0] }.sorted { $0.date > $1.date }
    }

    /// The candidates (indexes, in order) whose search text contains every one of the folded
    /// `words`; a long list is searched on two threads.
    func matching(_ candidates: [Int], words: [[UInt8]]) -> [Int] {
        let needles = words.filter { !$0.isEmpty }.map { word in
            // The rarest byte of the word is the one to look for: fewer false starts.
            (bytes: word, anchor: word.indices.min { byteCounts[Int(word[$0])] < byteCounts[Int(word[$1])] }!)
        }
        guard !needles.isEmpty else { return candidates }
        let parts = candidates.count >= 20_000 ? 2 : 1
        // Each part only reads the text and makes its own list.
        let results = inParallel(parts) { p in
            let text = searchBytes.span
            return candidates[(candidates.count * p / parts)..<(candidates.count * (p + 1) / parts)].filter { i in
                let own = searchStart[i]..<searchStart[i + 1]
                return needles.allSatisfy { text.contains($0.bytes, anchor: $0.anchor, in: own) }
            }
        }
        return parts == 1 ? results[0] : results.flatMap { $0 }
    }
}
