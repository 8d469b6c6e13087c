import Foundation

/// The online feature extractor of one target: the only code that turns calls into features,
/// used by the breaker at run time and by the trainer, which replays traces through it.
///
/// It is told about events as they happen — a call admitted (``recordArrival(at:)``), a call
/// completed (``recordOutcome(failed:timedOut:latencyMs:at:)``, at its completion time), a
/// state change of the breaker — and can be asked for ``FeatureSet/v1`` at any moment. Every
/// update and every read is O(1) and allocates nothing. Times are Unix seconds, so the calendar
/// features see the wall clock; events must arrive in time order (an earlier time than the
/// last event is treated as the last event's time).
///
/// Features (``FeatureSet/v1``; "short", "long" and "baseline" are exponentially decaying
/// windows with the configured time constants, 10 s, 120 s and 30 min by default):
///  0. `failure_rate_short`: failed completions / (completions + 1), short window.
///  1. `failure_rate_long`: the same over the long window.
///  2. `timeout_share_short`: timeouts / failures, short window (0 without failures).
///  3. `slow_rate_short`: completions slower than the slow threshold / (completions + 1).
///  4. `log_latency_short_vs_baseline`: mean ln(1 + latency ms), short window, minus its baseline
///     mean (0 until both have data).
///  5. `log_latency_long_vs_baseline`: the same for the long window.
///  6. `log_throughput_short_vs_baseline`: ln of the short-window arrival rate over the baseline
///     rate, each + 0.01/s (a drop in traffic is negative); rates are the decayed arrival counts
///     over the weight a steady rate would have accumulated since the first event, so they are
///     unbiased while the windows warm up.
///  7. `log1p_consecutive_failures`: ln(1 + failures in a row).
///  8. `log1p_seconds_since_failure`: ln(1 + seconds since the last failure), capped.
///  9. `log1p_seconds_since_state_change`: ln(1 + seconds since the breaker last changed state,
///     or since the first event), capped. **Differs between training and serving:** a trace
///     replayed for training has no breaker, so there it counts from the target's first call and
///     saturates at the cap; in a service it restarts at every state change.
/// 10. `log1p_calls_short`: ln(1 + completions in the short window): how much evidence there is.
/// 11–12. hour of day (UTC) as sin/cos; 13–14. day of week as sin/cos.
/// 15. `log1p_in_flight`: ln(1 + calls admitted and not yet completed).
///
/// In a service the extractor sees only admitted calls; while CLOSED (where the trip decision
/// is made) every call is admitted, so training rows (every call seen) and serving agree there.
public struct FeatureExtractor: Sendable, Hashable {
    /// The constants.
    public let configuration: FeatureExtractorConfiguration
    /// The feature set produced.
    public static let featureSet = FeatureSet.v1

    /// completions, failures, timeouts, slow — short window.
    private var shortOutcomes: DecayingWindow
    /// completions, failures, sum ln(1+latency), arrivals — short window for latency/arrivals.
    private var shortLatency: DecayingWindow
    /// completions, failures, sum ln(1+latency) — long window.
    private var longOutcomes: DecayingWindow
    /// completions, sum ln(1+latency), arrivals — baseline.
    private var baseline: DecayingWindow
    private var consecutiveFailures = 0
    private var lastFailureAt = -Double.infinity
    private var lastStateChangeAt = -Double.infinity
    private var firstEventAt = -Double.infinity
    private var inFlight = 0

    /// A fresh extractor.
    public init(configuration: FeatureExtractorConfiguration = FeatureExtractorConfiguration()) {
        self.configuration = configuration
        shortOutcomes = DecayingWindow(timeConstant: configuration.shortWindowSeconds)
        shortLatency = DecayingWindow(timeConstant: configuration.shortWindowSeconds)
        longOutcomes = DecayingWindow(timeConstant: configuration.longWindowSeconds)
        baseline = DecayingWindow(timeConstant: configuration.baselineWindowSeconds)
    }

    /// A call was admitted at `time`.
    public mutating func recordArrival(at time: Double) {
        noteFirstEvent(time)
        inFlight += 1
        shortLatency.add(SIMD4(0, 0, 0, 1), at: time)
        baseline.add(SIMD4(0, 0, 0, 1), at: time)
    }

