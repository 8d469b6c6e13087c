import Dispatch
import Synchronization
import Testing
@testable import BreakerCore

private struct Failure: Error {}

@Suite("Concurrency: one breaker, many threads")
struct ConcurrencyTests {
    @Test("8 threads × 2,000 executed calls lose no count")
    func noLostCounts() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 100_000)
        config.minimumNumberOfCalls = 100_000
        let breaker = try CircuitBreaker(name: "hammer", configuration: config, clock: ManualClock())
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for call in 0..<2_000 {
                _ = try? breaker.execute { () throws -> Int in
                    if (call + worker) % 10 == 0 { throw Failure() }
                    return call
                }
            }
        }
        let metrics = breaker.metrics
        #expect(metrics.bufferedCalls == 16_000)
        #expect(metrics.failedCalls == 1_600)
        #expect(metrics.successfulCalls == 14_400)
    }

    @Test("time-based window under contention: every outcome is counted once")
    func timeWindowCounts() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .timeBased(seconds: 60)
        config.minimumNumberOfCalls = 1_000_000
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "time", configuration: config, clock: clock)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for call in 0..<2_500 {
                if worker == 0, call % 500 == 0 { clock.advance(by: .milliseconds(700)) }
                if breaker.tryAcquirePermission() {
                    if call % 4 == 0 { breaker.onError(Failure(), duration: .zero) } else { breaker.onSuccess(duration: .zero) }
                }
            }
        }
        let metrics = breaker.metrics
        #expect(metrics.bufferedCalls == 10_000)
        #expect(metrics.failedCalls == 2_500)
    }

    @Test("half-open never admits more trial calls than permitted, across 40 contended rounds")
    func halfOpenPermitsAreExact() throws {
        var config = BreakerConfiguration()
        config.permittedCallsInHalfOpenState = 5
        config.waitDurationInOpenState = .seconds(1)
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "trial", configuration: config, clock: clock)
        for _ in 0..<40 {
            try breaker.transition(to: .open)
            clock.advance(by: .seconds(2))
            let granted = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                for _ in 0..<200 where breaker.tryAcquirePermission() {
                    granted.wrappingAdd(1, ordering: .relaxed)
                }
            }
            #expect(granted.load(ordering: .relaxed) == 5)
            #expect(breaker.state == .halfOpen)
            #expect(breaker.metrics.notPermittedCalls > 0)
        }
    }

    @Test("trips, trials and resets racing keep the metrics consistent and permits bounded")
    func racingLifecycle() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 20)
        config.minimumNumberOfCalls = 10
        config.permittedCallsInHalfOpenState = 3
        config.waitDurationInOpenState = .zero
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "race", configuration: config, clock: clock)
        let overAdmitted = Atomic<Int>(0)
        let inFlightTrials = Atomic<Int>(0)
        breaker.addListener { event in
            if case .stateTransition(_, .halfOpen) = event.kind { inFlightTrials.store(0, ordering: .relaxed) }
        }
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            var random = SeededRandom(seed: UInt64(worker))
            for _ in 0..<3_000 {
                if worker == 0 { clock.advance(by: .milliseconds(1)) }
                guard let permit = try? breaker.acquirePermit() else { continue }
                if breaker.state == .halfOpen, inFlightTrials.wrappingAdd(1, ordering: .relaxed).newValue > 3 + 6 {
                    overAdmitted.wrappingAdd(1, ordering: .relaxed)
                }
                if random.next() % 2 == 0 {
                    breaker.onError(permit, Failure(), duration: .zero)
                } else {
                    breaker.onSuccess(permit, duration: .zero)
                }
                if random.next() % 500 == 0 { breaker.reset() }
            }
        }
        let metrics = breaker.metrics
        #expect(metrics.bufferedCalls <= 20)
        #expect(metrics.successfulCalls + metrics.failedCalls == metrics.bufferedCalls)
        #expect(overAdmitted.load(ordering: .relaxed) == 0)
    }
}
