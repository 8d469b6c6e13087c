/// A versioned, named list of features: what a model file was trained on and what the online
/// extractor must produce for it. Names are stable within a version; a change of meaning,
/// order or count makes a new version.
public struct FeatureSet: Sendable, Hashable, Codable {
    /// The identifier stored in model files, e.g. `tripwise.features.v1`.
    public let id: String
    /// The feature names, in vector order.
    public let names: [String]

    /// The feature count.
    public var count: Int { names.count }

    /// Version 1: sixteen features computed by ``FeatureExtractor`` (see its documentation for
    /// each definition).
    public static let v1 = FeatureSet(id: "tripwise.features.v1", names: [
        "failure_rate_short",
        "failure_rate_long",
        "timeout_share_short",
        "slow_rate_short",
        "log_latency_short_vs_baseline",
        "log_latency_long_vs_baseline",
        "log_throughput_short_vs_baseline",
        "log1p_consecutive_failures",
        "log1p_seconds_since_failure",
        "log1p_seconds_since_state_change",
        "log1p_calls_short",
        "hour_of_day_sin",
        "hour_of_day_cos",
        "day_of_week_sin",
        "day_of_week_cos",
        "log1p_in_flight",
    ])

    /// Every feature set this build understands, by identifier.
    public static let known: [String: FeatureSet] = [v1.id: v1]
}
