/// Monotonic counts of everything a breaker has seen since it was created, never reset by
/// state changes or ``CircuitBreaker/reset()`` (unlike ``BreakerMetrics``, which follow
/// resilience4j's per-state metrics objects). For counters in monitoring systems, where a
/// rate is taken over time.
public struct BreakerCallTotals: Hashable, Sendable {
    /// Outcomes recorded as successes (in any state, DISABLED included).
    public var successful: UInt64 = 0
    /// Outcomes recorded as failures.
    public var failed: UInt64 = 0
    /// Calls whose error or result was ignored, or whose permit was released without outcome.
    public var ignored: UInt64 = 0
    /// Calls refused.
    public var notPermitted: UInt64 = 0
    /// Outcomes dropped because the call was admitted in an earlier state.
    public var late: UInt64 = 0

    /// All zero.
    public init() {}
}
