/// Why a ``ScenarioSpec`` cannot be generated: the field at fault and a sentence saying what
/// was expected.
public struct ScenarioSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The spec field at fault.
    public enum Field: String, Sendable, Hashable {
        /// ``ScenarioSpec/start``.
        case start
        /// ``ScenarioSpec/duration``.
        case duration
        /// ``ScenarioSpec/rate``.
        case rate
        /// ``ScenarioSpec/targets``.
        case targets
        /// ``ScenarioSpec/regions``.
        case regions
        /// A suite-level setting (e.g. ``StandardSuite/scale``).
        case suite
    }

    /// The field at fault.
    public var field: Field
    /// What was expected and what was found.
    public var message: String

    /// Creates an error.
    public init(_ field: Field, _ message: String) {
        self.field = field
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
