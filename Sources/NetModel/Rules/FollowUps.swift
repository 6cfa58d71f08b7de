import Plumbing

/// Something to do after an interaction, by a day: "send the offer by Friday". A follow-up is open
/// until it is marked done; closing it keeps it in the log with the day it was done.
public struct FollowUp: Equatable, Sendable {
    public var due: Day
    public var what: String
    /// The day it was done; nil while open.
    public var done: Day?
    /// Keys inside `followUp` this version does not know, kept for the next save.
    public var extra: [JSONKey: JSON] = [:]

    public init(due: Day, what: String, done: Day? = nil) {
        self.due = due
        self.what = what
        self.done = done
    }

    public var isOpen: Bool { done == nil }
}

extension Network {
    /// Open follow-ups (not done), oldest due first, optionally for one contact. Ties go by the
    /// interaction's date, then its id, so the order is stable.
    public func openFollowUps(contact: String? = nil) -> [(interaction: Interaction, followUp: FollowUp)] {
        var out: [(interaction: Interaction, followUp: FollowUp)] = []
        for i in interactions {
            guard let f = i.followUp, f.isOpen, contact.map({ $0 == i.contact }) ?? true else { continue }
            out.append((i, f))
        }
        return out.sorted(by: Network.dueBefore)
    }

    /// The order of follow-ups: oldest due first, then by the interaction's date, then its id.
    static func dueBefore(_ a: (interaction: Interaction, followUp: FollowUp), _ b: (interaction: Interaction, followUp: FollowUp)) -> Bool {
        if a.followUp.due != b.followUp.due { return a.followUp.due < b.followUp.due }
        if a.interaction.date != b.interaction.date { return a.interaction.date < b.interaction.date }
        return a.interaction.id < b.interaction.id
    }

    /// Open follow-ups due on or before `day` (the overdue ones included), oldest due first.
    public func dueFollowUps(on day: Day) -> [(interaction: Interaction, followUp: FollowUp)] {
        openFollowUps().filter { $0.followUp.due <= day }
    }

    /// `NetworkView.overdueContacts(today:)` of this network.
    public func overdueContacts(today: Day) -> [(contact: Contact, days: Int)] {
        NetworkView(self).overdueContacts(today: today)
    }

    /// The change that marks an interaction's follow-up done on `day`; nil when the interaction does
    /// not exist, has no follow-up or it is already done.
    public func changeClosingFollowUp(interaction id: String, on day: Day) -> Change? {
        guard let before = Network.index(of: id, in: interactions).map({ interactions[$0] }), before.followUp?.isOpen == true else { return nil }
        var after = before
        after.followUp?.done = day
        return .interaction(before: before, after: after)
    }
}

extension NetworkView {
    /// Contacts overdue for their quadrant's cadence on `today` (`Scheme.overdueDays` from the last
    /// interaction, or from when the contact was added), most overdue first, then by name. A
    /// relationship we have left (its decision is `leave`) is never overdue.
    public func overdueContacts(today: Day) -> [(contact: Contact, days: Int)] {
        overdueContacts(today: today, last: lastContactDays())
    }

    /// `overdueContacts(today:)` with `lastContactDays()` worked out already.
    func overdueContacts(today: Day, last: [Day?]) -> [(contact: Contact, days: Int)] {
        var out: [(contact: Contact, days: Int)] = []
        // The order's figures kept as the list is made (reading them back would copy each contact).
        var keys: [SortKey] = [], days: [Int] = [], ids: [String] = []
        let cadences = Quadrant.allCases.map { scheme.policy($0).cadenceDays }
        forEachContact { p, c in
            if case .leave? = c.decision { return }
            let q = scheme.quadrant(now: c.importanceNow, future: c.importanceFuture)
            if let d = Scheme.overdueDays(since: last[p] ?? c.created.day, today: today, cadence: cadences[Quadrant.allCases.firstIndex(of: q)!]) {
                out.append((c.value, d))
                keys.append(SortKey(foldedName(p)))
                days.append(d)
                ids.append(c.id)
            }
        }
        return SortKey.ranked(days, keys: keys, ids: ids).map { out[$0] }
    }
}
