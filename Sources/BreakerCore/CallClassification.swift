/// How a breaker counts the outcome of a call.
public enum CallClassification: Sendable, Hashable {
    /// Recorded as a successful call.
    case success
    /// Recorded as a failed call (it can trip the breaker).
    case failure
    /// Not recorded at all: the permit is released and no counter changes, as resilience4j
    /// does with ignored exceptions.
    case ignore
}
