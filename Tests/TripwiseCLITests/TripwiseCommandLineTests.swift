import Testing
import TripwiseCLI

/// A command used only here, to exercise option handling and error mapping
/// through `TripwiseCommandLine.run(_:arguments:io:)`.
private enum ProbeCommand: CLICommand {
    static let name = "probe"
    static let abstract = "Exercise the runner."
    static let options: [CLIOption] = [
        .value("fail", placeholder: "kind", help: "Fail with: usage, data, other."),
        .value("count", short: "c", help: "How many lines to print."),
        .flag("quiet", short: "q", help: "Print nothing."),
    ]

    struct Opaque: Error, CustomStringConvertible { var description: String { "opaque failure" } }

    static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        switch parsed.value("fail") {
        case "usage": throw CLIUsageError("--fail usage was requested")
        case "data": throw CommandFailure("trace.csv:3:2: bad latency", exitCode: .dataError)
        case "other": throw Opaque()
        default: break
        }
        let count = try parsed.value("count", as: Int.self) ?? 1
        if !parsed.flag("quiet") {
            for i in 0..<count { io.print("line \(i)") }
        }
        return .success
    }
}

@Suite("tripwise command line")
struct TripwiseCommandLineTests {
    // MARK: version

    @Test func versionCommandAndFlagPrintTheOneVersionConstant() {
        #expect(TripwiseVersion.current == "0.1.0")
        for arguments in [["version"], ["--version"]] {
            let run = CLIRun(arguments)
            #expect(run.exitCode == .success)
            #expect(run.stdout == "tripwise 0.1.0\n")
            #expect(run.stderr == "")
        }
    }

