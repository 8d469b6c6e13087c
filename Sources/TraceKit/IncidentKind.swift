/// What kind of trouble an ``Incident`` is (the `kind` field of a manifest).
public enum IncidentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Most calls fail, fast.
    case outage
    /// Errors and latency ramp up, hold and ramp down.
    case degradation
    /// One failing phase of a flapping target.
    case flapping
    /// Calls are slow (some reach the timeout) but do not error.
    case brownout
    /// Traffic surges after a recovery and overloads the target.
    case surge
}
