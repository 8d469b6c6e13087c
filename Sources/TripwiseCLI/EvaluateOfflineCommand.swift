import BreakerInference
import BreakerLab
import BreakerTraining
import Foundation
import TraceKit

/// `tripwise evaluate-offline --model M --logging L --trace LOGGED.csv [--record RAW.csv]
/// [--json]`: estimates a bandit model's cost from a trace recorded behind another, exploring
/// bandit (IPS, SNIPS, doubly robust), without deploying it.
public enum EvaluateOfflineCommand: CLICommand {
    /// `"evaluate-offline"`.
    public static let name = "evaluate-offline"
    /// One-line summary for help listings.
    public static let abstract = "Estimate a bandit model's cost from a trace logged behind an exploring bandit (IPS, SNIPS, DR)."
    /// Shown after the overview.
    public static let discussion = """
        The logged trace must carry 'propensity' and have been recorded behind --logging: each \
        target's calls are cut into that model's episodes, the arm it used in each is re-derived \
        from the features of the admitted calls and its seeded exploration, and checked against \
        the propensities. The cost of an episode is what the log shows: cost-fail per failed \
        call sent plus cost-reject per refused call (a log cannot say which refused calls would \
        have failed). Estimates are per episode, with 95 % bootstrap intervals over episodes; \
        importance weights are clipped at --clip. With --record RAW.csv, RAW (recorded without \
        a breaker) is first recorded behind --logging under the episode model — every arm's \
        breaker replayed over RAW (with resilience4j's 10 half-open trial calls), the logged \
        arm's decisions applied per episode — and written to --trace; the candidate's true cost \
        on those episodes is then printed too.
        """
    /// Options.
    public static let options: [CLIOption] = [
        .value("model", placeholder: "path", help: "The candidate bandit model (required)."),
        .value("logging", placeholder: "path", help: "The bandit model the trace was recorded behind (required)."),
        .value("trace", placeholder: "path", help: "The logged trace (required; written with --record)."),
        .value("record", placeholder: "path", help: "A trace recorded without a breaker to record behind --logging first."),
        .value("cost-fail", placeholder: "c", help: "Cost of a failed call sent (default 1)."),
        .value("cost-reject", placeholder: "c", help: "Cost of a refused call (default 1)."),
        .value("clip", placeholder: "w", help: "Largest importance weight (default 100)."),
        .value("resamples", placeholder: "n", help: "Bootstrap resamples (default 2000)."),
        .value("seed", placeholder: "n", help: "The logging breakers' stream seed (BanditPolicy.stream(forTarget:seed:); default 1)."),
        .flag("json", help: "Print one JSON object instead of the report."),
        TraceLoading.skipBadRowsOption,
    ]

    /// What `--json` prints.
    struct Report: Encodable {
        var model: String
        var logging: String
        var trace: String
        var episodes: Int
        var meanCostPerEpisode: Costs
        var trueMeanCostPerEpisode: Double?
        var effectiveSampleSize: Double
        var clippedEpisodes: Int
        var maxWeight: Double
        var supportedEpisodes: Int
        var clip: Double
        var rowsWithOtherPropensity: Int

        struct Costs: Encodable {
            var ips: [Double]
            var snips: [Double]
            var doublyRobust: [Double]
        }
    }

