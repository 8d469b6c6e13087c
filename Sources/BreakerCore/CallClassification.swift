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

/// The error recorded when a call returned normally but its result was classified as a
/// failure (for example an HTTP 503 response), so listeners still see a cause.
public struct ResultRecordedAsFailureError: Error, Sendable, CustomStringConvertible {
    /// `String(describing:)` of the result that was classified as a failure.
    public let result: String
    /// Wraps the description of the failed result.
    public init(result: String) { self.result = result }
    /// E.g. `result recorded as a failure: HTTPResponse(status: 503)`.
    public var description: String { "result recorded as a failure: \(result)" }
}
