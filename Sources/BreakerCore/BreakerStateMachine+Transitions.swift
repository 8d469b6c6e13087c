extension BreakerStateMachine {
    /// A manual transition. Illegal pairs (CLOSED→HALF_OPEN, METRICS_ONLY→OPEN,
    /// METRICS_ONLY→HALF_OPEN) change nothing and return `nil`. Transitions to the current
    /// state recreate it silently: CLOSED→CLOSED clears the metrics, HALF_OPEN→HALF_OPEN
    /// restores the permits and clears the metrics, OPEN→OPEN keeps the metrics and restarts
    /// the wait from `now`.
    package mutating func transition(to target: CircuitState, now: BreakerInstant) -> PendingEvents? {
        var events = PendingEvents()
        if case .halfOpen = state { expireHalfOpen(now: now, events: &events) }
        guard circuitState.canTransition(to: target) else { return nil }
        switch target {
        case .open: enterOpen(now: now, wait: nil, events: &events)
        case .halfOpen: enterHalfOpen(now: now, attempts: attempts, events: &events)
        case .closed: enter(.closed, now: now, events: &events)
        case .disabled: enter(.disabled, now: now, events: &events)
        case .metricsOnly: enter(.metricsOnly(reported: []), now: now, events: &events)
        case .forcedOpen: enter(.forcedOpen(attempts: attempts + 1), now: now, events: &events)
        }
        return events
    }

    /// OPEN for exactly `wait` from `now`, whatever the backoff says (resilience4j's
    /// `transitionToOpenStateFor`). Returns `nil` when OPEN may not follow the current state.
    package mutating func transitionToOpen(for wait: Duration, now: BreakerInstant) -> PendingEvents? {
        var events = PendingEvents()
        if case .halfOpen = state { expireHalfOpen(now: now, events: &events) }
        guard circuitState.canTransition(to: .open) else { return nil }
        enterOpen(now: now, wait: max(wait, .zero), events: &events)
        return events
    }

    /// CLOSED with fresh metrics from any state; a reset event, and a transition event unless
    /// the machine was already CLOSED.
    package mutating func reset(now: BreakerInstant?) -> PendingEvents {
        var events = PendingEvents()
        enter(.closed, now: now, events: &events)
        events.append(.reset)
        return events
    }

    /// Consecutive openings so far (0 in CLOSED, DISABLED and METRICS_ONLY).
    package var attempts: Int {
        switch state {
        case .closed, .disabled, .metricsOnly: 0
        case .open(let open): open.attempts
        case .halfOpen(let halfOpen): halfOpen.attempts
        case .forcedOpen(let attempts): attempts
        }
    }

    /// Enters OPEN keeping the current metrics. `wait == nil` asks the backoff and the policy.
    mutating func enterOpen(now: BreakerInstant?, wait: Duration?, events: inout PendingEvents) {
        let attempt = attempts + 1
        let openWait: Duration
        if let wait {
            openWait = wait
        } else {
            let configured = configuration.openStateBackoff.waitDuration(
                attempt: attempt, base: configuration.waitDurationInOpenState, random: &backoffRandom)
            openWait = max(.zero, policy.openWaitDuration(attempt: attempt, configured: configured))
        }
        enter(.open(Open(openedAt: now, wait: openWait, attempts: attempt)), now: now, events: &events)
    }

    mutating func enterHalfOpen(now: BreakerInstant, attempts: Int, events: inout PendingEvents) {
        let halfOpen = HalfOpen(permits: configuration.permittedCallsInHalfOpenState, enteredAt: now, attempts: attempts)
        enter(.halfOpen(halfOpen), now: now, events: &events)
    }

    /// Replaces the state, bumps the generation, starts fresh metrics (except for OPEN), and
    /// reports a transition unless the state stays the same.
    mutating func enter(_ newState: State, now: BreakerInstant?, events: inout PendingEvents) {
        let old = circuitState
        state = newState
        generation &+= 1
        switch newState {
        case .open:
            break
        case .halfOpen:
            let permitted = configuration.permittedCallsInHalfOpenState
            metrics = StateMetrics(window: CallWindow(kind: .count, size: permitted),
                                   minimumNumberOfCalls: configuration.effectiveHalfOpenMinimumNumberOfCalls)
        case .closed, .disabled, .forcedOpen, .metricsOnly:
            metrics = StateMetrics(window: CallWindow(configuration.slidingWindow),
                                   minimumNumberOfCalls: configuration.effectiveMinimumNumberOfCalls)
        }
        let new = circuitState
        if old != new {
            events.append(.transition(from: old, to: new))
            policy.stateDidChange(from: old, to: new, at: now)
        }
    }

    /// Leaves a HALF_OPEN state whose maximum wait has run out, as resilience4j's timer would
    /// have at `enteredAt + maxWait`: to OPEN (opened at that instant) or to CLOSED.
    mutating func expireHalfOpen(now: BreakerInstant, events: inout PendingEvents) {
        guard let maxWait = halfOpenMaxWait, case .halfOpen(let halfOpen) = state else { return }
        let deadline = halfOpen.enteredAt + maxWait
        guard now >= deadline else { return }
        if configuration.stateAfterMaxWaitInHalfOpenState == .closed {
            enter(.closed, now: deadline, events: &events)
        } else {
            enterOpen(now: deadline, wait: nil, events: &events)
        }
    }
}
