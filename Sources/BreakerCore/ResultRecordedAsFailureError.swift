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
