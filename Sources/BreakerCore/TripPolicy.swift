/// An outcome as a policy sees it when it is recorded.
public struct RecordedCall: Hashable, Sendable {
    /// Whether the call was recorded as a failure.
    public var failed: Bool
    /// Whether the call took longer than the slow-call threshold.
    public var slow: Bool
    /// The call's measured duration.
    public var duration: Duration

    /// Describes one recorded outcome.
    public init(failed: Bool, slow: Bool, duration: Duration) {
        self.failed = failed
        self.slow = slow
        self.duration = duration
    }
}

/// Why a policy trips; several reasons may hold at once.
public struct TripReasons: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt8
    /// Wraps bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The failure rate reached its threshold (a failure-rate-exceeded event is emitted).
    public static let failureRate = TripReasons(rawValue: 1 << 0)
    /// The slow-call rate reached its threshold (a slow-call-rate-exceeded event is emitted).
    public static let slowCallRate = TripReasons(rawValue: 1 << 1)
    /// Too many failures in a row.
    public static let consecutiveFailures = TripReasons(rawValue: 1 << 2)
    /// A learned or custom rule decided.
    public static let policy = TripReasons(rawValue: 1 << 3)
}

/// A policy's verdict on a recorded outcome in CLOSED (or METRICS_ONLY, where it is reported but never acted on).
public enum TripDecision: Hashable, Sendable {
    /// Keep the breaker as it is.
    case stay
    /// Open the breaker (reasons must not be empty).
    case trip(TripReasons)
}

/// A policy's verdict on a recorded trial outcome in HALF_OPEN.
public enum TrialDecision: Hashable, Sendable {
    /// Wait for more trial outcomes.
    case undecided
    /// The dependency still fails: open again (the wait grows per the backoff).
    case reopen(TripReasons)
    /// The dependency has recovered: close with fresh metrics.
    case close
}

/// What a policy needs from its breaker beyond the outcome and the metrics.
public struct PolicyRequirements: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt8
    /// Wraps bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Ask ``TripPolicy/shouldAdmit(at:metrics:)`` before every CLOSED admission (throttling
    /// policies); without it CLOSED admits on a lock-free fast path.
    public static let admissionControl = PolicyRequirements(rawValue: 1 << 0)
    /// Pass the current time to ``TripPolicy/shouldAdmit(at:metrics:)``.
    public static let clockOnAdmission = PolicyRequirements(rawValue: 1 << 1)
    /// Pass the current time with every recorded outcome.
    public static let clockOnOutcome = PolicyRequirements(rawValue: 1 << 2)
}

/// The seam where breakers differ: when to trip, when a half-open trial has decided, how long
/// to stay open, and (for throttling policies) whether to admit a call while CLOSED.
///
/// The breaker owns the state machine, the windows, the permits and the administrative states;
/// the policy only decides. Every method is called under the breaker's lock, so it must be
/// quick, must not block, and should not allocate: it runs on every call. A policy sees every
/// outcome recorded while CLOSED or METRICS_ONLY, and only trial outcomes while HALF_OPEN.
///
/// The breaker passes `now` whenever it has read the clock for the operation, and always when
/// the policy declares the matching ``PolicyRequirements``; otherwise `now` may be `nil`.
public protocol TripPolicy: Sendable {
    /// What the breaker must provide; read once when the breaker is created.
    var requirements: PolicyRequirements { get }

    /// Called once, when the breaker is created, with its validated configuration.
    mutating func prepare(configuration: BreakerConfiguration)

    /// Whether to admit a call while CLOSED. Asked only with ``PolicyRequirements/admissionControl``.
    mutating func shouldAdmit(at now: BreakerInstant?, metrics: BreakerMetrics) -> Bool

    /// Whether to trip after `call` was recorded in CLOSED (or METRICS_ONLY); `metrics` includes it.
    mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision

    /// Whether a HALF_OPEN trial has decided after `call` was recorded; `metrics` is the half-open window.
    mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision

    /// How long the `attempt`-th consecutive opening lasts; `configured` is what the
    /// configuration's wait and backoff say.
    mutating func openWaitDuration(attempt: Int, configured: Duration) -> Duration

    /// Told after every state change (not self-transitions), e.g. to reset internal state.
    mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?)
}

extension TripPolicy {
    /// No extra requirements.
    public var requirements: PolicyRequirements { [] }
    /// Nothing to prepare.
    public mutating func prepare(configuration: BreakerConfiguration) {}
    /// Admit every call.
    public mutating func shouldAdmit(at now: BreakerInstant?, metrics: BreakerMetrics) -> Bool { true }
    /// The configured wait.
    public mutating func openWaitDuration(attempt: Int, configured: Duration) -> Duration { configured }
    /// Nothing to do.
    public mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?) {}
}
