import Foundation
import TraceKit

/// `tripwise inspect TRACE [--json]`: what a trace holds — rows, targets, time span, per target
/// the call rate, error and timeout rates and latency percentiles, and the incidents its
/// `healthy` column marks.
public enum InspectCommand: CLICommand {
    /// `"inspect"`.
    public static let name = "inspect"
    /// One-line summary for help listings.
    public static let abstract = "Summarise a trace: targets, rates, latency percentiles, incidents."
    /// Shown after the overview.
    public static let discussion = """
        Percentiles are nearest-rank. Incidents are maximal runs of a target's calls with \
        healthy = 0 (a gap of more than 60 s splits a run). Rows recorded as 'rejected' are \
        counted but left out of error rates and percentiles.
        """
    /// `--json`, `--skip-bad-rows`.
    public static let options: [CLIOption] = [
        .flag("json", help: "Print one JSON object instead of the report."),
        TraceLoading.skipBadRowsOption,
    ]
    /// The trace file.
    public static let arguments = [CLIArgument("trace", help: "A schema-v1 trace CSV file.")]

    /// A JSON report: the file, rows skipped, and the summary.
    struct Report: Encodable {
        var file: String
        var bytes: Int
        var skippedRows: Int
        var summary: TraceSummary
    }

    /// Reads the trace and prints its summary.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        guard let path = parsed.argument("trace") else { throw CLIUsageError.missingArgument("trace") }
        let result = try TraceLoading.read(path, parsed: parsed, io: io)
        let summary = TraceSummary(result.trace)
        if parsed.flag("json") {
            io.print(try TraceLoading.json(Report(file: path, bytes: result.bytesRead,
                                                  skippedRows: result.skippedRows.count, summary: summary)))
            return .success
        }
        io.print("trace: \(path) (\(result.bytesRead) bytes)")
        io.print("rows: \(summary.rows), targets: \(summary.targets.count), time-ordered: \(summary.isTimeOrdered ? "yes" : "no")")
        io.print("span: \(UTCTimestamp.format(summary.start)) to \(UTCTimestamp.format(summary.end)) (\(UTCTimestamp.formatDuration(summary.durationSeconds)))")
        if let share = summary.unhealthyShare {
            io.print(String(format: "healthy column: %.1f %% of labelled calls unhealthy", share * 100))
            io.print(String(format: "latency of healthy calls p50 %.1f ms, p99 %.1f ms; of unhealthy calls p50 %.1f ms, p99 %.1f ms",
                            summary.healthyLatencyP50Ms ?? .nan, summary.healthyLatencyP99Ms ?? .nan,
                            summary.unhealthyLatencyP50Ms ?? .nan, summary.unhealthyLatencyP99Ms ?? .nan))
        } else {
            io.print("healthy column: none (no ground truth)")
        }
        io.print("")
        var rows = [["target", "calls", "calls/s", "errors", "timeouts", "rejected", "p50 ms", "p99 ms", "incidents"]]
        for target in summary.targets {
            rows.append([target.name, "\(target.calls)", String(format: "%.2f", target.callsPerSecond),
                         String(format: "%.2f %%", target.errorRate * 100), String(format: "%.2f %%", target.timeoutRate * 100),
                         "\(target.rejected)", String(format: "%.1f", target.latencyP50Ms),
                         String(format: "%.1f", target.latencyP99Ms), "\(target.incidents.count)"])
        }
        for line in TraceLoading.table(rows) { io.print("  " + line) }
        let incidents = summary.targets.flatMap { target in target.incidents.map { (target.name, $0) } }
            .sorted { $0.1.start < $1.1.start }
        if !incidents.isEmpty {
            io.print("")
            io.print("incidents (runs of healthy = 0):")
            var table = [["target", "start", "length", "calls", "failing", "p50 ms", "p99 ms"]]
            for (name, incident) in incidents {
                table.append([name + (incident.region.map { " (\($0))" } ?? ""), UTCTimestamp.format(incident.start), UTCTimestamp.formatDuration(incident.end - incident.start),
                              "\(incident.calls)", String(format: "%.1f %%", incident.failureRate * 100),
                              String(format: "%.1f", incident.latencyP50Ms), String(format: "%.1f", incident.latencyP99Ms)])
            }
            for line in TraceLoading.table(table) { io.print("  " + line) }
        }
        return .success
    }
}
