import Plumbing

/// The two axes of the segmentation matrix.
public enum Axis: String, CaseIterable, Sendable {
    case now, future
}

/// A named criterion of the scheme (at most five), rated per contact on the 0/0.1/1/10 scale, from
/// which a rating on its axis is suggested.
public struct Criterion: Equatable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var axis: Axis
    public var extra: [JSONKey: JSON] = [:]

    public init(id: String, name: String, axis: Axis) {
        self.id = id
        self.name = name
        self.axis = axis
    }
}

/// One change of a contact's ratings, kept so the card can show its path through the matrix.
public struct RatingChange: Equatable, Sendable {
    public var date: Day
    public var fromNow, fromFuture, toNow, toFuture: Rating
    public var extra: [JSONKey: JSON] = [:]

    public init(date: Day, fromNow: Rating, fromFuture: Rating, toNow: Rating, toFuture: Rating) {
        self.date = date
        (self.fromNow, self.fromFuture, self.toNow, self.toFuture) = (fromNow, fromFuture, toNow, toFuture)
    }
}

/// A move to the neighbouring quadrant, as drawn on a whiteboard: now grows to the right, future upwards.
public enum MatrixMove: CaseIterable, Sendable {
    case raiseNow, lowerNow, raiseFuture, lowerFuture
}

extension Scheme {
    public static let maxCriteria = 5

    /// The suggested rating on one axis: the scale step nearest the mean step of the criteria rated
    /// on that axis, counting 0, 0.1, 1, 10 as steps 0, 1, 2, 3 (a half rounds up). Nil when no
    /// criterion on that axis is rated for the contact.
    public func suggestedRating(_ c: Contact, axis: Axis) -> Rating? {
        suggestedRating(c.criteria, axis: axis)
    }

    /// `suggestedRating(_:axis:)` from a contact's criteria ratings.
    func suggestedRating(_ ratings: [String: Rating], axis: Axis) -> Rating? {
        guard !ratings.isEmpty else { return nil }
        var sum = 0, count = 0
        for criterion in criteria where criterion.axis == axis {
            guard let rating = ratings[criterion.id] else { continue }
            sum += rating.rawValue
            count += 1
        }
        guard count > 0 else { return nil }
        return Rating(rawValue: (2 * sum + count) / (2 * count))
    }

    /// The quadrant the criteria suggest (an axis without rated criteria keeps its assigned rating);
    /// nil when no criterion is rated at all.
    public func suggestedQuadrant(_ c: Contact) -> Quadrant? {
        suggestedQuadrant(c.criteria, now: c.importanceNow, future: c.importanceFuture)
    }

    /// `suggestedQuadrant(_:)` from a contact's criteria ratings and assigned ratings.
    func suggestedQuadrant(_ ratings: [String: Rating], now: Rating, future: Rating) -> Quadrant? {
        let suggestedNow = suggestedRating(ratings, axis: .now), suggestedFuture = suggestedRating(ratings, axis: .future)
        guard suggestedNow != nil || suggestedFuture != nil else { return nil }
        return quadrant(now: suggestedNow ?? now, future: suggestedFuture ?? future)
    }

    /// The suggested quadrant when it differs from the assigned one ("drift"), else nil.
    public func drift(_ c: Contact) -> Quadrant? {
        drift(c.criteria, now: c.importanceNow, future: c.importanceFuture)
    }

    /// `drift(_:)` from a contact's criteria ratings and assigned ratings.
    func drift(_ ratings: [String: Rating], now: Rating, future: Rating) -> Quadrant? {
        guard let s = suggestedQuadrant(ratings, now: now, future: future), s != quadrant(now: now, future: future) else { return nil }
        return s
    }

    /// The ratings after moving a contact to the neighbouring quadrant: a raised rating goes to the
    /// threshold, a lowered one to one step below it. Nil when there is no quadrant that way.
    public func ratings(after move: MatrixMove, now: Rating, future: Rating) -> (now: Rating, future: Rating)? {
        func raise(_ r: Rating) -> Rating? { r >= threshold ? nil : threshold }
        func lower(_ r: Rating) -> Rating? { r < threshold || threshold == .zero ? nil : threshold.lower }
        switch move {
        case .raiseNow: return raise(now).map { ($0, future) }
        case .lowerNow: return lower(now).map { ($0, future) }
        case .raiseFuture: return raise(future).map { (now, $0) }
        case .lowerFuture: return lower(future).map { (now, $0) }
        }
    }

    /// Days past the quadrant's cadence since the last contact (a contact never met counts from when
    /// it was added); nil when not overdue.
    public func overdueDays(_ c: Contact, lastContact: Day?, today: Day) -> Int? {
        Scheme.overdueDays(since: lastContact ?? c.created.day, today: today, cadence: policy(quadrant(of: c)).cadenceDays)
    }

    /// Days past `cadence` from `since` to `today`; nil when not overdue.
    public static func overdueDays(since: Day, today: Day, cadence: Int) -> Int? {
        let over = today.days(since: since) - cadence
        return over > 0 ? over : nil
    }
}

extension Contact {
    /// Sets both ratings; a change is recorded in `ratingHistory` with the day it happened.
    public mutating func setRatings(now: Rating, future: Rating, on day: Day) {
        guard now != importanceNow || future != importanceFuture else { return }
        ratingHistory.append(RatingChange(date: day, fromNow: importanceNow, fromFuture: importanceFuture, toNow: now, toFuture: future))
        importanceNow = now
        importanceFuture = future
    }

    /// The day the contact entered its current quadrant, from its rating history; nil when it has
    /// been there since before the history starts.
    public func inQuadrantSince(_ scheme: Scheme) -> Day? {
        let current = scheme.quadrant(of: self)
        var since: Day?
        for change in ratingHistory.sorted(by: { $0.date < $1.date }) {
            let from = scheme.quadrant(now: change.fromNow, future: change.fromFuture)
            let to = scheme.quadrant(now: change.toNow, future: change.toFuture)
            if from != to { since = to == current ? change.date : nil }
        }
        return since
    }

    /// True when the contact changed quadrant within the last `days` days.
    public func movedQuadrant(within days: Int, today: Day, scheme: Scheme) -> Bool {
        guard let since = inQuadrantSince(scheme) else { return false }
        return today.days(since: since) <= days
    }
}
