/// Trips after `threshold` failures in a row (a success resets the run), the mode of
/// gobreaker's and Polly's simplest breakers. In HALF_OPEN any failed trial reopens and
/// `permittedCallsInHalfOpenState` successful trials close. Slow calls count only through
/// `failed` (classify them as failures if they should trip).
public struct ConsecutiveFailuresPolicy: TripPolicy {
    /// Failures in a row that trip (≥ 1).
    public let threshold: Int
    private var trialsToClose = 1

    /// Trips after `threshold` consecutive failures; values below 1 are treated as 1.
    public init(threshold: Int) {
        self.threshold = max(threshold, 1)
    }

    /// Reads the number of trial calls.
    public mutating func prepare(configuration: BreakerConfiguration) {
        trialsToClose = configuration.permittedCallsInHalfOpenState
    }

    /// Trips when the run of consecutive failures reaches ``threshold``.
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        metrics.consecutiveFailures >= threshold ? .trip(.consecutiveFailures) : .stay
    }

    /// Reopens on the first failed trial; closes once every permitted trial succeeded.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        if metrics.failedCalls > 0 { return .reopen(.consecutiveFailures) }
        return metrics.successfulCalls >= trialsToClose ? .close : .undecided
    }
}
