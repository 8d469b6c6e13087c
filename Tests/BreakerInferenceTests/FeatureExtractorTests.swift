import Foundation
import Testing
@testable import BreakerInference

@Suite("FeatureExtractor")
struct FeatureExtractorTests {
    let names = FeatureSet.v2.names
    func index(_ name: String) -> Int { names.firstIndex(of: name)! }

    @Test("v2 has 10 stable, unique names; v1 is no longer understood")
    func featureSet() {
        #expect(FeatureSet.v2.count == 10)
        #expect(Set(FeatureSet.v2.names).count == 10)
        #expect(FeatureSet.known["tripwise.features.v2"] == FeatureSet.v2)
        #expect(FeatureSet.known["tripwise.features.v1"] == nil)
        #expect(FeatureExtractor().features().count == 10)
        #expect(FeatureExtractor().features().storage == SIMD16(), "every feature is 0 before the first call")
    }

    /// An independent reference written from the documentation: keeps the whole history.
    struct Reference {
        var outcomes: [(failed: Bool, slow: Bool, timedOut: Bool, logLatency: Double)] = []
        let configuration = FeatureExtractorConfiguration()

        func share(_ last: Int, _ predicate: ((failed: Bool, slow: Bool, timedOut: Bool, logLatency: Double)) -> Bool) -> Double {
            let window = outcomes.suffix(last)
            return window.isEmpty ? 0 : Double(window.filter(predicate).count) / Double(window.count)
        }

        /// The average over n calls by its closed form: Σ (1 − w)^k · w · x, plus the first
        /// value's leftover weight (1 − w)^(count − 1) for the latency averages.
        func average(_ n: Double, startsAtFirst: Bool, _ value: (Int) -> Double) -> Double {
            let w = 1 / n
            var total = 0.0
            let count = outcomes.count
            for k in 0..<count {
                let age = Double(count - 1 - k)
                if startsAtFirst && k == 0 {
                    total += pow(1 - w, age) * value(0)
                } else {
                    total += pow(1 - w, age) * w * value(k)
                }
            }
            return total
        }

        func streak(failed: Bool) -> Int {
            outcomes.reversed().prefix { $0.failed == failed }.count
        }
    }

    @Test("every feature matches a from-the-documentation reference over a seeded random history")
    func reference() {
        var extractor = FeatureExtractor()
        var reference = Reference()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for step in 0..<400 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let roll = (state >> 33) % 1_000
            // Failure-heavy stretches and healthy stretches, so the features move both ways.
            let failed = roll % 100 < (step / 40 % 2 == 0 ? 10 : 70)
            let latency = failed && roll % 3 == 0 ? 2_000 : Double(roll % 50) + 5
            let timedOut = failed && latency >= 1_000  // the documented rule: a failure at least as slow as the threshold
            extractor.recordOutcome(failed: failed, latencyMs: latency)
            reference.outcomes.append((failed, latency > 1_000, timedOut, log1p(latency)))
            let f = extractor.features()
            let c = reference.configuration
            let expected: [(String, Double)] = [
                ("failure_share_last_10", reference.share(10) { $0.failed }),
                ("failure_share_last_50", reference.share(50) { $0.failed }),
                ("slow_share_last_10", reference.share(10) { $0.slow }),
                ("slow_failure_share_last_10", {
                    let window = reference.outcomes.suffix(10).filter { $0.failed }
                    return window.isEmpty ? 0 : Double(window.filter { $0.timedOut }.count) / Double(window.count)
                }()),
                ("log_latency_short_vs_baseline",
                 reference.average(c.shortWindowCalls, startsAtFirst: true) { reference.outcomes[$0].logLatency }
                    - reference.average(c.baselineWindowCalls, startsAtFirst: true) { reference.outcomes[$0].logLatency }),
                ("log_latency_mid_vs_baseline",
                 reference.average(c.midWindowCalls, startsAtFirst: true) { reference.outcomes[$0].logLatency }
                    - reference.average(c.baselineWindowCalls, startsAtFirst: true) { reference.outcomes[$0].logLatency }),
                ("failure_rate_long", reference.average(c.longWindowCalls, startsAtFirst: false) { reference.outcomes[$0].failed ? 1 : 0 }),
                ("log1p_consecutive_failures", log1p(Double(reference.streak(failed: true)))),
                ("log1p_consecutive_successes", log1p(Double(reference.streak(failed: false)))),
                ("log1p_calls_seen", log1p(Double(min(reference.outcomes.count, 63)))),
            ]
            for (name, value) in expected {
                // Tolerance: the averages are accumulated recursively, the reference sums the
                // closed form; they agree to rounding (≤ 1e-12 absolute on values of order 1–10).
                #expect(abs(f[index(name)] - value) <= 1e-12, "step \(step), \(name): \(f[index(name)]) vs \(value)")
            }
        }
    }

    @Test("ln(1 + n) of counts: the table agrees with log1p exactly")
    func countLogs() {
        for n in 0..<200 {
            #expect(FeatureExtractor.log1pCount(n) == log1p(Double(n)))
        }
    }

    @Test("a latency rise shows against the baseline; a recovery resets the failure streak")
    func latencyAndRecovery() {
        var extractor = FeatureExtractor()
        for _ in 0..<2_000 { extractor.recordOutcome(failed: false, latencyMs: 20) }
        #expect(abs(extractor.features()[index("log_latency_short_vs_baseline")]) < 1e-12)
        for _ in 0..<20 { extractor.recordOutcome(failed: true, latencyMs: 1_400) }
        let incident = extractor.features()
        #expect(incident[index("log_latency_short_vs_baseline")] > 3)
        #expect(incident[index("failure_share_last_10")] == 1)
        #expect(incident[index("slow_failure_share_last_10")] == 1)
        #expect(incident[index("slow_share_last_10")] == 1)
        for _ in 0..<5 { extractor.recordOutcome(failed: false, latencyMs: 20) }
        let recovering = extractor.features()
        #expect(recovering[index("log1p_consecutive_failures")] == 0)
        #expect(recovering[index("log1p_consecutive_successes")] == log1p(5))
        #expect(abs(recovering[index("failure_share_last_10")] - 0.5) < 1e-15)
        #expect(abs(recovering[index("failure_share_last_50")] - 0.4) < 1e-15)
    }

    @Test("reading features changes nothing; the state is inline")
    func pureRead() {
        var extractor = FeatureExtractor()
        extractor.recordOutcome(failed: true, latencyMs: 3)
        let copy = extractor
        _ = extractor.features()
        #expect(copy == extractor)
        #expect(MemoryLayout<FeatureExtractor>.size < 256, "inline state, no buffers")
    }
}
