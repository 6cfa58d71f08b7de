import XCTest
@testable import NetModel
@testable import Plumbing

final class DayTests: XCTestCase {
    func day(_ s: String) -> Day { Day(iso: s)! }

    func testParseAndFormat() {
        XCTAssertEqual(Day(ordinal: 0).description, "1970-01-01")
        XCTAssertEqual(day("1970-01-01").ordinal, 0)
        XCTAssertEqual(day("2025-03-14").description, "2025-03-14")
        XCTAssertEqual(Day(year: 2025, month: 3, day: 14), day("2025-03-14"))
        XCTAssertEqual(day("0001-01-01").description, "0001-01-01")
        XCTAssertEqual(day("9999-12-31").description, "9999-12-31")
        XCTAssertEqual(day("1969-12-31").ordinal, -1)
        XCTAssertEqual(day("2024-06-01").components.year, 2024)
        XCTAssertEqual(day("2024-06-01").components.month, 6)
        XCTAssertEqual(Day(iso: "2024-06-01T12:00:00Z"), day("2024-06-01"), "the date part of a timestamp")
        for bad in ["", "2024-6-1", "2024/06/01", "24-06-01", "2024-06-01x", "2024-06-01 ", "2024-00-10", "2024-13-01",
                    "2024-04-31", "2024-06-00", "0000-01-01", "abcd-ef-gh", "2024-0a-01", "+024-01-01", "２０２４-01-01"] {
            XCTAssertNil(Day(iso: bad), bad)
        }
    }

    func testLeapDays() {
        XCTAssertNotNil(Day(iso: "2024-02-29"))
        XCTAssertNil(Day(iso: "2023-02-29"))
        XCTAssertNotNil(Day(iso: "2000-02-29"), "divisible by 400")
        XCTAssertNil(Day(iso: "1900-02-29"), "divisible by 100")
        XCTAssertNil(Day(iso: "2024-02-30"))
        XCTAssertEqual(day("2024-02-28").adding(days: 1).description, "2024-02-29")
        XCTAssertEqual(day("2023-02-28").adding(days: 1).description, "2023-03-01")
        XCTAssertEqual(day("2024-02-29").adding(days: 365).description, "2025-02-28")
    }

    func testDaysSinceAcrossMonthAndYearEnds() {
        XCTAssertEqual(day("2024-03-01").days(since: day("2024-02-28")), 2)
        XCTAssertEqual(day("2023-03-01").days(since: day("2023-02-28")), 1)
        XCTAssertEqual(day("2024-05-01").days(since: day("2024-04-30")), 1)
        XCTAssertEqual(day("2025-01-01").days(since: day("2024-12-31")), 1)
        XCTAssertEqual(day("2024-12-31").days(since: day("2025-01-01")), -1)
        XCTAssertEqual(day("2025-01-01").days(since: day("2024-01-01")), 366)
        XCTAssertEqual(day("2024-01-01").days(since: day("2023-01-01")), 365)
        XCTAssertEqual(day("2025-03-14").days(since: day("2025-03-14")), 0)
        XCTAssertEqual(day("2000-01-01").days(since: day("1970-01-01")), 10_957)
        XCTAssertEqual(day("2024-12-31").adding(days: 1).description, "2025-01-01")
        XCTAssertEqual(day("2025-01-01").adding(days: -1).description, "2024-12-31")
        XCTAssertEqual(day("1970-01-01").adding(days: -1).description, "1969-12-31")
    }

    func testEveryDayOfFourYearsRoundTrips() {
        var d = day("2023-01-01")
        var count = 0
        while d < day("2027-01-01") {
            XCTAssertEqual(Day(iso: d.description), d)
            let (y, m, dd) = d.components
            XCTAssertEqual(Day(year: y, month: m, day: dd), d)
            d = d.adding(days: 1)
            count += 1
        }
        XCTAssertEqual(count, 365 * 3 + 366)
    }

    func testOrdering() {
        XCTAssertLessThan(day("2024-12-31"), day("2025-01-01"))
        XCTAssertEqual([day("2025-01-02"), day("2024-03-01"), day("2024-02-29")].sorted().map(\.description),
                       ["2024-02-29", "2024-03-01", "2025-01-02"])
    }
}

final class TimestampTests: XCTestCase {
    func ts(_ s: String) -> Timestamp? { Timestamp(iso: s) }

    func testUTCParseAndFormat() {
        XCTAssertEqual(ts("1970-01-01T00:00:00Z")?.seconds, 0)
        XCTAssertEqual(ts("2025-03-14T09:05:07Z")?.description, "2025-03-14T09:05:07Z")
        XCTAssertEqual(ts("2025-03-14T09:05:07Z")?.day.description, "2025-03-14")
        XCTAssertEqual(ts("2025-03-14")?.description, "2025-03-14T00:00:00Z", "a bare day is midnight UTC")
        XCTAssertEqual(ts("2025-03-14T09:05:07.123456Z")?.description, "2025-03-14T09:05:07Z", "fractions are dropped")
        XCTAssertEqual(Timestamp(seconds: -1).description, "1969-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp(seconds: -1).day.description, "1969-12-31")
        XCTAssertEqual(Timestamp(seconds: -86_400).day.description, "1969-12-31")
    }

    func testOffsets() {
        XCTAssertEqual(ts("2024-03-01T01:30:00+02:00")?.description, "2024-02-29T23:30:00Z")
        XCTAssertEqual(ts("2023-12-31T23:00:00-01:30")?.description, "2024-01-01T00:30:00Z")
        XCTAssertEqual(ts("2025-06-15T12:00:00+00:00"), ts("2025-06-15T12:00:00Z"))
        XCTAssertEqual(ts("2025-06-15T12:00:00.5+05:45")?.description, "2025-06-15T06:15:00Z")
    }

    func testInvalidTimestamps() {
        for bad in ["2025-03-14T", "2025-03-14T09:05:07", "2025-03-14T24:00:00Z", "2025-03-14T09:60:00Z",
                    "2025-03-14T09:05Z", "2025-03-14T09:05:07z", "2025-03-14T09:05:07+0200", "2025-03-14T09:05:07+02",
                    "2025-03-14T09:05:07ZZ", "2025-03-14T9:05:07Z", "2025-02-29T00:00:00Z"] {
            XCTAssertNil(ts(bad), bad)
        }
    }

    func testOrderingAndRoundTrip() {
        let a = ts("2025-03-14T09:05:07Z")!, b = ts("2025-03-14T11:05:06+02:00")!
        XCTAssertLessThan(b, a)
        for s in [0, 1, 86_399, 86_400, 1_700_000_000, -1_000_000] as [Int64] {
            XCTAssertEqual(Timestamp(iso: Timestamp(seconds: s).description)?.seconds, s)
        }
    }
}
