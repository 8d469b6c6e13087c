/// The breaker's state machine: a pure value with one mutating method per event, each
/// returning what the owner must do (publish events, read the clock and retry, stamp an
/// opening time). It never reads a clock, never calls user code and never blocks; the owning
/// ``CircuitBreaker`` holds it in a `Mutex` and acts on the result after unlocking.
///
/// Methods that may need the time take `now: BreakerInstant?`. When the time is needed and
/// `now` is `nil` they change nothing and return `.needsClock`; the owner reads the clock
/// once and calls again. The common path (CLOSED, count-based window, static policy) never
/// needs the time.
package struct BreakerStateMachine: Sendable {
    package enum State: Sendable {
        case closed
        case open(Open)
        case halfOpen(HalfOpen)
        case disabled
        case forcedOpen(attempts: Int)
        case metricsOnly(reported: TripReasons)
    }

    package struct Open: Sendable {
        /// `nil` between a trip recorded without a clock reading and the owner's stamp.
        var openedAt: BreakerInstant?
        var wait: Duration
        var attempts: Int
    }

    package struct HalfOpen: Sendable {
        var permits: Int
        var enteredAt: BreakerInstant
        var attempts: Int
    }

    /// The result of an admission request.
    package enum AcquireResult: Sendable {
        case permitted(generation: UInt64, PendingEvents)
        case rejected(CircuitState, retryAfter: Duration?, PendingEvents)
        case needsClock
    }

    /// The result of a recorded outcome, an ignored error or a release.
    package enum StepResult: Sendable {
        /// Done; publish the events. `stampOpening` asks the owner to read the clock and call
        /// ``stampOpening(at:generation:)`` because the step tripped without a clock reading.
        case done(PendingEvents, stampOpening: UInt64?)
        case needsClock
    }

    package let configuration: BreakerConfiguration
    package let requirements: PolicyRequirements
    package internal(set) var policy: any TripPolicy
    package internal(set) var state: State = .closed
    package internal(set) var metrics: StateMetrics
    /// Lifetime counts, never reset.
    package internal(set) var totals = BreakerCallTotals()
    /// Bumped on every (re)entry of a state; permits carry it so late outcomes decide nothing.
    package internal(set) var generation: UInt64 = 0
    var backoffRandom: SeededRandom
    let halfOpenMaxWait: Duration?
    private let policyNeedsTimeOnOutcome: Bool
    private let policyReportsNotices: Bool
    /// The last notice the policy gave (for the event's text).
    package private(set) var lastNotice: String?

    /// A machine in CLOSED with fresh metrics. `configuration` must be valid.
    package init(configuration: BreakerConfiguration, policy: any TripPolicy) {
        self.configuration = configuration
        var policy = policy
        policy.prepare(configuration: configuration)
        self.policy = policy
        requirements = policy.requirements
        policyNeedsTimeOnOutcome = requirements.contains(.clockOnOutcome)
        policyReportsNotices = requirements.contains(.reportsNotices)
        backoffRandom = SeededRandom(seed: configuration.openStateBackoff.seed ?? UInt64.random(in: .min ... .max))
        halfOpenMaxWait = configuration.maxWaitDurationInHalfOpenState > .zero
            ? configuration.maxWaitDurationInHalfOpenState : nil
        metrics = StateMetrics(window: CallWindow(configuration.slidingWindow),
                               minimumNumberOfCalls: configuration.effectiveMinimumNumberOfCalls)
    }

    /// The public name of the current state.
    package var circuitState: CircuitState {
        switch state {
        case .closed: .closed
        case .open: .open
        case .halfOpen: .halfOpen
        case .disabled: .disabled
        case .forcedOpen: .forcedOpen
        case .metricsOnly: .metricsOnly
        }
    }

    /// Whether an acquire in the current state is granted without consulting the machine:
    /// CLOSED without admission control, DISABLED and METRICS_ONLY. The owner publishes this
    /// with ``generation`` so such acquires need neither the lock nor the clock.
    package var admitsEveryCall: Bool {
        switch state {
        case .closed: !requirements.contains(.admissionControl)
        case .disabled, .metricsOnly: true
        case .open, .halfOpen, .forcedOpen: false
        }
    }

    /// Whether a read of state or metrics needs the time (time-based eviction, half-open expiry).
    package var readsNeedTime: Bool {
        if metrics.window.needsTime { return true }
        if case .halfOpen = state { return halfOpenMaxWait != nil }
        return false
    }
}

