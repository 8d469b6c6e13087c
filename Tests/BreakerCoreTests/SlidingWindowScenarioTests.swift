import Testing
@testable import BreakerCore

/// resilience4j's window unit tests (`FixedSizeSlidingWindowMetricsTest`,
/// `SlidingTimeWindowMetricsTest`; spec `breaker-scenarios.md`, R23 and R24), run twice: on
/// the package's ``CallWindow`` directly and through a breaker that never trips.
@Suite("resilience4j scenarios: sliding windows")
struct SlidingWindowScenarioTests {
    // MARK: R23

    @Test("R23: count window of 4 holds the last 4 outcomes (CallWindow)")
    func r23Window() {
        var window = CallWindow(kind: .count, size: 4)
        let outcomes: [ScenarioOutcome] = [.failure, .success, .success, .success]
        for outcome in outcomes { window.record(failed: outcome == .failure, slow: false, at: nil) }
        #expect(window.totals.calls == 4)
        #expect(window.totals.failed == 1)
        #expect(BreakerMetrics.percent(window.totals.failed, of: window.totals.calls) == 25)

        window.record(failed: false, slow: false, at: nil)
        #expect(window.totals.calls == 4)
        #expect(window.totals.failed == 0, "the oldest call (F) was evicted")
        #expect(BreakerMetrics.percent(window.totals.failed, of: window.totals.calls) == 0)
    }

    @Test("R23: count window of 4 holds the last 4 outcomes (through a breaker)")
    func r23Breaker() throws {
        // minimumNumberOfCalls is capped at the window size (4), so rates are computed from
        // the 4th call; 25 % and 0 % stay below the 50 % threshold.
        let f = try BreakerFixture { c in
            c.slidingWindow = .countBased(size: 4)
            c.minimumNumberOfCalls = 100
        }
        let outcomes: [ScenarioOutcome] = [.failure, .success, .success, .success]
        for outcome in outcomes { f.breaker.report(outcome) }
        var metrics = f.breaker.metrics
        #expect(metrics.bufferedCalls == 4)
        #expect(metrics.failureRate == 25)

        f.breaker.report(.success)
        metrics = f.breaker.metrics
        #expect(metrics.bufferedCalls == 4)
        #expect(metrics.failureRate == 0)
        #expect(f.breaker.state == .closed)
    }

    // MARK: R24

    /// One R24 step: the call's outcome, when it is recorded (ms from 0) and the expected totals.
    private struct R24Step {
        var outcome: ScenarioOutcome
        var atMilliseconds: Int64
        var calls: Int
        var successes: Int
        var failures: Int
    }

    /// F@0.0, S@0.1, S@0.2, S@1.2, S@2.2, F@3.2, S@4.2, S@5.2, S@6.2, S@11.2 in a 5 s window.
    private static let r24Steps: [R24Step] = [
        R24Step(outcome: .failure, atMilliseconds: 0, calls: 1, successes: 0, failures: 1),
        R24Step(outcome: .success, atMilliseconds: 100, calls: 2, successes: 1, failures: 1),
        R24Step(outcome: .success, atMilliseconds: 200, calls: 3, successes: 2, failures: 1),
        R24Step(outcome: .success, atMilliseconds: 1200, calls: 4, successes: 3, failures: 1),
        R24Step(outcome: .success, atMilliseconds: 2200, calls: 5, successes: 4, failures: 1),
        R24Step(outcome: .failure, atMilliseconds: 3200, calls: 6, successes: 4, failures: 2),
        R24Step(outcome: .success, atMilliseconds: 4200, calls: 7, successes: 5, failures: 2),
        // Second 5: the three calls of second 0 (F, S, S) are evicted.
        R24Step(outcome: .success, atMilliseconds: 5200, calls: 5, successes: 4, failures: 1),
        // Second 6: the call of second 1 (S) is evicted.
        R24Step(outcome: .success, atMilliseconds: 6200, calls: 5, successes: 4, failures: 1),
        // Second 11: everything before second 7 is evicted.
        R24Step(outcome: .success, atMilliseconds: 11200, calls: 1, successes: 1, failures: 0),
    ]

    @Test("R24: time window of 5 s evicts whole-second buckets (CallWindow)")
    func r24Window() {
        var window = CallWindow(kind: .time, size: 5)
        for step in Self.r24Steps {
            let now = BreakerInstant(.milliseconds(step.atMilliseconds))
            window.record(failed: step.outcome == .failure, slow: false, at: now)
            let totals = window.totals
            #expect(totals.calls == Int32(step.calls), "after \(step.outcome)@\(step.atMilliseconds) ms")
            #expect(totals.failed == Int32(step.failures), "after \(step.outcome)@\(step.atMilliseconds) ms")
            #expect(totals.calls - totals.failed == Int32(step.successes),
                    "after \(step.outcome)@\(step.atMilliseconds) ms")
        }
    }

    @Test("R24: time window of 5 s evicts whole-second buckets (through a breaker)")
    func r24Breaker() throws {
        // Time-based windows do not cap minimumNumberOfCalls, so rates stay -1 and it never trips.
        let f = try BreakerFixture(startTime: .zero) { c in
            c.slidingWindow = .timeBased(seconds: 5)
            c.minimumNumberOfCalls = 100
        }
        for step in Self.r24Steps {
            f.setClock(toOffset: .milliseconds(step.atMilliseconds))
            f.breaker.report(step.outcome, duration: .milliseconds(100))
            let metrics = f.breaker.metrics
            let label: Comment = "after \(step.outcome)@\(step.atMilliseconds) ms"
            #expect(metrics.bufferedCalls == step.calls, label)
            #expect(metrics.successfulCalls == step.successes, label)
            #expect(metrics.failedCalls == step.failures, label)
            #expect(metrics.failureRate == -1, label)
        }
        #expect(f.breaker.state == .closed)
    }

    @Test("R24 (rule 6): reading the metrics applies eviction without a new call")
    func r24EvictionOnRead() throws {
        let f = try BreakerFixture(startTime: .zero) { c in
            c.slidingWindow = .timeBased(seconds: 2)
            c.minimumNumberOfCalls = 100
        }
        f.breaker.report(.success)
        f.setClock(toOffset: .milliseconds(999))
        f.breaker.report(.failure)
        f.setClock(toOffset: .milliseconds(1999))
        #expect(f.breaker.metrics.bufferedCalls == 2)
        f.setClock(toOffset: .milliseconds(2000))
        #expect(f.breaker.metrics.bufferedCalls == 0, "calls at t = 0 and t = 999 drop out at t = 2000")
    }
}
