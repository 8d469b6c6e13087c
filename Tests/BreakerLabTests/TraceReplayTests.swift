import BreakerCore
import Testing
import TraceKit
@testable import BreakerLab

@Suite("Trace replay")
struct TraceReplayTests {
    /// 20 calls/s to "api" for 180 s; calls fail (fast) between 60 s and 120 s, marked unhealthy.
    static func outageTrace(start: Double = 1_700_000_000) -> Trace {
        var trace = Trace(optionalColumns: [.healthy])
        for index in 0..<3_600 {
            let t = Double(index) * 0.05
            let down = t >= 60 && t < 120
            trace.append(TraceRecord(timestamp: start + t, target: "api", latencyMs: down ? 2 : 20,
                                     outcome: down ? .failure : .success, healthy: !down))
        }
        return trace
    }

    static func config() -> BreakerConfiguration {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 20)
        config.minimumNumberOfCalls = 10
        config.waitDurationInOpenState = .seconds(5)
        config.permittedCallsInHalfOpenState = 3
        return config
    }

    @Test("trips inside the incident, recovers after it, and conserves calls")
    func outage() throws {
        let result = try TraceReplay.run(Self.outageTrace(), configuration: Self.config(), policy: .static)
        let trips = result.transitions.filter { $0.from == "CLOSED" && $0.to == "OPEN" }
        #expect(!trips.isEmpty)
        #expect(trips.allSatisfy { $0.insideIncident == true })
        #expect(trips[0].time >= 1_700_000_060 && trips[0].time < 1_700_000_062, "trips within 2 s of the outage")
        #expect(trips[0].reason.hasPrefix("failure rate"))
        #expect(result.transitions.last?.to == "CLOSED")
        let api = try #require(result.targets.first)
        #expect(api.calls == 3_600)
        #expect(api.sent + api.rejected == api.calls)
        #expect(api.rejectedWouldFail + api.falseRejects == api.rejected)
        #expect(api.failedSent < 120, "only the first window and the probes reach the dead dependency")
        #expect(api.rejectedWouldFail > 1_000)
    }

    @Test("outcomes are known only at completion: a slow failure trips when it ends, not when it starts")
    func eventDriven() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 1)
        config.minimumNumberOfCalls = 1
        var trace = Trace()
        trace.append(TraceRecord(timestamp: 100, target: "db", latencyMs: 5_000, outcome: .timeout))
        trace.append(TraceRecord(timestamp: 101, target: "db", latencyMs: 1, outcome: .success))
        trace.append(TraceRecord(timestamp: 106, target: "db", latencyMs: 1, outcome: .success))
        let result = try TraceReplay.run(trace, configuration: config, policy: .static)
        #expect(result.transitions.first?.time == 105)
        let db = try #require(result.targets.first)
        #expect(db.sent == 2, "the call at 101 s starts before the timeout is known and is sent")
        #expect(db.rejected == 1)
    }

    @Test("rejected rows are excluded and counted; replay is deterministic; policies differ")
    func exclusionsAndDeterminism() throws {
        var trace = Self.outageTrace()
        trace.append(TraceRecord(timestamp: 1_700_000_200, target: "api", latencyMs: 0, outcome: .rejected, healthy: true))
        let first = try TraceReplay.run(trace, configuration: Self.config(), policy: .sre(multiplier: 2), seed: 3)
        let second = try TraceReplay.run(trace, configuration: Self.config(), policy: .sre(multiplier: 2), seed: 3)
        #expect(first.excludedRejectedRows == 1)
        #expect(first.targets == second.targets)
        #expect(first.transitions.isEmpty, "throttling sheds calls without opening")
        #expect(first.total.rejected > 0)
        let consecutive = try TraceReplay.run(trace, configuration: Self.config(), policy: .consecutive(threshold: 5))
        #expect(consecutive.transitions.first?.reason == "5 consecutive failures")
    }

    @Test("an unsorted trace is replayed in time order")
    func unsorted() throws {
        let sorted = Self.outageTrace()
        var shuffled = Trace(optionalColumns: [.healthy])
        var random = SeededRandom(seed: 4)
        var rows = Array(0..<sorted.count)
        rows.shuffle(using: &random)
        for row in rows { shuffled.append(sorted.record(at: row)) }
        let a = try TraceReplay.run(sorted, configuration: Self.config(), policy: .static)
        let b = try TraceReplay.run(shuffled, configuration: Self.config(), policy: .static)
        #expect(a.transitions == b.transitions)
        #expect(a.targets == b.targets)
    }
}

@Suite("Trace replay: any epoch, refused ranges")
struct TraceReplayRangeTests {
    @Test("a trace before 1970 replays exactly like the same trace shifted after it")
    func preEpoch() throws {
        let after = TraceReplayTests.outageTrace(start: 1_000)
        let before = TraceReplayTests.outageTrace(start: -10_000)
        let a = try TraceReplay.run(after, configuration: TraceReplayTests.config(), policy: .static)
        let b = try TraceReplay.run(before, configuration: TraceReplayTests.config(), policy: .static)
        #expect(a.targets == b.targets)
        #expect(a.transitions.count == b.transitions.count)
        for (x, y) in zip(a.transitions, b.transitions) {
            #expect(abs((x.time - 1_000) - (y.time + 10_000)) < 1e-6, "same moments, up to rounding of the shift")
            #expect(x.from == y.from && x.to == y.to)
        }
        #expect(b.transitions.contains { $0.to == "HALF_OPEN" }, "the clock moves before 1970 too")
    }

    @Test("a span or latency too large for nanoseconds is an error, not a crash")
    func ranges() {
        var wide = Trace()
        wide.append(TraceRecord(timestamp: 0, target: "a", latencyMs: 1, outcome: .success))
        wide.append(TraceRecord(timestamp: 1.7e12, target: "a", latencyMs: 1, outcome: .success))
        #expect(throws: ReplayError.self) { try TraceReplay.run(wide, configuration: BreakerConfiguration(), policy: .static) }
        var slow = Trace()
        slow.append(TraceRecord(timestamp: 0, target: "a", latencyMs: 1e300, outcome: .success))
        #expect(throws: ReplayError.self) { try TraceReplay.run(slow, configuration: BreakerConfiguration(), policy: .static) }
    }
}
