/// One ground-truth incident of a generated trace, as the manifest lists it.
///
/// The contract with the trace: a call has `healthy` = 0 exactly when some incident
/// ``covers(target:region:at:)`` it — same target, same region when the incident has one,
/// and `start ≤ timestamp < end` — and 1 otherwise. Every effect of an incident on outcomes
/// and latencies happens inside its window; the only effect outside is the tail of a `surge`'s
/// extra traffic (healthy calls), which its description states.
public struct Incident: Sendable, Hashable, Codable {
    /// Unique within a manifest: `<family>-<seed>-<n>`.
    public var id: String
    /// The scenario family that produced it (its raw value).
    public var family: String
    /// The affected target.
    public var target: String
    /// The affected region, or `nil` when every region is affected.
    public var region: String?
    /// The first affected instant, Unix seconds (whole milliseconds).
    public var start: Double
    /// The end of the incident (exclusive), Unix seconds (whole milliseconds).
    public var end: Double
    /// What kind of trouble.
    public var kind: IncidentKind
    /// A human sentence with the incident's parameters.
    public var description: String
    /// The highest probability that a call fails inside the window (beyond background errors;
    /// 0 for a brownout, whose failures are timeouts).
    public var peakFailureRate: Double
    /// The largest factor applied to healthy latencies inside the window (1 = none).
    public var peakLatencyFactor: Double
    /// The largest factor applied to the target's traffic (1 = none; a surge's 3–5×).
    public var peakRateFactor: Double

    /// Creates an incident.
    public init(id: String, family: String, target: String, region: String? = nil, start: Double, end: Double,
                kind: IncidentKind, description: String, peakFailureRate: Double,
                peakLatencyFactor: Double = 1, peakRateFactor: Double = 1) {
        self.id = id
        self.family = family
        self.target = target
        self.region = region
        self.start = start
        self.end = end
        self.kind = kind
        self.description = description
        self.peakFailureRate = peakFailureRate
        self.peakLatencyFactor = peakLatencyFactor
        self.peakRateFactor = peakRateFactor
    }

    /// The length of the window in seconds.
    public var duration: Double { end - start }

    /// Whether a call to `target` from `region` starting at `timestamp` falls inside this
    /// incident (so its ground truth is `healthy` = 0).
    public func covers(target: String, region: String?, at timestamp: Double) -> Bool {
        self.target == target && (self.region == nil || self.region == region)
            && timestamp >= start && timestamp < end
    }

    /// Whether any of `incidents` covers the call: the rule the generator writes `healthy` by.
    public static func isHealthy(target: String, region: String?, at timestamp: Double,
                                 incidents: [Incident]) -> Bool {
        !incidents.contains { $0.covers(target: target, region: region, at: timestamp) }
    }
}
