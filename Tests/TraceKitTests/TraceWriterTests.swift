import Testing
@testable import TraceKit

@Suite("TraceWriter")
struct TraceWriterTests {
    @Test("fixed-point numbers, quoting, empty optional cells")
    func formatting() throws {
        var trace = Trace(optionalColumns: [.error, .healthy, .propensity])
        trace.append(TraceRecord(timestamp: 1_700_000_000.123456, target: "payments", latencyMs: 12.5,
                                 outcome: .success, healthy: true, propensity: 0.25))
        trace.append(TraceRecord(timestamp: 1_700_000_000.5, target: "search,eu", latencyMs: 0,
                                 outcome: .failure, error: "say \"no\""))
        let text = try TraceWriter.csv(trace)
        #expect(text == """
            timestamp,target,latency_ms,outcome,error,healthy,propensity
            1700000000.123456,payments,12.500,success,,1,0.25
            1700000000.500000,"search,eu",0.000,failure,"say ""no\""",,

            """)
    }

    @Test("non-finite or negative values are refused with the line and column")
    func refusesBadValues() {
        let writer = TraceWriter(sink: { _ in })
        let error = #expect(throws: TraceError.self) {
            try writer.append(TraceRecord(timestamp: 1, target: "a", latencyMs: -1, outcome: .success))
        }
        #expect(error?.line == 2)
        #expect(error?.column == "latency_ms")
        #expect(throws: TraceError.self) {
            try writer.append(TraceRecord(timestamp: .nan, target: "a", latencyMs: 1, outcome: .success))
        }
    }
}
