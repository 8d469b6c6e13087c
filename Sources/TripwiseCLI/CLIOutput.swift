/// The two output streams a command writes to: results on standard output,
/// diagnostics on standard error.
public struct CLIOutput: Sendable {
    /// Where results go (the process's stdout when run from `main.swift`).
    public let standardOutput: OutputSink
    /// Where errors and warnings go (the process's stderr when run from
    /// `main.swift`).
    public let standardError: OutputSink

    /// Creates an output pair from the two sinks.
    public init(standardOutput: OutputSink, standardError: OutputSink) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Writes `line` followed by a newline to standard output.
    public func print(_ line: String = "") {
        standardOutput.write(line + "\n")
    }

    /// Writes `text` to standard output verbatim (no newline added).
    public func write(_ text: String) {
        standardOutput.write(text)
    }

    /// Writes `line` followed by a newline to standard error.
    public func printError(_ line: String) {
        standardError.write(line + "\n")
    }
}
