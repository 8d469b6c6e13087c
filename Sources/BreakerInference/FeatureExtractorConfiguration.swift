/// The constants of ``FeatureExtractor``: time constants of its exponentially decaying windows
/// and the slow-call threshold. Stored in model files, since a model is only valid with the
/// constants it was trained with.
public struct FeatureExtractorConfiguration: Sendable, Hashable, Codable {
    /// Time constant of the short window, seconds (default 10).
    public var shortWindowSeconds: Double = 10
    /// Time constant of the long window, seconds (default 120).
    public var longWindowSeconds: Double = 120
    /// Time constant of the baseline, seconds (default 1800): "normal" latency and throughput.
    public var baselineWindowSeconds: Double = 1_800
    /// A call slower than this, in milliseconds, counts as slow (default 1000).
    public var slowCallThresholdMs: Double = 1_000
    /// Cap on the "seconds since" features, seconds (default 3600).
    public var maxSecondsSince: Double = 3_600

    /// The defaults.
    public init() {}

    /// Whether every constant is finite and positive.
    public var isValid: Bool {
        [shortWindowSeconds, longWindowSeconds, baselineWindowSeconds, slowCallThresholdMs, maxSecondsSince]
            .allSatisfy { $0.isFinite && $0 > 0 }
    }
}
