import BreakerCore
import BreakerLab
import Foundation
import TraceKit

/// `tripwise replay --trace TRACE --policy static|consecutive|sre [--set key=value ...]
/// [--events OUT.jsonl] [--json]`: drives one breaker per target through the trace on the
/// trace's own clock and reports every state change and what each target's breaker let through.
public enum ReplayCommand: CLICommand {
    /// `"replay"`.
    public static let name = "replay"
    /// One-line summary for help listings.
    public static let abstract = "Replay a trace through one breaker per target and print every state change."
    /// Shown after the overview.
    public static let discussion = """
        Event-driven: a call is admitted or refused at its start and its outcome is recorded at \
        start + latency_ms. Refused calls keep their recorded outcome as the counterfactual; rows \
        recorded as 'rejected' are excluded and counted. --set takes BreakerConfiguration names: \
        \(BreakerSettings.keys.joined(separator: ", ")). Examples: --set failureRateThreshold=40 \
        --set slidingWindow=time:30 --set waitDurationInOpenState=10s \
        --set openStateBackoff=exponential:2:120s:0.2.
        """
    /// Options.
    public static let options: [CLIOption] = [
        .value("trace", placeholder: "path", help: "The schema-v1 trace CSV to replay (required)."),
        .value("policy", placeholder: "name", help: "static (resilience4j thresholds; default), consecutive, or sre."),
        .value("set", placeholder: "key=value", help: "A breaker setting; repeatable (see above)."),
        .value("seed", placeholder: "n", help: "Seed of randomised policies and backoff jitter (default 1)."),
        .value("events", placeholder: "path", help: "Also write every state change as JSON lines to this file."),
        .flag("json", help: "Print one JSON object instead of the report."),
        TraceLoading.skipBadRowsOption,
    ]

    /// Replays and reports.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let path = try parsed.requiredValue("trace")
        let settings = try BreakerSettings(settings: parsed.values("set"))
        let policy = try settings.policy(named: parsed.value("policy") ?? "static")
        let seed = try parsed.value("seed", as: UInt64.self) ?? 1
        let loaded = try TraceLoading.read(path, parsed: parsed, io: io)
        guard !loaded.trace.isEmpty else { throw CommandFailure("\(path): the trace has no rows to replay", exitCode: .dataError) }
        if loaded.trace.targets.values.count > 10_000 {
            io.printError("warning: \(loaded.trace.targets.values.count) distinct targets, one breaker each; "
                          + "does the target column embed request IDs or URLs with parameters?")
        }
        let result: ReplayResult
        do {
            result = try TraceReplay.run(loaded.trace, configuration: settings.configuration, policy: policy, seed: seed)
        } catch {
            throw CommandFailure("\(path): \(error.message)", exitCode: .dataError)
        }

        if let eventsPath = parsed.value("events") {
            var lines = ""
            for transition in result.transitions {
                lines += try TraceLoading.json(transition, pretty: false) + "\n"
            }
            do {
                try lines.write(toFile: eventsPath, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot write \(eventsPath): \(error.localizedDescription)", exitCode: .cannotCreate)
            }
        }
        if parsed.flag("json") {
            io.print(try TraceLoading.json(result))
            return .success
        }
        io.print("replay: \(path), policy \(result.policy), one breaker per target (\(result.targets.count) targets)")
        if result.excludedRejectedRows > 0 {
            io.print("excluded: \(result.excludedRejectedRows) rows recorded as 'rejected' (true outcome unknown)")
        }
        io.print("")
        io.print("state changes (\(result.transitions.count)):")
        let trips = result.transitions.filter { $0.from == "CLOSED" && $0.to == "OPEN" }
        for transition in result.transitions {
            let mark = transition.insideIncident.map { $0 ? "  [inside incident]" : "  [outside incidents]" } ?? ""
            io.print("  \(UTCTimestamp.format(transition.time))  \(transition.target)  \(transition.from) -> \(transition.to)  \(transition.reason)\(mark)")
        }
        io.print("")
        var rows = [["target", "calls", "sent", "rejected", "failed sent", "failures avoided", "false rejects", "trips"]]
        for t in result.targets + [result.total] {
            rows.append([t.target, "\(t.calls)", "\(t.sent)", "\(t.rejected)", "\(t.failedSent)",
                         "\(t.rejectedWouldFail)", "\(t.falseRejects)", "\(t.trips)"])
        }
        for line in TraceLoading.table(rows) { io.print("  " + line) }
        let labelled = trips.compactMap(\.insideIncident)
        if !labelled.isEmpty {
            io.print("")
            io.print("trips inside labelled incidents: \(labelled.filter { $0 }.count) of \(labelled.count)")
        }
        io.print(String(format: "replay cost: %.0f ns per call", result.nanosecondsPerCall))
        return .success
    }
}
