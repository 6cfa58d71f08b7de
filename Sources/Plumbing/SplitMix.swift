/// splitmix64: small, fast, and the same on every platform and Swift version (no stdlib `random`).
/// The demo generator's numbers, and new ids for an import (seeded once from the system).
package struct SplitMix: Sendable {
    package var state: UInt64

    /// An independent stream for each part of the generator, so that, say, more interactions do not
    /// change who the contacts are or which networks they are in.
    package init(seed: UInt64, stream: UInt64) { state = SplitMix.mix(seed ^ SplitMix.mix(stream)) }

    package mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return SplitMix.mix(state)
    }

    /// 0..<n (n > 0).
    package mutating func below(_ n: Int) -> Int { Int(next().multipliedFullWidth(by: UInt64(n)).high) }

    package mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }

    /// [0, 1).
    package mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    package mutating func chance(_ p: Double) -> Bool { unit() < p }

    package mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// 0..<n, small values far more often than large ones.
    package mutating func skewed(_ n: Int) -> Int { let u = unit(); return min(n - 1, Int(Double(n) * u * u * u)) }

    /// A heavy tail from 1 to `max`: below 2 half the time, above 10 a tenth of the time (Pareto, α = 1).
    package mutating func tail(max: Double) -> Double { min(max, 1 / Swift.max(1 - unit(), 1 / max)) }

    /// Up to `n` different items of the pool.
    package mutating func some<T>(_ pool: [T], _ n: Int) -> [T] { spread(n, in: pool.count).map { pool[$0] } }

    /// `size` different numbers in 0..<n: a random start and a random step coprime to n.
    package mutating func spread(_ size: Int, in n: Int) -> [Int] {
        guard n > 1 else { return size > 0 && n == 1 ? [0] : [] }
        var step = 1 + below(n - 1)
        while gcd(step, n) != 1 { step = step % (n - 1) + 1 }
        let start = below(n)
        return (0..<max(0, min(size, n))).map { (start + $0 * step) % n }
    }

    private func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// One step of splitmix64: the state `x` is advanced by the golden gamma and mixed.
    package static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
