import BreakerTraining
import Foundation

extension BenchmarkResult {
    /// A self-contained HTML report (`index.html` of `tripwise bench --report DIR`): inline CSS
    /// and SVG, no scripts, nothing fetched. The same headline table as ``renderMarkdown()``, a
    /// bar chart of total cost per policy with its 95 % interval, a Pareto scatter of false
    /// rejects against failed calls sent, and (when ``incidentTimelines`` is set) a timeline
    /// per incident window: the target's error rate and each policy's open periods.
    public func renderHTML() -> String {
        typealias C = SVGChart
        let e = C.escape
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\"><head><meta charset=\"utf-8\">")
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>Policy benchmark</title>")
        h.append("<style>\(Self.reportCSS)</style></head><body>")
        h.append("<h1>Policy benchmark</h1>")
        h.append("<p>Every policy replays the same held-out test trace, event-driven: a call is admitted or refused at its start "
                 + "and its outcome is recorded at start + latency. One breaker per target.</p>")
        h.append("<table class=\"files\"><thead><tr><th>trace</th><th>path</th><th class=\"num\">rows</th><th>SHA-256</th></tr></thead><tbody>")
        for file in traces {
            h.append("<tr><td>\(e(file.role))</td><td><code>\(e(file.path))</code></td><td class=\"num\">\(file.rows)</td>"
                     + "<td><code class=\"hash\">\(e(file.sha256 ?? "-"))</code></td></tr>")
        }
        h.append("</tbody></table>")
        h.append("<ul class=\"params\">")
        h.append("<li>Cost = \(e(Self.amount(costs.costFail))) · failed sent + \(e(Self.amount(costs.costReject))) · false rejects + "
                 + "\(e(Self.amount(costs.costTime))) · seconds on failed sent.</li>")
        h.append("<li>Test span \(e(Self.utc(testStart))) – \(e(Self.utc(testEnd)))"
                 + e(incidents.map { ", \($0) incidents (\(incidentRuns ?? $0) runs of healthy = 0 per target and region)" } ?? "")
                 + e(healthyHours.map { String(format: ", %.1f healthy target-hours", $0) } ?? "") + ".</li>")
        h.append("<li>Seed \(seed); paired block bootstrap, \(resamples) replicates over \(blocks) blocks of \(e(Self.amount(blockSeconds))) s.</li>")
        h.append("</ul>")

