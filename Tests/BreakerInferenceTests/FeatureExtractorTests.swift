import Foundation
import Testing
@testable import BreakerInference

@Suite("FeatureExtractor")
struct FeatureExtractorTests {
    let names = FeatureSet.v1.names
    func index(_ name: String) -> Int { names.firstIndex(of: name)! }

    @Test("v1 has 16 stable, unique names")
    func featureSet() {
        #expect(FeatureSet.v1.count == 16)
        #expect(Set(FeatureSet.v1.names).count == 16)
        #expect(FeatureSet.known["tripwise.features.v1"] == FeatureSet.v1)
    }

    @Test("decaying sums match the closed form: a call every second for 100 s, τ = 10 s")
    func decayClosedForm() {
        var extractor = FeatureExtractor()
        for second in 0..<100 {
            let t = Double(second)
            extractor.recordArrival(at: t)
            extractor.recordOutcome(failed: second % 4 == 0, timedOut: false, latencyMs: 0, at: t)
        }
        let features = extractor.features(at: 99)
        // Independent reference: Σ_k exp(−k/10) over the 100 completions, failures every 4th.
        let completions = (0..<100).reduce(0.0) { $0 + exp(-Double(99 - $1) / 10) }
        let failures = stride(from: 0, to: 100, by: 4).reduce(0.0) { $0 + exp(-Double(99 - $1) / 10) }
        #expect(abs(features[index("failure_rate_short")] - failures / (completions + 1)) < 1e-12)
        #expect(abs(features[index("log1p_calls_short")] - log1p(completions)) < 1e-12)
        #expect(features[index("log1p_in_flight")] == 0)
    }

    @Test("consecutive failures, time since failure, in-flight calls")
    func counters() {
        var extractor = FeatureExtractor()
        extractor.recordArrival(at: 0)
        extractor.recordArrival(at: 0)
        extractor.recordArrival(at: 0)
        extractor.recordOutcome(failed: true, timedOut: true, latencyMs: 1_000, at: 1)
        extractor.recordOutcome(failed: true, timedOut: false, latencyMs: 5, at: 2)
        let features = extractor.features(at: 12)
        #expect(features[index("log1p_consecutive_failures")] == log1p(2))
        #expect(features[index("log1p_seconds_since_failure")] == log1p(10))
        #expect(features[index("log1p_in_flight")] == log1p(1))
        // Failures at 1 s (a timeout) and 2 s, read at 12 s with τ = 10 s.
        #expect(abs(features[index("timeout_share_short")] - exp(-1.1) / (exp(-1.1) + exp(-1.0))) < 1e-12)
        extractor.recordOutcome(failed: false, timedOut: false, latencyMs: 5, at: 13)
        #expect(extractor.features(at: 13)[index("log1p_consecutive_failures")] == 0)
    }

    @Test("calendar features: 06:00 UTC on a Monday")
    func calendar() {
        // 2025-01-06 was a Monday.
        let monday6am = 1_736_121_600.0 + 6 * 3_600
        let features = FeatureExtractor().features(at: monday6am)
        #expect(abs(features[index("hour_of_day_sin")] - 1) < 1e-12)
        #expect(abs(features[index("hour_of_day_cos")]) < 1e-12)
        let weekAngle = 2 * Double.pi * (6.0 / 24) / 7
        #expect(abs(features[index("day_of_week_sin")] - sin(weekAngle)) < 1e-12)
    }

    @Test("a latency rise shows against the baseline; a traffic drop is negative")
    func latencyAndThroughput() {
        var extractor = FeatureExtractor()
        for step in 0..<3_600 {  // an hour at 10 calls/s, 20 ms
            let t = Double(step) / 10
            extractor.recordArrival(at: t)
            extractor.recordOutcome(failed: false, timedOut: false, latencyMs: 20, at: t + 0.02)
        }
        let steady = extractor.features(at: 360.02)
        #expect(abs(steady[index("log_latency_short_vs_baseline")]) < 1e-9)
        #expect(abs(steady[index("log_throughput_short_vs_baseline")]) < 0.1)
        for step in 0..<50 {  // then 5 s at 1 call/s... slow
            let t = 361 + Double(step)
            extractor.recordArrival(at: t)
            extractor.recordOutcome(failed: false, timedOut: false, latencyMs: 400, at: t + 0.4)
        }
        let later = extractor.features(at: 410.4)
        #expect(later[index("log_latency_short_vs_baseline")] > 2)
        #expect(later[index("log_throughput_short_vs_baseline")] < -1)
    }

    @Test("reading features changes nothing; extraction allocates no heap memory per call")
    func pureRead() {
        var extractor = FeatureExtractor()
        extractor.recordArrival(at: 1)
        extractor.recordOutcome(failed: true, timedOut: false, latencyMs: 3, at: 1.5)
        let copy = extractor
        _ = extractor.features(at: 100)
        #expect(copy == extractor)
        #expect(MemoryLayout<FeatureExtractor>.size < 512, "inline state, no buffers")
    }
}
