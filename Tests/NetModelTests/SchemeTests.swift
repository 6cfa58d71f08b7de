import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

final class SchemeTests: XCTestCase {
    func testQuadrantsAtAndAroundTheDefaultThreshold() {
        let s = Scheme()
        XCTAssertEqual(s.threshold, .one)
        // At the threshold counts as high.
        XCTAssertEqual(s.quadrant(now: .one, future: .one), .key)
        XCTAssertEqual(s.quadrant(now: .tenth, future: .one), .rising)
        XCTAssertEqual(s.quadrant(now: .one, future: .tenth), .maintain)
        XCTAssertEqual(s.quadrant(now: .tenth, future: .tenth), .lightTouch)
        // The far corners.
        XCTAssertEqual(s.quadrant(now: .ten, future: .ten), .key)
        XCTAssertEqual(s.quadrant(now: .zero, future: .ten), .rising)
        XCTAssertEqual(s.quadrant(now: .ten, future: .zero), .maintain)
        XCTAssertEqual(s.quadrant(now: .zero, future: .zero), .lightTouch)
        // Every combination lands where its two comparisons say.
        for now in Rating.allCases {
            for future in Rating.allCases {
                let q = s.quadrant(now: now, future: future)
                XCTAssertEqual(q.isHighNow, now >= .one, "\(now) \(future)")
                XCTAssertEqual(q.isHighFuture, future >= .one, "\(now) \(future)")
            }
        }
    }

    func testOtherThresholds() {
        var s = Scheme()
        s.threshold = .ten
        XCTAssertEqual(s.quadrant(now: .one, future: .one), .lightTouch)
        XCTAssertEqual(s.quadrant(now: .ten, future: .one), .maintain)
        XCTAssertEqual(s.quadrant(now: .one, future: .ten), .rising)
        s.threshold = .zero
        XCTAssertEqual(Set(Rating.allCases.flatMap { n in Rating.allCases.map { s.quadrant(now: n, future: $0) } }), [.key])
    }

    func testQuadrantOfAContact() {
        var c = Contact(id: "c", name: "C", created: Timestamp(seconds: 0))
        XCTAssertEqual(Scheme().quadrant(of: c), .lightTouch, "new contacts default to 0.1 / 0.1")
        c.importanceFuture = .one
        XCTAssertEqual(Scheme().quadrant(of: c), .rising)
    }

    func testDefaultPoliciesAndOverrides() throws {
        let s = Scheme()
        XCTAssertEqual(Quadrant.allCases.map { s.policy($0).cadenceDays }, [30, 21, 60, 180])
        XCTAssertEqual(Quadrant.allCases.map { s.policy($0).name }, ["Key", "Rising", "Maintain", "Light touch"])
        let file = #"{"schemaVersion": 1, "scheme": {"threshold": 10, "axisNow": "Revenue", "quadrants": {"rising": {"cadenceDays": 14}}}}"#
        let decoded = NetworkCodec.decode(bytes(file))
        XCTAssertEqual(decoded.problems, [])
        let scheme = try XCTUnwrap(decoded.network).scheme
        XCTAssertEqual(scheme.threshold, .ten)
        XCTAssertEqual(scheme.axisNow, "Revenue")
        XCTAssertEqual(scheme.axisFuture, "Importance in future")
        XCTAssertEqual(scheme.policy(.rising).cadenceDays, 14)
        XCTAssertEqual(scheme.policy(.rising).name, "Rising", "unset policy fields keep their default")
        XCTAssertEqual(scheme.policy(.key), Scheme.defaultPolicies[.key])
    }

    func testRatingText() {
        XCTAssertEqual(Rating.allCases.map(\.text), ["0", "0.1", "1", "10"])
        XCTAssertEqual(Rating(text: "0,1"), .tenth)
        XCTAssertEqual(Rating(text: ".1"), .tenth)
        XCTAssertEqual(Rating(text: " 10 "), .ten)
        XCTAssertNil(Rating(text: "5"))
        XCTAssertNil(Rating(text: ""))
        XCTAssertEqual(Rating.ten.lower, .one)
        XCTAssertEqual(Rating.zero.lower, .zero)
    }
}