// MARK: - Events

extension BreakerStateMachine {
    /// A request to run one call.
    package mutating func acquire(now: BreakerInstant?) -> AcquireResult {
        var events = PendingEvents()
        if case .halfOpen = state, halfOpenMaxWait != nil {
            guard let now else { return .needsClock }
            expireHalfOpen(now: now, events: &events)
        }
        switch state {
        case .closed:
            if requirements.contains(.admissionControl) {
                if now == nil, requirements.contains(.clockOnAdmission) { return .needsClock }
                if !policy.shouldAdmit(at: now, metrics: metrics.snapshot(state: .closed)) {
                    return reject(.closed, retryAfter: .zero, events: &events)
                }
            }
            return .permitted(generation: generation, events)
        case .disabled, .metricsOnly:
            return .permitted(generation: generation, events)
        case .forcedOpen:
            return reject(.forcedOpen, retryAfter: nil, events: &events)
        case .open(var open):
            guard let now else { return .needsClock }
            let openedAt = open.openedAt ?? now
            if open.openedAt == nil {
                open.openedAt = now
                state = .open(open)
            }
            let deadline = openedAt + open.wait
            guard now > deadline else {
                // Admission needs `now > deadline`: the first instant that works is 1 ns later.
                return reject(.open, retryAfter: (deadline - now) + .nanoseconds(1), events: &events)
            }
            enterHalfOpen(now: now, attempts: open.attempts, events: &events)
            return takeTrialPermit(now: now, events: &events)
        case .halfOpen:
            return takeTrialPermit(now: now, events: &events)
        }
    }

    private mutating func takeTrialPermit(now: BreakerInstant?, events: inout PendingEvents) -> AcquireResult {
        guard case .halfOpen(var halfOpen) = state else { preconditionFailure("not half-open") }
        if halfOpen.permits > 0 {
            halfOpen.permits -= 1
            state = .halfOpen(halfOpen)
            return .permitted(generation: generation, events)
        }
        // The trial calls in flight decide when a permit frees up; only an expiry into CLOSED
        // promises admission at a known time.
        var retryAfter: Duration?
        if let maxWait = halfOpenMaxWait, let now, configuration.stateAfterMaxWaitInHalfOpenState == .closed {
            retryAfter = max(.zero, (halfOpen.enteredAt + maxWait) - now)
        }
        return reject(.halfOpen, retryAfter: retryAfter, events: &events)
    }

    private mutating func reject(_ state: CircuitState, retryAfter: Duration?,
                                 events: inout PendingEvents) -> AcquireResult {
        metrics.notPermitted += 1
        totals.notPermitted &+= 1
        events.append(.notPermitted(state))
        return .rejected(state, retryAfter: retryAfter, events)
    }

