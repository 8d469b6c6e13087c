import Testing
@testable import BreakerCore

/// resilience4j's `CircuitBreakerStateMachineTest` scenarios for CLOSED tripping and the OPEN
/// wait (spec `breaker-scenarios.md`, R1 and R4–R11), on R-BASE and a manual clock.
@Suite("resilience4j scenarios: tripping and the open wait")
struct ResilienceScenarioTests {
    // MARK: R1

    @Test("R1: throwing acquire after a manual transition to OPEN is rejected and counted")
    func r1() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .open)

        let rejection = #expect(throws: CallNotPermittedError.self) { try f.breaker.acquirePermission() }
        #expect(rejection?.breakerName == "testName")
        #expect(rejection?.state == .open)
        #expect(rejection?.retryAfter == .seconds(5) + .nanoseconds(1), "admission needs the clock strictly past the wait")
        #expect(f.breaker.state == .open)
        #expect(f.breaker.metrics.notPermittedCalls == 1)
        expectMetrics(f.breaker, -1, 0, 0, 0, 1)
    }

    // MARK: R4, R4b, R4c

    /// R4's steps: F, F, F on a fresh R-BASE breaker without moving the clock.
    private func threeFailures(_ f: BreakerFixture) {
        for index in 1...3 {
            f.breaker.report(.failure)
            #expect(f.breaker.state == .closed, "after failure \(index)")
        }
    }

    @Test("R4: three failures below the minimum keep CLOSED, rate -1")
    func r4() throws {
        let f = try BreakerFixture()
        threeFailures(f)
        expectMetrics(f.breaker, -1, 0, 3, 3, 0)
        #expect(f.events.count(of: .failureRateExceeded) == 0)
        #expect(f.events.transitions.isEmpty)
    }

    @Test("R4b: a fourth call (S) is still below the minimum of 5")
    func r4b() throws {
        let f = try BreakerFixture()
        threeFailures(f)
        f.breaker.report(.success)
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, -1, 1, 4, 3, 0)
        #expect(f.events.transitions.isEmpty)
    }

    @Test("R4c: fifth call (S) trips at 60 %; OPEN keeps CLOSED's metrics and counts rejections")
    func r4c() throws {
        let f = try BreakerFixture()
        threeFailures(f)
        f.breaker.report(.success)
        f.breaker.report(.success)

        #expect(f.breaker.state == .open)
        let metrics = f.breaker.metrics
        #expect(metrics.bufferedCalls == 5)
        #expect(metrics.failedCalls == 3)
        #expect(metrics.failureRate == 60.0)
        expectMetrics(f.breaker, 60, 2, 5, 3, 0)

        #expect(f.events.count(of: .failureRateExceeded) == 1)
        #expect(f.events.kinds.compactMap(\.exceededFailureRate) == [60])
        #expect(f.events.count(of: .slowCallRateExceeded) == 0)
        #expect(f.events.transitions == [StateTransition(.closed, .open)])

        #expect(f.breaker.tryAcquirePermission() == false)
        expectMetrics(f.breaker, 60, 2, 5, 3, 1)
    }

    // MARK: R5, R5b

    /// R5's steps: S@0 s, S@1 s, S@2 s, F@3 s, F@4 s, then advance to 5 s.
    private func fiveCallsOverFiveSeconds(_ f: BreakerFixture) {
        let steps: [(second: Int64, outcome: ScenarioOutcome)] =
            [(0, .success), (1, .success), (2, .success), (3, .failure), (4, .failure)]
        for step in steps {
            f.setClock(toOffset: .seconds(step.second))
            f.breaker.report(step.outcome)
            #expect(f.breaker.state == .closed, "after \(step.outcome)@\(step.second) s")
        }
        expectMetrics(f.breaker, 40, 3, 5, 2, 0)
        f.setClock(toOffset: .seconds(5))
    }

    @Test("R5: 2 failures in 5 calls over 5 s (40 %) keep CLOSED")
    func r5() throws {
        let f = try BreakerFixture()
        fiveCallsOverFiveSeconds(f)
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, 40, 3, 5, 2, 0)
    }

    @Test("R5b: F@5 s trips at 3/6 = 50 % (>=, nothing evicted from the 20 s window)")
    func r5b() throws {
        let f = try BreakerFixture()
        fiveCallsOverFiveSeconds(f)
        f.breaker.report(.failure)
        #expect(f.breaker.state == .open)
        expectMetrics(f.breaker, 50, 3, 6, 3, 0)
        #expect(f.events.count(of: .failureRateExceeded) == 1)
        #expect(f.events.transitions == [StateTransition(.closed, .open)])
    }

    // MARK: R6, R7

    @Test("R6: slow-call rate alone trips (3 slow of 5 = 60 %, failure rate 40 %)")
    func r6() throws {
        let f = try BreakerFixture()
        let calls: [(ScenarioOutcome, Duration)] = [
            (.failure, .seconds(5)), (.success, .seconds(5)),
            (.failure, .milliseconds(100)), (.success, .milliseconds(100)),
        ]
        for (index, call) in calls.enumerated() {
            f.breaker.report(call.0, duration: call.1)
            #expect(f.breaker.state == .closed, "after call \(index + 1)")
        }
        f.breaker.report(.success, duration: .seconds(5))

        #expect(f.breaker.state == .open)
        let metrics = f.breaker.metrics
        #expect(metrics.bufferedCalls == 5)
        #expect(metrics.slowCalls == 3)
        #expect(metrics.slowFailedCalls == 1)
        #expect(metrics.slowCallRate == 60)
        #expect(metrics.failureRate == 40)
        #expect(f.events.count(of: .slowCallRateExceeded) == 1)
        #expect(f.events.count(of: .failureRateExceeded) == 0)
    }

    @Test("R6 (rule 4): a call of exactly the 4 s threshold is not slow")
    func r6Boundary() throws {
        let f = try BreakerFixture()
        for _ in 1...5 { f.breaker.report(.success, duration: .seconds(4)) }
        #expect(f.breaker.state == .closed)
        let metrics = f.breaker.metrics
        #expect(metrics.slowCalls == 0)
        #expect(metrics.slowCallRate == 0)
        f.breaker.report(.success, duration: .seconds(4) + .nanoseconds(1))
        #expect(f.breaker.metrics.slowCalls == 1)
    }

    @Test("R7: guarded calls are timed with the injected clock; 3 slow of 5 trips")
    func r7() throws {
        let f = try BreakerFixture()
        let advances: [Int64] = [5, 5, 1, 1, 5]
        let expectedSlow = [1, 2, 2, 2, 3]
        for (index, seconds) in advances.enumerated() {
            try f.breaker.execute { _ = f.clock.advance(by: .seconds(seconds)) }
            let metrics = f.breaker.metrics
            #expect(metrics.bufferedCalls == index + 1, "after call \(index + 1)")
            #expect(metrics.slowCalls == expectedSlow[index], "after call \(index + 1)")
            #expect(f.breaker.state == (index < 4 ? .closed : .open), "after call \(index + 1)")
        }
        let metrics = f.breaker.metrics
        #expect(metrics.slowCallRate == 60)
        #expect(metrics.failureRate == 0)
        #expect(f.events.count(of: .slowCallRateExceeded) == 1)
        #expect(f.events.kinds.compactMap(\.exceededSlowCallRate) == [60])
    }

    // MARK: R8, R8b

    /// R8's steps: OPEN at t = 0; acquire; advance 3 s; acquire.
    private func openAndWaitThreeSeconds(_ f: BreakerFixture) throws {
        try f.breaker.transition(to: .open)
        #expect(f.breaker.tryAcquirePermission() == false)
        f.clock.advance(by: .seconds(3))
        #expect(f.breaker.tryAcquirePermission() == false)
    }

    @Test("R8: OPEN stays OPEN and rejects before the 5 s wait has passed")
    func r8() throws {
        let f = try BreakerFixture()
        try openAndWaitThreeSeconds(f)
        #expect(f.breaker.state == .open)
        expectMetrics(f.breaker, -1, 0, 0, 0, 2)
        #expect(f.events.rejections.map(\.retryAfter) == [.seconds(5) + .nanoseconds(1), .seconds(2) + .nanoseconds(1)])
    }

    @Test("R8b: the first acquire after the wait (t = 6 s) moves lazily to HALF_OPEN with fresh metrics")
    func r8b() throws {
        let f = try BreakerFixture()
        try openAndWaitThreeSeconds(f)
        f.clock.advance(by: .seconds(3))
        #expect(f.breaker.state == .open, "the move is lazy: reads do not make it")
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
        #expect(f.events.transitions == [StateTransition(.closed, .open), StateTransition(.open, .halfOpen)])
    }

    @Test("R8b (rule 8): an acquire at exactly openedAt + wait is rejected, one just after is granted")
    func r8bBoundary() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .open)
        f.clock.advance(by: .seconds(5))
        #expect(f.breaker.tryAcquirePermission() == false)
        #expect(f.breaker.state == .open)
        f.clock.advance(by: .nanoseconds(1))
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)
    }

    // MARK: R9, R10

    @Test("R9: transitionToOpen(for: 2 h) ignores the configured wait")
    func r9() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToOpen(for: .seconds(7200))
        #expect(f.breaker.tryAcquirePermission() == false)
        f.clock.advance(by: .seconds(3600))
        #expect(f.breaker.tryAcquirePermission() == false)
        #expect(f.breaker.state == .open)
        f.clock.advance(by: .seconds(3601))
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)
    }

    @Test("R10: transitionToOpen(until: t0 + 30 min) opens until that instant")
    func r10() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToOpen(until: f.start + .seconds(1800))
        f.clock.advance(by: .seconds(900))
        #expect(f.breaker.tryAcquirePermission() == false)
        #expect(f.breaker.state == .open)
        f.setClock(toOffset: .seconds(1801))
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)
    }

    // MARK: R11

    @Test("R11: exponential backoff 5 s x 1.5 makes the second consecutive opening wait 7.5 s")
    func r11() throws {
        let f = try BreakerFixture { c in
            c.slidingWindow = .countBased(size: 5)
            c.permittedCallsInHalfOpenState = 4
            c.waitDurationInOpenState = .seconds(5)
            c.openStateBackoff = .exponential(multiplier: 1.5)
        }
        try f.breaker.transition(to: .open)  // attempt 1: 5 s
        f.clock.advance(by: .seconds(3))
        #expect(f.breaker.tryAcquirePermission() == false)
        f.clock.advance(by: .seconds(3))
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)

        try f.breaker.transition(to: .open)  // attempt 2: 7.5 s
        f.clock.advance(by: .seconds(6))
        #expect(f.breaker.tryAcquirePermission() == false, "a 5 s wait would have ended")
        #expect(f.breaker.state == .open)
        f.clock.advance(by: .seconds(5))
        #expect(f.breaker.tryAcquirePermission() == true)
        #expect(f.breaker.state == .halfOpen)

        #expect(f.events.rejections.map(\.retryAfter) == [.seconds(2) + .nanoseconds(1), .milliseconds(1500) + .nanoseconds(1)])
    }
}
