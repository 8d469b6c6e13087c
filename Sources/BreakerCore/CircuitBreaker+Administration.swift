extension CircuitBreaker {
    /// The current state. Reading it applies a due half-open expiry
    /// (``BreakerConfiguration/maxWaitDurationInHalfOpenState``) but never the lazy
    /// OPEN→HALF_OPEN move, which only an acquire makes.
    public var state: CircuitState {
        refreshed().state
    }

    /// A consistent snapshot of the current metrics. Reading applies time-window eviction
    /// and a due half-open expiry.
    public var metrics: BreakerMetrics {
        refreshed()
    }

    /// Lifetime counts of outcomes, ignored calls, rejections and late outcomes.
    public var callTotals: BreakerCallTotals {
        withMachine { $0.totals }
    }

    func refreshed() -> BreakerMetrics {
        let quick: BreakerMetrics? = withMachine { machine in
            machine.readsNeedTime ? nil : machine.metrics.snapshot(state: machine.circuitState)
        }
        if let quick { return quick }
        let now = clock.now()
        var events = PendingEvents()
        let snapshot = withMachine { $0.refresh(now: now, events: &events) }
        publish(events)
        return snapshot
    }

    /// Moves to `target` by hand. Every pair is legal except CLOSED→HALF_OPEN,
    /// METRICS_ONLY→OPEN and METRICS_ONLY→HALF_OPEN. Moving to the current state recreates it
    /// silently (CLOSED→CLOSED clears the metrics; OPEN→OPEN restarts the wait).
    ///
    /// - Throws: ``BreakerError`` (`illegalStateTransition`) and leaves state and metrics untouched.
    public func transition(to target: CircuitState) throws(BreakerError) {
        let now = clock.now()
        var from = CircuitState.closed
        let events = withMachine { machine -> PendingEvents? in
            from = machine.circuitState
            return machine.transition(to: target, now: now)
        }
        guard let events else { throw .illegalTransition(name: name, from: from, to: target) }
        publish(events)
    }

    /// Opens for exactly `duration` from now, regardless of the configured wait and backoff
    /// (resilience4j's `transitionToOpenStateFor`).
    ///
    /// - Throws: ``BreakerError`` when the current state is METRICS_ONLY.
    public func transitionToOpen(for duration: Duration) throws(BreakerError) {
        let now = clock.now()
        try openByHand(now: now, wait: duration)
    }

    /// Opens until `instant` on the breaker's clock (resilience4j's `transitionToOpenStateUntil`);
    /// the first acquire strictly after it moves to HALF_OPEN.
    ///
    /// - Throws: ``BreakerError`` when the current state is METRICS_ONLY.
    public func transitionToOpen(until instant: BreakerInstant) throws(BreakerError) {
        let now = clock.now()
        try openByHand(now: now, wait: instant - now)
    }

    private func openByHand(now: BreakerInstant, wait: Duration) throws(BreakerError) {
        var from = CircuitState.closed
        let events = withMachine { machine -> PendingEvents? in
            from = machine.circuitState
            return machine.transitionToOpen(for: wait, now: now)
        }
        guard let events else { throw .illegalTransition(name: name, from: from, to: .open) }
        publish(events)
    }

    /// Returns to CLOSED with fresh metrics from any state; emits a reset event (and a
    /// transition event unless already CLOSED).
    public func reset() {
        let now = clock.now()
        let events = withMachine { $0.reset(now: now) }
        publish(events)
    }
}
