extension CircuitBreaker {
    /// Registers `listener` for every later event of this breaker. Listeners run after the
    /// breaker's lock is released, on the thread that caused the event.
    @discardableResult
    public func addListener(_ listener: @escaping @Sendable (BreakerEvent) -> Void) -> ListenerToken {
        listeners.add(listener)
    }

    /// Unregisters a listener; later events no longer reach it.
    public func removeListener(_ token: ListenerToken) {
        listeners.remove(token)
    }

    /// Turns the machine's events into public events and delivers them. `outcome` says whether
    /// a `.outcome` event is a failure (`true`) or a success (`false`).
    func publish(_ events: PendingEvents, outcome failed: Bool? = nil, duration: Duration = .zero,
                 error: (any Error)? = nil, retryAfter: Duration? = nil) {
        guard !events.isEmpty, !listeners.isEmpty else { return }
        let receivers = listeners.snapshot()
        events.forEach { event in
            let kind: BreakerEvent.Kind
            switch event {
            case .outcome:
                if failed == true {
                    kind = .error(duration: duration, error: error ?? ResultRecordedAsFailureError(result: "(not captured)"))
                } else {
                    kind = .success(duration: duration)
                }
            case .lateOutcome:
                kind = .lateOutcome(failed: failed ?? false, duration: duration)
            case .ignored:
                kind = .ignoredError(duration: duration, error: error ?? CancellationError())
            case .notPermitted(let state):
                kind = .notPermitted(CallNotPermittedError(breakerName: name, state: state, retryAfter: retryAfter))
            case .transition(let from, let to):
                kind = .stateTransition(from: from, to: to)
            case .reset:
                kind = .reset
            case .policyNotice:
                kind = .policyNotice(message: withMachine { $0.lastNotice } ?? "")
            case .failureRateExceeded(let rate):
                kind = .failureRateExceeded(failureRate: Double(rate))
            case .slowCallRateExceeded(let rate):
                kind = .slowCallRateExceeded(slowCallRate: Double(rate))
            }
            let published = BreakerEvent(breakerName: name, kind: kind)
            for receiver in receivers { receiver(published) }
        }
    }
}
