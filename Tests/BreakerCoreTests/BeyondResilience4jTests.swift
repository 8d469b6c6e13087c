import Synchronization
import Testing
@testable import BreakerCore

/// Collects events from a breaker's listener, thread-safely.
private final class Recorded: Sendable {
    let events = Mutex<[BreakerEvent]>([])
    func attach(to breaker: CircuitBreaker) {
        breaker.addListener { event in self.events.withLock { $0.append(event) } }
    }
    var transitions: [(CircuitState, CircuitState)] {
        events.withLock { list in
            list.compactMap { if case .stateTransition(let from, let to) = $0.kind { (from, to) } else { nil } }
        }
    }
    var lateOutcomes: Int {
        events.withLock { $0.filter { if case .lateOutcome = $0.kind { true } else { false } }.count }
    }
}

private struct Boom: Error {}

private func countConfig(size: Int = 4, minimum: Int = 4) -> BreakerConfiguration {
    var c = BreakerConfiguration()
    c.slidingWindow = .countBased(size: size)
    c.minimumNumberOfCalls = minimum
    c.failureRateThreshold = 50
    c.waitDurationInOpenState = .seconds(5)
    c.permittedCallsInHalfOpenState = 2
    return c
}

@Suite("Generation counter: late outcomes decide nothing")
struct GenerationTests {
    @Test("a permit from CLOSED reporting in OPEN is dropped, the bare API still records")
    func lateOutcomeInOpen() throws {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "g", configuration: countConfig(), clock: clock)
        let log = Recorded()
        log.attach(to: breaker)
        let slowCall = try breaker.acquirePermit()
        for _ in 0..<4 { breaker.onError(Boom(), duration: .zero) }
        #expect(breaker.state == .open)
        breaker.onSuccess(slowCall, duration: .seconds(1))
        #expect(breaker.metrics.bufferedCalls == 4, "late permit outcome must not be recorded")
        #expect(log.lateOutcomes == 1)
        breaker.onSuccess(duration: .zero)  // resilience4j semantics: counted by the current (OPEN) metrics
        #expect(breaker.metrics.bufferedCalls == 4)  // count window of 4 keeps 4, but a success replaced a failure
        #expect(breaker.metrics.failedCalls == 3)
    }

    @Test("a CLOSED-era permit cannot decide HALF_OPEN nor refill its permits")
    func latePermitCannotDecideHalfOpen() throws {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "g", configuration: countConfig(), clock: clock)
        let straggler = try breaker.acquirePermit()
        let straggler2 = try breaker.acquirePermit()
        for _ in 0..<4 { breaker.onError(Boom(), duration: .zero) }
        clock.advance(by: .seconds(5) + .nanoseconds(1))
        let trial = try breaker.acquirePermit()
        #expect(breaker.state == .halfOpen)
        // Two late successes would close a 2-permit half-open breaker if they counted.
        breaker.onSuccess(straggler, duration: .zero)
        breaker.releasePermission(straggler2)
        #expect(breaker.state == .halfOpen)
        #expect(breaker.metrics.bufferedCalls == 0)
        _ = try breaker.acquirePermit()
        #expect(throws: CallNotPermittedError.self) { try breaker.acquirePermit() }  // release of stale permit gave nothing back
        breaker.onSuccess(trial, duration: .zero)
        #expect(breaker.state == .halfOpen)
    }

    @Test("execute records against the state that admitted the call")
    func executeAcrossTrip() throws {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "g", configuration: countConfig(), clock: clock)
        let log = Recorded()
        log.attach(to: breaker)
        let value = try breaker.execute { () -> Int in
            for _ in 0..<4 { breaker.onError(Boom(), duration: .zero) }  // trips while this call runs
            return 7
        }
        #expect(value == 7)
        #expect(breaker.state == .open)
        #expect(breaker.metrics.successfulCalls == 0)
        #expect(log.lateOutcomes == 1)
    }
}

