/// One call of a trace, as a value: what the generator and importers produce and what
/// ``Trace/record(at:)`` returns. Bulk work should use ``Trace``'s columns instead.
public struct TraceRecord: Sendable, Hashable {
    /// When the call started, in Unix seconds. Schema v1 keeps microseconds.
    public var timestamp: Double
    /// The dependency called.
    public var target: String
    /// Client-observed latency in milliseconds (≥ 0). Schema v1 keeps microseconds (3 decimals).
    public var latencyMs: Double
    /// How the call ended.
    public var outcome: TraceOutcome
    /// The error type, e.g. `http_503`; `nil` when the column is absent or the cell empty.
    public var error: String?
    /// The calling service.
    public var caller: String?
    /// The region of the call.
    public var region: String?
    /// The priority of the call.
    public var priority: String?
    /// Ground truth: whether the target was healthy when the call started.
    public var healthy: Bool?
    /// Probability that the recording policy admitted the call.
    public var propensity: Double?

    /// Creates a record; optional fields default to absent.
    public init(timestamp: Double, target: String, latencyMs: Double, outcome: TraceOutcome,
                error: String? = nil, caller: String? = nil, region: String? = nil, priority: String? = nil,
                healthy: Bool? = nil, propensity: Double? = nil) {
        self.timestamp = timestamp
        self.target = target
        self.latencyMs = latencyMs
        self.outcome = outcome
        self.error = error
        self.caller = caller
        self.region = region
        self.priority = priority
        self.healthy = healthy
        self.propensity = propensity
    }
}
