import Foundation
import TraceKit

/// `tripwise import <source>`: converts a real public trace to a schema-v1 trace CSV and prints
/// what it converted (rows, targets, span, outcomes, fault windows, skipped rows).
///
/// Exit status: 0 on success; 64 for a bad command line; 66 when an input file is missing or
/// unreadable; 65 when an input file is malformed or holds a time or latency outside the trace
/// format's range (`Error: FILE:LINE: column 'NAME': …`, naming the input); 73 when the output
/// cannot be created and 74 when writing it fails.
///
/// The output is written to a temporary file in the output's folder and renamed over the
/// output only when complete: a failed import leaves no partial or empty output behind (and an
/// existing output untouched).
public enum ImportCommand: CLICommand {
    /// `"import"`.
    public static let name = "import"
    /// One-line summary for help listings.
    public static let abstract = "Convert a public trace (Nezha, Loghub nova-api) to a schema-v1 trace CSV."
    /// Shown after the overview.
    public static let discussion = """
        Sources:
          nezha        Nezha OnlineBoutique/TrainTicket service-to-service calls:
                         tripwise import nezha --calls calls_1.csv [--calls calls_2.csv ...] \\
                           --faults faults.csv [--timeout-ms 1000] [--keep-latency] -o OUT.csv
                       One row per call: target = callee service, caller = caller service,
                       latency = client_duration_us / 1000. The spans have no status, so a call
                       slower than --timeout-ms is 'timeout' (latency capped at the timeout
                       unless --keep-latency) and every other call 'success'. healthy = 0 while
                       a fault window [inject_ts, end_ts) of faults.csv covers the callee.
          loghub-nova  Loghub OpenStack nova-api access records (nova_api_requests.csv):
                         tripwise import loghub-nova nova_api_requests.csv -o OUT.csv
                       target = 'nova-api METHOD path_template'; times have no zone and are
                       taken as UTC; 2xx/3xx success, 4xx success with error http_4xx (408, 429
                       and, with --client-errors-fail, every 4xx: failure), 5xx failure. No
                       healthy column (the log has no labels).

        Rows are sorted by time. Rows missing a required value are skipped and reported by
        reason; a malformed file, or a time or latency out of the trace format's range (e.g.
        ts_ms in microseconds), stops the import with 'Error: FILE:LINE: ...' (exit 65; 66 for
        a missing input file), and the output is not written: it is replaced only by a
        complete trace.
        """
    /// The input options of both sources and the output.
    public static let options: [CLIOption] = [
        .value("calls", placeholder: "file", help: "nezha: a calls_*.csv file; repeat for several (merged by time)."),
        .value("faults", placeholder: "file", help: "nezha: faults.csv, the labelled fault windows."),
        .value("timeout-ms", placeholder: "ms", help: "nezha: client timeout in milliseconds (default 1000)."),
        .flag("keep-latency", help: "nezha: write a timed-out call's recorded latency, not the timeout."),
        .flag("client-errors-fail", help: "loghub-nova: count every 4xx as a failure (default: only 408, 429)."),
        .value("output", short: "o", placeholder: "file", help: "The trace CSV to write (created or replaced)."),
    ]
    /// `<source>` and, for loghub-nova, `<file>`.
    public static let arguments: [CLIArgument] = [
        CLIArgument("source", help: "What to import: nezha or loghub-nova."),
        CLIArgument("file", help: "loghub-nova: the nova_api_requests.csv file.", isRequired: false),
    ]

    /// The accepted sources.
    public static let sources = ["nezha", "loghub-nova"]

