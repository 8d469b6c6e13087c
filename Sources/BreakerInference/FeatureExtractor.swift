import Foundation

/// The online feature extractor of one target: the only code that turns calls into features,
/// used by the breaker at run time and by the trainer, which replays traces through it.
///
/// It is told about each completed call, in completion order
/// (``recordOutcome(failed:latencyMs:)``), and can be asked for ``FeatureSet/v2`` at
/// any moment. Every feature is a function of the sequence of outcomes alone — count windows
/// and averages over calls, no clock — so a breaker running it reads no clock for it. An update
/// costs one `log1p` and a few multiply-adds; a read costs popcounts, table lookups and
/// divisions. Nothing allocates.
///
/// Features (``FeatureSet/v2``; "average over n calls" is an exponentially weighted average in
/// which each new call weighs 1/n; the n are ``FeatureExtractorConfiguration``'s):
///  0. `failure_share_last_10`: failures among the last 10 calls / min(calls, 10) — what a
///     resilience4j count window of 10 computes (0 before the first call).
///  1. `failure_share_last_50`: the same over the last 50 calls.
///  2. `slow_share_last_10`: calls slower than the slow threshold among the last 10 / min(calls, 10).
///  3. `slow_failure_share_last_10`: failures at least as slow as the slow threshold (what a
///     client-side timeout produces) among the last 10 calls' failures (0 without failures).
///     Inferred from the latency, in training and in serving alike: a trace's `timeout`
///     outcome is not read, since a breaker only sees failed/succeeded and a duration.
///  4. `log_latency_short_vs_baseline`: average of ln(1 + latency ms) over the short window
///     (8 calls) minus the same over the baseline (1024 calls); both start at the first call's value.
///  5. `log_latency_mid_vs_baseline`: the same for the middle window (64 calls).
///  6. `failure_rate_long`: average failure indicator over the long window (256 calls), from 0.
///  7. `log1p_consecutive_failures`: ln(1 + failures in a row).
///  8. `log1p_consecutive_successes`: ln(1 + successes in a row): how firmly a recovery holds.
///  9. `log1p_calls_seen`: ln(1 + calls seen), capped at 63 calls: how much evidence there is.
///
/// The trainer builds rows from a trace recorded without a breaker; a breaker feeds it the calls
/// it admits — all of them while CLOSED, where the trip decision is made — so the two agree there.
public struct FeatureExtractor: Sendable, Hashable {
    /// The constants.
    public let configuration: FeatureExtractorConfiguration
    /// The feature set produced.
    public static let featureSet = FeatureSet.v2

    /// The last 64 outcomes as bits, newest in bit 0: failed, slow, timed out.
    private var failedBits: UInt64 = 0
    private var slowBits: UInt64 = 0
    private var timeoutBits: UInt64 = 0
    /// Calls seen, capped at 63.
    private var seen = 0
    private var latencyShort = 0.0
    private var latencyMid = 0.0
    private var latencyBaseline = 0.0
    private var failureLong = 0.0
    private var consecutiveFailures = 0
    private var consecutiveSuccesses = 0
    /// 1/n for the four averages (short, middle, baseline, long).
    private let weights: SIMD4<Double>

    /// A fresh extractor.
    public init(configuration: FeatureExtractorConfiguration = FeatureExtractorConfiguration()) {
        self.configuration = configuration
        weights = 1 / SIMD4(configuration.shortWindowCalls, configuration.midWindowCalls,
                            configuration.baselineWindowCalls, configuration.longWindowCalls)
    }

    /// A call completed with the given outcome and latency.
    public mutating func recordOutcome(failed: Bool, latencyMs: Double) {
        let logLatency = log1p(max(latencyMs, 0))
        failedBits = failedBits << 1 | (failed ? 1 : 0)
        slowBits = slowBits << 1 | (latencyMs > configuration.slowCallThresholdMs ? 1 : 0)
        timeoutBits = timeoutBits << 1 | (failed && latencyMs >= configuration.slowCallThresholdMs ? 1 : 0)
        if seen == 0 {
            latencyShort = logLatency
            latencyMid = logLatency
            latencyBaseline = logLatency
        } else {
            latencyShort += (logLatency - latencyShort) * weights[0]
            latencyMid += (logLatency - latencyMid) * weights[1]
            latencyBaseline += (logLatency - latencyBaseline) * weights[2]
        }
        failureLong += ((failed ? 1 : 0) - failureLong) * weights[3]
        if seen < 63 { seen += 1 }
        if failed {
            consecutiveFailures += 1
            consecutiveSuccesses = 0
        } else {
            consecutiveSuccesses += 1
            consecutiveFailures = 0
        }
    }

    /// The features after the outcomes recorded so far.
    public func features() -> FeatureVector {
        var vector = FeatureVector(count: Self.featureSet.count)
        let last10: UInt64 = (1 << 10) - 1
        let last50: UInt64 = (1 << 50) - 1
        let failures10 = Double((failedBits & last10).nonzeroBitCount)
        let perCall10 = seen >= 10 ? 0.1 : 1 / Double(max(seen, 1))
        vector[0] = failures10 * perCall10
        vector[1] = Double((failedBits & last50).nonzeroBitCount) * (seen >= 50 ? 0.02 : 1 / Double(max(seen, 1)))
        vector[2] = Double((slowBits & last10).nonzeroBitCount) * perCall10
        vector[3] = failures10 > 0 ? Double((timeoutBits & last10).nonzeroBitCount) / failures10 : 0
        vector[4] = latencyShort - latencyBaseline
        vector[5] = latencyMid - latencyBaseline
        vector[6] = failureLong
        vector[7] = Self.log1pCount(consecutiveFailures)
        vector[8] = Self.log1pCount(consecutiveSuccesses)
        vector[9] = Self.log1pCount(seen)
        return vector
    }

    /// ln(1 + n) for a count: from a table below 64 (equal to `log1p` to the last bit), `log1p`
    /// above.
    @inline(__always)
    static func log1pCount(_ n: Int) -> Double {
        n < 64 ? smallCountLogs[n] : log1p(Double(n))
    }

    private static let smallCountLogs: InlineArray<64, Double> = InlineArray { log1p(Double($0)) }
}
