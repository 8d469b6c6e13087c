import Synchronization
import Testing
@testable import BreakerCore

private struct Failure: Error {}

/// Behaviours added after the first review: each test pins down a case that used to go wrong.
@Suite("Review regressions")
struct ReviewRegressionTests {
    @Test("an outcome that expires HALF_OPEN into CLOSED and then trips publishes five events in order")
    func fiveEventStep() throws {
        var config = BreakerConfiguration()
        config.stateAfterMaxWaitInHalfOpenState = .closed
        config.maxWaitDurationInHalfOpenState = .seconds(1)
        config.minimumNumberOfCalls = 1
        config.slowCallDurationThreshold = .milliseconds(10)
        config.slowCallRateThreshold = 50
        config.waitDurationInOpenState = .seconds(5)
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "five", configuration: config, clock: clock)
        let kinds = Mutex<[String]>([])
        try breaker.transition(to: .open)
        clock.advance(by: .seconds(6))
        #expect(breaker.tryAcquirePermission())
        clock.advance(by: .seconds(2))
        breaker.addListener { event in
            let label: String
            switch event.kind {
            case .stateTransition(let from, let to): label = "\(from)->\(to)"
            case .error: label = "error"
            case .failureRateExceeded: label = "failureRateExceeded"
            case .slowCallRateExceeded: label = "slowCallRateExceeded"
            default: label = "other"
            }
            kinds.withLock { $0.append(label) }
        }
        breaker.onError(Failure(), duration: .seconds(1))
        #expect(kinds.withLock { $0 } == ["HALF_OPEN->CLOSED", "error", "failureRateExceeded",
                                          "slowCallRateExceeded", "CLOSED->OPEN"])
        #expect(breaker.state == .open)
    }

    @Test("half-open out of permits: retryAfter only when an expiry into CLOSED will admit")
    func halfOpenRetryAfter() throws {
        var config = BreakerConfiguration()
        config.permittedCallsInHalfOpenState = 1
        config.maxWaitDurationInHalfOpenState = .seconds(3)
        let clock = ManualClock()
        for (after, expected) in [(CircuitState.open, Duration?.none), (.closed, .seconds(2))] {
            config.stateAfterMaxWaitInHalfOpenState = after
            let breaker = try CircuitBreaker(name: "h", configuration: config, clock: clock)
            try breaker.transition(to: .open)
            clock.advance(by: .seconds(61))
            #expect(breaker.tryAcquirePermission())
            clock.advance(by: .seconds(1))
            let rejection = #expect(throws: CallNotPermittedError.self) { try breaker.acquirePermit() }
            #expect(rejection?.retryAfter == expected)
        }
    }

    @Test("jitter without a seed differs between breakers; with a seed it repeats")
    func unseededJitter() throws {
        func firstWait(seed: UInt64?) throws -> Duration? {
            var config = BreakerConfiguration()
            config.openStateBackoff = .exponential(multiplier: 2, jitter: 0.5, seed: seed)
            let breaker = try CircuitBreaker(name: "j", configuration: config, clock: ManualClock())
            try breaker.transition(to: .open)
            do {
                _ = try breaker.acquirePermit()
                return nil
            } catch {
                return error.retryAfter
            }
        }
        #expect(try firstWait(seed: 9) == firstWait(seed: 9))
        // Two independent 64-bit seeds giving the same 53-bit draw: probability about 2⁻⁵³.
        #expect(try firstWait(seed: nil) != firstWait(seed: nil))
    }

    @Test("adaptive throttling does not shed a healthy dependency whose callers cancel often")
    func throttlingIgnoresCancellations() throws {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "sre", policy: AdaptiveThrottlingPolicy(seed: 5), clock: clock)
        var shed = 0
        for index in 0..<2_000 {
            clock.advance(by: .milliseconds(50))
            guard let permit = try? breaker.acquirePermit() else {
                shed += 1
                continue
            }
            if index % 5 < 3 {
                breaker.onError(permit, CancellationError(), duration: .milliseconds(5))
            } else {
                breaker.onSuccess(permit, duration: .milliseconds(5))
            }
        }
        #expect(shed == 0)
        #expect(breaker.callTotals.ignored == 1_200)
    }

    @Test("lifetime totals survive resets and state changes")
    func lifetimeTotals() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 2)
        config.minimumNumberOfCalls = 2
        let breaker = try CircuitBreaker(name: "t", configuration: config, clock: ManualClock())
        let stale = try breaker.acquirePermit()
        breaker.onError(Failure(), duration: .zero)
        breaker.onError(Failure(), duration: .zero)  // trips
        #expect(!breaker.tryAcquirePermission())
        breaker.onSuccess(stale, duration: .zero)  // late
        breaker.reset()
        breaker.onSuccess(duration: .zero)
        breaker.onError(CancellationError(), duration: .zero)
        #expect(breaker.callTotals == {
            var totals = BreakerCallTotals()
            totals.failed = 2
            totals.successful = 1
            totals.notPermitted = 1
            totals.late = 1
            totals.ignored = 1
            return totals
        }())
        #expect(breaker.metrics.bufferedCalls == 1, "the metrics object, unlike the totals, was reset")
    }

    @Test("a failed result is described only when someone listens")
    func lazyResultDescription() throws {
        final class Described: CustomStringConvertible, Sendable {
            let count = Atomic<Int>(0)
            var description: String {
                count.wrappingAdd(1, ordering: .relaxed)
                return "status 503"
            }
        }
        let breaker = try CircuitBreaker(name: "r", clock: ManualClock())
        let result = Described()
        breaker.onResult(result, duration: .zero, classify: { _ in .failure })
        #expect(result.count.load(ordering: .relaxed) == 0)
        #expect(breaker.metrics.failedCalls == 1)
        let seen = Mutex<String?>(nil)
        breaker.addListener { event in
            if case .error(_, let error) = event.kind { seen.withLock { $0 = "\(error)" } }
        }
        breaker.onResult(result, duration: .zero, classify: { _ in .failure })
        #expect(seen.withLock { $0 } == "result recorded as a failure: status 503")
    }

    @Test("a non-throwing fallback needs no try; run rethrows cancellation instead of falling back")
    func fallbacks() async throws {
        let breaker = try CircuitBreaker(name: "f", clock: ManualClock())
        let value: Int = breaker.execute({ throw Failure() }, fallback: { _ in -1 })
        #expect(value == -1)
        await #expect(throws: CancellationError.self) {
            _ = try await breaker.run({ () async throws -> Int in throw CancellationError() }, fallback: { _ in -1 })
        }
        let served = try await breaker.run({ () async throws -> Int in throw Failure() }, fallback: { _ in 7 })
        #expect(served == 7)
    }
}
