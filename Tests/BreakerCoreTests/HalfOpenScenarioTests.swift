import Testing
@testable import BreakerCore

/// resilience4j's HALF_OPEN scenarios (spec `breaker-scenarios.md`, R3, R12–R16, R22) on
/// R-BASE: 4 permits, effective minimum min(5, 4) = 4, maximum half-open wait 1 s.
///
/// Except in R22, the clock does not move while HALF_OPEN, so the 1 s maximum wait never
/// runs out.
@Suite("resilience4j scenarios: HALF_OPEN")
struct HalfOpenScenarioTests {
    // MARK: R3

    @Test("R3: HALF_OPEN grants exactly 4 permits; a released permit is reusable")
    func r3() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()

        let grants = (1...6).map { _ in f.breaker.tryAcquirePermission() }
        #expect(grants == [true, true, true, true, false, false])
        expectMetrics(f.breaker, -1, 0, 0, 0, 2)

        f.breaker.releasePermission()
        #expect(f.breaker.tryAcquirePermission() == true, "the released permit is reusable")
        #expect(f.breaker.tryAcquirePermission() == false)
        #expect(f.breaker.state == .halfOpen)
    }

    @Test("R3: a new OPEN→HALF_OPEN episode grants exactly 4 again; the throwing acquire is rejected")
    func r3FreshEpisode() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        for _ in 1...6 { _ = f.breaker.tryAcquirePermission() }

        try f.breaker.transitionToHalfOpenThroughOpen()  // fresh episode
        #expect(f.breaker.state == .halfOpen)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
        for index in 1...4 {
            #expect(f.breaker.tryAcquirePermission() == true, "permit \(index)")
        }
        let rejection = #expect(throws: CallNotPermittedError.self) { try f.breaker.acquirePermission() }
        #expect(rejection?.breakerName == "testName")
        #expect(rejection?.state == .halfOpen)
        #expect(rejection?.retryAfter == nil, "the trial calls in flight decide; expiry would lead to OPEN, not to admission")
        #expect(f.breaker.metrics.notPermittedCalls == 1)
    }

    @Test("R3: an episode entered lazily by an acquire after the open wait also grants exactly 4")
    func r3LazyEpisode() throws {
        let f = try BreakerFixture()
        try f.breaker.transition(to: .open)
        f.clock.advance(by: .seconds(6))
        let grants = (1...5).map { _ in f.breaker.tryAcquirePermission() }
        #expect(grants == [true, true, true, true, false], "the moving acquire takes the first permit")
        #expect(f.breaker.state == .halfOpen)
        expectMetrics(f.breaker, -1, 0, 0, 0, 1)
    }

    // MARK: R12, R13, R14

    @Test("R12: F, F, S, F in HALF_OPEN reopens after the 4th; OPEN keeps the half-open window")
    func r12() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        f.events.removeAll()
        let outcomes: [ScenarioOutcome] = [.failure, .failure, .success]
        for (index, outcome) in outcomes.enumerated() {
            #expect(f.breaker.acquireAndReport(outcome))
            #expect(f.breaker.state == .halfOpen, "after call \(index + 1): below the minimum of 4")
        }
        #expect(f.breaker.acquireAndReport(.failure))
        #expect(f.breaker.state == .open)
        expectMetrics(f.breaker, 75, 1, 4, 3, 0)
        #expect(f.events.transitions == [StateTransition(.halfOpen, .open)])
    }

    @Test("R13: S(5 s) x3, S(1 s) in HALF_OPEN reopens on the slow-call rate (75 %)")
    func r13() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        for index in 1...3 {
            #expect(f.breaker.acquireAndReport(.success, duration: .seconds(5)))
            #expect(f.breaker.state == .halfOpen, "after call \(index)")
        }
        #expect(f.breaker.acquireAndReport(.success, duration: .seconds(1)))
        #expect(f.breaker.state == .open)
        let metrics = f.breaker.metrics
        #expect(metrics.slowCalls == 3)
        #expect(metrics.slowCallRate == 75)
        #expect(metrics.failureRate == 0)
    }

    @Test("R14: F, S, S, S in HALF_OPEN closes (25 % < 50 %) with fresh metrics")
    func r14() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        let outcomes: [ScenarioOutcome] = [.failure, .success, .success]
        for (index, outcome) in outcomes.enumerated() {
            #expect(f.breaker.acquireAndReport(outcome))
            #expect(f.breaker.state == .halfOpen, "after call \(index + 1)")
        }
        #expect(f.breaker.acquireAndReport(.success))
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)

        #expect(f.breaker.acquireAndReport(.success))
        expectMetrics(f.breaker, -1, 1, 1, 0, 0)
        #expect(f.breaker.state == .closed)
    }

    // MARK: R15, R15b

    /// R15's steps: HALF_OPEN; S, S, S; X (each after a granted acquire).
    private func threeSuccessesThenIgnored(_ f: BreakerFixture) throws {
        try f.breaker.transitionToHalfOpenThroughOpen()
        for _ in 1...3 { #expect(f.breaker.acquireAndReport(.success)) }
        expectMetrics(f.breaker, -1, 3, 3, 0, 0)
        #expect(f.breaker.acquireAndReport(.ignored))
    }

    @Test("R15: an ignored error in HALF_OPEN records nothing and releases its permit")
    func r15() throws {
        let f = try BreakerFixture()
        try threeSuccessesThenIgnored(f)
        #expect(f.breaker.state == .halfOpen)
        expectMetrics(f.breaker, -1, 3, 3, 0, 0)
        #expect(f.events.count(of: .ignoredError) == 1)
        #expect(f.events.count(of: .error) == 0)
        #expect(f.breaker.tryAcquirePermission() == true, "the ignored call's permit came back")
        #expect(f.breaker.tryAcquirePermission() == false)
    }

    @Test("R15b: a failure as the 4th recorded trial closes (1/4 = 25 %) with fresh metrics")
    func r15b() throws {
        let f = try BreakerFixture()
        try threeSuccessesThenIgnored(f)
        #expect(f.breaker.acquireAndReport(.failure))
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
    }

    // MARK: R16

    @Test("R16: four ignored errors in HALF_OPEN decide nothing; four successes then close")
    func r16() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        for index in 1...4 {
            #expect(f.breaker.acquireAndReport(.ignored), "acquire before X \(index)")
            #expect(f.breaker.state == .halfOpen, "after X \(index)")
            expectMetrics(f.breaker, -1, 0, 0, 0, 0, "after X \(index)")
        }
        for index in 1...3 {
            #expect(f.breaker.acquireAndReport(.success), "acquire before S \(index)")
        }
        #expect(f.breaker.state == .halfOpen)
        expectMetrics(f.breaker, -1, 3, 3, 0, 0)
        #expect(f.breaker.acquireAndReport(.success))
        #expect(f.breaker.state == .closed)
    }

    // MARK: R22

    @Test("R22: HALF_OPEN without calls for 2 s (max wait 1 s) goes to OPEN")
    func r22() throws {
        let f = try BreakerFixture()
        try f.breaker.transitionToHalfOpenThroughOpen()
        f.events.removeAll()
        f.clock.advance(by: .milliseconds(500))
        #expect(f.breaker.state == .halfOpen, "the maximum wait has not run out yet")
        f.clock.advance(by: .milliseconds(1500))
        #expect(f.breaker.state == .open)
        #expect(f.events.transitions == [StateTransition(.halfOpen, .open)])
    }

    @Test("R22 variant: with stateAfterMaxWaitInHalfOpenState = CLOSED it goes to CLOSED")
    func r22Variant() throws {
        let f = try BreakerFixture { c in c.stateAfterMaxWaitInHalfOpenState = .closed }
        try f.breaker.transitionToHalfOpenThroughOpen()
        f.events.removeAll()
        f.clock.advance(by: .seconds(2))
        #expect(f.breaker.state == .closed)
        expectMetrics(f.breaker, -1, 0, 0, 0, 0)
        #expect(f.events.transitions == [StateTransition(.halfOpen, .closed)])
    }
}