@Suite("Rejections carry name, state and retryAfter")
struct RejectionTests {
    @Test("OPEN reports the rest of the wait; the call is admitted only strictly after it")
    func openRetryAfter() throws {
        let clock = ManualClock(initialTime: .seconds(10))
        let breaker = try CircuitBreaker(name: "payments", configuration: countConfig(), clock: clock)
        for _ in 0..<4 { breaker.onError(Boom(), duration: .zero) }  // trips without a clock read at record time
        clock.advance(by: .seconds(2))
        let rejection = #expect(throws: CallNotPermittedError.self) { try breaker.acquirePermit() }
        #expect(rejection?.breakerName == "payments")
        #expect(rejection?.state == .open)
        #expect(rejection?.retryAfter == .seconds(3) + .nanoseconds(1))
        clock.advance(by: .seconds(3))
        #expect(!breaker.tryAcquirePermission(), "exactly at openedAt + wait is still rejected")
        clock.advance(by: .nanoseconds(1))  // waiting exactly retryAfter from the first rejection
        #expect(breaker.tryAcquirePermission())
        #expect(breaker.state == .halfOpen)
        #expect(rejection.map { "\($0)" }?.contains("CircuitBreaker 'payments' is OPEN") == true)
    }

    @Test("FORCED_OPEN has no retryAfter; execute's fallback receives the rejection")
    func forcedOpen() throws {
        let breaker = try CircuitBreaker(name: "p", configuration: countConfig(), clock: ManualClock())
        try breaker.transition(to: .forcedOpen)
        let result = breaker.execute({ "live" }, fallback: { error in
            (error as? CallNotPermittedError)?.retryAfter == nil ? "fallback:forced" : "fallback:other"
        })
        #expect(result == "fallback:forced")
        #expect(breaker.metrics.notPermittedCalls == 1)
    }
}

@Suite("Classification of errors and results")
struct ClassificationTests {
    struct Response { let status: Int }

    @Test("a 503 response counts as a failure yet is returned")
    func resultClassification() throws {
        let breaker = try CircuitBreaker(name: "http", configuration: countConfig(), clock: ManualClock())
        for _ in 0..<4 {
            let response = try breaker.execute(classifyingResult: { $0.status >= 500 ? .failure : .success }) {
                Response(status: 503)
            }
            #expect(response.status == 503)
        }
        #expect(breaker.state == .open)
        #expect(breaker.metrics.failedCalls == 4)
    }

    @Test("the configuration's result classifier applies when the call gives none")
    func configuredResultClassifier() throws {
        var config = countConfig()
        config.classifyResult = { ($0 as? Response)?.status == 503 ? .failure : .success }
        let breaker = try CircuitBreaker(name: "http", configuration: config, clock: ManualClock())
        _ = try breaker.execute { Response(status: 503) }
        _ = try breaker.execute { Response(status: 200) }
        #expect(breaker.metrics.failedCalls == 1)
        #expect(breaker.metrics.successfulCalls == 1)
    }

    @Test("CancellationError is ignored by default, even with a custom classifier")
    func cancellationIgnored() async throws {
        var config = countConfig()
        config.classifyError = { _ in .failure }
        let breaker = try CircuitBreaker(name: "c", configuration: config, clock: ManualClock())
        await #expect(throws: CancellationError.self) {
            try await breaker.run { () async throws -> Int in throw CancellationError() }
        }
        #expect(breaker.metrics.bufferedCalls == 0)
        config.ignoresCancellation = false
        let strict = try CircuitBreaker(name: "c2", configuration: config, clock: ManualClock())
        await #expect(throws: CancellationError.self) {
            try await strict.run { () async throws -> Int in throw CancellationError() }
        }
        #expect(strict.metrics.failedCalls == 1)
    }

    @Test("errors classified as success count as successes; async fallback on failure")
    func errorAsSuccess() async throws {
        struct NotFound: Error {}
        var config = countConfig()
        config.classifyError = { $0 is NotFound ? .success : .failure }
        let breaker = try CircuitBreaker(name: "c", configuration: config, clock: ManualClock())
        let value = try await breaker.run({ () async throws -> Int in throw NotFound() }, fallback: { _ in 42 })
        #expect(value == 42)
        #expect(breaker.metrics.successfulCalls == 1)
    }
}