    /// A call completed at `time` (its start + latency) with the given outcome.
    public mutating func recordOutcome(failed: Bool, timedOut: Bool, latencyMs: Double, at time: Double) {
        noteFirstEvent(time)
        if inFlight > 0 { inFlight -= 1 }
        let f: Double = failed ? 1 : 0
        let logLatency = log1p(max(latencyMs, 0))
        shortOutcomes.add(SIMD4(1, f, failed && timedOut ? 1 : 0, latencyMs > configuration.slowCallThresholdMs ? 1 : 0), at: time)
        shortLatency.add(SIMD4(1, f, logLatency, 0), at: time)
        longOutcomes.add(SIMD4(1, f, logLatency, 0), at: time)
        baseline.add(SIMD4(1, logLatency, 0, 0), at: time)
        if failed {
            consecutiveFailures += 1
            lastFailureAt = time
        } else {
            consecutiveFailures = 0
        }
    }

    /// The breaker guarding this target changed state at `time`.
    public mutating func recordStateChange(at time: Double) {
        lastStateChangeAt = time
    }

    private mutating func noteFirstEvent(_ time: Double) {
        if !firstEventAt.isFinite { firstEventAt = time }
        if !lastStateChangeAt.isFinite { lastStateChangeAt = time }
    }

    /// The total weight a constant unit rate has accumulated in a window of time constant `τ`
    /// since the first event: `τ·(1 − e^(−T/τ))`, so rates are unbiased while a window warms up.
    private func effectiveSpan(_ timeConstant: Double, at time: Double) -> Double {
        guard firstEventAt.isFinite else { return timeConstant }
        let elapsed = max(time - firstEventAt, 0)
        return max(timeConstant * -expm1(-elapsed / timeConstant), 1e-3)
    }

    /// The features as they stand at `time`, from the events recorded so far.
    public func features(at time: Double) -> FeatureVector {
        var vector = FeatureVector(count: Self.featureSet.count)
        let short = shortOutcomes.sums(at: time)       // completions, failures, timeouts, slow
        let shortLat = shortLatency.sums(at: time)     // completions, failures, Σ ln latency, arrivals
        let long = longOutcomes.sums(at: time)         // completions, failures, Σ ln latency
        let base = baseline.sums(at: time)             // completions, Σ ln latency, 0, arrivals
        vector[0] = short[1] / (short[0] + 1)
        vector[1] = long[1] / (long[0] + 1)
        vector[2] = short[1] > 1e-6 ? short[2] / short[1] : 0
        vector[3] = short[3] / (short[0] + 1)
        let baselineLatency = base[0] > 1e-6 ? base[1] / base[0] : 0
        vector[4] = shortLat[0] > 1e-6 && base[0] > 1e-6 ? shortLat[2] / shortLat[0] - baselineLatency : 0
        vector[5] = long[0] > 1e-6 && base[0] > 1e-6 ? long[2] / long[0] - baselineLatency : 0
        let shortRate = shortLat[3] / effectiveSpan(configuration.shortWindowSeconds, at: time)
        let baselineRate = base[3] / effectiveSpan(configuration.baselineWindowSeconds, at: time)
        vector[6] = log((shortRate + 0.01) / (baselineRate + 0.01))
        vector[7] = log1p(Double(consecutiveFailures))
        let cap = configuration.maxSecondsSince
        vector[8] = log1p(lastFailureAt.isFinite ? min(max(time - lastFailureAt, 0), cap) : cap)
        vector[9] = log1p(lastStateChangeAt.isFinite ? min(max(time - lastStateChangeAt, 0), cap) : 0)
        vector[10] = log1p(short[0])
        let day = 86_400.0
        let secondOfDay = time - (time / day).rounded(.down) * day
        let hourAngle = 2 * Double.pi * secondOfDay / day
        vector[11] = sin(hourAngle)
        vector[12] = cos(hourAngle)
        // 1970-01-01 was a Thursday: day 0 of the week is Monday.
        let dayIndex = ((time / day).rounded(.down) + 3).truncatingRemainder(dividingBy: 7)
        let weekAngle = 2 * Double.pi * ((dayIndex < 0 ? dayIndex + 7 : dayIndex) * day + secondOfDay) / (7 * day)
        vector[13] = sin(weekAngle)
        vector[14] = cos(weekAngle)
        vector[15] = log1p(Double(inFlight))
        return vector
    }
}
