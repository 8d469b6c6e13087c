/// What a training row's label says.
public enum TrainingLabel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Self-supervised (default): 1 when the next call to the same target, starting within the
    /// horizon after the row's moment, fails or times out; 0 when it succeeds.
    case nextCallFails = "next-call-fails"
    /// Ground truth: 1 when the next call to the same target within the horizon started while
    /// the target was marked unhealthy (`healthy == 0`); needs the trace's `healthy` column.
    case healthy
}
