import Testing
import TripwiseCLI

@Suite("ArgumentParser")
struct ArgumentParserTests {
    static let options: [CLIOption] = [
        .value("seed", short: "s", placeholder: "n", help: "Seed."),
        .value("trace", help: "Trace file."),
        .value("offset", help: "Offset."),
        .flag("verbose", short: "v", help: "Talk more."),
    ]
    static let arguments = [
        CLIArgument("input", help: "Input."),
        CLIArgument("output", help: "Output.", isRequired: false),
    ]

    func parse(_ words: [String]) throws(CLIUsageError) -> ParsedArguments {
        try ArgumentParser.parse(words, command: "test", options: Self.options, arguments: Self.arguments)
    }

    @Test func spaceSeparatedEqualsAndShortValues() throws {
        let parsed = try parse(["in.csv", "--seed", "7", "--trace=a.csv", "out.csv"])
        #expect(parsed.command == "test")
        #expect(parsed.value("seed") == "7")
        #expect(parsed.value("trace") == "a.csv")
        #expect(parsed.argument("input") == "in.csv")
        #expect(parsed.argument("output") == "out.csv")
        #expect(parsed.positionals == ["in.csv", "out.csv"])
        #expect(!parsed.flag("verbose"))
        #expect(!parsed.isHelpRequested)

        let short = try parse(["-s", "9", "-v", "x"])
        #expect(short.value("seed") == "9")
        #expect(short.flag("verbose"))
        #expect(short.argument("output") == nil)
    }

    @Test func booleanFlags() throws {
        #expect(try parse(["x", "--verbose"]).flag("verbose"))
        #expect(try parse(["--verbose", "x", "--verbose"]).flags == ["verbose"])
        #expect(throws: CLIUsageError("option '--verbose' does not take a value")) {
            try parse(["x", "--verbose=yes"])
        }
    }

    @Test func repeatedValuesKeepOrderAndLastWins() throws {
        let parsed = try parse(["x", "--seed", "1", "--seed=2", "-s", "3"])
        #expect(parsed.values("seed") == ["1", "2", "3"])
        #expect(parsed.value("seed") == "3")
        #expect(parsed.values("trace") == [])
    }

    @Test func equalsFormAcceptsEmptyAndDashedValues() throws {
        let parsed = try parse(["x", "--trace=", "--seed=-x", "--offset=a=b"])
        #expect(parsed.value("trace") == "")
        #expect(parsed.value("seed") == "-x")
        #expect(parsed.value("offset") == "a=b")
    }

    @Test func negativeNumbersAreValuesAndPositionals() throws {
        let parsed = try parse(["--offset", "-3", "-0.5"])
        #expect(parsed.value("offset") == "-3")
        #expect(parsed.argument("input") == "-0.5")
        #expect(try parse(["-"]).argument("input") == "-")
    }

    @Test func doubleDashEndsOptions() throws {
        let parsed = try parse(["--", "--verbose", "-s"])
        #expect(parsed.positionals == ["--verbose", "-s"])
        #expect(!parsed.flag("verbose"))
    }

    @Test func helpAnywhereBeforeDoubleDash() throws {
        #expect(try parse(["-h"]).isHelpRequested)
        #expect(try parse(["x", "--bogus", "--help"]).isHelpRequested)
        #expect(try parse(["x"]).isHelpRequested == false)
        #expect(throws: CLIUsageError.unexpectedArgument("--help")) {
            try parse(["--", "x", "y", "--help"])
        }
    }

    @Test func unknownOptions() {
        #expect(throws: CLIUsageError("unknown option '--bogus'")) { try parse(["x", "--bogus"]) }
        #expect(throws: CLIUsageError("unknown option '--bogus'")) { try parse(["x", "--bogus=1"]) }
        #expect(throws: CLIUsageError("unknown option '-x'")) { try parse(["x", "-x"]) }
        #expect(throws: CLIUsageError("unknown option '-sv'")) { try parse(["x", "-sv"]) }
    }

    @Test func missingValues() {
        #expect(throws: CLIUsageError("missing value for option '--seed'")) { try parse(["x", "--seed"]) }
        #expect(throws: CLIUsageError("missing value for option '--seed'")) { try parse(["x", "--seed", "--verbose"]) }
        #expect(throws: CLIUsageError("missing value for option '-s'")) { try parse(["x", "-s"]) }
    }

    @Test func positionalCountIsChecked() {
        #expect(throws: CLIUsageError("unexpected argument 'c'")) { try parse(["a", "b", "c"]) }
        #expect(throws: CLIUsageError("missing argument '<input>'")) { try parse(["--verbose"]) }
    }

    @Test func typedValues() throws {
        let parsed = try parse(["x", "--seed", "42", "--offset", "-1.5", "--trace", "abc"])
        #expect(try parsed.value("seed", as: Int.self) == 42)
        #expect(try parsed.value("offset", as: Double.self) == -1.5)
        #expect(try parsed.value("missing", as: Int.self) == nil)
        #expect(throws: CLIUsageError("invalid value 'abc' for option '--trace': expected an integer")) {
            try parsed.value("trace", as: Int.self)
        }
        #expect(throws: CLIUsageError("invalid value '-1.5' for option '--offset': expected a non-negative integer")) {
            try parsed.value("offset", as: UInt64.self)
        }
        #expect(try parsed.requiredValue("trace") == "abc")
        #expect(throws: CLIUsageError("missing required option '--verbose'")) {
            try parsed.requiredValue("verbose")
        }
    }

    @Test func looksLikeOption() {
        #expect(ArgumentParser.looksLikeOption("--x"))
        #expect(ArgumentParser.looksLikeOption("-x"))
        #expect(ArgumentParser.looksLikeOption("--"))
        #expect(!ArgumentParser.looksLikeOption("-"))
        #expect(!ArgumentParser.looksLikeOption("-3"))
        #expect(!ArgumentParser.looksLikeOption("-.5"))
        #expect(!ArgumentParser.looksLikeOption("-1e3"))
        #expect(!ArgumentParser.looksLikeOption("x"))
    }
}
