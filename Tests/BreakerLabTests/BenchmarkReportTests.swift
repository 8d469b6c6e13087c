import Foundation
import Testing
import TraceKit
@testable import BreakerLab

@Suite("BenchmarkReport HTML")
struct BenchmarkReportTests {
    static func result() throws -> BenchmarkResult {
        let train = BenchFixtures.generated(.suddenOutage, seed: 21)
        let test = BenchFixtures.generated(.suddenOutage, seed: 22, start: ScenarioSpec.defaultStart + 86_400)
        return try PolicyBenchmark.run(policies: [.never, .oracle, .hindsight, .staticBest, .sre(multiplier: 2), .consecutive(threshold: 5)],
                                       train: train, test: test, options: BenchFixtures.options(resamples: 100))
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test("the report is self-contained, balanced and names every policy")
    func wellFormed() throws {
        let result = try Self.result()
        let html = result.renderHTML()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("</html>"))
        let opened = Self.count("<svg", in: html), closed = Self.count("</svg>", in: html)
        #expect(opened == closed)
        #expect(opened >= 2, "cost chart and Pareto scatter")
        for tag in ["table", "tr", "td", "th", "text", "ul", "li", "p", "title"] {
            #expect(Self.count("<\(tag)>", in: html) + Self.count("<\(tag) ", in: html) == Self.count("</\(tag)>", in: html), "<\(tag)>")
        }
        for policy in result.policies { #expect(html.contains(policy.policy), "\(policy.policy)") }
        let lower = html.lowercased()
        for bad in ["nan", "inf<", ">inf", "\"inf", "-inf", "infinity"] { #expect(!lower.contains(bad), "\(bad)") }
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        let timelines = try #require(result.incidentTimelines)
        #expect(!timelines.isEmpty, "the outage gives an incident timeline")
        #expect(Self.count("aria-label=\"incident timeline\"", in: html) == timelines.count)
        for timeline in timelines {
            #expect(timeline.policies.map(\.policy) == result.policies.map(\.policy))
            #expect(timeline.calls.count == timeline.errorRate.count)
            for rate in timeline.errorRate.compactMap({ $0 }) { #expect((0...1).contains(rate)) }
        }
        let oracle = try #require(timelines[0].policies.first { $0.policy == "oracle" })
        #expect(!oracle.spans.isEmpty, "the oracle rejects during the outage")
        let never = try #require(timelines[0].policies.first { $0.policy == "never" })
        #expect(never.spans.isEmpty)
    }

    @Test("names and notes are escaped; non-finite figures never print")
    func escaping() throws {
        var result = try Self.result()
        result.policies[0].policy = "model:<evil>&\"x\".json"
        result.policies[1].totalCost = .nan
        result.policies[1].totalCostCI95 = BlockBootstrap.Interval(lower: -.infinity, upper: .infinity)
        result.notes.append("a <b> note")
        result.incidentTimelines = result.incidentTimelines.map { timelines in
            timelines.map { var t = $0; t.policies[0].policy = result.policies[0].policy; return t }
        }
        let html = result.renderHTML()
        #expect(!html.contains("<evil>"))
        #expect(html.contains("model:&lt;evil&gt;&amp;&quot;x&quot;.json"))
        #expect(!html.contains("a <b> note"))
        #expect(html.contains("a &lt;b&gt; note"))
        let svgOnly = html.components(separatedBy: "<svg").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }.joined()
        #expect(!svgOnly.lowercased().contains("nan"))
        #expect(!svgOnly.lowercased().contains("inf"))
        #expect(Self.count("<svg", in: html) == Self.count("</svg>", in: html))
    }

    @Test("the JSON encoding does not include the timelines")
    func jsonUnchanged() throws {
        let result = try Self.result()
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("incidentTimelines"))
        let decoded = try JSONDecoder().decode(BenchmarkResult.self, from: data)
        #expect(decoded.incidentTimelines == nil)
        #expect(decoded.policies == result.policies)
    }

    @Test("model policies get a ROC curve and a reliability diagram, not in the JSON")
    func modelDiagnostics() throws {
        let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("models/logistic-next-call.json").path
        let train = BenchFixtures.generated(.suddenOutage, seed: 21)
        let test = BenchFixtures.generated(.suddenOutage, seed: 22, start: ScenarioSpec.defaultStart + 86_400)
        let result = try PolicyBenchmark.run(policies: [.never, .staticBest, .model(path: modelPath)],
                                             train: train, test: test, options: BenchFixtures.options(resamples: 50))
        let diagnostics = try #require(result.modelDiagnostics)
        #expect(diagnostics.count == 1)
        let d = diagnostics[0]
        #expect(d.policy == "model:\(modelPath)")
        #expect(d.problem == nil)
        #expect(d.rows > 0 && d.positives > 0 && d.positives < d.rows)
        let roc = try #require(d.roc)
        #expect(roc.points.count >= 2 && roc.points.count <= 200)
        #expect((0...1).contains(roc.auc))
        #expect(d.calibration.count == 10)
        #expect(d.calibration.reduce(0) { $0 + $1.count } == d.rows)

        let html = result.renderHTML()
        #expect(Self.count("aria-label=\"ROC curve\"", in: html) == 1)
        #expect(Self.count("aria-label=\"calibration\"", in: html) == 1)
        #expect(Self.count("<svg", in: html) == Self.count("</svg>", in: html))
        let auc = String(format: "%.4f", roc.auc)
        #expect(html.contains(SVGChart.escape("model:\(modelPath): ROC, AUC \(auc)")))
        #expect(html.contains(SVGChart.escape("model:\(modelPath): calibration")))
        for tag in ["text", "title", "div", "h3"] {
            #expect(Self.count("<\(tag)>", in: html) + Self.count("<\(tag) ", in: html) == Self.count("</\(tag)>", in: html), "<\(tag)>")
        }
        let svgOnly = html.components(separatedBy: "<svg").dropFirst().map { $0.components(separatedBy: "</svg>")[0] }.joined()
        #expect(!svgOnly.lowercased().contains("nan"))
        #expect(!svgOnly.lowercased().contains("inf"))
        for bin in d.calibration where bin.count > 0 { #expect(html.contains(">n=\(bin.count)<")) }

        let text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(!text.contains("modelDiagnostics"))
        #expect(try JSONDecoder().decode(BenchmarkResult.self, from: Data(text.utf8)).modelDiagnostics == nil)

        // A hostile name is escaped in the new charts too.
        var hostile = result
        hostile.modelDiagnostics?[0].policy = "model:<evil>&.json"
        let escaped = hostile.renderHTML()
        #expect(!escaped.contains("<evil>"))
        #expect(escaped.contains("model:&lt;evil&gt;&amp;.json: ROC"))
    }
}
