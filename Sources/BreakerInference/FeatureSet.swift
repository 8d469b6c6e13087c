/// A versioned, named list of features: what a model file was trained on and what the online
/// extractor must produce for it. Names are stable within a version; a change of meaning,
/// order or count makes a new version.
public struct FeatureSet: Sendable, Hashable, Codable {
    /// The identifier stored in model files, e.g. `tripwise.features.v2`.
    public let id: String
    /// The feature names, in vector order.
    public let names: [String]

    /// The feature count.
    public var count: Int { names.count }

    /// Version 2: ten features computed by ``FeatureExtractor`` from the sequence of completed
    /// calls alone (count windows and averages over calls; see its documentation for each
    /// definition). Version 1 (sixteen time-decayed, arrival, calendar and breaker-state
    /// features) is retired: it cost two clock reads per call and its calendar features did
    /// not generalise.
    public static let v2 = FeatureSet(id: "tripwise.features.v2", names: [
        "failure_share_last_10",
        "failure_share_last_50",
        "slow_share_last_10",
        "slow_failure_share_last_10",
        "log_latency_short_vs_baseline",
        "log_latency_mid_vs_baseline",
        "failure_rate_long",
        "log1p_consecutive_failures",
        "log1p_consecutive_successes",
        "log1p_calls_seen",
    ])

    /// Every feature set this build understands, by identifier.
    public static let known: [String: FeatureSet] = [v2.id: v2]
}
