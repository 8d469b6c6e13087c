import Testing
@testable import BreakerCore

/// resilience4j's scenarios for the administrative states, manual transitions and `reset()`
/// (spec `breaker-scenarios.md`, R2 and R17–R21), on R-BASE and a manual clock.
@Suite("resilience4j scenarios: administrative states and manual transitions")
struct AdministrativeStateScenarioTests {
    // MARK: R2

    @Test("R2: FORCED_OPEN rejects and never moves to HALF_OPEN, even after 6 s > 5 s")
    func r2() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .forcedOpen)
        #expect(f.breaker.tryAcquirePermission() == false)
        f.clock.advance(by: .seconds(6))
        #expect(f.breaker.tryAcquirePermission() == false)
        #expect(f.breaker.state == .forcedOpen)
        expectMetrics(f.breaker, -1, 0, 0, 0, 2)

        let rejection = #expect(throws: CallNotPermittedError.self) { try f.breaker.acquirePermission() }
        #expect(rejection?.state == .forcedOpen)
        #expect(rejection?.retryAfter == nil, "no amount of time ends FORCED_OPEN")
    }

    // MARK: R17

    @Test("R17: CLOSED→HALF_OPEN is illegal: an error, state and metrics unchanged")
    func r17() throws {
        let f = try BreakerFixture()
        f.breaker.report(.success)
        f.breaker.report(.failure)
        f.events.removeAll()

        let error = #expect(throws: BreakerError.self) { try f.breaker.transition(to: .halfOpen) }
        #expect(error?.code == .illegalStateTransition)
        #expect(error?.message == "CircuitBreaker 'testName' tried an illegal state transition from CLOSED to HALF_OPEN")
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, -1, 1, 2, 1, 0)
        #expect(f.events.all.isEmpty)
    }

    // MARK: R18

    @Test("R18: reset() from OPEN leads to CLOSED with fresh metrics, a transition and a RESET event")
    func r18FromOpen() throws {
        let f = try BreakerFixture()
        f.breaker.report(.success)
        f.breaker.report(.success)
        try f.breaker.transition(to: .open)
        #expect(f.breaker.metrics.successfulCalls == 2, "OPEN keeps CLOSED's metrics")
        f.events.removeAll()

        f.breaker.reset()
        #expect(f.breaker.state == .closed)
        #expect(f.breaker.metrics.successfulCalls == 0)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
        #expect(f.events.count(of: .reset) == 1)
        #expect(f.events.transitions == [StateTransition(.open, .closed)])
    }

    @Test("R18: reset() in CLOSED clears the metrics with a RESET event and no transition event")
    func r18FromClosed() throws {
        let f = try BreakerFixture()
        f.breaker.report(.success)
        f.breaker.report(.success)
        #expect(f.breaker.metrics.successfulCalls == 2)
        f.events.removeAll()

        f.breaker.reset()
        #expect(f.breaker.state == .closed)
        #expect(f.breaker.metrics.successfulCalls == 0)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
        #expect(f.events.count(of: .reset) == 1)
        #expect(f.events.transitions.isEmpty)
    }

    // MARK: R19

    @Test("R19: DISABLED grants every acquire and records nothing, with no outcome events")
    func r19() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .disabled)
        f.events.removeAll()
        let outcomes: [ScenarioOutcome] = [.success, .failure, .failure, .failure, .failure]
        for (index, outcome) in outcomes.enumerated() {
            #expect(f.breaker.acquireAndReport(outcome), "acquire \(index + 1)")
            expectMetrics(f.breaker, -1, 0, 0, 0, 0, "after call \(index + 1)")
        }
        #expect(f.breaker.state == .disabled)
        #expect(f.events.count(of: .success) == 0)
        #expect(f.events.count(of: .error) == 0)
        #expect(f.events.all.isEmpty)
    }

    // MARK: R20, R20b

    /// R20's steps: two successes in CLOSED, METRICS_ONLY (fresh metrics), then F, F, F, S, S.
    private func metricsOnlyFiveCalls(_ f: BreakerFixture) throws {
        f.breaker.report(.success)
        f.breaker.report(.success)
        try f.breaker.transition(to: .metricsOnly)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0, "the transition starts fresh metrics")
        f.events.removeAll()
        let outcomes: [ScenarioOutcome] = [.failure, .failure, .failure, .success, .success]
        for outcome in outcomes { #expect(f.breaker.acquireAndReport(outcome)) }
    }

    @Test("R20: METRICS_ONLY records and reports the failure rate once but never changes state")
    func r20() throws {
        let f = try BreakerFixture()
        try metricsOnlyFiveCalls(f)
        #expect(f.breaker.state == .metricsOnly)
        expectMetrics(f.breaker, 60, 2, 5, 3, 0)
        #expect(f.events.count(of: .failureRateExceeded) == 1)
        #expect(f.events.kinds.compactMap(\.exceededFailureRate) == [60])
        #expect(f.events.count(of: .stateTransition) == 0)

        #expect(f.breaker.acquireAndReport(.failure))
        #expect(f.breaker.state == .metricsOnly)
        #expect(f.events.count(of: .failureRateExceeded) == 1)
        #expect(f.events.count(of: .error) == 4)
        #expect(f.events.count(of: .success) == 2)
        #expect(f.events.count(of: .stateTransition) == 0)
    }

    @Test("R20b: five slow failures in METRICS_ONLY report each threshold exactly once")
    func r20b() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .metricsOnly)
        f.events.removeAll()
        for _ in 1...5 { #expect(f.breaker.acquireAndReport(.failure, duration: .seconds(5))) }
        #expect(f.breaker.state == .metricsOnly)
        #expect(f.events.count(of: .failureRateExceeded) == 1)
        #expect(f.events.count(of: .slowCallRateExceeded) == 1)
        #expect(f.events.count(of: .stateTransition) == 0)
        let metrics = f.breaker.metrics
        #expect(metrics.failureRate == 100)
        #expect(metrics.slowCallRate == 100)
    }

    // MARK: R21

    @Test("R21: ten manual transitions with five self-transitions publish exactly 5 transition events")
    func r21() throws {
        let f = try BreakerFixture()
        let targets: [CircuitState] = [.open, .open, .halfOpen, .halfOpen, .disabled, .disabled,
                                       .metricsOnly, .metricsOnly, .closed, .closed]
        for target in targets {
            try f.breaker.transition(to: target)
            #expect(f.breaker.state == target)
        }
        #expect(f.events.count(of: .stateTransition) == 5)
        #expect(f.events.transitions == [
            StateTransition(.closed, .open),
            StateTransition(.open, .halfOpen),
            StateTransition(.halfOpen, .disabled),
            StateTransition(.disabled, .metricsOnly),
            StateTransition(.metricsOnly, .closed),
        ])
    }
}
