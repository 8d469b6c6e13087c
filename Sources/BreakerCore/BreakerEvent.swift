/// Something a breaker did, delivered to its listeners after its lock is released.
///
/// Events of one call arrive in the order resilience4j publishes them (the outcome, then any
/// threshold-exceeded events, then the state transition). Events of concurrent calls may
/// interleave. A listener runs on the thread of the call that caused the event, so it must
/// be quick; it cannot throw into the breaker.
public struct BreakerEvent: Sendable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable {
        /// A call was recorded as a success.
        case success(duration: Duration)
        /// A call was recorded as a failure; `error` is what it threw, or a
        /// ``ResultRecordedAsFailureError`` for a result classified as a failure.
        case error(duration: Duration, error: any Error)
        /// A call threw an error classified `.ignore`; nothing was recorded.
        case ignoredError(duration: Duration, error: any Error)
        /// A call was refused.
        case notPermitted(CallNotPermittedError)
        /// The state changed (self-transitions are silent).
        case stateTransition(from: CircuitState, to: CircuitState)
        /// ``CircuitBreaker/reset()`` ran.
        case reset
        /// The failure rate reached its threshold (in CLOSED, just before tripping; in METRICS_ONLY once).
        case failureRateExceeded(failureRate: Double)
        /// The slow-call rate reached its threshold.
        case slowCallRateExceeded(slowCallRate: Double)
        /// The policy reported something its operators must know, e.g. a learned policy whose
        /// model is unusable and that now applies the static thresholds instead.
        case policyNotice(message: String)
        /// The outcome of a call admitted in an earlier state arrived after the breaker moved on;
        /// it was not recorded and decided nothing.
        case lateOutcome(failed: Bool, duration: Duration)
    }

    /// The name of the breaker.
    public let breakerName: String
    /// What happened.
    public let kind: Kind

    /// Creates an event.
    public init(breakerName: String, kind: Kind) {
        self.breakerName = breakerName
        self.kind = kind
    }

    /// A one-line description, e.g. `payments: state transition CLOSED -> OPEN`.
    public var description: String {
        let what: String
        switch kind {
        case .success(let duration): what = "success after \(duration)"
        case .error(let duration, let error): what = "error after \(duration): \(error)"
        case .ignoredError(let duration, let error): what = "ignored error after \(duration): \(error)"
        case .notPermitted(let rejection): what = "call not permitted in \(rejection.state)"
        case .stateTransition(let from, let to): what = "state transition \(from) -> \(to)"
        case .reset: what = "reset"
        case .policyNotice(let message): what = "policy notice: \(message)"
        case .failureRateExceeded(let rate): what = "failure rate \(rate)% exceeded the threshold"
        case .slowCallRateExceeded(let rate): what = "slow-call rate \(rate)% exceeded the threshold"
        case .lateOutcome(let failed, let duration):
            what = "late \(failed ? "failure" : "success") after \(duration) dropped"
        }
        return "\(breakerName): \(what)"
    }
}
