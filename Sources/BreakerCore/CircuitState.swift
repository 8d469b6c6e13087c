/// The states of a circuit breaker, as in resilience4j.
///
/// `closed`, `open` and `halfOpen` are the automatic states; `disabled`, `forcedOpen` and
/// `metricsOnly` are administrative and are left only by ``CircuitBreaker/transition(to:)``
/// or ``CircuitBreaker/reset()``.
public enum CircuitState: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Calls flow; outcomes fill the sliding window; the policy may trip to `open`.
    case closed
    /// Calls are rejected until the open wait has passed; then the next acquire moves to `halfOpen`.
    case open
    /// A limited number of trial calls decide between `open` and `closed`.
    case halfOpen
    /// Every call is permitted and nothing is recorded.
    case disabled
    /// Every call is rejected, however much time passes.
    case forcedOpen
    /// Every call is permitted; outcomes are recorded and thresholds reported, but the state never changes by itself.
    case metricsOnly

    /// resilience4j's spelling: `CLOSED`, `OPEN`, `HALF_OPEN`, `DISABLED`, `FORCED_OPEN`, `METRICS_ONLY`.
    public var description: String {
        switch self {
        case .closed: "CLOSED"
        case .open: "OPEN"
        case .halfOpen: "HALF_OPEN"
        case .disabled: "DISABLED"
        case .forcedOpen: "FORCED_OPEN"
        case .metricsOnly: "METRICS_ONLY"
        }
    }

    /// The snake-case label used in metrics output: `closed`, `open`, `half_open`, ….
    public var metricLabel: String {
        switch self {
        case .closed: "closed"
        case .open: "open"
        case .halfOpen: "half_open"
        case .disabled: "disabled"
        case .forcedOpen: "forced_open"
        case .metricsOnly: "metrics_only"
        }
    }

    /// Whether resilience4j (and Tripwise) allow a manual transition from `self` to `target`.
    /// Every pair is legal except CLOSED→HALF_OPEN, METRICS_ONLY→OPEN and METRICS_ONLY→HALF_OPEN.
    public func canTransition(to target: CircuitState) -> Bool {
        switch (self, target) {
        case (.closed, .halfOpen), (.metricsOnly, .open), (.metricsOnly, .halfOpen): false
        default: true
        }
    }
}
