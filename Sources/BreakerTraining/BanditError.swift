/// Why bandit or Q-learning training could not run: bad data or options, named in the message.
public struct BanditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong and what was expected, for a person to act on.
    public let message: String

    /// An error with `message` verbatim.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
