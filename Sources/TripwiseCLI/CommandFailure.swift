import BreakerLab

/// An error a command throws when it cannot do its job for a reason other
/// than a wrong command line. `TripwiseCommandLine` reports it on standard
/// error as `Error: <message>` and exits with `exitCode`.
///
/// Any other error a command throws is reported the same way with its
/// description and `ExitCode.failure`.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sentence after `Error: `, e.g.
    /// `"traces.csv:12:3: latency_ms must be ≥ 0"`.
    public let message: String
    /// The process exit status to report; should not be `.success` or
    /// `.usage` (use `CLIUsageError` for command-line mistakes).
    public let exitCode: ExitCode

    /// Creates a failure; `exitCode` defaults to `.failure` (1).
    public init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// The same text as `message`.
    public var description: String { message }
}

extension BenchmarkError {
    /// What a command throws for this error: a usage error (exit 64) for `usage`, a
    /// ``CommandFailure`` with exit 65 for `data`.
    var commandError: any Error {
        switch kind {
        case .usage: CLIUsageError(message)
        case .data: CommandFailure(message, exitCode: .dataError)
        }
    }
}
