/// A column of the trace CSV format, schema v1 (DESIGN.md, "Traces").
///
/// The raw value is the exact header name. A reader finds columns by name,
/// in any order, and ignores columns that are not listed here; a file that
/// lacks any column whose `isRequired` is `true` is rejected.
public enum TraceColumn: String, CaseIterable, Sendable {
    /// Required. When the call started: Unix seconds with fraction, or
    /// ISO-8601 with a zone. |t| < 1e11 s (``TraceReader/maxTimestampMagnitude``,
    /// about the years −1200 to 5138): milliseconds, microseconds or
    /// nanoseconds since the epoch are refused (`outOfRange`).
    case timestamp
    /// Required. The dependency called (a service, or service/endpoint);
    /// one breaker exists per target.
    case target
    /// Required. Client-observed latency in milliseconds, from 0 to 1e10
    /// (``TraceReader/maxLatencyMs``, about 116 days).
    case latencyMs = "latency_ms"
    /// Required. `success`, `failure`, `timeout`, or `rejected` (a breaker in
    /// the recording refused the call; its true outcome is unknown).
    case outcome
    /// Optional. The error type, e.g. `http_503`, `connect_refused`.
    case error
    /// Optional. The calling service, for hierarchical breakers.
    case caller
    /// Optional. The region of the call, for geo breakers.
    case region
    /// Optional. The priority of the call, for priority breakers.
    case priority
    /// Optional. Ground truth: `1` if the target was healthy at that time,
    /// `0` during an incident.
    case healthy
    /// Optional. The probability that the recording policy admitted this
    /// call, for off-policy evaluation.
    case propensity

    /// The schema version these columns describe.
    public static let schemaVersion = 1

    /// Whether every trace file must have this column: `true` exactly for
    /// `timestamp`, `target`, `latency_ms` and `outcome`.
    public var isRequired: Bool {
        switch self {
        case .timestamp, .target, .latencyMs, .outcome:
            return true
        case .error, .caller, .region, .priority, .healthy, .propensity:
            return false
        }
    }
}