    /// Imports and prints the summary.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let source = parsed.argument("source") ?? ""
        let output = try parsed.requiredValue("output")
        guard !output.isEmpty else {
            throw CLIUsageError.invalidValue(output, for: "--output", expected: "a file path")
        }
        switch source {
        case "nezha":
            return try runNezha(parsed, output: output, io)
        case "loghub-nova":
            return try runLoghubNova(parsed, output: output, io)
        default:
            throw CLIUsageError("unknown source '\(source)': expected one of \(sources.joined(separator: ", "))")
        }
    }

    // MARK: - Sources

    private static func runNezha(_ parsed: ParsedArguments, output: String, _ io: CLIOutput) throws -> ExitCode {
        if let file = parsed.argument("file") {
            throw CLIUsageError("unexpected argument '\(file)': nezha takes its files with --calls and --faults")
        }
        try reject(["client-errors-fail"], for: "nezha", parsed)
        let callFiles = parsed.values("calls")
        guard !callFiles.isEmpty else { throw CLIUsageError.missingOption("--calls") }
        if let duplicate = firstDuplicate(callFiles) {
            throw CLIUsageError("the calls file '\(duplicate)' is given twice")
        }
        let faultsFile = try parsed.requiredValue("faults")
        var options = NezhaImporter.Options(capLatencyAtTimeout: !parsed.flag("keep-latency"))
        if let timeout = try parsed.value("timeout-ms", as: Double.self) {
            guard timeout.isFinite, timeout > 0 else {
                throw CLIUsageError.invalidValue(parsed.value("timeout-ms") ?? "", for: "--timeout-ms",
                                                 expected: "a number of milliseconds > 0")
            }
            options.timeoutMs = timeout
        }
        try checkOutput(output, notAmong: callFiles + [faultsFile])

        let result: NezhaImporter.Result
        do {
            result = try NezhaImporter.importCalls(callFiles, faultsFile: faultsFile, options: options)
        } catch {
            throw failure(error, output: output)
        }
        try write(result.imported.trace, to: output)
        io.write(nezhaSummary(result, faultsFile: faultsFile, output: output))
        return .success
    }

    private static func runLoghubNova(_ parsed: ParsedArguments, output: String, _ io: CLIOutput) throws -> ExitCode {
        guard let file = parsed.argument("file") else { throw CLIUsageError.missingArgument("file") }
        try reject(["calls", "faults", "timeout-ms", "keep-latency"], for: "loghub-nova", parsed)
        try checkOutput(output, notAmong: [file])
        let options = LoghubNovaImporter.Options(clientErrorsAreFailures: parsed.flag("client-errors-fail"))
        let result: LoghubNovaImporter.Result
        do {
            result = try LoghubNovaImporter.importRequests(file, options: options)
        } catch {
            throw failure(error, output: output)
        }
        try write(result.imported.trace, to: output)
        io.write(loghubSummary(result, output: output))
        return .success
    }

    // MARK: - Checks and output

    private static func reject(_ names: [String], for source: String, _ parsed: ParsedArguments) throws(CLIUsageError) {
        for name in names where parsed.flag(name) || !parsed.values(name).isEmpty {
            let owner = source == "nezha" ? "loghub-nova" : "nezha"
            throw CLIUsageError("option '--\(name)' applies to '\(owner)', not '\(source)'")
        }
    }

    private static func firstDuplicate(_ files: [String]) -> String? {
        var seen: Set<String> = []
        return files.first { !seen.insert(canonical($0)).inserted }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func checkOutput(_ output: String, notAmong inputs: [String]) throws(CLIUsageError) {
        let target = canonical(output)
        if let input = inputs.first(where: { canonical($0) == target }) {
            throw CLIUsageError("the output '\(output)' is the input file '\(input)': choose another -o")
        }
    }

    /// An importer error as a command failure with the exit status its kind calls for.
    static func failure(_ error: TraceError, output: String) -> CommandFailure {
        if error.code == .io {
            return CommandFailure(error.description, exitCode: error.file == output ? .cannotCreate : .noInput)
        }
        return CommandFailure(error.description, exitCode: .dataError)
    }

    /// Writes `trace` to a temporary file beside `output` and renames it over `output` once
    /// complete; on any failure the temporary file is removed and `output` is left as it was.
    static func write(_ trace: Trace, to output: String) throws {
        let url = URL(fileURLWithPath: output)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        // Errors name the output the user asked for, not the temporary file.
        func named(_ error: TraceError) -> String {
            var error = error
            error.file = output
            return error.description
        }
        let writer: TraceWriter
        do {
            writer = try TraceWriter(path: temporary, optionalColumns: Set(trace.columns.filter { !$0.isRequired }))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandFailure(named(error), exitCode: .cannotCreate)
        }
        do {
            try writer.append(contentsOf: trace)
            try writer.finish()
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandFailure(named(error), exitCode: error.code == .io ? .ioError : .software)
        }
        guard rename(temporary, output) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandFailure("\(output): cannot replace the file with the trace written: \(reason)",
                                 exitCode: .cannotCreate)
        }
    }

    // MARK: - Summaries

    static func number(_ value: Double, _ decimals: Int = 1) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "-"
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0 %" : String(format: "%.2f %%", Double(part) / Double(whole) * 100)
    }

    static func latencyLine(_ stats: LatencyStats) -> String {
        "p50 \(number(stats.p50)) ms, p99 \(number(stats.p99)) ms, max \(number(stats.max)) ms (\(stats.count) calls)"
    }

    static func commonLines(_ imported: ImportedTrace, output: String) -> [String] {
        var lines = [
            "Wrote \(imported.rowsWritten) rows to \(output)",
            "  rows read: \(imported.rowsRead), written: \(imported.rowsWritten), skipped: \(imported.skipped.total)",
        ]
        for reason in imported.skipped.reasons {
            lines.append("    skipped \(reason.count): \(reason.reason) (e.g. \(reason.examples.joined(separator: ", ")))")
        }
        lines.append("  targets: \(imported.targetCount)")
        if let span = imported.timeSpan {
            lines.append("  time span: \(UTCTimestamp.format(span.lowerBound)) to \(UTCTimestamp.format(span.upperBound)) (\(UTCTimestamp.formatDuration(span.upperBound - span.lowerBound)))")
        } else {
            lines.append("  time span: none (no rows)")
        }
        return lines
    }

    static func nezhaSummary(_ result: NezhaImporter.Result, faultsFile: String, output: String) -> String {
        let imported = result.imported
        var lines = commonLines(imported, output: output)
        lines.insert("  inputs: \(imported.files.joined(separator: ", ")); faults: \(faultsFile) (\(result.faults.count) faults)", at: 1)
        let timeouts = imported.count(.timeout)
        var timeoutLine = "  outcomes: success \(imported.count(.success)), timeout \(timeouts) (\(percent(timeouts, of: imported.rowsWritten))) at --timeout-ms \(number(result.options.timeoutMs, 0))"
        timeoutLine += result.options.capLatencyAtTimeout
            ? "; \(result.cappedLatencies) latencies capped at the timeout"
            : "; latencies kept as recorded"
        lines.append(timeoutLine)
        lines.append("    (Nezha spans carry no status: outcomes come from latency alone)")
        let covered = result.faultsCovered
        let matched = result.faultsMatched
        lines.append("  fault windows: \(covered.count) of \(result.faults.count) have calls during them; \(matched.count) matched (calls to the faulted service inside the window)")
        let unmatched = covered.filter { $0.calls == 0 }
        for match in unmatched.prefix(10) {
            let why = match.serviceIsCallee ? "no calls to it inside the window" : "never a callee in these files"
            lines.append("    unmatched: \(match.fault.id) \(match.fault.service) \(match.fault.type) (\(why))")
        }
        if unmatched.count > 10 { lines.append("    … and \(unmatched.count - 10) more unmatched") }
        let byType = result.callsInFaultWindowsByType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("  calls in fault windows (healthy = 0): \(result.callsInFaultWindows) (\(percent(result.callsInFaultWindows, of: imported.rowsWritten)))"
                     + (byType.isEmpty ? "" : ": " + byType.joined(separator: ", ")))
        if let inside = imported.latency(healthy: false), let outside = imported.latency(healthy: true) {
            let insideTimeouts = matched.reduce(0) { $0 + $1.timeouts }
            lines.append("  latency inside fault windows:  \(latencyLine(inside)); timeouts \(insideTimeouts)")
            lines.append("  latency outside fault windows: \(latencyLine(outside)); timeouts \(timeouts - insideTimeouts)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func loghubSummary(_ result: LoghubNovaImporter.Result, output: String) -> String {
        let imported = result.imported
        var lines = commonLines(imported, output: output)
        lines.insert("  input: \(imported.files.joined(separator: ", "))", at: 1)
        lines.append("    (the log has no time zone: times taken as UTC)")
        let statuses = result.statusCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("  HTTP status: \(statuses.joined(separator: ", "))")
        let failures = imported.count(.failure)
        let withError = imported.trace.errors.map { column in (0..<column.count).filter { !column[$0].isEmpty }.count } ?? 0
        lines.append("  outcomes: success \(imported.count(.success)) (\(withError - failures) of them with an http_4xx/3xx error code), failure \(failures) (\(percent(failures, of: imported.rowsWritten)))")
        lines.append("  latency: \(latencyLine(imported.latency { _ in true }))")
        lines.append("  labels: none (no healthy column; the sample has no failure period)")
        return lines.joined(separator: "\n") + "\n"
    }
}
