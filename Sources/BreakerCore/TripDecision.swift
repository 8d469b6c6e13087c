/// A policy's verdict on a recorded outcome in CLOSED (or METRICS_ONLY, where it is reported but never acted on).
public enum TripDecision: Hashable, Sendable {
    /// Keep the breaker as it is.
    case stay
    /// Open the breaker (reasons must not be empty).
    case trip(TripReasons)
}
