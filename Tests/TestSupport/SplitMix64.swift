import Plumbing

/// A small seeded random generator (SplitMix64), so that a failing run can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return SplitMix.mix(state)  // the state advanced by the golden gamma, mixed
    }
}