    /// Estimates and reports.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let modelPath = try parsed.requiredValue("model")
        let loggingPath = try parsed.requiredValue("logging")
        let tracePath = try parsed.requiredValue("trace")
        var costs = BenchmarkCosts()
        for (option, keyPath) in [("cost-fail", \BenchmarkCosts.costFail), ("cost-reject", \.costReject)] {
            if let value = try parsed.value(option, as: Double.self) {
                guard value.isFinite, value > 0 else { throw CLIUsageError.invalidValue(String(value), for: "--\(option)", expected: "a positive number") }
                costs[keyPath: keyPath] = value
            }
        }
        let clip = try parsed.value("clip", as: Double.self) ?? 100
        guard clip.isFinite, clip >= 1 else { throw CLIUsageError.invalidValue(String(clip), for: "--clip", expected: "a number ≥ 1") }
        let resamples = try parsed.value("resamples", as: Int.self) ?? 2_000
        guard resamples >= 100 else { throw CLIUsageError.invalidValue(String(resamples), for: "--resamples", expected: "at least 100") }
        let seed = try parsed.value("seed", as: UInt64.self) ?? 1
        let candidate = try loadBandit(modelPath, option: "--model")
        let logging = try loadBandit(loggingPath, option: "--logging")
        var truth: Double?
        let logged: Trace
        do {
            if let rawPath = parsed.value("record") {
                let raw = try TraceLoading.read(rawPath, parsed: parsed, io: io).trace
                let recording = try OffPolicyEvaluation.record(raw, behind: logging, base: .resilience4jDefaults, costs: costs, seed: seed)
                do {
                    try TraceWriter.write(recording.logged, to: tracePath)
                } catch {
                    throw CommandFailure("\(tracePath): cannot be written: \(error)", exitCode: .cannotCreate)
                }
                if !parsed.flag("json") { io.print("recorded \(rawPath) behind \(loggingPath) → \(tracePath)") }
                truth = recording.trueMeanCost(of: candidate)
                logged = recording.logged
            } else {
                logged = try TraceLoading.read(tracePath, parsed: parsed, io: io).trace
            }
            let (estimate, mismatched) = try OffPolicyEvaluation.evaluate(candidate, logged: logged, logging: logging, costs: costs,
                                                                          clip: clip, resamples: resamples, seed: seed)
            func costInterval(_ i: OffPolicyEstimator.Interval) -> [Double] { [-i.value, -i.upper, -i.lower] }
            if parsed.flag("json") {
                io.print(try TraceLoading.json(Report(
                    model: modelPath, logging: loggingPath, trace: tracePath, episodes: estimate.episodes,
                    meanCostPerEpisode: .init(ips: costInterval(estimate.ips), snips: costInterval(estimate.snips),
                                              doublyRobust: costInterval(estimate.doublyRobust)),
                    trueMeanCostPerEpisode: truth, effectiveSampleSize: estimate.effectiveSampleSize,
                    clippedEpisodes: estimate.clippedEpisodes, maxWeight: estimate.maxWeight,
                    supportedEpisodes: estimate.supportedEpisodes, clip: clip, rowsWithOtherPropensity: mismatched)))
                return .success
            }
            io.print("candidate \(modelPath) on \(estimate.episodes) episodes logged behind \(loggingPath)")
            io.print("mean cost per episode [95 % bootstrap interval]:")
            for (name, interval) in [("IPS", estimate.ips), ("SNIPS", estimate.snips), ("doubly robust", estimate.doublyRobust)] {
                io.print("  " + name.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + String(format: "%8.3f  [%.3f, %.3f]", -interval.value, -interval.upper, -interval.lower))
            }
            if let truth { io.print("  true          " + String(format: "%8.3f  (replayed under the episode model)", truth)) }
            io.print(String(format: "effective sample size %.1f of %d; %d episodes where the candidate may pick the logged arm; "
                            + "largest weight %.1f, %d clipped at %.0f",
                            estimate.effectiveSampleSize, estimate.episodes, estimate.supportedEpisodes, estimate.maxWeight,
                            estimate.clippedEpisodes, clip))
            if mismatched > 0 { io.print("\(mismatched) rows carry another episode's propensity (calls straddling an episode boundary)") }
            return .success
        } catch let error as BenchmarkError {
            throw CommandFailure(error.message, exitCode: .dataError)
        }
    }

    private static func loadBandit(_ path: String, option: String) throws -> BanditModel {
        do {
            return try BanditModel(BanditModelFile.load(path: path))
        } catch {
            throw CommandFailure("\(error)", exitCode: .dataError)
        }
    }
}
