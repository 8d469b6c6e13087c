import Testing
@testable import TraceKit

@Suite("TraceSummary (tripwise inspect)")
struct TraceSummaryTests {
    @Test("nearest-rank percentiles match the definition on small arrays")
    func percentiles() {
        let sorted = (1...100).map(Double.init)
        #expect(TraceSummary.percentile(sorted, 50) == 50)
        #expect(TraceSummary.percentile(sorted, 99) == 99)
        #expect(TraceSummary.percentile([7], 99) == 7)
        #expect(TraceSummary.percentile([1, 2, 3], 50) == 2)
        #expect(TraceSummary.percentile([], 50).isNaN)
        // Independent check: the smallest value with at least p % of values at or below it.
        let values = [3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5].sorted()
        for p in stride(from: 1.0, through: 100, by: 7) {
            let expected = values.first { v in Double(values.filter { $0 <= v }.count) >= p / 100 * Double(values.count) }!
            #expect(TraceSummary.percentile(values, p) == expected)
        }
    }

    @Test("per-target rates, rejected rows kept out of rates, incidents from healthy runs")
    func figures() {
        var trace = Trace(optionalColumns: [.healthy])
        for second in 0..<100 {
            let t = 1_000 + Double(second)
            let incident = second >= 40 && second < 50
            trace.append(TraceRecord(timestamp: t, target: "a", latencyMs: incident ? 900 : 10,
                                     outcome: incident ? .timeout : .success, healthy: !incident))
            trace.append(TraceRecord(timestamp: t + 0.5, target: "b", latencyMs: 5,
                                     outcome: second % 10 == 0 ? .failure : (second % 25 == 1 ? .rejected : .success),
                                     healthy: true))
        }
        let summary = TraceSummary(trace)
        #expect(summary.rows == 200)
        #expect(summary.start == 1_000 && summary.end == 1_099.5)
        #expect(summary.isTimeOrdered)
        let a = summary.targets[0]
        let b = summary.targets[1]
        #expect(a.name == "a" && b.name == "b")
        #expect(a.timeoutRate == 0.1 && a.errorRate == 0)
        #expect(b.rejected == 4)
        #expect(b.errorRate == 10.0 / 96.0)
        #expect(a.incidents.count == 1)
        #expect(a.incidents[0].start == 1_040 && a.incidents[0].end == 1_049 && a.incidents[0].calls == 10)
        #expect(a.incidents[0].failureRate == 1)
        #expect(a.incidents[0].latencyP50Ms == 900)
        #expect(b.incidents.isEmpty)
        #expect(summary.unhealthyShare == 10.0 / 200.0)
        #expect(summary.healthyLatencyP99Ms == 10)
    }

    @Test("a long gap splits an incident; an empty trace has no figures")
    func gapsAndEmpty() {
        var trace = Trace(optionalColumns: [.healthy])
        for t in [0.0, 10, 20, 200, 210] {
            trace.append(TraceRecord(timestamp: t, target: "x", latencyMs: 1, outcome: .failure, healthy: false))
        }
        #expect(TraceSummary(trace).targets[0].incidents.map(\.calls) == [3, 2])
        let empty = TraceSummary(Trace())
        #expect(empty.rows == 0 && empty.targets.isEmpty && empty.durationSeconds == 0)
    }
}

@Suite("TraceSummary: regional incidents")
struct TraceSummaryRegionTests {
    @Test("a regional outage is one incident per region, not broken by healthy calls elsewhere")
    func regional() {
        var trace = Trace(optionalColumns: [.healthy, .region])
        for second in 0..<120 {
            for region in ["eu", "us"] {
                let down = region == "eu" && second >= 30 && second < 90
                trace.append(TraceRecord(timestamp: Double(second), target: "api", latencyMs: 5,
                                         outcome: down ? .failure : .success, region: region, healthy: !down))
            }
        }
        let incidents = TraceSummary(trace).targets[0].incidents
        #expect(incidents.count == 1)
        #expect(incidents.first?.region == "eu")
        #expect(incidents.first?.calls == 60)
    }
}
