import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// The segmentation matrix's rules: quadrants, moves, overdue arithmetic, the criteria rule,
/// rating history, and how the file keeps criteria and history.
final class SegmentationTests: XCTestCase {
    let t0 = Timestamp(seconds: 0)

    func contact(_ now: Rating, _ future: Rating, id: String = "c1", created: Timestamp = Timestamp(seconds: 0)) -> Contact {
        var c = Contact(id: id, name: "C \(id)", created: created)
        (c.importanceNow, c.importanceFuture) = (now, future)
        return c
    }

    func scheme(threshold: Rating = .one, criteria: [Criterion] = []) -> Scheme {
        var s = Scheme()
        s.threshold = threshold
        s.criteria = criteria
        return s
    }

    func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }

    // MARK: - Quadrants

    func testQuadrantsAtAndAroundEachThreshold() {
        for t in [Rating.tenth, .one, .ten] {
            let s = scheme(threshold: t)
            let below = t.lower
            // At the threshold is high; one step below is low.
            XCTAssertEqual(s.quadrant(now: t, future: t), .key, "\(t)")
            XCTAssertEqual(s.quadrant(now: below, future: t), .rising, "\(t)")
            XCTAssertEqual(s.quadrant(now: t, future: below), .maintain, "\(t)")
            XCTAssertEqual(s.quadrant(now: below, future: below), .lightTouch, "\(t)")
            // The far corners.
            XCTAssertEqual(s.quadrant(now: .ten, future: .ten), .key, "\(t)")
            XCTAssertEqual(s.quadrant(now: .zero, future: .ten), .rising, "\(t)")
            XCTAssertEqual(s.quadrant(now: .ten, future: .zero), .maintain, "\(t)")
            XCTAssertEqual(s.quadrant(now: .zero, future: .zero), .lightTouch, "\(t)")
            for now in Rating.allCases {
                for future in Rating.allCases {
                    let q = s.quadrant(now: now, future: future)
                    XCTAssertEqual(q.isHighNow, now >= t, "threshold \(t): \(now) \(future)")
                    XCTAssertEqual(q.isHighFuture, future >= t, "threshold \(t): \(now) \(future)")
                    XCTAssertEqual(s.quadrant(of: contact(now, future)), q)
                }
            }
        }
    }

    func testThresholdTenthAndTen() {
        let tenth = scheme(threshold: .tenth)
        XCTAssertEqual(tenth.quadrant(now: .tenth, future: .tenth), .key)
        XCTAssertEqual(tenth.quadrant(now: .zero, future: .tenth), .rising)
        XCTAssertEqual(tenth.quadrant(now: .tenth, future: .zero), .maintain)
        XCTAssertEqual(tenth.quadrant(now: .zero, future: .zero), .lightTouch)
        let ten = scheme(threshold: .ten)
        XCTAssertEqual(ten.quadrant(now: .one, future: .one), .lightTouch)
        XCTAssertEqual(ten.quadrant(now: .one, future: .ten), .rising)
        XCTAssertEqual(ten.quadrant(now: .ten, future: .one), .maintain)
        XCTAssertEqual(ten.quadrant(now: .ten, future: .ten), .key)
    }

    // MARK: - Moves

    /// The quadrant next to `q` in the direction of `move`, or nil at the edge of the matrix.
    func neighbour(_ q: Quadrant, _ move: MatrixMove) -> Quadrant? {
        var (now, future) = (q.isHighNow, q.isHighFuture)
        switch move {
        case .raiseNow: if now { return nil }; now = true
        case .lowerNow: if !now { return nil }; now = false
        case .raiseFuture: if future { return nil }; future = true
        case .lowerFuture: if !future { return nil }; future = false
        }
        return Quadrant.allCases.first { $0.isHighNow == now && $0.isHighFuture == future }
    }

    func testEachMoveFromEachQuadrantWithTheDefaultThreshold() throws {
        let s = Scheme()
        let corners: [Quadrant: (Rating, Rating)] = [.key: (.one, .one), .rising: (.tenth, .one), .maintain: (.one, .tenth), .lightTouch: (.tenth, .tenth)]
        // (quadrant, move) → the ratings after the move; nil at the edges.
        let expected: [(Quadrant, MatrixMove, (Rating, Rating)?)] = [
            (.key, .raiseNow, nil), (.key, .raiseFuture, nil), (.key, .lowerNow, (.tenth, .one)), (.key, .lowerFuture, (.one, .tenth)),
            (.rising, .raiseNow, (.one, .one)), (.rising, .lowerNow, nil), (.rising, .raiseFuture, nil), (.rising, .lowerFuture, (.tenth, .tenth)),
            (.maintain, .raiseNow, nil), (.maintain, .lowerNow, (.tenth, .tenth)), (.maintain, .raiseFuture, (.one, .one)), (.maintain, .lowerFuture, nil),
            (.lightTouch, .raiseNow, (.one, .tenth)), (.lightTouch, .lowerNow, nil), (.lightTouch, .raiseFuture, (.tenth, .one)), (.lightTouch, .lowerFuture, nil),
        ]
        XCTAssertEqual(expected.count, Quadrant.allCases.count * MatrixMove.allCases.count)
        for (q, move, want) in expected {
            let (now, future) = try XCTUnwrap(corners[q])
            let got = s.ratings(after: move, now: now, future: future)
            XCTAssertEqual(got?.now, want?.0, "\(q) \(move)")
            XCTAssertEqual(got?.future, want?.1, "\(q) \(move)")
            if let got { XCTAssertEqual(s.quadrant(now: got.now, future: got.future), neighbour(q, move), "\(q) \(move)") }
        }
    }

    func testMovesFromEveryRatingLandInTheNeighbouringQuadrant() {
        for t in [Rating.tenth, .one, .ten] {
            let s = scheme(threshold: t)
            for now in Rating.allCases {
                for future in Rating.allCases {
                    let q = s.quadrant(now: now, future: future)
                    for move in MatrixMove.allCases {
                        let label = "threshold \(t), \(now)/\(future), \(move)"
                        guard let target = neighbour(q, move) else {
                            XCTAssertNil(s.ratings(after: move, now: now, future: future), label)
                            continue
                        }
                        guard let r = s.ratings(after: move, now: now, future: future) else {
                            XCTFail("no move: \(label)")
                            continue
                        }
                        XCTAssertEqual(s.quadrant(now: r.now, future: r.future), target, label)
                        // Raised to the threshold, lowered to one step below it; the other axis is untouched.
                        switch move {
                        case .raiseNow: XCTAssertEqual([r.now, r.future], [t, future], label)
                        case .lowerNow: XCTAssertEqual([r.now, r.future], [t.lower, future], label)
                        case .raiseFuture: XCTAssertEqual([r.now, r.future], [now, t], label)
                        case .lowerFuture: XCTAssertEqual([r.now, r.future], [now, t.lower], label)
                        }
                    }
                }
            }
        }
        // From the far corners: the moved rating goes to the threshold's edge, not one step.
        let s = Scheme()
        XCTAssertEqual(s.ratings(after: .lowerNow, now: .ten, future: .ten).map { [$0.now, $0.future] }, [.tenth, .ten])
        XCTAssertEqual(s.ratings(after: .raiseFuture, now: .zero, future: .zero).map { [$0.now, $0.future] }, [.zero, .one])
    }

    func testWithThresholdZeroEverythingIsKeyAndNothingMoves() {
        let s = scheme(threshold: .zero)
        for now in Rating.allCases {
            for future in Rating.allCases {
                XCTAssertEqual(s.quadrant(now: now, future: future), .key)
                for move in MatrixMove.allCases { XCTAssertNil(s.ratings(after: move, now: now, future: future)) }
            }
        }
    }

    func testAMoveAsAChangeAndItsUndo() throws {
        var n = Network()
        n.contacts = [contact(.tenth, .one, id: "a"), contact(.one, .one, id: "b")]
        let original = n
        let today = day(2024, 2, 29)
        for move in MatrixMove.allCases {
            let before = try XCTUnwrap(n.contact(id: "a"))
            guard let r = n.scheme.ratings(after: move, now: before.importanceNow, future: before.importanceFuture) else { continue }
            var after = before
            after.setRatings(now: r.now, future: r.future, on: today)
            let change = Change.contact(before: before, after: after)
            n.apply(change)
            XCTAssertEqual(n.scheme.quadrant(of: try XCTUnwrap(n.contact(id: "a"))), neighbour(.rising, move), "\(move)")
            XCTAssertEqual(n.contact(id: "a")?.ratingHistory.count, 1)
            XCTAssertEqual(n.contact(id: "b"), original.contact(id: "b"))
            n.apply(change.inverted)
            XCTAssertEqual(n, original, "undo of \(move) restores the network")
        }
    }

    // MARK: - Overdue

    func overdue(_ q: Quadrant, last: Day?, today: Day, created: Timestamp = Timestamp(seconds: 0)) -> Int? {
        let ratings: [Quadrant: (Rating, Rating)] = [.key: (.one, .one), .rising: (.tenth, .one), .maintain: (.one, .tenth), .lightTouch: (.tenth, .tenth)]
        let c = contact(ratings[q]!.0, ratings[q]!.1, created: created)
        return Scheme().overdueDays(c, lastContact: last, today: today)
    }

    func testOverdueAcrossMonthEnds() {
        // Key, every 30 days. 2024-01-31 + 30 days = 2024-03-01 (February 2024 has 29 days).
        XCTAssertNil(overdue(.key, last: day(2024, 1, 31), today: day(2024, 3, 1)))
        XCTAssertEqual(overdue(.key, last: day(2024, 1, 31), today: day(2024, 3, 2)), 1)
        // 2023: February has 28 days, so the same dates are a day further apart.
        XCTAssertNil(overdue(.key, last: day(2023, 1, 31), today: day(2023, 3, 2)))
        XCTAssertEqual(overdue(.key, last: day(2023, 1, 31), today: day(2023, 3, 3)), 1)
        // Maintain, every 60 days: 2023-02-28 + 60 = 2023-04-29.
        XCTAssertNil(overdue(.maintain, last: day(2023, 2, 28), today: day(2023, 4, 29)))
        XCTAssertEqual(overdue(.maintain, last: day(2023, 2, 28), today: day(2023, 4, 30)), 1)
        XCTAssertEqual(overdue(.maintain, last: day(2023, 2, 28), today: day(2023, 5, 31)), 32)
        // 30 April to 31 May.
        XCTAssertEqual(overdue(.key, last: day(2025, 4, 30), today: day(2025, 5, 31)), 1)
    }

    func testOverdueAcrossYearEnds() {
        // Rising, every 21 days: 2024-12-15 + 21 = 2025-01-05.
        XCTAssertNil(overdue(.rising, last: day(2024, 12, 15), today: day(2025, 1, 5)))
        XCTAssertEqual(overdue(.rising, last: day(2024, 12, 15), today: day(2025, 1, 6)), 1)
        // Light touch, every 180 days, from New Year's Eve: through a leap February and a common one.
        XCTAssertNil(overdue(.lightTouch, last: day(2023, 12, 31), today: day(2024, 6, 28)))
        XCTAssertEqual(overdue(.lightTouch, last: day(2023, 12, 31), today: day(2024, 6, 29)), 1)
        XCTAssertNil(overdue(.lightTouch, last: day(2022, 12, 31), today: day(2023, 6, 29)))
        XCTAssertEqual(overdue(.lightTouch, last: day(2022, 12, 31), today: day(2023, 6, 30)), 1)
        // A whole year past a Key contact's cadence: 2024 is 366 days long.
        XCTAssertEqual(overdue(.key, last: day(2024, 1, 1), today: day(2025, 1, 1)), 366 - 30)
        XCTAssertEqual(overdue(.key, last: day(2023, 1, 1), today: day(2024, 1, 1)), 365 - 30)
    }

    func testOverdueAroundLeapDays() {
        // From the leap day.
        XCTAssertNil(overdue(.key, last: day(2024, 2, 29), today: day(2024, 3, 30)))
        XCTAssertEqual(overdue(.key, last: day(2024, 2, 29), today: day(2024, 3, 31)), 1)
        // Across it.
        XCTAssertNil(overdue(.rising, last: day(2024, 2, 20), today: day(2024, 3, 12)))
        XCTAssertEqual(overdue(.rising, last: day(2024, 2, 20), today: day(2024, 3, 13)), 1)
        // The same dates in a common year are a day closer.
        XCTAssertNil(overdue(.rising, last: day(2023, 2, 20), today: day(2023, 3, 13)))
        XCTAssertEqual(overdue(.rising, last: day(2023, 2, 20), today: day(2023, 3, 14)), 1)
        // 2100 is not a leap year; 2000 was.
        XCTAssertEqual(overdue(.key, last: day(2100, 2, 1), today: day(2100, 3, 4)), 1)
        XCTAssertNil(overdue(.key, last: day(2000, 2, 1), today: day(2000, 3, 2)))
        XCTAssertEqual(overdue(.key, last: day(2000, 2, 1), today: day(2000, 3, 3)), 1)
    }

    func testOverdueOnTheDayAndBefore() {
        XCTAssertNil(overdue(.key, last: day(2024, 5, 1), today: day(2024, 5, 1)))
        XCTAssertNil(overdue(.key, last: day(2024, 5, 10), today: day(2024, 5, 1)), "an interaction dated after today")
    }

    func testNeverContactedCountsFromCreated() throws {
        let created = try XCTUnwrap(Timestamp(iso: "2024-02-29T23:59:59Z"))
        XCTAssertNil(overdue(.key, last: nil, today: day(2024, 3, 30), created: created))
        XCTAssertEqual(overdue(.key, last: nil, today: day(2024, 3, 31), created: created), 1)
        // An interaction wins over `created`, even an older one.
        XCTAssertEqual(overdue(.key, last: day(2024, 1, 1), today: day(2024, 3, 31), created: created), 90 - 30)
        // A quadrant's cadence from the scheme.
        var s = Scheme()
        s.quadrants[.key]?.cadenceDays = 7
        XCTAssertEqual(s.overdueDays(contact(.ten, .ten, created: created), lastContact: nil, today: day(2024, 3, 31)), 31 - 7)
    }

    // MARK: - The criteria rule

    let now1 = Criterion(id: "n1", name: "Revenue", axis: .now)
    let now2 = Criterion(id: "n2", name: "Share of wallet", axis: .now)
    let now3 = Criterion(id: "n3", name: "Margin", axis: .now)
    let fut1 = Criterion(id: "f1", name: "Fit", axis: .future)
    let fut2 = Criterion(id: "f2", name: "Growth", axis: .future)

    func rated(_ ratings: [String: Rating], now: Rating = .tenth, future: Rating = .tenth) -> Contact {
        var c = contact(now, future)
        c.criteria = ratings
        return c
    }

    func testSuggestedRatingIsTheNearestStepToTheMean() {
        let s = scheme(criteria: [now1, now2, now3, fut1, fut2])
        func now(_ ratings: [Rating]) -> Rating? {
            let ids = ["n1", "n2", "n3"]
            return s.suggestedRating(rated(Dictionary(uniqueKeysWithValues: zip(ids, ratings))), axis: .now)
        }
        // One criterion: its own rating.
        for r in Rating.allCases { XCTAssertEqual(now([r]), r) }
        // Two: the mean of the steps (0, 0.1, 1, 10 are steps 0–3); a half rounds up.
        XCTAssertEqual(now([.zero, .tenth]), .tenth)  // 0.5 → 1
        XCTAssertEqual(now([.tenth, .one]), .one)  // 1.5 → 2
        XCTAssertEqual(now([.one, .ten]), .ten)  // 2.5 → 3
        XCTAssertEqual(now([.zero, .ten]), .one)  // 1.5 → 2, not the mean of the values (5)
        XCTAssertEqual(now([.zero, .one]), .tenth)  // 1
        XCTAssertEqual(now([.ten, .ten]), .ten)
        // Three: thirds round to the nearest step.
        XCTAssertEqual(now([.zero, .zero, .ten]), .tenth)  // 1
        XCTAssertEqual(now([.zero, .one, .one]), .tenth)  // 1.33
        XCTAssertEqual(now([.zero, .ten, .ten]), .one)  // 2
        XCTAssertEqual(now([.tenth, .ten, .ten]), .one)  // 2.33
        XCTAssertEqual(now([.one, .ten, .ten]), .ten)  // 2.67
        XCTAssertEqual(now([.zero, .zero, .tenth]), .zero)  // 0.33
        XCTAssertEqual(now([.zero, .tenth, .tenth]), .tenth)  // 0.67
    }

    func testAxesWithoutRatedCriteria() {
        let s = scheme(criteria: [now1, now2, fut1])
        // Only ratings of the scheme's criteria on that axis count.
        let c = rated(["n1": .ten, "f1": .zero, "unknown": .ten])
        XCTAssertEqual(s.suggestedRating(c, axis: .now), .ten)
        XCTAssertEqual(s.suggestedRating(c, axis: .future), .zero)
        let onlyNow = rated(["n2": .one], now: .tenth, future: .ten)
        XCTAssertNil(s.suggestedRating(onlyNow, axis: .future))
        // The unrated axis keeps the contact's own rating.
        XCTAssertEqual(s.suggestedQuadrant(onlyNow), .key)
        XCTAssertEqual(s.drift(onlyNow), .key)
        // Nothing rated, or only criteria the scheme does not have: no suggestion.
        XCTAssertNil(s.suggestedQuadrant(rated([:])))
        XCTAssertNil(s.suggestedQuadrant(rated(["gone": .ten])))
        XCTAssertNil(s.drift(rated(["gone": .ten])))
        // A scheme without criteria suggests nothing.
        XCTAssertNil(Scheme().suggestedQuadrant(rated(["n1": .ten])))
    }

    func testDrift() {
        let s = scheme(criteria: [now1, now2, fut1, fut2])
        // Agreeing criteria: no drift.
        let agrees = rated(["n1": .ten, "n2": .one, "f1": .one], now: .ten, future: .one)
        XCTAssertEqual(s.suggestedQuadrant(agrees), .key)
        XCTAssertNil(s.drift(agrees))
        // Different ratings in the same quadrant are not drift.
        let sameQuadrant = rated(["n1": .one, "f1": .one], now: .ten, future: .ten)
        XCTAssertNil(s.drift(sameQuadrant))
        // A "rising" contact whose criteria say it already matters now.
        let risingIsKey = rated(["n1": .one, "n2": .one, "f1": .ten], now: .tenth, future: .ten)
        XCTAssertEqual(s.quadrant(of: risingIsKey), .rising)
        XCTAssertEqual(s.drift(risingIsKey), .key)
        // A key contact whose future criteria are low; the half rounds up to 0.1, still low.
        let keyIsMaintain = rated(["n1": .ten, "f1": .tenth, "f2": .zero], now: .ten, future: .ten)
        XCTAssertEqual(s.drift(keyIsMaintain), .maintain)
        // The threshold decides what the suggestion means.
        let ten = scheme(threshold: .ten, criteria: [now1, fut1])
        XCTAssertEqual(ten.drift(rated(["n1": .one, "f1": .one], now: .ten, future: .ten)), .lightTouch)
    }

    // MARK: - Rating history

    func testSetRatingsRecordsOnlyChanges() {
        var c = contact(.tenth, .tenth)
        c.setRatings(now: .tenth, future: .tenth, on: day(2024, 1, 1))
        XCTAssertEqual(c.ratingHistory, [], "no change, no history")
        c.setRatings(now: .tenth, future: .one, on: day(2024, 2, 29))
        XCTAssertEqual(c.ratingHistory, [RatingChange(date: day(2024, 2, 29), fromNow: .tenth, fromFuture: .tenth, toNow: .tenth, toFuture: .one)])
        XCTAssertEqual([c.importanceNow, c.importanceFuture], [.tenth, .one])
        c.setRatings(now: .tenth, future: .one, on: day(2024, 3, 1))
        XCTAssertEqual(c.ratingHistory.count, 1)
        c.setRatings(now: .one, future: .one, on: day(2024, 3, 2))
        XCTAssertEqual(c.ratingHistory.count, 2)
        XCTAssertEqual(c.ratingHistory.last, RatingChange(date: day(2024, 3, 2), fromNow: .tenth, fromFuture: .one, toNow: .one, toFuture: .one))
    }

    func testInQuadrantSinceAndMovedQuadrant() {
        let s = Scheme()
        var c = contact(.tenth, .tenth)
        XCTAssertNil(c.inQuadrantSince(s), "no history")
        XCTAssertFalse(c.movedQuadrant(within: 90, today: day(2024, 6, 1), scheme: s))

        // Into Rising on 2024-03-01, then a change within Rising: still Rising since March.
        c.setRatings(now: .tenth, future: .one, on: day(2024, 3, 1))
        c.setRatings(now: .zero, future: .ten, on: day(2024, 4, 1))
        XCTAssertEqual(c.inQuadrantSince(s), day(2024, 3, 1))
        XCTAssertTrue(c.movedQuadrant(within: 90, today: day(2024, 5, 30), scheme: s), "exactly 90 days")
        XCTAssertFalse(c.movedQuadrant(within: 90, today: day(2024, 5, 31), scheme: s), "91 days")

        // Back and forth: the latest entry counts.
        c.setRatings(now: .zero, future: .tenth, on: day(2024, 5, 1))
        XCTAssertEqual(c.inQuadrantSince(s), day(2024, 5, 1))
        c.setRatings(now: .zero, future: .one, on: day(2024, 6, 1))
        XCTAssertEqual(c.inQuadrantSince(s), day(2024, 6, 1))

        // The history is read in date order whatever order the file gave it in.
        var shuffled = c
        shuffled.ratingHistory.reverse()
        XCTAssertEqual(shuffled.inQuadrantSince(s), day(2024, 6, 1))

        // Changes only within a quadrant: in it since before the history.
        var within = contact(.one, .one)
        within.setRatings(now: .ten, future: .one, on: day(2024, 1, 1))
        within.setRatings(now: .ten, future: .ten, on: day(2024, 2, 1))
        XCTAssertNil(within.inQuadrantSince(s))
        XCTAssertFalse(within.movedQuadrant(within: 90, today: day(2024, 2, 2), scheme: s))

        // A history that does not end in the contact's quadrant (edited by hand) gives no date.
        var odd = contact(.ten, .ten)
        odd.ratingHistory = [RatingChange(date: day(2024, 1, 1), fromNow: .tenth, fromFuture: .tenth, toNow: .tenth, toFuture: .one)]
        XCTAssertNil(odd.inQuadrantSince(s))

        // The quadrants are the scheme's: with threshold 10 only the step to 10 in April left Light
        // touch, and the contact came back to it on 2024-05-01.
        XCTAssertEqual(c.inQuadrantSince(scheme(threshold: .ten)), day(2024, 5, 1))
    }

    // MARK: - The file

    func testCodecRoundTripOfCriteriaAndHistory() throws {
        var n = Network()
        n.scheme.criteria = [now1, fut1, Criterion(id: "f2", name: "Tillväxt", axis: .future)]
        n.scheme.criteria[0].extra = ["weight": .number("2")]
        var c = contact(.tenth, .tenth, id: "c1", created: try XCTUnwrap(Timestamp(iso: "2024-01-01T09:00:00Z")))
        c.criteria = ["n1": .tenth, "f1": .ten, "f2": .zero, "retired": .one]
        c.setRatings(now: .tenth, future: .one, on: day(2024, 2, 29))
        c.setRatings(now: .one, future: .ten, on: day(2024, 12, 31))
        c.ratingHistory[1].extra = ["by": .string("Kaisa")]
        n.contacts = [c, contact(.one, .one, id: "c2")]
        let bytes = NetworkCodec.encode(n)
        let decoded = NetworkCodec.decode(bytes)
        XCTAssertEqual(decoded.problems, [])
        XCTAssertEqual(decoded.network, n)
        XCTAssertEqual(NetworkCodec.encode(try XCTUnwrap(decoded.network)), bytes, "byte-stable")

        let json = try JSONParser.parse(bytes)
        XCTAssertEqual(lookup(json, "contacts", "0", "criteria", "n1"), .number("0.1"))
        XCTAssertEqual(lookup(json, "contacts", "0", "criteria", "f1"), .number("10"))
        XCTAssertEqual(lookup(json, "contacts", "0", "ratingHistory", "0", "date"), .string("2024-02-29"))
        XCTAssertEqual(lookup(json, "contacts", "0", "ratingHistory", "0", "toFuture"), .number("1"))
        XCTAssertEqual(lookup(json, "contacts", "1", "criteria"), .object([:]))
        XCTAssertEqual(lookup(json, "contacts", "1", "ratingHistory"), .array([]))
        XCTAssertEqual(lookup(json, "scheme", "criteria", "2", "axis"), .string("future"))
        XCTAssertEqual(lookup(json, "scheme", "criteria", "0", "weight"), .number("2"))
    }

    func testCriteriaAndHistoryAreOptionalInTheFile() throws {
        let decoded = NetworkCodec.decode(bytes(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A"}]}"#))
        XCTAssertEqual(decoded.problems, [])
        let c = try XCTUnwrap(decoded.network?.contacts.first)
        XCTAssertEqual(c.criteria, [:])
        XCTAssertEqual(c.ratingHistory, [])
        XCTAssertEqual(decoded.network?.scheme.criteria, [])
    }

    func criteriaJSON(_ count: Int) -> String {
        "[" + (0..<count).map { #"{"id": "k\#($0)", "name": "Criterion \#($0)", "axis": "\#($0 % 2 == 0 ? "now" : "future")"}"# }
            .joined(separator: ", ") + "]"
    }

    func testAtMostFiveCriteria() {
        XCTAssertEqual(problems(#"{"schemaVersion": 1, "scheme": {"criteria": \#(criteriaJSON(5))}}"#), [])
        let found = problems(#"{"schemaVersion": 1, "scheme": {"criteria": \#(criteriaJSON(6))}}"#)
        XCTAssertEqual(found.map(\.kind), [.invalidValue], "\(found)")
        XCTAssertEqual(found.first?.location, "scheme.criteria")
        assertContains(found.first?.message ?? "\(found)", "6")
    }

    func testCriterionProblems() {
        let bad = problems(#"{"schemaVersion": 1, "scheme": {"criteria": [{"id": "x", "name": "X", "axis": "sideways"}]}}"#)
        XCTAssertEqual(bad.map(\.kind), [.invalidValue])
        XCTAssertEqual(bad.first?.location, "scheme.criteria[0].axis")
        let noID = problems(#"{"schemaVersion": 1, "scheme": {"criteria": [{"name": "X", "axis": "now"}]}}"#)
        XCTAssertEqual(noID.map(\.kind), [.missing])
    }

    func testOffScaleCriterionRatingIsAProblem() {
        let found = problems(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A", "criteria": {"revenue": 5}}]}"#)
        XCTAssertEqual(found.map(\.kind), [.offScale], "\(found)")
        XCTAssertEqual(found.first?.location, #"contacts[0] "A".criteria.revenue"#)
        let text = problems(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A", "criteria": {"revenue": "high"}}]}"#)
        XCTAssertEqual(text.count, 1, "\(text)")
        let notAnObject = problems(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A", "criteria": [1]}]}"#)
        XCTAssertEqual(notAnObject.map(\.kind), [.wrongType])
    }

    func testHistoryProblems() {
        func history(_ entry: String) -> [Problem] {
            problems(#"{"schemaVersion": 1, "contacts": [{"id": "c1", "name": "A", "ratingHistory": [\#(entry)]}]}"#)
        }
        XCTAssertEqual(history(#"{"date": "2024-02-29", "fromNow": 0.1, "fromFuture": 0.1, "toNow": 1, "toFuture": 1}"#), [])
        let offScale = history(#"{"date": "2024-02-29", "fromNow": 0.1, "fromFuture": 0.1, "toNow": 2, "toFuture": 1}"#)
        XCTAssertEqual(offScale.map(\.kind), [.offScale])
        XCTAssertEqual(offScale.first?.location, #"contacts[0] "A".ratingHistory[0].toNow"#)
        XCTAssertEqual(history(#"{"date": "2023-02-29", "toNow": 1}"#).map(\.kind), [.invalidValue], "not a date")
        XCTAssertEqual(history(#"{"toNow": 1}"#).map(\.kind), [.missing])
        XCTAssertEqual(history(#""2024-01-01""#).map(\.kind), [.wrongType, .missing])
    }

    // MARK: - The demo

    func testDemoScheme() throws {
        let demo = Demo.network(today: testToday)
        let s = demo.scheme
        XCTAssertTrue((3...Scheme.maxCriteria).contains(s.criteria.count))
        XCTAssertEqual(Set(s.criteria.map(\.axis)), [.now, .future])
        XCTAssertEqual(Set(s.criteria.map(\.id)).count, s.criteria.count)
        let ids = Set(s.criteria.map(\.id))
        for c in demo.contacts { XCTAssertTrue(Set(c.criteria.keys).isSubset(of: ids), c.name) }

        let rated = demo.contacts.filter { !$0.criteria.isEmpty }
        XCTAssertTrue((15...25).contains(rated.count), "\(rated.count) rated")
        let drifting = demo.contacts.filter { s.drift($0) != nil }
        XCTAssertTrue((3...4).contains(drifting.count), drifting.map(\.name).description)

        let withHistory = demo.contacts.filter { !$0.ratingHistory.isEmpty }
        XCTAssertTrue((5...8).contains(withHistory.count), "\(withHistory.count)")
        for c in withHistory {
            let last = try XCTUnwrap(c.ratingHistory.last)
            XCTAssertEqual([last.toNow, last.toFuture], [c.importanceNow, c.importanceFuture], c.name)
            XCTAssertEqual(c.ratingHistory.map(\.date), c.ratingHistory.map(\.date).sorted(), c.name)
            for h in c.ratingHistory {
                XCTAssertLessThan(h.date, testToday, c.name)
                XCTAssertLessThan(c.created.day, h.date, "\(c.name) is added before its ratings change")
                XCTAssertLessThanOrEqual(h.date, c.updated.day, c.name)
            }
            for (a, b) in zip(c.ratingHistory, c.ratingHistory.dropFirst()) {
                XCTAssertEqual([a.toNow, a.toFuture], [b.fromNow, b.fromFuture], "\(c.name): the history is a chain")
            }
        }
        // Rising contacts that moved in recently, and a Key contact that rose long ago.
        let movedIntoRising = demo.contacts.filter { s.quadrant(of: $0) == .rising && $0.movedQuadrant(within: 90, today: testToday, scheme: s) }
        XCTAssertGreaterThanOrEqual(movedIntoRising.count, 2)
        XCTAssertTrue(demo.contacts.contains { c in
            s.quadrant(of: c) == .key && c.inQuadrantSince(s).map { testToday.days(since: $0) > 180 } ?? false
        })
        XCTAssertTrue(withHistory.contains { $0.inQuadrantSince(s) == nil }, "one changed only within its quadrant")

        // Still a valid, stable file.
        XCTAssertEqual(demo.referenceProblems(), [])
        XCTAssertEqual(NetworkCodec.decode(NetworkCodec.encode(demo)).problems, [])
        XCTAssertEqual(NetworkCodec.decode(NetworkCodec.encode(demo)).network, demo)
        XCTAssertEqual(Demo.network(today: testToday), demo)
    }
}
