/// An error from a breaker operation other than a rejected call: a refused configuration or
/// an illegal manual transition. Like swift-system's `Errno`, it carries a stable ``code`` to
/// match on and a ``message`` that tells a person what to change.
public struct BreakerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure; stable across releases, suitable for `switch` and tests.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// A short identifier, e.g. `invalid-configuration`.
        public let rawValue: String
        /// Wraps an identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A configuration value is out of range; the message names the field and the allowed range.
        public static let invalidConfiguration = Code(rawValue: "invalid-configuration")
        /// A manual transition between two states that may not follow each other.
        public static let illegalStateTransition = Code(rawValue: "illegal-state-transition")
        /// A registry already holds a different breaker under this name.
        public static let duplicateName = Code(rawValue: "duplicate-name")
        /// The identifier.
        public var description: String { rawValue }
    }

    /// What went wrong, for matching.
    public let code: Code
    /// A sentence a person can act on, naming the field, value or states involved.
    public let message: String

    /// Creates an error with a code and an actionable message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }

    static func invalid(_ field: String, _ value: some CustomStringConvertible, _ requirement: String) -> BreakerError {
        BreakerError(.invalidConfiguration, "invalid breaker configuration: \(field) is \(value), but \(requirement)")
    }

    static func illegalTransition(name: String, from: CircuitState, to: CircuitState) -> BreakerError {
        BreakerError(.illegalStateTransition,
                     "CircuitBreaker '\(name)' tried an illegal state transition from \(from) to \(to)")
    }
}

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
