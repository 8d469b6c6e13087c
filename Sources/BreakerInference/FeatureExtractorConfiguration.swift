/// The constants of ``FeatureExtractor``: the lengths, in calls, of its exponentially weighted
/// averages and the slow-call threshold. Stored in model files, since a model is only valid
/// with the constants it was trained with.
///
/// An average "over n calls" gives each new call the weight 1/n (an exponentially weighted
/// moving average whose weights sum to 1 and whose mean age is about n calls).
public struct FeatureExtractorConfiguration: Sendable, Hashable, Codable {
    /// Calls in the short latency average (default 8).
    public var shortWindowCalls: Double = 8
    /// Calls in the middle latency average (default 64).
    public var midWindowCalls: Double = 64
    /// Calls in the long failure-rate average (default 256).
    public var longWindowCalls: Double = 256
    /// Calls in the latency baseline, "normal" latency (default 1024).
    public var baselineWindowCalls: Double = 1_024
    /// A call slower than this, in milliseconds, counts as slow (default 1000).
    public var slowCallThresholdMs: Double = 1_000

    /// The defaults.
    public init() {}

    /// The constants with their model-file field names, in document order.
    package var fields: [(name: String, value: Double)] {
        [("shortWindowCalls", shortWindowCalls), ("midWindowCalls", midWindowCalls),
         ("longWindowCalls", longWindowCalls), ("baselineWindowCalls", baselineWindowCalls),
         ("slowCallThresholdMs", slowCallThresholdMs)]
    }

    /// Whether every constant is finite, every window at least one call long and the slow
    /// threshold positive.
    public var isValid: Bool {
        [shortWindowCalls, midWindowCalls, longWindowCalls, baselineWindowCalls].allSatisfy { $0.isFinite && $0 >= 1 }
            && slowCallThresholdMs.isFinite && slowCallThresholdMs > 0
    }
}
