import BreakerCore
import Foundation

extension DemoRun {
    /// The human-readable report `tripwise demo` prints: the scenario, the state timeline and a
    /// table of what the dependency saw with and without the breaker.
    public func renderText() -> String {
        var lines: [String] = []
        let c = scenario.configuration
        lines.append("Tripwise demo: one dependency, one breaker, a seeded simulation on a manual clock (seed \(scenario.seed))")
        lines.append("Traffic: Poisson arrivals, \(Self.number(scenario.callsPerSecond)) calls/s for \(Self.seconds(scenario.totalDuration))")
        var start = Duration.zero
        let phaseText = scenario.phases.map { phase -> String in
            defer { start += phase.duration }
            return "\(Self.seconds(start))–\(Self.seconds(start + phase.duration)) \(phase.name) (\(Self.percent(phase.failureProbability)) failing)"
        }
        lines.append("Dependency: " + phaseText.joined(separator: ", "))
        lines.append("Breaker: \(c.slidingWindow), minimum \(c.minimumNumberOfCalls) calls, trips at \(Self.number(c.failureRateThreshold)) % failures, "
                     + "open \(Self.seconds(c.waitDurationInOpenState)) (×\(Self.number(c.openStateBackoff.multiplier)) per failed probe"
                     + (c.openStateBackoff.maximum.map { ", max \(Self.seconds($0))" } ?? "") + "), "
                     + "\(c.permittedCallsInHalfOpenState) trial calls")
        lines.append("")
        lines.append("State timeline:")
        lines.append("  \(Self.pad("0.000 s", 10))  CLOSED")
        for transition in transitions {
            let at = String(format: "%.3f s", transition.at.secondsAsDouble)
            lines.append("  \(Self.pad(at, 10))  \(Self.padRight("\(transition.from) -> \(transition.to)", 24)) [\(transition.phase)]")
        }
        lines.append("")
        lines.append("Calls per phase (without breaker: every call is sent):")
        let header = ["phase", "calls", "failed sent w/o", "failed sent with", "rejected", "false rejects", "s waiting on failures w/o", "with"]
        var rows = [header]
        for tally in phases + [total] {
            rows.append([tally.name, "\(tally.calls)", "\(tally.failingCalls)", "\(tally.failedSent)",
                         "\(tally.rejected)", "\(tally.falseRejects)",
                         String(format: "%.1f", tally.timeOnFailedWithout.secondsAsDouble),
                         String(format: "%.1f", tally.timeOnFailedSent.secondsAsDouble)])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in
                column == 0 ? Self.padRight(cell, widths[column]) : Self.pad(cell, widths[column])
            }
            lines.append("  " + cells.joined(separator: "  "))
            if index == 0 || index == rows.count - 2 {
                lines.append("  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
        }
        let all = total
        lines.append("")
        let avoided = all.failingCalls - all.failedSent
        let share = all.failingCalls > 0 ? Double(avoided) / Double(all.failingCalls) : 0
        lines.append("Failed calls sent to the dependency: \(all.failingCalls) without the breaker, \(all.failedSent) with it "
                     + "(\(avoided) avoided, \(Self.percent(share))), at the price of \(all.falseRejects) rejected calls that would have succeeded.")
        return lines.joined(separator: "\n") + "\n"
    }

    static func seconds(_ duration: Duration) -> String {
        let value = duration.secondsAsDouble
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.0f %%", fraction * 100)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
