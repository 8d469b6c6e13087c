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
