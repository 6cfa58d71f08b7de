import Plumbing

/// A calendar day (no time, no zone), written as ISO 8601 `YYYY-MM-DD`. Arithmetic is on the
/// proleptic Gregorian calendar, so leap days and month ends need no Foundation calendar.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        ordinal = Day.daysFromCivil(year, month, day)
    }

    /// Parses `YYYY-MM-DD`; also accepts a full ISO 8601 timestamp and keeps its date part.
    public init?(iso text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
              utf8.count == 10 || utf8[10] == UInt8(ascii: "T"),
              let y = Day.number(utf8[0..<4]), let m = Day.number(utf8[5..<7]), let d = Day.number(utf8[8..<10]),
              let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in digits {
            guard b >= 0x30, b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(ordinal) }

    public var description: String {
        let (y, m, d) = components
        return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
    }

    package static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
    public func days(since other: Day) -> Int { ordinal - other.ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's civil-date algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

/// A moment in time in whole seconds (UTC), written as ISO 8601 `YYYY-MM-DDTHH:MM:SSZ`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard let day = Day(iso: text) else { return nil }
        var secs = Int64(day.ordinal) * 86_400
        if u.count > 10 {
            // HH:MM:SS, optional fraction, then Z or ±HH:MM.
            guard u.count >= 20, u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
                  let h = Day.number(u[11..<13]), let m = Day.number(u[14..<16]), let s = Day.number(u[17..<19]),
                  h < 24, m < 60, s < 61 else { return nil }
            secs += Int64(h * 3600 + m * 60 + s)
            var i = 19
            if u[i] == UInt8(ascii: ".") {
                i += 1
                while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { i += 1 }
            }
            guard i < u.count else { return nil }
            if u[i] == UInt8(ascii: "Z"), i == u.count - 1 {
                // UTC
            } else if (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")), u.count == i + 6,
                      u[i + 3] == UInt8(ascii: ":"),
                      let oh = Day.number(u[(i + 1)..<(i + 3)]), let om = Day.number(u[(i + 4)..<(i + 6)]) {
                let offset = Int64(oh * 3600 + om * 60)
                secs += u[i] == UInt8(ascii: "+") ? -offset : offset
            } else {
                return nil
            }
        }
        seconds = secs
    }

    public var day: Day { Day(ordinal: Int((seconds - (seconds % 86_400 + 86_400) % 86_400) / 86_400)) }

    public var description: String {
        let secOfDay = Int((seconds % 86_400 + 86_400) % 86_400)
        return day.description + "T" + Day.pad(secOfDay / 3600, 2) + ":" + Day.pad(secOfDay / 60 % 60, 2)
            + ":" + Day.pad(secOfDay % 60, 2) + "Z"
    }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }
}

extension Timestamp {
    /// `Timestamp(iso:)` of exactly `YYYY-MM-DDTHH:MM:SSZ`, from its UTF-8 bytes (what the file
    /// writes): the fast decoder's and the vCard reader's path, with no `String` made.
    @inlinable
    public init?<Bytes: RandomAccessCollection<UInt8>>(utc s: Bytes) where Bytes.Index == Int {
        guard let seconds = Self.utcSeconds(s.count, { s[s.startIndex + $0] }) else { return nil }
        self.init(seconds: seconds)
    }

    /// `init(utc:)` of a byte view (the vCard reader's values, read where they are).
    @inlinable
    public init?(utc s: Span<UInt8>) {
        guard let seconds = Self.utcSeconds(s.count, { s[$0] }) else { return nil }
        self.init(seconds: seconds)
    }

    /// The seconds of `YYYY-MM-DDTHH:MM:SSZ` given as `count` bytes, byte `k` being `byte(k)`.
    @inlinable @inline(__always) @usableFromInline
    static func utcSeconds(_ count: Int, _ byte: (Int) -> UInt8) -> Int64? {
        @inline(__always) func digits(_ from: Int, _ count: Int) -> Int? {
            var n = 0
            for i in from..<(from + count) {
                let digit = byte(i) &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                n = n * 10 + Int(digit)
            }
            return n
        }
        guard count == 20, byte(4) == UInt8(ascii: "-"), byte(7) == UInt8(ascii: "-"), byte(10) == UInt8(ascii: "T"),
              byte(13) == UInt8(ascii: ":"), byte(16) == UInt8(ascii: ":"), byte(19) == UInt8(ascii: "Z"),
              let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
              let h = digits(11, 2), let mi = digits(14, 2), let sec = digits(17, 2),
              h < 24, mi < 60, sec < 61, let day = Day(year: y, month: mo, day: d) else { return nil }
        return Int64(day.ordinal) * 86_400 + Int64(h * 3600 + mi * 60 + sec)
    }
}
