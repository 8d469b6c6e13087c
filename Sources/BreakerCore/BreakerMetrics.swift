/// A consistent snapshot of a breaker's current metrics, taken under its lock.
///
/// The counts describe the current state's window, as resilience4j's metrics object does:
/// CLOSED and METRICS_ONLY use the configured window, HALF_OPEN a fresh count-based window of
/// `permittedCallsInHalfOpenState` calls, and OPEN keeps the window of the state it came from.
/// Rates are computed in single precision exactly as resilience4j computes them
/// (`failed * 100f / buffered`) and are **−1 when fewer than the effective minimum number of
/// calls are buffered** (or in DISABLED and FORCED_OPEN, which record nothing).
public struct BreakerMetrics: Hashable, Sendable {
    /// The state when the snapshot was taken.
    public var state: CircuitState
    /// Failed calls in percent of buffered calls, or −1 below the minimum number of calls.
    public var failureRate: Double
    /// Slow calls in percent of buffered calls, or −1 below the minimum number of calls.
    public var slowCallRate: Double
    /// Calls in the window.
    public var bufferedCalls: Int
    /// Failed calls in the window.
    public var failedCalls: Int
    /// Successful calls in the window.
    public var successfulCalls: Int
    /// Slow calls (failed or not) in the window.
    public var slowCalls: Int
    /// Slow successful calls in the window.
    public var slowSuccessfulCalls: Int
    /// Slow failed calls in the window.
    public var slowFailedCalls: Int
    /// Calls rejected since the current metrics object was created (OPEN keeps counting on the
    /// metrics object of the state it came from).
    public var notPermittedCalls: Int
    /// Failures recorded in a row since the last success or fresh metrics object.
    public var consecutiveFailures: Int
    /// The minimum number of buffered calls before rates are computed, in this state.
    public var minimumNumberOfCalls: Int

    /// Snapshot of counts with the given effective minimum; rates follow from the counts.
    package init(state: CircuitState, counts: CallCounts, notPermitted: Int,
                 consecutiveFailures: Int, minimumNumberOfCalls: Int) {
        self.state = state
        bufferedCalls = Int(counts.calls)
        failedCalls = Int(counts.failed)
        successfulCalls = Int(counts.calls - counts.failed)
        slowCalls = Int(counts.slow)
        slowFailedCalls = Int(counts.slowFailed)
        slowSuccessfulCalls = Int(counts.slow - counts.slowFailed)
        notPermittedCalls = notPermitted
        self.consecutiveFailures = consecutiveFailures
        self.minimumNumberOfCalls = minimumNumberOfCalls
        if counts.calls > 0, Int(counts.calls) >= minimumNumberOfCalls {
            failureRate = Double(Self.percent(counts.failed, of: counts.calls))
            slowCallRate = Double(Self.percent(counts.slow, of: counts.calls))
        } else {
            failureRate = -1
            slowCallRate = -1
        }
    }

    /// `part * 100f / whole` in single precision, bit-for-bit as resilience4j computes it.
    @inlinable
    package static func percent(_ part: Int32, of whole: Int32) -> Float {
        Float(part) * 100 / Float(whole)
    }

    /// Whether the failure rate has been computed and is at or above `threshold` (compared in
    /// single precision, as resilience4j compares).
    @inlinable
    public func failureRateReaches(_ threshold: Double) -> Bool {
        failureRate >= 0 && Float(failureRate) >= Float(threshold)
    }

    /// Whether the slow-call rate has been computed and is at or above `threshold`.
    @inlinable
    public func slowCallRateReaches(_ threshold: Double) -> Bool {
        slowCallRate >= 0 && Float(slowCallRate) >= Float(threshold)
    }

    /// Whether rates are computed (enough calls are buffered).
    @inlinable
    public var hasRates: Bool { failureRate >= 0 }
}
