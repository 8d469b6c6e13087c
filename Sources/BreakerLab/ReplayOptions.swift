/// What a replay records beyond its counts and state changes.
///
/// The plain path (the default) keeps only per-target counts and transitions; recording
/// decisions adds one byte per trace row (written once per call, no other work), for callers
/// that need per-call figures such as per-time-block costs.
public struct ReplayOptions: Sendable, Hashable {
    /// Whether ``ReplayResult/decisions`` is filled: one ``ReplayDecision`` per trace row.
    public var recordsDecisions: Bool

    /// The plain replay unless told otherwise.
    public init(recordsDecisions: Bool = false) {
        self.recordsDecisions = recordsDecisions
    }
}

/// What happened to one trace row in a replay.
public enum ReplayDecision: UInt8, Sendable, Hashable, Codable {
    /// The breaker admitted the call (it was sent).
    case admitted = 0
    /// The breaker refused the call; its recorded outcome is the counterfactual.
    case rejected = 1
    /// The row was recorded as `rejected` in the input (true outcome unknown) and was not replayed.
    case excluded = 2
}
