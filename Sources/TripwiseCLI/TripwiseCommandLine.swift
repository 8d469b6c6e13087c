/// The `tripwise` command line: dispatches a subcommand, prints help and
/// usage errors, and maps every outcome to an `ExitCode`. `main.swift` only
/// calls `run(arguments:)` and exits with the result.
///
/// Top level: `tripwise <subcommand> …`, `tripwise -h|--help` (top-level
/// help), `tripwise --version`. Usage errors print, on standard error:
///
/// ```
/// Error: <message naming the offending word>
/// Usage: <usage line>
///   See 'tripwise <subcommand> --help' for more information.
/// ```
///
/// and exit with `ExitCode.usage` (64). Help goes to standard output, exit 0.
public enum TripwiseCommandLine {
    /// The program name used in usage lines and messages: `"tripwise"`.
    public static let programName = "tripwise"

    /// The sentence after `OVERVIEW:` in the top-level help.
    public static let overview = "Train, benchmark and ship learned circuit-breaker policies."

    /// Options accepted before any subcommand, besides `-h, --help`.
    public static let topLevelOptions: [CLIOption] = [
        .flag("version", help: "Show the version.")
    ]

    /// Runs the command line `arguments` (without the program name) against
    /// `CommandRegistry.all`, writing to `output` and `error`.
    ///
    /// - Returns: `.success` after help or a successful command; `.usage` for
    ///   a missing or unknown subcommand or a command-line mistake; otherwise
    ///   what the command returned or its `CommandFailure.exitCode`.
    ///   Never traps on any input.
    public static func run(
        arguments: [String],
        output: OutputSink = .standardOutput,
        error: OutputSink = .standardError
    ) -> ExitCode {
        let io = CLIOutput(standardOutput: output, standardError: error)
        let commands = CommandRegistry.all

        guard let first = arguments.first else {
            return reportUsageError(.missingSubcommand, usage: HelpFormatter.topLevelUsage, helpCommand: programName, io)
        }
        let rest = Array(arguments.dropFirst())

        switch first {
        case "-h", "--help":
            io.write(HelpFormatter.topLevelHelp(commands: commands))
            return .success
        case "--version":
            if let extra = rest.first {
                let problem: CLIUsageError = ArgumentParser.looksLikeOption(extra)
                    ? .unknownOption(extra) : .unexpectedArgument(extra)
                return reportUsageError(problem, usage: HelpFormatter.topLevelUsage, helpCommand: programName, io)
            }
            io.print(VersionCommand.versionLine)
            return .success
        default:
            break
        }

        if ArgumentParser.looksLikeOption(first) {
            let spelling = first.split(separator: "=", maxSplits: 1).first.map(String.init) ?? first
            return reportUsageError(.unknownOption(spelling), usage: HelpFormatter.topLevelUsage, helpCommand: programName, io)
        }
        guard let command = commands.first(where: { $0.name == first }) else {
            return reportUsageError(.unknownSubcommand(first), usage: HelpFormatter.topLevelUsage, helpCommand: programName, io)
        }
        return run(command, arguments: rest, io: io)
    }

    /// Parses `arguments` (the words after the subcommand name) for `command`
    /// and runs it: prints its help if `-h`/`--help` was given, reports a
    /// `CLIUsageError` (from parsing or thrown by the command) as a usage
    /// error with exit 64, a `CommandFailure` as `Error: <message>` with its
    /// exit code, and any other thrown error as `Error: <description>` with
    /// exit 1.
    public static func run(_ command: any CLICommand.Type, arguments: [String], io: CLIOutput) -> ExitCode {
        let helpCommand = "\(programName) \(command.name)"
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(arguments, for: command)
        } catch {
            return reportUsageError(error, usage: HelpFormatter.usage(for: command), helpCommand: helpCommand, io)
        }
        if parsed.isHelpRequested {
            io.write(command.help)
            return .success
        }
        do {
            return try command.run(parsed, io)
        } catch let usageError as CLIUsageError {
            return reportUsageError(usageError, usage: HelpFormatter.usage(for: command), helpCommand: helpCommand, io)
        } catch let failure as CommandFailure {
            io.printError("Error: \(failure.message)")
            return failure.exitCode
        } catch {
            io.printError("Error: \(error)")
            return .failure
        }
    }

    /// Writes the three-line usage-error report to standard error and returns
    /// `.usage`.
    private static func reportUsageError(
        _ error: CLIUsageError, usage: String, helpCommand: String, _ io: CLIOutput
    ) -> ExitCode {
        io.printError("Error: \(error.message)")
        io.printError("Usage: \(usage)")
        io.printError("  See '\(helpCommand) --help' for more information.")
        return .usage
    }
}
