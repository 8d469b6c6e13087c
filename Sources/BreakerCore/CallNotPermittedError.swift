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
    /// How long to wait before a retry can be admitted, when the breaker knows:
    /// - OPEN: the rest of the open wait plus 1 ns (admission needs the clock strictly past the
    ///   wait), so a caller that waits exactly this long is admitted (as a trial call);
    /// - CLOSED with a throttling policy: zero (the next call may pass);
    /// - HALF_OPEN out of trial permits: the rest of the maximum wait when the breaker will then
    ///   close (`stateAfterMaxWaitInHalfOpenState == .closed`), otherwise `nil`, because the
    ///   trial calls in flight decide;
    /// - FORCED_OPEN: `nil`; only a manual transition ends it.
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
