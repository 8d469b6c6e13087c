/// A consistent snapshot of a breaker's current metrics, taken under its lock.
///
/// The counts describe the current state's window, as resilience4j's metrics object does:
/// CLOSED and METRICS_ONLY use the configured window, HALF_OPEN a fresh count-based window of
/// `permittedCallsInHalfOpenState` calls, and OPEN keeps the window of the state it came from.
/// Rates are computed in single precision exactly as resilience4j computes them
/// (`failed * 100f / buffered`) and are **−1 when fewer than the effective minimum number of
/// calls are buffered** (always so in DISABLED and FORCED_OPEN, which record nothing).
///
/// Taking a snapshot copies a few integers; rates are computed when read.
public struct BreakerMetrics: Hashable, Sendable {
    /// The state when the snapshot was taken.
    public var state: CircuitState
    /// The window's counts.
    public var counts: CallCounts
    /// Calls rejected since the current metrics object was created (OPEN keeps counting on the
    /// metrics object of the state it came from).
    public var notPermittedCalls: Int
    /// Failures recorded in a row since the last success or fresh metrics object.
    public var consecutiveFailures: Int
    /// The minimum number of buffered calls before rates are computed, in this state.
    public var minimumNumberOfCalls: Int

    /// A snapshot of `counts` with the given effective minimum.
    @inlinable
    package init(state: CircuitState, counts: CallCounts, notPermitted: Int,
                 consecutiveFailures: Int, minimumNumberOfCalls: Int) {
        self.state = state
        self.counts = counts
        notPermittedCalls = notPermitted
        self.consecutiveFailures = consecutiveFailures
        self.minimumNumberOfCalls = minimumNumberOfCalls
    }

    /// Calls in the window.
    @inlinable public var bufferedCalls: Int { Int(counts.calls) }
    /// Failed calls in the window.
    @inlinable public var failedCalls: Int { Int(counts.failed) }
    /// Successful calls in the window.
    @inlinable public var successfulCalls: Int { Int(counts.calls - counts.failed) }
    /// Slow calls (failed or not) in the window.
    @inlinable public var slowCalls: Int { Int(counts.slow) }
    /// Slow successful calls in the window.
    @inlinable public var slowSuccessfulCalls: Int { Int(counts.slow - counts.slowFailed) }
    /// Slow failed calls in the window.
    @inlinable public var slowFailedCalls: Int { Int(counts.slowFailed) }

    /// Whether rates are computed (enough calls are buffered).
    @inlinable
    public var hasRates: Bool { counts.calls > 0 && Int(counts.calls) >= minimumNumberOfCalls }

    /// Failed calls in percent of buffered calls, or −1 below the minimum number of calls.
    @inlinable
    public var failureRate: Double { hasRates ? Double(Self.percent(counts.failed, of: counts.calls)) : -1 }

    /// Slow calls in percent of buffered calls, or −1 below the minimum number of calls.
    @inlinable
    public var slowCallRate: Double { hasRates ? Double(Self.percent(counts.slow, of: counts.calls)) : -1 }

    /// `part * 100f / whole` in single precision, bit-for-bit as resilience4j computes it.
    @inlinable
    package static func percent(_ part: Int32, of whole: Int32) -> Float {
        Float(part) * 100 / Float(whole)
    }

    /// Whether the failure rate has been computed and is at or above `threshold` (compared in
    /// single precision, as resilience4j compares).
    @inlinable
    public func failureRateReaches(_ threshold: Double) -> Bool {
        hasRates && Self.percent(counts.failed, of: counts.calls) >= Float(threshold)
    }

    /// Whether the slow-call rate has been computed and is at or above `threshold`.
    @inlinable
    public func slowCallRateReaches(_ threshold: Double) -> Bool {
        hasRates && Self.percent(counts.slow, of: counts.calls) >= Float(threshold)
    }
}
