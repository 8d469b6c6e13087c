import Foundation

/// Where one output stream of a command (standard output or standard error)
/// goes: a `@Sendable` closure that receives text exactly as written, without
/// adding newlines or buffering.
///
/// Commands never print directly; they write through the sinks they are given
/// (see `CLIOutput`), so tests can capture output with an `OutputBuffer`.
public struct OutputSink: Sendable {
    private let writeText: @Sendable (String) -> Void

    /// Creates a sink that passes every written string to `write`.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.writeText = write
    }

    /// Writes `text` verbatim.
    public func write(_ text: String) {
        writeText(text)
    }

    /// The process's standard output (file descriptor 1), written unbuffered.
    /// Write errors (e.g. a closed pipe) are ignored.
    public static let standardOutput = OutputSink { text in
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    /// The process's standard error (file descriptor 2), written unbuffered.
    /// Write errors are ignored.
    public static let standardError = OutputSink { text in
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// A sink that discards everything.
    public static let discarding = OutputSink { _ in }
}
