/// How the OPEN wait grows with each consecutive opening (an opening from HALF_OPEN after a
/// failed trial, without closing in between).
///
/// Attempt 1 is the first opening after CLOSED. With `.exponential(multiplier: m, maximum: c,
/// jitter: j)` attempt *n* waits `min(c, base · mⁿ⁻¹ · (1 + j·u))` where `base` is
/// ``BreakerConfiguration/waitDurationInOpenState`` and `u` is uniform in [−1, 1) from a
/// generator seeded with `seed`: an explicit seed makes the sequence of waits reproducible (for
/// tests and simulations); `nil`, the default, seeds each breaker from the system's random
/// source, so a fleet of instances does not probe a recovering dependency in lockstep.
public struct OpenStateBackoff: Sendable, Hashable {
    /// Multiplier per attempt (1 for a constant wait).
    public let multiplier: Double
    /// Upper bound of any wait, after jitter; `nil` for none.
    public let maximum: Duration?
    /// Relative jitter amplitude in [0, 1): 0.2 spreads each wait over ±20 %.
    public let jitter: Double
    /// Seed of the jitter generator; `nil` draws a fresh seed per breaker.
    public let seed: UInt64?

    /// Every opening waits exactly `waitDurationInOpenState` (resilience4j's default).
    public static let constant = OpenStateBackoff(multiplier: 1, maximum: nil, jitter: 0, seed: nil)

    /// Exponential growth by `multiplier` per consecutive opening, capped at `maximum`, with
    /// seeded relative `jitter`.
    public static func exponential(multiplier: Double = 2, maximum: Duration? = nil,
                                   jitter: Double = 0, seed: UInt64? = nil) -> OpenStateBackoff {
        OpenStateBackoff(multiplier: multiplier, maximum: maximum, jitter: jitter, seed: seed)
    }

    /// The wait for the `attempt`-th consecutive opening (attempt ≥ 1), drawing jitter from `random`.
    public func waitDuration(attempt: Int, base: Duration, random: inout SeededRandom) -> Duration {
        guard multiplier != 1 || jitter != 0 || maximum != nil else { return base }
        var seconds = base.secondsAsDouble
        if multiplier != 1 {
            var factor = 1.0
            for _ in 1..<max(attempt, 1) {
                factor *= multiplier
                if let maximum, seconds * factor >= maximum.secondsAsDouble { break }
                if !factor.isFinite { break }
            }
            seconds *= factor
        }
        if jitter > 0 {
            seconds *= 1 + jitter * (2 * random.nextUnitInterval() - 1)
        }
        if let maximum { seconds = min(seconds, maximum.secondsAsDouble) }
        if !(seconds < 9.0e9) { seconds = 9.0e9 }  // about 285 years: keeps Int64 nanoseconds valid
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    func validate(base: Duration) throws(BreakerError) {
        guard multiplier.isFinite, multiplier >= 1 else {
            throw .invalid("openStateBackoff.multiplier", multiplier, "it must be a finite number ≥ 1")
        }
        guard jitter.isFinite, jitter >= 0, jitter < 1 else {
            throw .invalid("openStateBackoff.jitter", jitter, "it must be in [0, 1)")
        }
        if let maximum, maximum < base {
            throw .invalid("openStateBackoff.maximum", maximum,
                           "it must be at least waitDurationInOpenState (\(base))")
        }
    }
}
