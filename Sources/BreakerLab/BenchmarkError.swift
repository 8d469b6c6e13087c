/// Why ``PolicyBenchmark`` cannot run, and whose fault it is.
public struct BenchmarkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Who has to fix what.
    public enum Kind: String, Sendable, Hashable {
        /// The request is wrong: an unknown policy name, a bad parameter, an unusable model
        /// file, a policy the trace cannot support (e.g. `oracle` without a `healthy` column).
        case usage
        /// A trace cannot be replayed (e.g. a latency or time span beyond what replay counts).
        case data
    }

    /// Usage or data.
    public let kind: Kind
    /// What is wrong and what to do, naming the policy, file or option concerned.
    public let message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
