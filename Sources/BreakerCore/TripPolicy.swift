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

    /// Told when a call admitted in CLOSED (or METRICS_ONLY) of the current generation ends
    /// without an outcome: its error was classified `.ignore` (cancellation by default), its
    /// result was, or its permit was released.
    mutating func callWasIgnored(at now: BreakerInstant?)

    /// How long the `attempt`-th consecutive opening lasts; `configured` is what the
    /// configuration's wait and backoff say.
    mutating func openWaitDuration(attempt: Int, configured: Duration) -> Duration

    /// Told after every state change (not self-transitions), e.g. to reset internal state.
    mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?)

    /// A message for the breaker's listeners, taken once (the next call returns `nil`). Asked
    /// after each decision only with ``PolicyRequirements/reportsNotices``.
    mutating func takeNotice() -> String?
}

extension TripPolicy {
    /// No extra requirements.
    public var requirements: PolicyRequirements { [] }
    /// Nothing to prepare.
    public mutating func prepare(configuration: BreakerConfiguration) {}
    /// Admit every call.
    public mutating func shouldAdmit(at now: BreakerInstant?, metrics: BreakerMetrics) -> Bool { true }
    /// Nothing to undo.
    public mutating func callWasIgnored(at now: BreakerInstant?) {}
    /// The configured wait.
    public mutating func openWaitDuration(attempt: Int, configured: Duration) -> Duration { configured }
    /// Nothing to do.
    public mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?) {}
    /// Nothing to say.
    public mutating func takeNotice() -> String? { nil }
}
