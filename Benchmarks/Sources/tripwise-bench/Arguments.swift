/// What the command line asks for.
enum Command: Equatable {
    /// Print the help text.
    case help
    /// Print the registered suites.
    case list
    /// Run one suite.
    case run(RunRequest)
}

/// `tripwise-bench <suite> [--json] [--runs N] [--iterations N] [--file PATH]`.
struct RunRequest: Equatable {
    var suite: String
    var json = false
    var runs = 7
    /// Operations per run; the suite's default when nil.
    var iterations: Int?
    /// The data file for suites that take one (`ingest`, `train`).
    var file: String?
}

/// A command line that cannot be run; reported as `Error: <message>` with exit status 64.
struct UsageError: Error, Equatable {
    let message: String
}

enum Arguments {
    static let usage = """
        OVERVIEW: Tripwise benchmarks (DESIGN.md, "Performance targets").

        Each row times a loop of many operations with ContinuousClock, once to warm up and
        then --runs times, and reports the median, min and max nanoseconds per operation,
        plus the ratio to one ContinuousClock.now read measured in the same process.

        USAGE: tripwise-bench <suite> [--json] [--runs <n>] [--iterations <n>] [--file <path>]
               tripwise-bench list
               tripwise-bench --help

        SUITES:
        \(registeredSuites.map { "  \($0.name.padding(to: 10))\($0.summary)" }.joined(separator: "\n"))

        OPTIONS:
          --json              Print one JSON object instead of the table.
          --runs <n>          Measured runs per row; the median is reported (default: 7).
          --iterations <n>    Operations per run (default: the suite's, 3000000 for core;
                              for ingest, the rows of the generated file, 1000000;
                              for train, the rows of the problem, 1000000).
          --file <path>       ingest: the CSV file to read; written there first if missing,
                              and kept (default: a temporary file, deleted afterwards).
                              train: also write the problem there as .npy (for
                              compare_sklearn.py).
          -h, --help          Show this help.

        Build in release mode: swift run -c release tripwise-bench core
        """

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> Command {
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" || $0 == "help" }) { return .help }
        var suite: String?
        var json = false
        var runs: Int?
        var iterations: Int?
        var file: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            var flag = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                flag = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws(UsageError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst(), !next.hasPrefix("--") else {
                    throw UsageError(message: "\(flag) needs a value")
                }
                return next
            }
            switch flag {
            case "--json":
                if inlineValue != nil { throw UsageError(message: "--json takes no value") }
                json = true
            case "--runs":
                runs = try positiveInteger(try value(), for: flag, limit: 1_000)
            case "--iterations":
                iterations = try positiveInteger(try value(), for: flag, limit: 10_000_000_000)
            case "--file":
                let path = try value()
                guard !path.isEmpty else { throw UsageError(message: "--file needs a path") }
                file = path
            default:
                if argument.hasPrefix("-") {
                    throw UsageError(message: "unknown option '\(argument)'")
                }
                if let suite {
                    throw UsageError(message: "unexpected argument '\(argument)' (suite '\(suite)' already given)")
                }
                suite = argument
            }
        }
        guard let suite else { throw UsageError(message: "missing suite name (try 'tripwise-bench list')") }
        if suite == "list" {
            if json || runs != nil || iterations != nil || file != nil {
                throw UsageError(message: "'list' takes no options")
            }
            return .list
        }
        guard registeredSuites.contains(where: { $0.name == suite }) else {
            let known = registeredSuites.map(\.name).joined(separator: ", ")
            throw UsageError(message: "unknown suite '\(suite)' (available: \(known))")
        }
        if file != nil, registeredSuites.first(where: { $0.name == suite })?.takesFile != true {
            throw UsageError(message: "--file is not used by suite '\(suite)' (only by ingest and train)")
        }
        return .run(RunRequest(suite: suite, json: json, runs: runs ?? 7, iterations: iterations, file: file))
    }

    static func positiveInteger(_ text: String, for flag: String, limit: Int) throws(UsageError) -> Int {
        guard let value = Int(text), value >= 1, value <= limit else {
            throw UsageError(message: "\(flag) must be an integer from 1 to \(limit), got '\(text)'")
        }
        return value
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
