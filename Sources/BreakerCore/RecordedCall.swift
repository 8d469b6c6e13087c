/// An outcome as a policy sees it when it is recorded.
public struct RecordedCall: Hashable, Sendable {
    /// Whether the call was recorded as a failure.
    public var failed: Bool
    /// Whether the call took longer than the slow-call threshold.
    public var slow: Bool
    /// The call's measured duration.
    public var duration: Duration

    /// Describes one recorded outcome.
    public init(failed: Bool, slow: Bool, duration: Duration) {
        self.failed = failed
        self.slow = slow
        self.duration = duration
    }
}