        // The headline table.
        h.append("<h2>Results</h2>")
        h.append("<div class=\"scroll\"><table class=\"results\"><thead><tr>")
        for (index, title) in Self.tableHeader.enumerated() { h.append("<th\(index == 0 ? "" : " class=\"num\"")>\(e(title))</th>") }
        h.append("</tr></thead><tbody>")
        for (policy, row) in zip(policies, tableRows()) {
            let classes = [policy.clairvoyant ? "clairvoyant" : nil, policy.policy == "static-best" ? "reference" : nil].compactMap { $0 }
            h.append("<tr\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>"
                     + row.enumerated().map { "<td\($0.offset == 0 ? "" : " class=\"num\"")>\(e($0.element))</td>" }.joined() + "</tr>")
        }
        h.append("</tbody></table></div>")
        if policies.contains(where: \.clairvoyant) {
            h.append("<p class=\"small\">* clairvoyant reference (sees the future), not a deployable policy.</p>")
        }

        h.append("<h2>Total cost per policy</h2>")
        h.append("<p class=\"small\">Bars: total cost on the test trace; whiskers: 95 % block-bootstrap interval. "
                 + "Grey hatched bars are clairvoyant references; the dashed line marks static-best.</p>")
        h.append(costChart())
        h.append("<h2>Failed calls sent vs false rejects</h2>")
        h.append("<p class=\"small\">Each point is a policy; lower and further left is better. The dashed line joins the deployable "
                 + "policies no other deployable policy beats on both counts (the Pareto front); hollow diamonds are clairvoyant references.</p>")
        h.append(paretoChart())

        if let timelines = incidentTimelines, !timelines.isEmpty {
            h.append("<h2>Incident timelines</h2>")
            h.append("<p class=\"small\">For the first \(timelines.count) incident windows (a target's incidents less than 5 min apart "
                     + "shown together): the target's error rate per \(e(Self.amount(timelines[0].binSeconds))) s "
                     + "(line, left scale), its incidents (healthy = 0, red), and for each policy the periods its breaker was "
                     + "<span class=\"key open\"></span> open or <span class=\"key half\"></span> half-open "
                     + "(for policies without a breaker: runs of rejected calls). Times UTC.</p>")
            for timeline in timelines { h.append(timelineChart(timeline)) }
        }

        if let diagnostics = modelDiagnostics, !diagnostics.isEmpty {
            h.append("<h2>Model ROC curves and calibration</h2>")
            h.append("<p class=\"small\">For each model policy, the test trace's rows scored as <code>tripwise evaluate</code> scores them "
                     + "(the model file's label, horizon and extractor constants; a row's label is its target's next call within the horizon). "
                     + "Left: ROC curve (false-positive rate against true-positive rate; the dot marks the model's threshold τ, the dashed "
                     + "diagonal a random score). Right: reliability diagram (mean predicted p(fail) against the observed rate per "
                     + "0.1-wide bin, labelled with its rows; bars below: rows per bin; empty bins omitted; the dashed diagonal is perfect calibration).</p>")
            for d in diagnostics {
                h.append("<h3>\(e(d.policy))</h3>")
                var facts = "\(d.featureSet), label \(d.label), horizon \(Self.finiteAmount(d.horizonSeconds)) s, τ = \(Self.fixed(d.threshold, 4)); "
                    + "\(d.rows) rows, \(d.positives) positive"
                if let roc = d.roc { facts += ", ROC-AUC \(Self.fixed(roc.auc, 4))" }
                if let ece = d.expectedCalibrationError { facts += ", ECE \(Self.fixed(ece, 4))" }
                h.append("<p class=\"small\">\(e(facts)).\(d.problem.map { " Not available: \(e($0))." } ?? "")</p>")
                h.append("<div class=\"pair\">")
                if let roc = d.roc { h.append(rocChart(d, roc)) }
                if d.calibration.contains(where: { $0.count > 0 && $0.meanPredicted != nil && $0.observedRate != nil }) {
                    h.append(reliabilityChart(d))
                }
                h.append("</div>")
            }
        }

        h.append("<h2>Counts</h2>")
        h.append("<div class=\"scroll\"><table><thead><tr><th>policy</th><th>what it is</th><th class=\"num\">calls</th><th class=\"num\">sent</th>"
                 + "<th class=\"num\">rejected</th><th class=\"num\">failures avoided</th><th class=\"num\">seconds on failed sent</th>"
                 + "<th class=\"num\">trips</th><th class=\"num\">false trips</th></tr></thead><tbody>")
        for p in policies {
            h.append("<tr><td>\(e(p.policy))</td><td>\(e(p.summary))</td><td class=\"num\">\(p.calls)</td><td class=\"num\">\(p.sent)</td>"
                     + "<td class=\"num\">\(p.rejected)</td><td class=\"num\">\(p.rejectedWouldFail)</td>"
                     + "<td class=\"num\">\(String(format: "%.1f", p.secondsOnFailedSent.isFinite ? p.secondsOnFailedSent : 0))</td>"
                     + "<td class=\"num\">\(p.trips)</td><td class=\"num\">\(p.falseTrips.map(String.init) ?? "-")</td></tr>")
        }
        h.append("</tbody></table></div>")
        if let staticBest {
            h.append("<h2>static-best</h2>")
            h.append("<p>Chosen on the training trace only: <strong>\(e(staticBest.chosen.description))</strong> "
                     + "(train cost \(e(Self.amount(staticBest.trainCost)))"
                     + e(staticBest.validationCost.map { ", validation cost \(Self.amount($0)), rank \(staticBest.validationRank ?? 0) of \(staticBest.gridSize) there" } ?? "")
                     + ").</p>")
            h.append("<p>Grid: \(e(staticBest.grid)).</p>")
            h.append("<p>Reproduce: <code>\(e("tripwise replay --policy static " + staticBest.replaySettings.map { "--set \($0)" }.joined(separator: " ")))</code></p>")
        }
        h.append("<h2>Definitions</h2><ul>")
        h.append("<li><strong>failed sent</strong>: admitted calls that failed or timed out; <strong>false rejects</strong>: refused calls that succeeded.</li>")
        h.append("<li><strong>Δ vs static-best</strong>: cost(policy) − cost(static-best); an interval entirely below 0 means cheaper on resampled traffic.</li>")
        h.append("<li><strong>gap closure</strong>: (cost(static-best) − cost(policy)) / (cost(static-best) − cost(hindsight)); 0 = static-best, 1 = hindsight.</li>")
        h.append("<li><strong>detection</strong>: incident start → first CLOSED→OPEN inside it (0 when already open); <strong>recovery</strong>: incident end → "
                 + "the breaker's next CLOSED, over detected incidents.</li>")
        h.append("<li><strong>false trips / healthy h</strong>: trips starting outside every incident of their target, per healthy target-hour.</li>")
        h.append("<li><strong>ns / call</strong>: replay wall time per call (noisy).</li></ul>")
        if !notes.isEmpty {
            h.append("<h2>Notes</h2><ul>")
            for note in notes { h.append("<li>\(e(note))</li>") }
            h.append("</ul>")
        }
        h.append("</body></html>")
        return h.joined(separator: "\n") + "\n"
    }

    static let reportCSS = """
        body{font:14px/1.45 -apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;max-width:1200px;margin:24px auto;padding:0 16px}\
        h1{font-size:24px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}\
        table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 8px;border-bottom:1px solid #e4e4e4;vertical-align:top}\
        th{background:#f5f5f5;text-align:left}.num{text-align:right;white-space:nowrap}\
        tr.clairvoyant td{color:#777;font-style:italic}tr.reference td{background:#fff6e8}\
        .scroll{overflow-x:auto}.small{color:#555;font-size:13px}code{font-size:12px}.hash{font-size:11px;color:#666}\
        svg{display:block;margin:8px 0 16px;max-width:100%;height:auto}svg text{font:12px sans-serif;fill:#333}\
        .pair{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}h3{font-size:15px;margin:20px 0 4px}\
        .key{display:inline-block;width:12px;height:10px;vertical-align:middle}.key.open{background:#3b6fb6}.key.half{background:#a9c3e8}
        """

    /// Room for the longest policy label left of a chart.
    var labelMargin: Double { min(360, max(150, Double((policies.map(\.policy.count).max() ?? 0) + 3) * 7 + 16)) }

    /// ``amount(_:)``, or `-` for a non-finite value.
    static func finiteAmount(_ value: Double) -> String { value.isFinite ? amount(value) : "-" }

    /// Colour of a policy's mark: grey for clairvoyant references, orange for static-best, blue otherwise.
    private static func color(_ p: PolicyResult) -> String {
        p.clairvoyant ? "#9a9a9a" : p.policy == "static-best" ? "#e08a1e" : "#3b6fb6"
    }

    /// Horizontal bars of total cost with 95 % whiskers.
    func costChart() -> String {
        typealias C = SVGChart
        let left = labelMargin, right = 70.0, top = 10.0, rowHeight = 26.0, width = 960.0
        let height = top + rowHeight * Double(policies.count) + 40
        let values = policies.flatMap { [$0.totalCost, $0.totalCostCI95.lower, $0.totalCostCI95.upper] }.filter(\.isFinite)
        let low = min(0, values.min() ?? 0)
        var high = max(values.max() ?? 1, low + 1)
        high += (high - low) * 0.02
        let x = C.Scale(domain: (low, high), range: (left, width - right))
        var s = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(C.n(width)) \(C.n(height))\" width=\"\(C.n(width))\" height=\"\(C.n(height))\" role=\"img\" aria-label=\"total cost per policy\">"]
        s.append("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                 + "<rect width=\"6\" height=\"6\" fill=\"#d6d6d6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#9a9a9a\" stroke-width=\"2\"/></pattern></defs>")
        let axisY = top + rowHeight * Double(policies.count)
        for tick in C.ticks(low, high, count: 8) {
            s.append("<line x1=\"\(C.n(x(tick)))\" y1=\"\(C.n(top))\" x2=\"\(C.n(x(tick)))\" y2=\"\(C.n(axisY))\" stroke=\"#eee\"/>")
            s.append("<text x=\"\(C.n(x(tick)))\" y=\"\(C.n(axisY + 16))\" text-anchor=\"middle\">\(C.escape(C.label(tick)))</text>")
        }
        s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(axisY))\" x2=\"\(C.n(width - right))\" y2=\"\(C.n(axisY))\" stroke=\"#888\"/>")
        s.append("<text x=\"\(C.n((left + width - right) / 2))\" y=\"\(C.n(axisY + 34))\" text-anchor=\"middle\">total cost</text>")
        for (index, p) in policies.enumerated() {
            let y = top + rowHeight * Double(index)
            let cost = p.totalCost.isFinite ? p.totalCost : 0
            let x0 = x(min(0, cost)), x1 = x(max(0, cost))
            s.append("<text x=\"\(C.n(left - 8))\" y=\"\(C.n(y + rowHeight / 2 + 4))\" text-anchor=\"end\">\(C.escape(p.policy + (p.clairvoyant ? " *" : "")))</text>")
            s.append("<rect x=\"\(C.n(x0))\" y=\"\(C.n(y + 4))\" width=\"\(C.n(max(0.5, x1 - x0)))\" height=\"\(C.n(rowHeight - 8))\" "
                     + "fill=\"\(p.clairvoyant ? "url(#hatch)" : Self.color(p))\"><title>\(C.escape("\(p.policy): \(Self.finiteAmount(cost)) [\(Self.finiteAmount(p.totalCostCI95.lower)), \(Self.finiteAmount(p.totalCostCI95.upper))]"))</title></rect>")
            let lo = p.totalCostCI95.lower, hi = p.totalCostCI95.upper
            if lo.isFinite, hi.isFinite {
                let mid = y + rowHeight / 2
                s.append("<path d=\"M\(C.n(x(lo))) \(C.n(mid))H\(C.n(x(hi)))M\(C.n(x(lo))) \(C.n(mid - 5))V\(C.n(mid + 5))M\(C.n(x(hi))) \(C.n(mid - 5))V\(C.n(mid + 5))\" stroke=\"#222\" stroke-width=\"1.3\" fill=\"none\"/>")
            }
            let labelX = x(max(cost, hi.isFinite ? hi : cost)) + 6
            s.append("<text x=\"\(C.n(labelX))\" y=\"\(C.n(y + rowHeight / 2 + 4))\">\(C.escape(Self.finiteAmount(cost)))</text>")
        }
        if let reference = policies.first(where: { $0.policy == "static-best" }), reference.totalCost.isFinite {
            s.append("<line x1=\"\(C.n(x(reference.totalCost)))\" y1=\"\(C.n(top))\" x2=\"\(C.n(x(reference.totalCost)))\" y2=\"\(C.n(axisY))\" stroke=\"#e08a1e\" stroke-dasharray=\"4 3\"/>")
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// False rejects (x) against failed calls sent (y), one labelled point per policy.
    func paretoChart() -> String {
        typealias C = SVGChart
        let width = 960.0, height = 520.0, left = 70.0, right = 30.0, top = 20.0, bottom = 50.0
        let maxX = Double(policies.map(\.falseRejects).max() ?? 1), maxY = Double(policies.map(\.failedSent).max() ?? 1)
        let x = C.Scale(domain: (0, max(1, maxX) * 1.08), range: (left, width - right))
        let y = C.Scale(domain: (0, max(1, maxY) * 1.08), range: (height - bottom, top))
        var s = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(C.n(width)) \(C.n(height))\" width=\"\(C.n(width))\" height=\"\(C.n(height))\" role=\"img\" aria-label=\"failed calls sent against false rejects\">"]
        for tick in C.ticks(0, max(1, maxX) * 1.08, count: 8) {
            s.append("<line x1=\"\(C.n(x(tick)))\" y1=\"\(C.n(top))\" x2=\"\(C.n(x(tick)))\" y2=\"\(C.n(height - bottom))\" stroke=\"#eee\"/>")
            s.append("<text x=\"\(C.n(x(tick)))\" y=\"\(C.n(height - bottom + 16))\" text-anchor=\"middle\">\(C.escape(C.label(tick)))</text>")
        }
        for tick in C.ticks(0, max(1, maxY) * 1.08, count: 6) {
            s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(y(tick)))\" x2=\"\(C.n(width - right))\" y2=\"\(C.n(y(tick)))\" stroke=\"#eee\"/>")
            s.append("<text x=\"\(C.n(left - 6))\" y=\"\(C.n(y(tick) + 4))\" text-anchor=\"end\">\(C.escape(C.label(tick)))</text>")
        }
        s.append("<path d=\"M\(C.n(left)) \(C.n(top))V\(C.n(height - bottom))H\(C.n(width - right))\" stroke=\"#888\" fill=\"none\"/>")
        s.append("<text x=\"\(C.n((left + width - right) / 2))\" y=\"\(C.n(height - 12))\" text-anchor=\"middle\">false rejects (refused calls that would have succeeded)</text>")
        s.append("<text transform=\"translate(18 \(C.n((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">failed calls sent</text>")
        // The Pareto front of deployable policies.
        let deployable = policies.filter { !$0.clairvoyant }
        let front = deployable.filter { p in
            !deployable.contains { q in
                q.falseRejects <= p.falseRejects && q.failedSent <= p.failedSent && (q.falseRejects < p.falseRejects || q.failedSent < p.failedSent)
            }
        }.sorted { ($0.falseRejects, $0.failedSent) < ($1.falseRejects, $1.failedSent) }
        if front.count > 1 {
            let path = front.enumerated().map { "\($0.offset == 0 ? "M" : "L")\(C.n(x(Double($0.element.falseRejects)))) \(C.n(y(Double($0.element.failedSent))))" }.joined()
            s.append("<path d=\"\(path)\" stroke=\"#3b6fb6\" stroke-dasharray=\"5 4\" fill=\"none\"/>")
        }
        var placed: [(x: Double, y: Double)] = []
        for p in policies {
            let px = x(Double(p.falseRejects)), py = y(Double(p.failedSent))
            let tip = "<title>\(C.escape("\(p.policy): \(p.falseRejects) false rejects, \(p.failedSent) failed sent, cost \(Self.finiteAmount(p.totalCost))"))</title>"
            if p.clairvoyant {
                s.append("<path d=\"M\(C.n(px)) \(C.n(py - 6))L\(C.n(px + 6)) \(C.n(py))L\(C.n(px)) \(C.n(py + 6))L\(C.n(px - 6)) \(C.n(py))Z\" fill=\"#fff\" stroke=\"#777\" stroke-width=\"1.5\">\(tip)</path>")
            } else {
                s.append("<circle cx=\"\(C.n(px))\" cy=\"\(C.n(py))\" r=\"5\" fill=\"\(Self.color(p))\">\(tip)</circle>")
            }
            // Nudge the label down while it would overlap an earlier one.
            var lx = px + 8, ly = py - 6
            let labelWidth = Double(p.policy.count + 2) * 6.5
            if lx + labelWidth > width - right { lx = px - 8 - labelWidth }
            var tries = 0
            while tries < 12, placed.contains(where: { abs($0.y - ly) < 13 && abs($0.x - lx) < labelWidth }) {
                ly += 13
                tries += 1
            }
            placed.append((lx, ly))
            s.append("<text x=\"\(C.n(lx))\" y=\"\(C.n(ly))\">\(C.escape(p.policy + (p.clairvoyant ? " *" : "")))</text>")
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// `value` with `digits` decimals, or `-` when not finite.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "-"
    }

    /// A square 0…1 × 0…1 frame with grid, tick labels, axis titles and the dashed diagonal.
    private static func unitFrame(_ s: inout [String], x: SVGChart.Scale, y: SVGChart.Scale,
                                  left: Double, top: Double, size: Double, xTitle: String, yTitle: String) {
        typealias C = SVGChart
        for tick in stride(from: 0.0, through: 1.0001, by: 0.2) {
            s.append("<line x1=\"\(C.n(x(tick)))\" y1=\"\(C.n(top))\" x2=\"\(C.n(x(tick)))\" y2=\"\(C.n(top + size))\" stroke=\"#eee\"/>")
            s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(y(tick)))\" x2=\"\(C.n(left + size))\" y2=\"\(C.n(y(tick)))\" stroke=\"#eee\"/>")
            s.append("<text x=\"\(C.n(x(tick)))\" y=\"\(C.n(top + size + 16))\" text-anchor=\"middle\">\(fixed(tick, 1))</text>")
            s.append("<text x=\"\(C.n(left - 6))\" y=\"\(C.n(y(tick) + 4))\" text-anchor=\"end\">\(fixed(tick, 1))</text>")
        }
        s.append("<rect x=\"\(C.n(left))\" y=\"\(C.n(top))\" width=\"\(C.n(size))\" height=\"\(C.n(size))\" fill=\"none\" stroke=\"#888\"/>")
        s.append("<line x1=\"\(C.n(x(0)))\" y1=\"\(C.n(y(0)))\" x2=\"\(C.n(x(1)))\" y2=\"\(C.n(y(1)))\" stroke=\"#999\" stroke-dasharray=\"5 4\"/>")
        s.append("<text x=\"\(C.n(left + size / 2))\" y=\"\(C.n(top + size + 34))\" text-anchor=\"middle\">\(C.escape(xTitle))</text>")
        s.append("<text transform=\"translate(16 \(C.n(top + size / 2))) rotate(-90)\" text-anchor=\"middle\">\(C.escape(yTitle))</text>")
    }

    /// A model's ROC curve: false-positive rate (x) against true-positive rate (y).
    func rocChart(_ d: ModelDiagnostics, _ roc: ROCCurve) -> String {
        typealias C = SVGChart
        let left = 56.0, top = 30.0, size = 360.0, width = 440.0, height = top + size + 46
        let x = C.Scale(domain: (0, 1), range: (left, left + size))
        let y = C.Scale(domain: (0, 1), range: (top + size, top))
        var s = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(C.n(width)) \(C.n(height))\" width=\"\(C.n(width))\" height=\"\(C.n(height))\" role=\"img\" aria-label=\"ROC curve\">"]
        s.append("<text x=\"\(C.n(left))\" y=\"16\" style=\"font-weight:bold\">\(C.escape("\(d.policy): ROC, AUC \(Self.fixed(roc.auc, 4))"))</text>")
        Self.unitFrame(&s, x: x, y: y, left: left, top: top, size: size, xTitle: "false-positive rate", yTitle: "true-positive rate")
        var path = ""
        for point in roc.points where point.falsePositiveRate.isFinite && point.truePositiveRate.isFinite {
            path += (path.isEmpty ? "M" : "L") + "\(C.n(x(point.falsePositiveRate))) \(C.n(y(point.truePositiveRate)))"
        }
        if !path.isEmpty { s.append("<path d=\"\(path)\" stroke=\"#3b6fb6\" stroke-width=\"2\" fill=\"none\"/>") }
        // The operating point: the lowest plotted threshold still above τ (rows scoring above τ trip).
        if let point = roc.points.last(where: { $0.threshold > d.threshold }),
           point.falsePositiveRate.isFinite, point.truePositiveRate.isFinite {
            let px = x(point.falsePositiveRate), py = y(point.truePositiveRate)
            s.append("<circle cx=\"\(C.n(px))\" cy=\"\(C.n(py))\" r=\"4.5\" fill=\"#e08a1e\" stroke=\"#222\"><title>\(C.escape("τ = \(Self.fixed(d.threshold, 4)): FPR \(Self.fixed(point.falsePositiveRate, 4)), TPR \(Self.fixed(point.truePositiveRate, 4))"))</title></circle>")
            s.append("<text x=\"\(C.n(min(px + 8, left + size - 60)))\" y=\"\(C.n(max(py + 16, top + 14)))\">τ = \(C.escape(Self.fixed(d.threshold, 3)))</text>")
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// A model's reliability diagram: mean predicted (x) against observed rate (y) per
    /// calibration bin, labelled with its rows, and a bar strip of rows per bin below.
    func reliabilityChart(_ d: ModelDiagnostics) -> String {
        typealias C = SVGChart
        let left = 56.0, top = 30.0, size = 360.0, strip = 50.0, width = 440.0
        let stripTop = top + size + 46, height = stripTop + strip + 22
        let x = C.Scale(domain: (0, 1), range: (left, left + size))
        let y = C.Scale(domain: (0, 1), range: (top + size, top))
        let bins = d.calibration.filter { bin in
            bin.count > 0 && (bin.meanPredicted?.isFinite ?? false) && (bin.observedRate?.isFinite ?? false)
        }
        var s = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(C.n(width)) \(C.n(height))\" width=\"\(C.n(width))\" height=\"\(C.n(height))\" role=\"img\" aria-label=\"calibration\">"]
        let ece = d.expectedCalibrationError.map { ", ECE \(Self.fixed($0, 4))" } ?? ""
        s.append("<text x=\"\(C.n(left))\" y=\"16\" style=\"font-weight:bold\">\(C.escape("\(d.policy): calibration\(ece)"))</text>")
        Self.unitFrame(&s, x: x, y: y, left: left, top: top, size: size, xTitle: "mean predicted p(fail)", yTitle: "observed rate")
        var path = ""
        for bin in bins {
            guard let mean = bin.meanPredicted, let observed = bin.observedRate else { continue }
            path += (path.isEmpty ? "M" : "L") + "\(C.n(x(mean))) \(C.n(y(observed)))"
        }
        if !path.isEmpty { s.append("<path d=\"\(path)\" stroke=\"#3b6fb6\" stroke-width=\"1.5\" fill=\"none\"/>") }
        var placed: [(x: Double, y: Double)] = []
        for bin in bins {
            guard let mean = bin.meanPredicted, let observed = bin.observedRate else { continue }
            let px = x(mean), py = y(observed)
            let edges = "[\(Self.fixed(bin.lowerBound, 1)), \(Self.fixed(bin.upperBound, 1))\(bin.upperBound >= 1 ? "]" : ")")"
            s.append("<circle cx=\"\(C.n(px))\" cy=\"\(C.n(py))\" r=\"4\" fill=\"#3b6fb6\"><title>\(C.escape("\(edges): \(bin.count) rows, mean p \(Self.fixed(mean, 4)), observed \(Self.fixed(observed, 4))"))</title></circle>")
            let text = "n=\(bin.count)"
            var lx = px + 7, ly = py - 7
            if lx + Double(text.count) * 6.5 > left + size { lx = px - 7 - Double(text.count) * 6.5 }
            if ly < top + 12 { ly = py + 16 }
            var tries = 0
            while tries < 8, placed.contains(where: { abs($0.y - ly) < 12 && abs($0.x - lx) < 50 }) {
                ly += 12
                tries += 1
            }
            placed.append((lx, ly))
            s.append("<text x=\"\(C.n(lx))\" y=\"\(C.n(ly))\" style=\"font-size:11px\">\(C.escape(text))</text>")
        }
        // Rows per bin, on a square-root scale so small bins stay visible.
        let maxCount = Double(d.calibration.map(\.count).max() ?? 0)
        s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(stripTop + strip))\" x2=\"\(C.n(left + size))\" y2=\"\(C.n(stripTop + strip))\" stroke=\"#888\"/>")
        if maxCount > 0 {
            for bin in d.calibration where bin.count > 0 {
                let barHeight = max(1, strip * (Double(bin.count) / maxCount).squareRoot())
                let x0 = x(bin.lowerBound) + 2, x1 = x(bin.upperBound) - 2
                s.append("<rect x=\"\(C.n(x0))\" y=\"\(C.n(stripTop + strip - barHeight))\" width=\"\(C.n(max(1, x1 - x0)))\" height=\"\(C.n(barHeight))\" fill=\"#a9c3e8\"><title>\(C.escape("\(bin.count) rows"))</title></rect>")
            }
        }
        s.append("<text x=\"\(C.n(left - 6))\" y=\"\(C.n(stripTop + strip / 2 + 4))\" text-anchor=\"end\">rows</text>")
        s.append("<text x=\"\(C.n(left + size / 2))\" y=\"\(C.n(stripTop + strip + 16))\" text-anchor=\"middle\" style=\"font-size:11px\">rows per bin (√ scale, largest \(Int(maxCount)))</text>")
        s.append("</svg>")
        return s.joined(separator: "\n")
    }

    /// One incident window: error rate on top, one band row per policy below.
    func timelineChart(_ t: IncidentTimeline) -> String {
        typealias C = SVGChart
        let width = 960.0, left = labelMargin, right = 20.0, top = 28.0, rateHeight = 80.0, rowHeight = 16.0
        let rowsTop = top + rateHeight + 10 + rowHeight // one row for the incidents
        let height = rowsTop + rowHeight * Double(t.policies.count) + 30
        let x = C.Scale(domain: (t.start, t.end), range: (left, width - right))
        let y = C.Scale(domain: (0, 1), range: (top + rateHeight, top))
        var s = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(C.n(width)) \(C.n(height))\" width=\"\(C.n(width))\" height=\"\(C.n(height))\" role=\"img\" aria-label=\"incident timeline\">"]
        let title = "\(t.target): \(C.clock(t.start)) – \(C.clock(t.end)) UTC, \(t.incidents.count) incident\(t.incidents.count == 1 ? "" : "s")"
        s.append("<text x=\"\(C.n(left))\" y=\"16\" style=\"font-weight:bold\">\(C.escape(title))</text>")
        // Incidents shaded behind everything.
        let bottom = rowsTop + rowHeight * Double(t.policies.count)
        for incident in t.incidents {
            s.append("<rect x=\"\(C.n(x(incident.start)))\" y=\"\(C.n(top))\" width=\"\(C.n(max(1, x(incident.end) - x(incident.start))))\" height=\"\(C.n(bottom - top))\" fill=\"#fbe3e3\"/>")
        }
        // Time ticks.
        let span = t.end - t.start
        let step = [10.0, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].first { span / $0 <= 10 } ?? 14_400
        var tick = (t.start / step).rounded(.up) * step
        while tick <= t.end {
            s.append("<line x1=\"\(C.n(x(tick)))\" y1=\"\(C.n(top))\" x2=\"\(C.n(x(tick)))\" y2=\"\(C.n(bottom))\" stroke=\"#eee\"/>")
            s.append("<text x=\"\(C.n(x(tick)))\" y=\"\(C.n(bottom + 16))\" text-anchor=\"middle\">\(C.clock(tick))</text>")
            tick += step
        }
        // Error rate.
        for value in [0.0, 0.5, 1.0] {
            s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(y(value)))\" x2=\"\(C.n(width - right))\" y2=\"\(C.n(y(value)))\" stroke=\"#ddd\"/>")
            s.append("<text x=\"\(C.n(left - 6))\" y=\"\(C.n(y(value) + 4))\" text-anchor=\"end\">\(Int(value * 100)) %</text>")
        }
        s.append("<text x=\"\(C.n(left - 50))\" y=\"\(C.n(top + rateHeight / 2 + 4))\" text-anchor=\"end\">error rate</text>")
        var path = ""
        var drawing = false
        for (bin, rate) in t.errorRate.enumerated() {
            guard let rate, rate.isFinite else { drawing = false; continue }
            let x0 = x(t.start + Double(bin) * t.binSeconds), x1 = x(min(t.end, t.start + Double(bin + 1) * t.binSeconds))
            path += (drawing ? "L" : "M") + "\(C.n(x0)) \(C.n(y(rate)))H\(C.n(x1))"
            drawing = true
        }
        if !path.isEmpty { s.append("<path d=\"\(path)\" stroke=\"#c0392b\" stroke-width=\"1.5\" fill=\"none\"/>") }
        // Incident row.
        let incidentY = top + rateHeight + 10
        s.append("<text x=\"\(C.n(left - 8))\" y=\"\(C.n(incidentY + 12))\" text-anchor=\"end\">healthy = 0</text>")
        for incident in t.incidents {
            s.append("<rect x=\"\(C.n(x(incident.start)))\" y=\"\(C.n(incidentY + 3))\" width=\"\(C.n(max(1, x(incident.end) - x(incident.start))))\" height=\"\(C.n(rowHeight - 6))\" fill=\"#c0392b\"/>")
        }
        // Policies.
        for (index, bands) in t.policies.enumerated() {
            let rowY = rowsTop + rowHeight * Double(index)
            let clairvoyant = policies.first { $0.policy == bands.policy }?.clairvoyant ?? false
            s.append("<text x=\"\(C.n(left - 8))\" y=\"\(C.n(rowY + 12))\" text-anchor=\"end\">\(C.escape(bands.policy + (clairvoyant ? " *" : "")))</text>")
            s.append("<line x1=\"\(C.n(left))\" y1=\"\(C.n(rowY + rowHeight / 2))\" x2=\"\(C.n(width - right))\" y2=\"\(C.n(rowY + rowHeight / 2))\" stroke=\"#e6e6e6\"/>")
            for span in bands.spans {
                let color = span.state == "open" ? (clairvoyant ? "#8a8a8a" : "#3b6fb6") : (clairvoyant ? "#c8c8c8" : "#a9c3e8")
                s.append("<rect x=\"\(C.n(x(span.start)))\" y=\"\(C.n(rowY + 2))\" width=\"\(C.n(max(0.8, x(span.end) - x(span.start))))\" height=\"\(C.n(rowHeight - 4))\" fill=\"\(color)\"/>")
            }
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }
}
