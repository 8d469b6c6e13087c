extension CircuitBreaker {
    /// Asks for permission to run one call, returning a permit that records its outcome
    /// against the state that admitted it.
    ///
    /// - Throws: ``CallNotPermittedError`` with the breaker's name, state and `retryAfter`.
    public func acquirePermit() throws(CallNotPermittedError) -> BreakerPermit {
        let word = admission.load(ordering: .acquiring)
        if word & 1 == 1 { return BreakerPermit(generation: word >> 1) }
        return try acquireLocked(now: nil)
    }

    /// Asks for permission to run one call; `false` means rejected (counted in
    /// `notPermittedCalls`). Report the outcome with ``onSuccess(duration:)`` or
    /// ``onError(_:duration:)``, or give the permission back with ``releasePermission()``.
    public func tryAcquirePermission() -> Bool {
        do {
            _ = try acquirePermit()
            return true
        } catch {
            return false
        }
    }

    /// Like ``tryAcquirePermission()`` but throws the rejection.
    public func acquirePermission() throws(CallNotPermittedError) {
        _ = try acquirePermit()
    }

    /// The slow path: every state but CLOSED (without admission control), DISABLED and
    /// METRICS_ONLY. Nearly all of them need the time (an OPEN wait, a half-open expiry, a
    /// throttling window), so the clock is read once up front rather than after a first pass.
    func acquireLocked(now initial: BreakerInstant?) throws(CallNotPermittedError) -> BreakerPermit {
        var now = initial ?? clock.now()
        while true {
            let result = withMachine { $0.acquire(now: now) }
            switch result {
            case .needsClock:
                now = clock.now()
            case .permitted(let generation, let events):
                publish(events)
                return BreakerPermit(generation: generation)
            case .rejected(let state, let retryAfter, let events):
                publish(events, retryAfter: retryAfter)
                throw CallNotPermittedError(breakerName: name, state: state, retryAfter: retryAfter)
            }
        }
    }
}
