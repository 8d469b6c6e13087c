/// The metrics object a state owns (resilience4j's `CircuitBreakerMetrics`): its window, its
/// rejected-call counter and its run of consecutive failures.
///
/// Entering any state except OPEN creates a fresh one; OPEN keeps its predecessor's.
package struct StateMetrics: Sendable {
    package var window: CallWindow
    package var notPermitted: Int = 0
    package var consecutiveFailures: Int = 0
    package let minimumNumberOfCalls: Int

    package init(window: CallWindow, minimumNumberOfCalls: Int) {
        self.window = window
        self.minimumNumberOfCalls = minimumNumberOfCalls
    }

    @inlinable
    package mutating func record(failed: Bool, slow: Bool, at now: BreakerInstant?) {
        window.record(failed: failed, slow: slow, at: now)
        consecutiveFailures = failed ? consecutiveFailures + 1 : 0
    }

    @inlinable
    package func snapshot(state: CircuitState) -> BreakerMetrics {
        BreakerMetrics(state: state, counts: window.totals, notPermitted: notPermitted,
                       consecutiveFailures: consecutiveFailures,
                       minimumNumberOfCalls: minimumNumberOfCalls)
    }
}