@Suite("Consecutive-failures mode")
struct ConsecutiveFailuresTests {
    @Test("trips on the Nth failure in a row; a success resets the run")
    func tripsOnRun() throws {
        var config = countConfig(size: 100, minimum: 100)
        config.permittedCallsInHalfOpenState = 3
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "c", configuration: config,
                                         policy: ConsecutiveFailuresPolicy(threshold: 3), clock: clock)
        breaker.onError(Boom(), duration: .zero)
        breaker.onError(Boom(), duration: .zero)
        breaker.onSuccess(duration: .zero)
        breaker.onError(Boom(), duration: .zero)
        breaker.onError(Boom(), duration: .zero)
        #expect(breaker.state == .closed)
        #expect(breaker.metrics.consecutiveFailures == 2)
        breaker.onError(Boom(), duration: .zero)
        #expect(breaker.state == .open)
    }

    @Test("in half-open one failure reopens, all permitted successes close")
    func halfOpen() throws {
        var config = countConfig(size: 100, minimum: 100)
        config.permittedCallsInHalfOpenState = 3
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "c", configuration: config,
                                         policy: ConsecutiveFailuresPolicy(threshold: 1), clock: clock)
        breaker.onError(Boom(), duration: .zero)
        clock.advance(by: .seconds(6))
        #expect(breaker.tryAcquirePermission())
        breaker.onSuccess(duration: .zero)
        breaker.onError(Boom(), duration: .zero)
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(6))
        for _ in 0..<3 {
            #expect(breaker.tryAcquirePermission())
            breaker.onSuccess(duration: .zero)
        }
        #expect(breaker.state == .closed)
    }
}

@Suite("Open-state backoff")
struct BackoffTests {
    @Test("exponential waits grow per consecutive opening, are capped, and reset after closing")
    func exponentialCapped() throws {
        var config = countConfig(size: 1, minimum: 1)
        config.permittedCallsInHalfOpenState = 1
        config.waitDurationInOpenState = .seconds(1)
        config.openStateBackoff = .exponential(multiplier: 2, maximum: .seconds(5))
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "b", configuration: config, clock: clock)
        var waits: [Duration] = []
        breaker.onError(Boom(), duration: .zero)
        for _ in 0..<5 {
            let rejection = #expect(throws: CallNotPermittedError.self) { try breaker.acquirePermit() }
            waits.append(rejection?.retryAfter ?? .zero)
            clock.advance(by: rejection?.retryAfter ?? .zero)  // exactly retryAfter is enough
            #expect(breaker.tryAcquirePermission())
            breaker.onError(Boom(), duration: .zero)  // failed trial: reopen, next attempt
        }
        let oneNanosecond = Duration.nanoseconds(1)
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5)].map { $0 + oneNanosecond })
        clock.advance(by: .seconds(6))
        #expect(breaker.tryAcquirePermission())
        breaker.onSuccess(duration: .zero)
        #expect(breaker.state == .closed)
        breaker.onError(Boom(), duration: .zero)
        let rejection = #expect(throws: CallNotPermittedError.self) { try breaker.acquirePermit() }
        #expect(rejection?.retryAfter == .seconds(1) + .nanoseconds(1), "closing resets the attempt count")
    }

    @Test("jitter stays within ±jitter of the exponential value and is reproducible by seed")
    func seededJitter() {
        let backoff = OpenStateBackoff.exponential(multiplier: 2, maximum: .seconds(60), jitter: 0.25, seed: 42)
        func draw(_ seed: UInt64) -> [Duration] {
            var random = SeededRandom(seed: seed)
            return (1...8).map { backoff.waitDuration(attempt: $0, base: .seconds(1), random: &random) }
        }
        let first = draw(42)
        #expect(first == draw(42))
        #expect(first != draw(43))
        for (index, wait) in first.enumerated() {
            let nominal = min(Double(1 << index), 60)
            let seconds = wait.secondsAsDouble
            #expect(seconds <= 60)
            if nominal < 60 {
                #expect(seconds >= nominal * 0.75 - 1e-9 && seconds <= nominal * 1.25 + 1e-9)
            }
        }
    }
}

@Suite("Half-open can never be stuck")
struct HalfOpenMaxWaitTests {
    @Test("trial calls that never report: back to OPEN after the maximum wait, then half-open again")
    func neverStuck() throws {
        var config = countConfig()
        config.maxWaitDurationInHalfOpenState = .seconds(2)
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "h", configuration: config, clock: clock)
        let log = Recorded()
        log.attach(to: breaker)
        try breaker.transition(to: .open)
        clock.advance(by: .seconds(6))
        #expect(breaker.tryAcquirePermission())
        #expect(breaker.tryAcquirePermission())
        #expect(!breaker.tryAcquirePermission())  // out of trial permits; the trials never report
        clock.advance(by: .seconds(2))
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(5))
        #expect(!breaker.tryAcquirePermission(), "the open wait runs from the half-open deadline")
        clock.advance(by: .nanoseconds(1))
        #expect(breaker.tryAcquirePermission())
        #expect(breaker.state == .halfOpen)
        #expect(log.transitions.map(\.1) == [.open, .halfOpen, .open, .halfOpen])
    }
}

