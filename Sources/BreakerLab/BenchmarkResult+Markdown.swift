import Foundation

extension BenchmarkResult {
    /// A Markdown report (`README.md` of `tripwise bench --report DIR`): parameters, the table,
    /// the static-best choice, the definitions of the figures and the notes.
    public func renderMarkdown() -> String {
        func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["# Policy benchmark", ""]
        lines.append("Every policy replays the same held-out test trace, event-driven: a call is admitted or refused at "
                     + "its start and its outcome is recorded at start + latency. One breaker per target.")
        lines.append("")
        lines.append("| trace | path | rows | SHA-256 |")
        lines.append("|---|---|---:|---|")
        for file in traces { lines.append("| \(file.role) | `\(cell(file.path))` | \(file.rows) | \(file.sha256.map { "`\($0)`" } ?? "-") |") }
        lines.append("")
        lines.append("- Cost = \(Self.amount(costs.costFail)) · failed sent + \(Self.amount(costs.costReject)) · false rejects + "
                     + "\(Self.amount(costs.costTime)) · seconds on failed sent.")
        lines.append("- Test span \(Self.utc(testStart)) – \(Self.utc(testEnd))" + (incidents.map { ", \($0) incidents (\(incidentRuns ?? $0) runs of healthy = 0 per target and region)" } ?? "")
                     + (healthyHours.map { String(format: ", %.1f healthy target-hours", $0) } ?? "") + ".")
        lines.append("- Seed \(seed); paired block bootstrap, \(resamples) replicates over \(blocks) blocks of \(Self.amount(blockSeconds)) s.")
        lines.append("")
        lines.append("| " + Self.tableHeader.map(cell).joined(separator: " | ") + " |")
        lines.append("|---|" + String(repeating: "---:|", count: Self.tableHeader.count - 1))
        for row in tableRows() { lines.append("| " + row.map(cell).joined(separator: " | ") + " |") }
        lines.append("")
        if policies.contains(where: \.clairvoyant) { lines.append("\\* clairvoyant reference (sees the future), not a deployable policy.") }
        lines.append("")
        lines.append("| policy | what it is | calls | sent | rejected | failures avoided | seconds on failed sent | trips | false trips |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for p in policies {
            lines.append("| \(cell(p.policy)) | \(cell(p.summary)) | \(p.calls) | \(p.sent) | \(p.rejected) | \(p.rejectedWouldFail) | "
                         + "\(String(format: "%.1f", p.secondsOnFailedSent)) | \(p.trips) | \(p.falseTrips.map(String.init) ?? "-") |")
        }
        if let staticBest {
            lines.append("")
            lines.append("## static-best")
            lines.append("")
            lines.append("Chosen on the training trace only: **\(cell(staticBest.chosen.description))** "
                         + "(train cost \(Self.amount(staticBest.trainCost))"
                         + (staticBest.validationCost.map { ", validation cost \(Self.amount($0)), rank \(staticBest.validationRank ?? 0) of \(staticBest.gridSize) there" } ?? "")
                         + ").")
            lines.append("")
            lines.append("Grid: \(cell(staticBest.grid)).")
            lines.append("")
            lines.append("Reproduce: `tripwise replay --policy static " + staticBest.replaySettings.map { "--set \($0)" }.joined(separator: " ") + "`")
        }
        lines.append("")
        lines.append("## Definitions")
        lines.append("")
        lines.append("- **failed sent**: admitted calls that failed or timed out; **false rejects**: refused calls that succeeded.")
        lines.append("- **Δ vs static-best**: cost(policy) − cost(static-best); an interval entirely below 0 means cheaper on resampled traffic.")
        lines.append("- **gap closure**: (cost(static-best) − cost(policy)) / (cost(static-best) − cost(hindsight)); 0 = static-best, 1 = hindsight.")
        lines.append("- **detection**: incident start → first CLOSED→OPEN inside it (0 when already open); **recovery**: incident end → "
                     + "the breaker's next CLOSED, over detected incidents. Incidents are runs of healthy = 0 per target and region, a target's runs that overlap in time merged (breakers are per target).")
        lines.append("- **false trips / healthy h**: trips starting outside every incident of their target, per healthy target-hour.")
        lines.append("- **ns / call**: replay wall time per call (noisy).")
        lines.append("")
        lines.append("## Notes")
        lines.append("")
        for note in notes { lines.append("- \(cell(note))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
