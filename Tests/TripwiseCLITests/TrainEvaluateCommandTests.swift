import BreakerInference
import Foundation
import Testing
import TraceKit
@testable import TripwiseCLI

@Suite("tripwise train logistic and evaluate")
struct TrainEvaluateCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func run(_ arguments: [String]) -> (ExitCode, String, String) {
        let out = OutputBuffer()
        let err = OutputBuffer()
        let code = TripwiseCommandLine.run(arguments: arguments, output: out.sink, error: err.sink)
        return (code, out.text, err.text)
    }

    /// The number after `"key" :` in JSON text, parsed with `Double(String)` (correctly rounded;
    /// Foundation's JSONSerialization is not always, so it cannot check bit-exact reproduction).
    private func number(_ key: String, in json: String) -> Double? {
        guard let range = json.range(of: "\"\(key)\" : ") else { return nil }
        let rest = json[range.upperBound...]
        let literal = rest.prefix { "0123456789.eE+-".contains($0) }
        return Double(String(literal))
    }

    private func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-\(UUID().uuidString)-\(name)").path
    }

    /// A small generated scenario (an outage), written to a temp file.
    private func scenario(seed: UInt64, start: Double) throws -> String {
        let spec = ScenarioSpec(family: .suddenOutage, seed: seed, start: start, duration: 900, rate: 12)
        let path = temporary("scenario-\(seed).csv")
        try TraceWriter.write(TraceGenerator.generate(spec).trace, to: path)
        return path
    }

    @Test("train writes a valid model; evaluate on the validation trace reproduces its stored metrics exactly")
    func trainThenEvaluate() throws {
        let train = try scenario(seed: 11, start: 1_736_000_000)
        let validation = try scenario(seed: 12, start: 1_736_100_000)
        let model = temporary("model.json")
        defer { for path in [train, validation, model] { try? FileManager.default.removeItem(atPath: path) } }
        let (code, out, err) = run(["train", "logistic", "--trace", train, "--validation", validation,
                                    "--l2", "1e-2", "--tune-threshold", "-o", model])
        #expect(code == .success, "\(err)")
        #expect(out.contains("iteration 1: objective"))
        #expect(out.contains("converged"))
        #expect(out.contains("ROC-AUC"))
        let file = try LogisticModelFile.load(path: model)
        #expect(file.decision.tunedOn == "validation")
        #expect(file.provenance.traces.first?.sha256.count == 64)
        let (evalCode, json, evalErr) = run(["evaluate", "--model", model, "--trace", validation, "--json"])
        #expect(evalCode == .success, "\(evalErr)")
        #expect(number("logLoss", in: json) == file.evaluation.validation?.logLoss)
        #expect(number("rocAUC", in: json) == file.evaluation.validation?.rocAUC)
    }

    @Test("--tune-by-replay picks the τ with the lowest replayed cost on validation, and says how it chose")
    func tuneByReplay() throws {
        let train = try scenario(seed: 21, start: 1_736_000_000)
        let validation = try scenario(seed: 22, start: 1_736_100_000)
        let model = temporary("replay-model.json")
        defer { for path in [train, validation, model] { try? FileManager.default.removeItem(atPath: path) } }
        let (code, out, err) = run(["train", "logistic", "--trace", train, "--validation", validation,
                                    "--l2", "1e-2", "--label", "window-fails", "--tune-by-replay", "-o", model])
        #expect(code == .success, "\(err)")
        #expect(out.contains("static-best on the training traces"))
        let file = try LogisticModelFile.load(path: model)
        #expect(file.decision.tunedOn == "validation-replay")
        #expect(file.label.kind == "window-fails")
        // The printed table lists 14 candidates; the chosen one has the lowest cost.
        let rows = out.split(separator: "\n").filter { $0.hasPrefix("  τ = ") }
        #expect(rows.count == 14)
        let costs = rows.map { row in Double(row.split(separator: " ", omittingEmptySubsequences: true)[4])! }
        let chosen = try #require(rows.firstIndex { $0.hasSuffix("← chosen") })
        #expect(costs[chosen] == costs.min())
        #expect(abs(file.decision.threshold - (0.30 + 0.05 * Double(chosen))) < 1e-12)
    }

    @Test("train bandit writes a valid bandit file that bench runs; logistic-only options are refused")
    func trainBandit() throws {
        let train = try scenario(seed: 41, start: 1_736_000_000)
        let validation = try scenario(seed: 42, start: 1_736_100_000)
        let model = temporary("bandit.json")
        defer { for path in [train, validation, model] { try? FileManager.default.removeItem(atPath: path) } }
        let (code, out, err) = run(["train", "bandit", "--algorithm", "thompson", "--trace", train, "--validation", validation,
                                    "--episode", "20s", "--explore", "0.05", "-o", model])
        #expect(code == .success, "\(err)")
        #expect(out.contains("training episodes:"))
        #expect(out.contains("validation,"))
        let file = try BanditModelFile.load(path: model)
        #expect(file.training.algorithm == "thompson")
        #expect(file.episodeSeconds == 20 && file.exploration.epsilon == 0.05)
        #expect(file.arms == BanditArm.standardGrid)
        let (benchCode, benchOut, benchErr) = run(["bench", "--train", train, "--test", validation, "--policies", "static-best,model:\(model)"])
        #expect(benchCode == .success, "\(benchErr)")
        #expect(benchOut.contains("model:\(model)"))
        let (badCode, _, badErr) = run(["train", "bandit", "--trace", train, "--l2", "1", "-o", model])
        #expect(badCode == .usage)
        #expect(badErr.contains("--l2 does not apply to bandit models"))
        let (badAlgorithm, _, algorithmErr) = run(["train", "bandit", "--trace", train, "--algorithm", "ucb", "-o", model])
        #expect(badAlgorithm == .usage && algorithmErr.contains("linucb, thompson or egreedy"))
    }

    @Test("train qlearning writes a valid Q-table that bench runs")
    func trainQLearning() throws {
        let train = try scenario(seed: 44, start: 1_736_000_000)
        let model = temporary("q.json")
        defer { for path in [train, model] { try? FileManager.default.removeItem(atPath: path) } }
        let (code, out, err) = run(["train", "qlearning", "--trace", train, "--passes", "2", "--epsilon", "0.05", "-o", model])
        #expect(code == .success, "\(err)")
        #expect(out.contains("pass 2: cost") && out.contains("states visited"))
        let file = try QTableModelFile.load(path: model)
        #expect(file.training.passes == 2 && file.training.epsilon == 0.05)
        let (benchCode, benchOut, benchErr) = run(["bench", "--train", train, "--test", train, "--policies", "static-best,model:\(model)"])
        #expect(benchCode == .success, "\(benchErr)")
        #expect(benchOut.contains("model:\(model)"))
        let (bad, _, badErr) = run(["train", "qlearning", "--trace", train, "--alpha", "1", "-o", model])
        #expect(bad == .usage && badErr.contains("--alpha does not apply to Q-learning"))
    }

    @Test("evaluate-offline records a raw trace behind an exploring bandit, then estimates a candidate from the log alone")
    func evaluateOffline() throws {
        let raw = try scenario(seed: 43, start: 1_736_000_000)
        let logged = temporary("logged.csv")
        let logging = temporary("logging.json")
        defer { for path in [raw, logged, logging] { try? FileManager.default.removeItem(atPath: path) } }
        var file = try BanditModelFile.load(path: Self.repository.appendingPathComponent("models/bandit-thompson.json").path)
        file.exploration.epsilon = 1
        try file.write(toPath: logging)
        let candidate = Self.repository.appendingPathComponent("models/bandit-linucb.json").path
        let (code, out, err) = run(["evaluate-offline", "--model", candidate, "--logging", logging, "--record", raw, "--trace", logged])
        #expect(code == .success, "\(err)")
        #expect(out.contains("doubly robust") && out.contains("true"))
        let (again, json, againErr) = run(["evaluate-offline", "--model", candidate, "--logging", logging, "--trace", logged, "--json"])
        #expect(again == .success, "\(againErr)")
        #expect(json.contains("\"effectiveSampleSize\"") && !json.contains("trueMeanCostPerEpisode"))
        // The raw trace has no propensities: not a log.
        let (bad, _, badErr) = run(["evaluate-offline", "--model", candidate, "--logging", logging, "--trace", raw])
        #expect(bad == .dataError && badErr.contains("propensity"))
        let (usage, _, _) = run(["evaluate-offline", "--model", candidate, "--trace", logged])
        #expect(usage == .usage)
    }

    @Test("the committed models load and reproduce their validation metrics on the committed suite",
          arguments: ["logistic-next-call", "logistic-window-fails", "logistic-healthy"])
    func committedModels(name: String) throws {
        let model = Self.repository.appendingPathComponent("models/\(name).json").path
        let validation = Self.repository.appendingPathComponent("datasets/synthetic/validation.csv").path
        let file = try LogisticModelFile.load(path: model)
        let (code, json, err) = run(["evaluate", "--model", model, "--trace", validation, "--json"])
        #expect(code == .success, "\(err)")
        #expect(number("logLoss", in: json) == file.evaluation.validation?.logLoss)
        #expect(number("rocAUC", in: json) == file.evaluation.validation?.rocAUC)
        #expect(number("brier", in: json) == file.evaluation.validation?.brier)
        #expect(number("prAUC", in: json) == file.evaluation.validation?.prAUC)
        #expect((file.evaluation.validation?.rocAUC ?? 0) > 0.85)
    }

    @Test("corrupt or mismatched model files are refused with a message naming the field")
    func corruptModels() throws {
        let committed = Self.repository.appendingPathComponent("models/logistic-next-call.json").path
        let text = try String(contentsOfFile: committed, encoding: .utf8)
        let trace = Self.repository.appendingPathComponent("datasets/synthetic/validation.csv").path
        for (edit, mentions) in [
            ({ (s: String) in s.replacingOccurrences(of: "\"tripwise.features.v2\"", with: "\"tripwise.features.v9\"") }, "featureSet"),
            ({ (s: String) in s.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 7") }, "formatVersion"),
            ({ (s: String) in String(s.prefix(s.count / 2)) }, "truncated"),
        ] {
            let path = temporary("bad-model.json")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
            let (code, _, err) = run(["evaluate", "--model", path, "--trace", trace])
            #expect(code == .dataError)
            #expect(err.hasPrefix("Error: \(path)"))
            #expect(err.contains(mentions), "\(err)")
        }
    }

    @Test("usage errors exit 64", arguments: [
        ["train"], ["train", "forest", "--trace", "x", "-o", "y"], ["train", "logistic", "-o", "y"],
        ["train", "logistic", "--trace", "x", "--tune-threshold", "-o", "y"],
        ["train", "logistic", "--trace", "x", "--tune-by-replay", "-o", "y"],
        ["train", "logistic", "--trace", "x", "--validation", "v", "--tune-by-replay", "--tune-threshold", "-o", "y"],
        ["train", "logistic", "--trace", "x", "--l2", "-1", "-o", "y"], ["evaluate", "--trace", "x"],
    ])
    func usage(arguments: [String]) {
        let (code, _, err) = run(arguments)
        #expect(code == .usage)
        #expect(err.hasPrefix("Error: "))
    }
}