@Suite("Adaptive throttling (Google SRE)")
struct AdaptiveThrottlingTests {
    @Test("rejection probability follows max(0, (requests − K·accepts)/(requests + 1)), capped at 0.9")
    func probabilityFormula() {
        var policy = AdaptiveThrottlingPolicy(multiplier: 2, seed: 1)
        let now = BreakerInstant(.seconds(100))
        let metrics = BreakerMetrics(state: .closed, counts: CallCounts(), notPermitted: 0,
                                     consecutiveFailures: 0, minimumNumberOfCalls: 1)
        var requests = 0.0
        var accepts = 0.0
        for index in 0..<50 {
            let expected = min(0.9, max(0, (requests - 2 * accepts) / (requests + 1)))
            #expect(abs(policy.rejectionProbability(at: now) - expected) < 1e-12)
            _ = policy.shouldAdmit(at: now, metrics: metrics)
            requests += 1
            if index < 10 {
                _ = policy.evaluate(RecordedCall(failed: false, slow: false, duration: .zero), metrics: metrics, at: now)
                accepts += 1
            }
        }
        #expect(policy.rejectionProbability(at: now) > 0.5)
        #expect(policy.rejectionProbability(at: BreakerInstant(.seconds(1000))) == 0, "the window forgets")
    }

    @Test("a failing dependency gets shed calls, deterministically per seed; a healthy one none")
    func shedsUnderFailure() throws {
        func run(seed: UInt64, failing: Bool) throws -> [Bool] {
            let clock = ManualClock()
            let breaker = try CircuitBreaker(name: "sre", configuration: countConfig(size: 100, minimum: 100),
                                             policy: AdaptiveThrottlingPolicy(seed: seed), clock: clock)
            var admitted: [Bool] = []
            for _ in 0..<300 {
                clock.advance(by: .milliseconds(100))
                let ok = breaker.tryAcquirePermission()
                admitted.append(ok)
                if ok {
                    if failing { breaker.onError(Boom(), duration: .zero) } else { breaker.onSuccess(duration: .zero) }
                }
            }
            #expect(breaker.state == .closed, "throttling never opens the breaker")
            return admitted
        }
        let failing = try run(seed: 7, failing: true)
        #expect(failing == (try run(seed: 7, failing: true)))
        let shed = failing.filter { !$0 }.count
        #expect(shed > 200 && shed < 290, "about 90 % shed at the cap, got \(shed)")
        #expect(try run(seed: 7, failing: false).allSatisfy { $0 })
    }

    @Test("shed calls are rejected in CLOSED with retryAfter zero")
    func shedRejection() throws {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "sre", configuration: countConfig(size: 100, minimum: 100),
                                         policy: AdaptiveThrottlingPolicy(seed: 3), clock: clock)
        var rejection: CallNotPermittedError?
        for _ in 0..<100 where rejection == nil {
            do {
                let permit = try breaker.acquirePermit()
                breaker.onError(permit, Boom(), duration: .zero)
            } catch {
                rejection = error
            }
        }
        #expect(rejection?.state == .closed)
        #expect(rejection?.retryAfter == .zero)
    }
}

@Suite("Listeners run outside the lock")
struct ListenerTests {
    @Test("a listener may call back into the breaker, and removed listeners hear nothing")
    func reentrantListener() throws {
        let breaker = try CircuitBreaker(name: "l", configuration: countConfig(), clock: ManualClock())
        let seen = Mutex<[CircuitState]>([])
        let token = breaker.addListener { _ in
            let state = breaker.state  // would deadlock if the breaker's lock were held
            seen.withLock { $0.append(state) }
        }
        for _ in 0..<4 { breaker.onError(Boom(), duration: .zero) }
        #expect(seen.withLock { $0 }.last == .open)
        let count = seen.withLock { $0.count }
        breaker.removeListener(token)
        breaker.reset()
        #expect(seen.withLock { $0.count } == count)
    }

    @Test("DISABLED emits no outcome events")
    func disabledSilent() throws {
        let breaker = try CircuitBreaker(name: "d", configuration: countConfig(), clock: ManualClock())
        try breaker.transition(to: .disabled)
        let log = Recorded()
        log.attach(to: breaker)
        _ = try breaker.execute { 1 }
        #expect(throws: Boom.self) { try breaker.execute { () throws -> Int in throw Boom() } }
        #expect(log.events.withLock { $0.isEmpty })
    }
}
