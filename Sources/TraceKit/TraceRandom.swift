import Foundation

/// A small, fast, seeded random generator (xoshiro256**, seeded through SplitMix64) with the
/// distributions the scenario generator needs: uniform, exponential, normal (Box–Muller),
/// log-normal, Bernoulli, bounded integers and weighted choice.
///
/// The same `seed` and `stream` always yield the same sequence: the integer and uniform draws
/// are pure integer arithmetic, identical on every platform. The continuous distributions call
/// the platform's `log`, `exp`, `sqrt` and `cos`, so they are bit-identical from run to run on
/// one platform; another C library could differ in the last bit (which rounding to the trace's
/// microsecond grid nearly always hides). Not for cryptography.
///
/// Distinct `stream` values give independent sequences for one seed, so the parts of a
/// simulation (layout, one target's arrivals, another's) each draw from their own stream and
/// changing one part does not shift the others.
public struct TraceRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// The second value of the last Box–Muller pair, not yet returned.
    private var spareNormal: Double?

    /// Creates the generator for `seed` and sub-stream `stream`.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var state = Self.mix(Self.mix(seed) ^ (stream &+ 0x6A09_E667_F3BC_C909))
        s0 = Self.splitMix(&state)
        s1 = Self.splitMix(&state)
        s2 = Self.splitMix(&state)
        s3 = Self.splitMix(&state)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the one state xoshiro must avoid
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// A uniform value in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform value in `range` (the upper end is reached only by rounding).
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// `true` with probability `probability` (≤ 0 never, ≥ 1 always).
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// A uniform integer in `0 ..< count` (`count` > 0), by multiply-shift (bias < count / 2⁶⁴).
    public mutating func index(below count: Int) -> Int {
        precondition(count > 0, "index(below:) needs a positive count")
        return Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "pick(weights:) needs a positive total weight")
        var threshold = uniform() * total
        for (index, weight) in weights.enumerated() {
            threshold -= weight
            if threshold < 0 { return index }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }

    /// An exponential variate with the given `rate` (> 0): mean 1 / rate.
    public mutating func exponential(rate: Double) -> Double {
        -log1p(-uniform()) / rate
    }

    /// A normal variate (Box–Muller; the second value of each pair is kept for the next call).
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return mean + standardDeviation * spare
        }
        let u1 = 1 - uniform()  // (0, 1]: log stays finite
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * sin(angle)
        return mean + standardDeviation * radius * cos(angle)
    }

    /// A log-normal variate with the given `median` (> 0) and log-space standard deviation
    /// `sigma` (≥ 0): `median · exp(sigma · Z)`.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }
}
