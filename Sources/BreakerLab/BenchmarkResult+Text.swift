import Foundation

extension BenchmarkResult {
    /// The column headers of ``tableRows()``.
    public static let tableHeader = [
        "policy", "cost [95% CI]", "Δ vs static-best [95% CI]", "gap closure", "failed sent", "false rejects",
        "detection median / worst", "recovery median / worst", "false trips / healthy h", "state changes / h", "ns / call",
    ]

    /// One row of cells per policy, in ``tableHeader``'s order: what the text and Markdown
    /// reports print. Missing figures are `-`; delays are seconds.
    public func tableRows() -> [[String]] {
        policies.map { p in
            [
                p.policy + (p.clairvoyant ? " *" : ""),
                "\(Self.amount(p.totalCost)) [\(Self.amount(p.totalCostCI95.lower)), \(Self.amount(p.totalCostCI95.upper))]",
                p.costDeltaVsStaticBest.map { delta in
                    Self.signed(delta) + (p.costDeltaCI95.map { " [\(Self.signed($0.lower)), \(Self.signed($0.upper))]" } ?? "")
                } ?? "-",
                p.gapClosure.map { String(format: "%.2f", $0) } ?? "-",
                "\(p.failedSent)",
                "\(p.falseRejects)",
                p.detectionDelay.map { d in
                    Self.delays(d.medianSeconds, d.worstSeconds) + (d.missed > 0 ? " (\(d.missed) missed)" : "")
                } ?? "-",
                p.recoveryDelay.map { r in
                    Self.delays(r.medianSeconds, r.worstSeconds) + (r.neverClosed > 0 ? " (\(r.neverClosed) never)" : "")
                } ?? "-",
                p.falseTripsPerHealthyHour.map { String(format: "%.2f", $0) } ?? "-",
                String(format: "%.1f", p.stateChangesPerHour),
                String(format: "%.0f", p.decisionNanosecondsPerCall),
            ]
        }
    }

    /// The report `tripwise bench` prints: parameters, the table, the static-best choice, notes.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("tripwise bench: \(policies.count) policies replayed over the test trace, event-driven, one breaker per target")
        for file in traces {
            lines.append("  \(file.role): \(file.path) (\(file.rows) rows\(file.sha256.map { ", sha256 \($0)" } ?? ""))")
        }
        lines.append("  test span: \(Self.utc(testStart)) – \(Self.utc(testEnd)) (\(String(format: "%.2f", (testEnd - testStart) / 3600)) h)"
                     + (incidents.map { ", \($0) incidents (\(incidentRuns ?? $0) runs of healthy = 0 per target and region)" } ?? "")
                     + (excludedRejectedRows > 0 ? ", \(excludedRejectedRows) rows recorded as 'rejected' excluded" : ""))
        lines.append("  cost = \(Self.amount(costs.costFail)) · failed sent + \(Self.amount(costs.costReject)) · false rejects + "
                     + "\(Self.amount(costs.costTime)) · seconds on failed sent; seed \(seed); "
                     + "bootstrap \(resamples) × \(blocks) blocks of \(Self.amount(blockSeconds)) s")
        lines.append("")
        let header = Self.tableHeader
        let rows = [header] + tableRows()
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return column == 0 ? cell + pad : pad + cell
            }
            lines.append("  " + cells.joined(separator: "  "))
            if index == 0 { lines.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        if policies.contains(where: \.clairvoyant) { lines.append("  * clairvoyant reference (sees the future), not a deployable policy") }
        lines.append("")
        if let staticBest {
            lines.append("static-best (chosen on the training trace only, \(staticBest.gridSize) configurations): \(staticBest.chosen)")
            lines.append("  train cost \(Self.amount(staticBest.trainCost))"
                         + (staticBest.validationCost.map { cost in
                             ", validation cost \(Self.amount(cost)) (rank \(staticBest.validationRank ?? 0) of \(staticBest.gridSize); "
                                 + "cheapest on validation \(Self.amount(staticBest.bestValidationCost ?? cost)))"
                         } ?? ""))
            lines.append("  reproduce: tripwise replay --policy static " + staticBest.replaySettings.map { "--set \($0)" }.joined(separator: " "))
            lines.append("  grid: \(staticBest.grid)")
            lines.append("  cheapest on train:")
            for candidate in staticBest.topOnTrain {
                lines.append("    \(Self.amount(candidate.totalCost))  \(candidate.settings)")
            }
            lines.append("")
        }
        lines.append("notes:")
        for note in notes { lines.append("  - \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A cost: whole numbers without decimals, others with one.
    static func amount(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }

    static func signed(_ value: Double) -> String {
        (value > 0 ? "+" : "") + amount(value)
    }

    static func delays(_ median: Double?, _ worst: Double?) -> String {
        guard let median, let worst else { return "-" }
        return String(format: "%.1f / %.1f s", median, worst)
    }

    static func utc(_ time: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: time))
    }
}
