/// resilience4j's static policy: trip when the failure rate or the slow-call rate reaches its
/// threshold (`>=`, single precision) once the minimum number of calls is buffered; in
/// HALF_OPEN apply the same thresholds to the trial window, reopening when either is reached
/// and closing when both are below.
///
/// Thresholds come from the breaker's ``BreakerConfiguration`` in ``prepare(configuration:)``.
public struct ThresholdPolicy: TripPolicy {
    /// Failure rate in percent that trips.
    public private(set) var failureRateThreshold: Double = 50
    /// Slow-call rate in percent that trips.
    public private(set) var slowCallRateThreshold: Double = 100

    /// A policy that takes its thresholds from the breaker's configuration.
    public init() {}

    /// Reads the thresholds.
    public mutating func prepare(configuration: BreakerConfiguration) {
        failureRateThreshold = configuration.failureRateThreshold
        slowCallRateThreshold = configuration.slowCallRateThreshold
    }

    /// The thresholds reached by `metrics` (empty below the minimum number of calls).
    @inlinable
    public func exceeded(_ metrics: BreakerMetrics) -> TripReasons {
        guard metrics.hasRates else { return [] }
        var reasons: TripReasons = []
        if metrics.failureRateReaches(failureRateThreshold) { reasons.insert(.failureRate) }
        if metrics.slowCallRateReaches(slowCallRateThreshold) { reasons.insert(.slowCallRate) }
        return reasons
    }

    /// Trips when a threshold is reached.
    @inlinable
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        let reasons = exceeded(metrics)
        return reasons.isEmpty ? .stay : .trip(reasons)
    }

    /// Undecided below the half-open minimum; then reopen if a threshold is reached, else close.
    @inlinable
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        guard metrics.hasRates else { return .undecided }
        let reasons = exceeded(metrics)
        return reasons.isEmpty ? .close : .reopen(reasons)
    }
}
