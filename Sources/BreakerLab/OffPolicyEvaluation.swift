import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// Off-policy evaluation of bandit models on traces recorded behind an exploring bandit.
///
/// **The episode model.** As in training, a target's calls are cut into episodes
/// (``BanditModel/episodeNanoseconds`` long, from the trace's first call); in each episode one
/// arm — a static count-window breaker — is in force, and the calls of the episode get that
/// arm's decisions. A logging bandit chooses the arm from the features of the calls admitted so
/// far (what a breaker sees), exploring with `exploration.epsilon`; its draws are a pure function
/// of (seed, stream, episode) (``BanditModel/choice(_:episode:stream:)``) with the stream of
/// ``TraceReplay/targetSeed(_:seed:)``, so the arm of every logged episode can be re-derived from
/// the logged trace and the logging model, and is checked against the trace's `propensity`.
///
/// **The observable cost.** A logged trace cannot say whether a refused call would have
/// succeeded (its outcome is `rejected`), so offline evaluation scores an episode by what the
/// log shows (``BenchmarkCosts/observableCost(admitted:failed:latencyMs:)``): c_fail · failed
/// calls sent + c_time · their seconds + c_reject · **every** refused call. (`bench` on traces
/// recorded without a breaker charges only refusals of calls that would have succeeded.)
/// Rewards are minus this cost.
public enum OffPolicyEvaluation {
    /// A trace recorded behind a logging bandit under the episode model, and what is needed to
    /// know the truth about any other bandit on the same episodes.
    public struct Recording: Sendable {
        /// The logged trace: refused calls have outcome `rejected`; every row has `propensity`.
        public var logged: Trace
        /// Each episode's context (features of the calls admitted before its start).
        public var contexts: [FeatureVector]
        /// Observable cost of every arm in every episode, row-major `episodes × arms`.
        public var costs: [Double]
        /// Arms.
        public var arms: Int

        /// The true mean observable cost per episode of `model` on these episodes: each episode
        /// costs what the arm `model` picks from its context costs there (expected over its
        /// exploration).
        public func trueMeanCost(of model: BanditModel) -> Double {
            var total = 0.0
            for (e, x) in contexts.enumerated() {
                let p = model.choiceProbabilities(x)
                for a in 0..<arms { total += p[a] * costs[e * arms + a] }
            }
            return total / Double(max(contexts.count, 1))
        }
    }

    /// Simulates recording `trace` (recorded without a breaker) behind `logging` under the
    /// episode model: every arm's breaker replays the whole trace (its half-open trial calls
    /// from `base`), and each episode's calls get the decisions of the arm the logging policy
    /// picks.
    ///
    /// - Throws: ``BenchmarkError`` when a replay fails or the trace has no calls.
    public static func record(_ trace: Trace, behind logging: BanditModel, base: StaticBreakerSettings,
                              costs: BenchmarkCosts = BenchmarkCosts(), seed: UInt64 = 1) throws(BenchmarkError) -> Recording {
        try record(trace, behind: logging, decisions: BanditEpisodes.replayArms(trace, arms: logging.arms, base: base, seed: seed),
                   costs: costs, seed: seed)
    }

    /// ``record(_:behind:base:costs:seed:)`` with every arm's decisions already replayed
    /// (`decisions[a][row]`), e.g. to record one trace behind several logging seeds.
    static func record(_ trace: Trace, behind logging: BanditModel, decisions: [[ReplayDecision]],
                       costs: BenchmarkCosts, seed: UInt64) throws(BenchmarkError) -> Recording {
        let arms = logging.arms
        let structure = try EpisodeStructure(trace, episodeSeconds: Double(logging.episodeNanoseconds) / 1e9)
        var chosen = Array(repeating: 0, count: structure.count)
        var probability = Array(repeating: 1.0, count: structure.count)
        let episodeCosts = BanditEpisodes.episodeCosts(trace, structure: structure, decisions: decisions, cost: costs.observableCost)
        let contexts = structure.contexts(trace, configuration: logging.extractorConfiguration,
                                          admitted: { row in decisions[chosen[structure.episodeOfRow[row]]][row] == .admitted }) { e, x in
            let name = trace.targets.values[Int(structure.keys[e].target)]
            (chosen[e], probability[e]) = logging.choice(x, episode: structure.keys[e].index, stream: TraceReplay.targetSeed(name, seed: seed))
        }
        var logged = Trace(optionalColumns: Set(trace.columns).union([.propensity]))
        for row in 0..<trace.count {
            var record = trace.record(at: row)
            let e = structure.episodeOfRow[row]
            if e >= 0 {
                if decisions[chosen[e]][row] == .rejected { record.outcome = .rejected }
                record.propensity = probability[e]
            }
            logged.append(record)
        }
        return Recording(logged: logged, contexts: contexts, costs: episodeCosts, arms: arms.count)
    }

