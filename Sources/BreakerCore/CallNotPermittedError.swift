/// A call refused by a breaker without being run.
///
/// Every rejection says which breaker refused, in which state, and when trying again makes
/// sense, so callers can fail fast, fall back or schedule a retry.
public struct CallNotPermittedError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the breaker that refused the call.
    public let breakerName: String
    /// The state the breaker was in when it refused (`open`, `halfOpen` with no trial permit left,
    /// `forcedOpen`, or `closed` when an adaptive-throttling policy shed the call).
    public let state: CircuitState
    /// How long until the breaker may admit a call again: the rest of the open wait; zero when
    /// a throttling policy shed the call (the next call may pass) or a half-open breaker is out
    /// of trial permits and has no maximum wait; `nil` when no time will do it (FORCED_OPEN
    /// stays until a manual transition).
    public let retryAfter: Duration?

    /// Creates a rejection record.
    public init(breakerName: String, state: CircuitState, retryAfter: Duration?) {
        self.breakerName = breakerName
        self.state = state
        self.retryAfter = retryAfter
    }

    /// E.g. `CircuitBreaker 'payments' is OPEN and does not permit further calls (retry after 4.2 seconds)`.
    public var description: String {
        let retry = retryAfter.map { " (retry after \($0))" } ?? ""
        return "CircuitBreaker '\(breakerName)' is \(state) and does not permit further calls\(retry)"
    }
}
