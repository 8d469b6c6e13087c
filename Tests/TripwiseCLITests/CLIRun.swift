import TripwiseCLI

/// What one in-process `tripwise` run produced.
struct CLIRun {
    let exitCode: ExitCode
    let stdout: String
    let stderr: String

    /// Runs `tripwise <arguments>` through the registry, capturing both streams.
    init(_ arguments: [String]) {
        let out = OutputBuffer()
        let err = OutputBuffer()
        exitCode = TripwiseCommandLine.run(arguments: arguments, output: out.sink, error: err.sink)
        stdout = out.text
        stderr = err.text
    }

    /// Runs one command type directly (it need not be registered).
    init(_ command: any CLICommand.Type, _ arguments: [String]) {
        let out = OutputBuffer()
        let err = OutputBuffer()
        let io = CLIOutput(standardOutput: out.sink, standardError: err.sink)
        exitCode = TripwiseCommandLine.run(command, arguments: arguments, io: io)
        stdout = out.text
        stderr = err.text
    }

    var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false) }
}
