/// A small, fast, seeded generator (SplitMix64) for jitter and throttling decisions.
///
/// The same seed yields the same sequence on every platform and run, so simulations and tests
/// that involve randomness are reproducible. Not for cryptography.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's whole state; copying it forks an identical sequence.
    public var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