    /// The most rows whose `propensity` may disagree with the re-derived choice: 5 % (a live
    /// recording puts calls that straddle an episode boundary in the other episode).
    public static let mismatchTolerance = 0.05

    /// The logged episodes of `logged` (a trace recorded behind `logging`, whose breakers used
    /// the streams ``BanditPolicy/stream(forTarget:seed:)`` gives for `seed`): contexts from its
    /// admitted calls, the arm re-derived from `logging`, the observed reward (minus the
    /// observable cost), and how many rows' `propensity` disagrees with the re-derived choice.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) when the trace has no `propensity` column or more
    ///   than ``mismatchTolerance`` of its rows disagree (naming the first line), i.e. it was not
    ///   recorded behind this model and seed.
    public static func log(from logged: Trace, logging: BanditModel, costs: BenchmarkCosts = BenchmarkCosts(),
                           seed: UInt64 = 1) throws(BenchmarkError)
        -> (log: OffPolicyEstimator.Log, contexts: [FeatureVector], mismatchedRows: Int) {
        guard let propensities = logged.propensities else {
            throw BenchmarkError(.usage, "the logged trace has no 'propensity' column: it was not recorded behind a randomised policy")
        }
        let structure = try EpisodeStructure(logged, episodeSeconds: Double(logging.episodeNanoseconds) / 1e9, includeRejected: true)
        var actions = Array(repeating: 0, count: structure.count)
        var probability = Array(repeating: 1.0, count: structure.count)
        let contexts = structure.contexts(logged, configuration: logging.extractorConfiguration,
                                          admitted: { logged.outcomes[$0] != .rejected }) { e, x in
            let name = logged.targets.values[Int(structure.keys[e].target)]
            (actions[e], probability[e]) = logging.choice(x, episode: structure.keys[e].index, stream: TraceReplay.targetSeed(name, seed: seed))
        }
        var rewards = Array(repeating: 0.0, count: structure.count)
        var mismatched = 0
        var firstMismatch: String?
        for row in 0..<logged.count where structure.episodeOfRow[row] >= 0 {
            let e = structure.episodeOfRow[row]
            let recorded = propensities[row]
            if !(abs(recorded - probability[e]) <= 1e-9 * max(1, probability[e])) {
                mismatched += 1
                if firstMismatch == nil {
                    firstMismatch = "line \(row + 2): propensity \(recorded), but the logging model gives its episode's arm probability \(probability[e])"
                }
            }
            let outcome = logged.outcomes[row]
            rewards[e] -= costs.observableCost(admitted: outcome != .rejected, failed: outcome.isFailure, latencyMs: logged.latenciesMs[row])
        }
        let rows = structure.episodeOfRow.filter { $0 >= 0 }.count
        if let firstMismatch, Double(mismatched) > mismatchTolerance * Double(rows) {
            throw BenchmarkError(.usage, "\(mismatched) of \(rows) rows disagree with the logging model's choices (first: \(firstMismatch)); "
                                 + "was this trace recorded behind this model, with this seed?")
        }
        var features: [Double] = []
        features.reserveCapacity(contexts.count * FeatureExtractor.featureSet.count)
        for x in contexts { features += x.array }
        return (OffPolicyEstimator.Log(features: features, featureCount: FeatureExtractor.featureSet.count, actions: actions,
                                       propensities: probability, rewards: rewards, arms: logging.arms.count), contexts, mismatched)
    }

    /// IPS, SNIPS and DR estimates of `candidate`'s mean reward per episode on the episodes of
    /// `logged`, recorded behind `logging` (same arms required).
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) for mismatched arms or episode lengths, or a log
    ///   that does not belong to `logging`; (`data`) when the estimator refuses the log.
    public static func evaluate(_ candidate: BanditModel, logged: Trace, logging: BanditModel, costs: BenchmarkCosts = BenchmarkCosts(),
                                clip: Double = 100, resamples: Int = 2_000, seed: UInt64 = 1) throws(BenchmarkError)
        -> (estimate: OffPolicyEstimator.Estimate, mismatchedRows: Int) {
        guard candidate.arms == logging.arms else {
            throw BenchmarkError(.usage, "the candidate's arms differ from the logging policy's: off-policy evaluation compares choices among the same arms")
        }
        guard candidate.episodeNanoseconds == logging.episodeNanoseconds else {
            throw BenchmarkError(.usage, "the candidate's episode length differs from the logging policy's")
        }
        let (log, contexts, mismatched) = try self.log(from: logged, logging: logging, costs: costs, seed: seed)
        do {
            return (try OffPolicyEstimator.estimate(log, targetProbabilities: { candidate.choiceProbabilities(contexts[$0]) },
                                                    clip: clip, resamples: resamples, seed: seed), mismatched)
        } catch {
            throw BenchmarkError(.data, error.message)
        }
    }
}
