import Foundation

/// `tripwise-bench`: see ``Arguments/usage``.

func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// EX_USAGE from sysexits.h.
let usageExitCode: Int32 = 64

let command: Command
do {
    command = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    writeToStandardError("Error: \(error.message)\nRun 'tripwise-bench --help' for usage.\n")
    exit(usageExitCode)
}

switch command {
case .help:
    print(Arguments.usage)
case .list:
    for suite in registeredSuites {
        print("\(suite.name.padding(to: 10))\(suite.summary)")
    }
case .run(let request):
    guard let suite = suite(named: request.suite) else { exit(usageExitCode) }
    #if DEBUG
    writeToStandardError("warning: debug build; timings are meaningless. Use 'swift run -c release tripwise-bench'.\n")
    #endif
    var harness = Harness(runs: request.runs, iterations: request.iterations ?? suite.defaultIterations)
    harness.file = request.file
    if isatty(STDERR_FILENO) != 0 {
        harness.progress = { writeToStandardError("\u{1B}[2K\r\(suite.name): \($0)") }
    }
    do {
        let report = try suite.run(harness)
        if isatty(STDERR_FILENO) != 0 { writeToStandardError("\u{1B}[2K\r") }
        print(request.json ? JSONReport.render(report) : TextReport.render(report), terminator: "")
    } catch {
        if isatty(STDERR_FILENO) != 0 { writeToStandardError("\n") }
        writeToStandardError("Error: \(error)\n")
        exit(1)
    }
}