    @Test func versionRejectsExtraWords() {
        let extra = CLIRun(["version", "now"])
        #expect(extra.exitCode == .usage)
        #expect(extra.stdout == "")
        #expect(extra.stderr == """
            Error: unexpected argument 'now'
            Usage: tripwise version
              See 'tripwise version --help' for more information.

            """)

        let flag = CLIRun(["--version", "--bogus"])
        #expect(flag.exitCode == .usage)
        #expect(flag.stderr.hasPrefix("Error: unknown option '--bogus'\n"))
    }

    // MARK: help

    @Test func topLevelHelpHasTheLayout() {
        let expected = """
            OVERVIEW: Train, benchmark and ship learned circuit-breaker policies.

            USAGE: tripwise <subcommand>

            OPTIONS:
              --version             Show the version.
              -h, --help            Show help information.

            SUBCOMMANDS:
              help                  Show help for tripwise or one of its subcommands.
              version               Print the tripwise version.

              See 'tripwise help <subcommand>' for detailed help.

            """
        for arguments in [["--help"], ["-h"], ["help"]] {
            let run = CLIRun(arguments)
            #expect(run.exitCode == .success, "\(arguments)")
            #expect(run.stderr == "")
            if CommandRegistry.all.map({ $0.name }) == ["help", "version"] {
                #expect(run.stdout == expected, "\(arguments)")
            }
            // Whatever is registered, every command is listed with its abstract.
            for command in CommandRegistry.all {
                #expect(run.stdout.contains("\n  \(command.name) "))
                #expect(run.stdout.contains(command.abstract))
            }
        }
    }

    @Test func versionHelpHasTheLayout() {
        let expected = """
            OVERVIEW: Print the tripwise version.

            USAGE: tripwise version

            OPTIONS:
              -h, --help            Show help information.

            """
        for arguments in [["version", "--help"], ["version", "-h"], ["help", "version"]] {
            let run = CLIRun(arguments)
            #expect(run.exitCode == .success)
            #expect(run.stdout == expected, "\(arguments)")
            #expect(run.stderr == "")
        }
    }

    @Test func helpHelpListsItsArgument() {
        let run = CLIRun(["help", "help"])
        #expect(run.exitCode == .success)
        #expect(run.stdout == """
            OVERVIEW: Show help for tripwise or one of its subcommands.

            USAGE: tripwise help [<subcommand>]

            ARGUMENTS:
              <subcommand>          The subcommand to show help for.

            OPTIONS:
              -h, --help            Show help information.

            """)
    }

    @Test func optionsAreAlignedInOneColumn() {
        let run = CLIRun(ProbeCommand.self, ["--help"])
        #expect(run.exitCode == .success)
        #expect(run.stdout == """
            OVERVIEW: Exercise the runner.

            USAGE: tripwise probe [<options>]

            OPTIONS:
              --fail <kind>         Fail with: usage, data, other.
              -c, --count <count>   How many lines to print.
              -q, --quiet           Print nothing.
              -h, --help            Show help information.

            """)
    }

    @Test func longLabelsPushTheColumnAndMultilineHelpIsIndented() {
        let table = HelpFormatter.table(
            [("--a-very-long-option-name <value>", "First line.\nSecond line."), ("-x", "Short.")],
            labelWidth: HelpFormatter.labelWidth([("--a-very-long-option-name <value>", "")])
        )
        #expect(table == """
              --a-very-long-option-name <value>  First line.
                                                 Second line.
              -x                                 Short.
            """)
    }

    // MARK: usage errors

    @Test func unknownOptionOnACommand() {
        let run = CLIRun(["version", "--bogus"])
        #expect(run.exitCode == .usage)
        #expect(run.exitCode.rawValue == 64)
        #expect(run.stdout == "")
        #expect(run.stderrLines.first == "Error: unknown option '--bogus'")
        #expect(run.stderr.contains("See 'tripwise version --help' for more information."))
    }

    @Test func missingValueAndFlagWithValue() {
        let missing = CLIRun(ProbeCommand.self, ["--count"])
        #expect(missing.exitCode == .usage)
        #expect(missing.stderr == """
            Error: missing value for option '--count'
            Usage: tripwise probe [<options>]
              See 'tripwise probe --help' for more information.

            """)

        let flagged = CLIRun(ProbeCommand.self, ["--quiet=1"])
        #expect(flagged.exitCode == .usage)
        #expect(flagged.stderrLines.first == "Error: option '--quiet' does not take a value")
    }

    @Test func invalidTypedValueIsAUsageError() {
        let run = CLIRun(ProbeCommand.self, ["-c", "many"])
        #expect(run.exitCode == .usage)
        #expect(run.stderrLines.first == "Error: invalid value 'many' for option '--count': expected an integer")
        #expect(run.stdout == "")
    }

    @Test func topLevelUsageErrors() {
        let none = CLIRun([])
        #expect(none.exitCode == .usage)
        #expect(none.stdout == "")
        #expect(none.stderr == """
            Error: missing subcommand
            Usage: tripwise <subcommand>
              See 'tripwise --help' for more information.

            """)

        let unknown = CLIRun(["frobnicate", "--x"])
        #expect(unknown.exitCode == .usage)
        #expect(unknown.stderrLines.first == "Error: unknown subcommand 'frobnicate'")
        #expect(unknown.stderr.contains("See 'tripwise --help'"))

        let option = CLIRun(["--bogus=3", "version"])
        #expect(option.exitCode == .usage)
        #expect(option.stderrLines.first == "Error: unknown option '--bogus'")

        let helpUnknown = CLIRun(["help", "frobnicate"])
        #expect(helpUnknown.exitCode == .usage)
        #expect(helpUnknown.stderrLines.first == "Error: unknown subcommand 'frobnicate'")
        #expect(helpUnknown.stderr.contains("See 'tripwise help --help'"))
    }

    // MARK: running commands

    @Test func commandRunsWithParsedOptions() {
        let run = CLIRun(ProbeCommand.self, ["--count=3"])
        #expect(run.exitCode == .success)
        #expect(run.stdout == "line 0\nline 1\nline 2\n")
        #expect(run.stderr == "")
        #expect(CLIRun(ProbeCommand.self, ["-q", "-c", "5"]).stdout == "")
    }

    @Test func thrownErrorsMapToExitCodes() {
        let usage = CLIRun(ProbeCommand.self, ["--fail", "usage"])
        #expect(usage.exitCode == .usage)
        #expect(usage.stderrLines.first == "Error: --fail usage was requested")
        #expect(usage.stderr.contains("See 'tripwise probe --help'"))

        let data = CLIRun(ProbeCommand.self, ["--fail", "data"])
        #expect(data.exitCode == .dataError)
        #expect(data.exitCode.rawValue == 65)
        #expect(data.stderr == "Error: trace.csv:3:2: bad latency\n")

        let other = CLIRun(ProbeCommand.self, ["--fail", "other"])
        #expect(other.exitCode == .failure)
        #expect(other.stderr == "Error: opaque failure\n")
    }

    // MARK: the registry

    @Test func registeredCommandsAreWellFormed() {
        let names = CommandRegistry.all.map { $0.name }
        #expect(Set(names).count == names.count, "duplicate subcommand names: \(names)")
        for command in CommandRegistry.all {
            #expect(!command.name.isEmpty && !command.name.hasPrefix("-"))
            #expect(command.name == command.name.lowercased())
            #expect(!command.abstract.isEmpty)
            let longNames = command.options.map(\.name)
            #expect(Set(longNames).count == longNames.count, "\(command.name): duplicate options")
            #expect(!longNames.contains("help"), "\(command.name) redeclares --help")
            let shorts = command.options.compactMap(\.short)
            #expect(Set(shorts).count == shorts.count, "\(command.name): duplicate short options")
            #expect(!shorts.contains("h"), "\(command.name) redeclares -h")
            // Required positional arguments come first.
            let required = command.arguments.map(\.isRequired)
            #expect(required == required.sorted { $0 && !$1 }, "\(command.name): optional argument before required one")
            #expect(CommandRegistry.command(named: command.name) == nil ? false : true)
        }
        #expect(CommandRegistry.command(named: "frobnicate") == nil)
    }

    @Test func everyRegisteredCommandAnswersHelp() {
        for command in CommandRegistry.all {
            let run = CLIRun([command.name, "--help"])
            #expect(run.exitCode == .success, "\(command.name)")
            #expect(run.stderr == "")
            #expect(run.stdout == command.help)
            let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.first == "OVERVIEW: \(command.abstract)"[...])
            #expect(lines.contains("USAGE: \(HelpFormatter.usage(for: command))"[...]))
            #expect(lines.contains("OPTIONS:"))
            #expect(lines.dropLast().last == "  -h, --help            Show help information."
                    || lines.dropLast().last?.hasPrefix("  -h, --help  ") == true)
            #expect(CLIRun(["help", command.name]).stdout == run.stdout)
        }
    }
}
