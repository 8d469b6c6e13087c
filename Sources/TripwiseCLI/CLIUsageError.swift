/// A mistake in the command line. `TripwiseCommandLine` reports it on standard
/// error as `Error: <message>` followed by the command's usage line and a
/// pointer to its `--help`, and exits with `ExitCode.usage` (64).
///
/// Commands may throw it too, e.g. for an option value that parses but is out
/// of range.
public struct CLIUsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sentence after `Error: `, naming the offending token, e.g.
    /// `"unknown option '--bogus'"`.
    public let message: String

    /// Creates an error carrying `message` verbatim.
    public init(_ message: String) {
        self.message = message
    }

    /// The same text as `message`.
    public var description: String { message }

    /// An option the command does not declare, e.g. `"--bogus"` or `"-x"`.
    public static func unknownOption(_ spelling: String) -> CLIUsageError {
        CLIUsageError("unknown option '\(spelling)'")
    }

    /// A value option given last, or followed by another option.
    public static func missingValue(for spelling: String) -> CLIUsageError {
        CLIUsageError("missing value for option '\(spelling)'")
    }

    /// A boolean flag given a value with `--flag=value`.
    public static func unexpectedValue(for spelling: String) -> CLIUsageError {
        CLIUsageError("option '\(spelling)' does not take a value")
    }

    /// A positional argument beyond those the command declares.
    public static func unexpectedArgument(_ argument: String) -> CLIUsageError {
        CLIUsageError("unexpected argument '\(argument)'")
    }

    /// A required positional argument that was not given.
    public static func missingArgument(_ name: String) -> CLIUsageError {
        CLIUsageError("missing argument '<\(name)>'")
    }

    /// An option a command requires that was not given.
    public static func missingOption(_ spelling: String) -> CLIUsageError {
        CLIUsageError("missing required option '\(spelling)'")
    }

    /// An option value that does not parse as what the option expects.
    /// `expected` completes the sentence "expected …", e.g. `"an integer"`.
    public static func invalidValue(_ value: String, for spelling: String, expected: String) -> CLIUsageError {
        CLIUsageError("invalid value '\(value)' for option '\(spelling)': expected \(expected)")
    }

    /// A subcommand name that is not registered.
    public static func unknownSubcommand(_ name: String) -> CLIUsageError {
        CLIUsageError("unknown subcommand '\(name)'")
    }

    /// No subcommand was given at all.
    public static let missingSubcommand = CLIUsageError("missing subcommand")
}
