import BreakerCore
import BreakerInference

/// Which breaker policy `tripwise replay` puts in front of every target.
public enum ReplayPolicy: Sendable, Hashable, CustomStringConvertible {
    /// resilience4j's static thresholds (``ThresholdPolicy``), from the configuration.
    case `static`
    /// Trip after `threshold` consecutive failures (``ConsecutiveFailuresPolicy``).
    case consecutive(threshold: Int)
    /// Google SRE adaptive throttling (``AdaptiveThrottlingPolicy``) with multiplier K.
    case sre(multiplier: Double)
    /// A trained logistic model deciding CLOSED → OPEN (``LogisticPolicy``); half-open trials
    /// and the open wait follow the configuration's static settings. In ``TraceReplay`` its
    /// calendar features see wall time: the breaker clock's zero is mapped to the trace's first
    /// timestamp.
    case logistic(LogisticModel)

    /// `static`, `consecutive:N`, `sre:K`, `logistic`.
    public var description: String {
        switch self {
        case .static: "static"
        case .consecutive(let threshold): "consecutive:\(threshold)"
        case .sre(let multiplier): "sre:\(multiplier)"
        case .logistic: "logistic"
        }
    }

    /// A fresh policy for one target; randomised policies are seeded from `seed`. A logistic
    /// policy maps the breaker clock's zero to Unix time 0 here; use
    /// ``makePolicy(seed:unixTimeAtClockZero:)`` when the clock starts elsewhere.
    public func makePolicy(seed: UInt64) -> any TripPolicy {
        makePolicy(seed: seed, unixTimeAtClockZero: 0)
    }

    /// A fresh policy for one target whose breaker clock reads zero at Unix time
    /// `unixTimeAtClockZero` (only the logistic policy's calendar features use it).
    public func makePolicy(seed: UInt64, unixTimeAtClockZero: Double) -> any TripPolicy {
        switch self {
        case .static: ThresholdPolicy()
        case .consecutive(let threshold): ConsecutiveFailuresPolicy(threshold: threshold)
        case .sre(let multiplier): AdaptiveThrottlingPolicy(multiplier: multiplier, seed: seed)
        case .logistic(let model): LogisticPolicy(model: model, unixTimeAtClockZero: unixTimeAtClockZero)
        }
    }
}
