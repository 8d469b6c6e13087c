/// An event decided under the lock, before the breaker's name and the call's error are attached.
package enum CoreEvent: Sendable, Equatable {
    /// The outcome being recorded should be published (success or error, as the caller knows).
    case outcome
    /// The outcome arrived for a call admitted under an earlier generation and was dropped.
    case lateOutcome
    /// An ignored error released its permit.
    case ignored
    /// A call was refused (the step's result carries `retryAfter`).
    case notPermitted(CircuitState)
    /// The state changed (never emitted for self-transitions).
    case transition(from: CircuitState, to: CircuitState)
    /// `reset()` ran.
    case reset
    /// The policy had something to say (the text is in the machine's ``BreakerStateMachine/lastNotice``).
    case policyNotice
    /// The failure rate reached its threshold (the rate, in single precision as computed).
    case failureRateExceeded(Float)
    /// The slow-call rate reached its threshold.
    case slowCallRateExceeded(Float)
}
