/// Timings of one figure, in seconds, and how they read in the benchmark table.
struct Samples: Sendable {
    var values: [Double] = []

    mutating func add(_ seconds: Double) { values.append(seconds) }

    /// The value below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
    }

    var median: Double { percentile(0.5) }
    var min: Double { values.min() ?? .nan }
    var max: Double { values.max() ?? .nan }

    /// "12.3 (11.9–14.0)": median and spread, in milliseconds.
    var spread: String { "\(Self.ms(median)) (\(Self.ms(min))–\(Self.ms(max)))" }
    /// "0.41 / 1.20": median and 99th percentile, in milliseconds.
    var tail: String { "\(Self.ms(median)) / \(Self.ms(percentile(0.99)))" }

    /// Milliseconds with three significant digits: "0.412", "12.3", "2817".
    static func ms(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let ms = seconds * 1000
        if ms >= 100 { return String(Int(ms.rounded())) }
        let digits = ms >= 10 ? 1 : ms >= 1 ? 2 : 3
        let scale = [1.0, 10, 100, 1000][digits]
        var text = String(Double(Int((ms * scale).rounded())) / scale)
        let decimals = text.split(separator: ".").last?.count ?? 0
        if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        return text
    }
}

private let clockStart = ContinuousClock.now

/// Seconds since an arbitrary start, from the monotonic clock.
func monotonicSeconds() -> Double {
    let since = clockStart.duration(to: .now).components
    return Double(since.seconds) + Double(since.attoseconds) / 1e18
}

/// Runs `body` and returns how long it took, in seconds.
func timed(_ body: () throws -> Void) rethrows -> Double {
    let start = monotonicSeconds()
    try body()
    return monotonicSeconds() - start
}
