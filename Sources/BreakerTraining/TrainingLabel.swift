/// What a training row's label says.
public enum TrainingLabel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Self-supervised (default): 1 when the next call to the same target, starting within the
    /// horizon after the row's moment, fails or times out; 0 when it succeeds.
    case nextCallFails = "next-call-fails"
    /// Ground truth: 1 when the next call to the same target within the horizon started while
    /// the target was marked unhealthy (`healthy == 0`); needs the trace's `healthy` column.
    case healthy
    /// Self-supervised, aligned with what a trip buys: 1 when more of the target's calls
    /// starting within the horizon after the row's moment fail than succeed — exactly when
    /// rejecting them (a trip whose open wait is the horizon) would cost less than admitting
    /// them at c_fail = c_reject; 0 when they do not; no label when no call starts in the window.
    case windowFails = "window-fails"
}
