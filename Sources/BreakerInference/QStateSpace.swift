import Foundation

/// The discretised states of tabular Q-learning, version 1 (`tripwise.qstate.v1`): four
/// features of ``FeatureSet/v2`` in bins, times the breaker state at the decision — 5 · 4 · 3 · 2
/// = 120 states.
///
/// | part | bins |
/// |---|---|
/// | `failure_share_last_10` | 0; ≤ 0.2; ≤ 0.5; ≤ 0.8; above |
/// | `log1p_consecutive_failures` | 0; 1; 2–4; 5 or more failures in a row |
/// | `log_latency_short_vs_baseline` | below 0.5; below 1.5; 1.5 or more (about ×1.6 and ×4.5 the usual latency) |
/// | breaker state | CLOSED (after an outcome); HALF_OPEN (after a trial outcome) |
///
/// Index = ((share · 4 + streak) · 3 + latency) · 2 + (HALF_OPEN ? 1 : 0).
public enum QStateSpace {
    /// The identifier stored in model files.
    public static let id = "tripwise.qstate.v1"
    /// States.
    public static let count = 120
    /// The actions, in table column order.
    public static let actions = ["stay", "trip", "close"]

    // Positions in FeatureSet.v2 and bin edges as literals, so the served path reads no lazily
    // initialised global (a test checks them against the names and against log1p).
    /// Position of `failure_share_last_10`.
    static let share = 0
    /// Position of `log1p_consecutive_failures`.
    static let streak = 7
    /// Position of `log_latency_short_vs_baseline`.
    static let latency = 4
    /// ln(1.5), ln(2.5), ln(5.5): between whole counts, so an edge never meets a rounding of log1p(n).
    static let streakEdges = (0.4054651081081644, 0.9162907318741551, 1.7047480922384253)

    /// The state of `features` (``FeatureSet/v2``) in CLOSED or HALF_OPEN.
    public static func index(_ features: FeatureVector, halfOpen: Bool) -> Int {
        let s = features[share]
        let shareBin = s <= 0 ? 0 : s <= 0.2 ? 1 : s <= 0.5 ? 2 : s <= 0.8 ? 3 : 4
        let f = features[streak]
        let streakBin = f < streakEdges.0 ? 0 : f < streakEdges.1 ? 1 : f < streakEdges.2 ? 2 : 3
        let l = features[latency]
        let latencyBin = l < 0.5 ? 0 : l < 1.5 ? 1 : 2
        return ((shareBin * 4 + streakBin) * 3 + latencyBin) * 2 + (halfOpen ? 1 : 0)
    }

    /// Whether `state` is a HALF_OPEN state.
    public static func isHalfOpen(_ state: Int) -> Bool { state % 2 == 1 }
}