    /// Records a success or failure of `duration`. With a `generation` (permits, `execute`,
    /// `run`), an outcome from an earlier generation is dropped and reported as late; without
    /// one it applies to the current state, as resilience4j's `onSuccess`/`onError` do.
    ///
    /// `call.slow` must be `call.duration > configuration.slowCallDurationThreshold`; the owner
    /// computes it where it is cheapest (from nanoseconds when it timed the call itself).
    package mutating func record(_ call: RecordedCall, generation callGeneration: UInt64?,
                                 now: BreakerInstant?) -> StepResult {
        var events = PendingEvents()
        if case .halfOpen = state, halfOpenMaxWait != nil {
            guard let now else { return .needsClock }
            expireHalfOpen(now: now, events: &events)
        }
        if let callGeneration, callGeneration != generation {
            totals.late &+= 1
            events.append(.lateOutcome)
            return .done(events, stampOpening: nil)
        }
        let failed = call.failed
        let slow = call.slow
        var stamp: UInt64?
        switch state {
        case .disabled:
            break
        case .forcedOpen:
            events.append(.outcome)
        case .open:
            if now == nil, metrics.window.needsTime { return .needsClock }
            events.append(.outcome)
            metrics.record(failed: failed, slow: slow, at: now)
        case .closed:
            if now == nil, metrics.window.needsTime || policyNeedsTimeOnOutcome { return .needsClock }
            events.append(.outcome)
            metrics.record(failed: failed, slow: slow, at: now)
            let snapshot = metrics.snapshot(state: .closed)
            let decision = policy.evaluate(call, metrics: snapshot, at: now)
            if policyReportsNotices { collectNotice(into: &events) }
            if case .trip(let reasons) = decision {
                Self.appendExceeded(reasons, snapshot, to: &events)
                enterOpen(now: now, wait: nil, events: &events)
                if now == nil { stamp = generation }
            }
        case .metricsOnly(let reported):
            if now == nil, metrics.window.needsTime || policyNeedsTimeOnOutcome { return .needsClock }
            events.append(.outcome)
            metrics.record(failed: failed, slow: slow, at: now)
            let snapshot = metrics.snapshot(state: .metricsOnly)
            let decision = policy.evaluate(call, metrics: snapshot, at: now)
            if policyReportsNotices { collectNotice(into: &events) }
            if case .trip(let reasons) = decision {
                let fresh = reasons.subtracting(reported)
                Self.appendExceeded(fresh, snapshot, to: &events)
                state = .metricsOnly(reported: reported.union(fresh))
            }
        case .halfOpen:
            if now == nil, policyNeedsTimeOnOutcome { return .needsClock }
            events.append(.outcome)
            metrics.record(failed: failed, slow: slow, at: now)
            let snapshot = metrics.snapshot(state: .halfOpen)
            let trial = policy.evaluateTrial(call, metrics: snapshot, at: now)
            if policyReportsNotices { collectNotice(into: &events) }
            switch trial {
            case .undecided:
                break
            case .reopen:
                enterOpen(now: now, wait: nil, events: &events)
                if now == nil { stamp = generation }
            case .close:
                enter(.closed, now: now, events: &events)
            }
        }
        if failed { totals.failed &+= 1 } else { totals.successful &+= 1 }
        return .done(events, stampOpening: stamp)
    }

    /// An ignored error (or a release without outcome): gives a half-open trial permit back.
    /// With a `generation`, a permit from an earlier generation gives nothing back.
    package mutating func release(generation callGeneration: UInt64?, now: BreakerInstant?,
                                  ignoredError: Bool) -> StepResult {
        var events = PendingEvents()
        if case .halfOpen = state, halfOpenMaxWait != nil {
            guard let now else { return .needsClock }
            expireHalfOpen(now: now, events: &events)
        }
        let current = callGeneration.map { $0 == generation } ?? true
        if current {
            switch state {
            case .halfOpen(var halfOpen):
                halfOpen.permits += 1
                state = .halfOpen(halfOpen)
            case .closed, .metricsOnly:
                if now == nil, requirements.contains(.clockOnOutcome) { return .needsClock }
                policy.callWasIgnored(at: now)
            case .open, .disabled, .forcedOpen:
                break
            }
        }
        if current { totals.ignored &+= 1 } else { totals.late &+= 1 }
        if ignoredError, circuitState != .disabled { events.append(.ignored) }
        return .done(events, stampOpening: nil)
    }

    /// Sets the opening time of a trip that was recorded without a clock reading, unless the
    /// machine has moved on or an acquire already stamped it.
    package mutating func stampOpening(at now: BreakerInstant, generation openedGeneration: UInt64) {
        guard openedGeneration == generation, case .open(var open) = state, open.openedAt == nil else { return }
        open.openedAt = now
        state = .open(open)
    }

    /// Applies time-dependent changes (half-open expiry, time-window eviction) and returns the
    /// metrics snapshot; `events` receives an expiry transition if one happened.
    package mutating func refresh(now: BreakerInstant, events: inout PendingEvents) -> BreakerMetrics {
        if case .halfOpen = state { expireHalfOpen(now: now, events: &events) }
        metrics.window.advance(to: now)
        return metrics.snapshot(state: circuitState)
    }

    private mutating func collectNotice(into events: inout PendingEvents) {
        if let notice = policy.takeNotice() {
            lastNotice = notice
            events.append(.policyNotice)
        }
    }

    static func appendExceeded(_ reasons: TripReasons, _ metrics: BreakerMetrics, to events: inout PendingEvents) {
        if reasons.contains(.failureRate) { events.append(.failureRateExceeded(Float(metrics.failureRate))) }
        if reasons.contains(.slowCallRate) { events.append(.slowCallRateExceeded(Float(metrics.slowCallRate))) }
    }
}
