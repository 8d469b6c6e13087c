import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// A trace cut into bandit episodes, with every arm's reward in every episode — full
/// information, computable because the trace was recorded without a breaker.
///
/// An episode is one target's calls starting in one interval `[origin + k·E, origin + (k+1)·E)`,
/// where `origin` is the trace's first call (the breaker clock's zero in ``TraceReplay``, so
/// episodes line up with ``BanditPolicy``'s) and E the episode length; intervals without calls
/// are not episodes. The context is the target's ``FeatureExtractor`` features after every
/// completion strictly before the episode's start (completion order, as ``TrainingSet`` feeds it).
/// An arm's reward is minus the cost (``BenchmarkCosts``) of that episode's calls when the
/// whole trace is replayed through that arm's static breaker — the cost the arm "would have
/// incurred": a bandit that switches arms between episodes carries another breaker state
/// across the switch, which this full-information reward ignores.
public struct BanditEpisodes: Sendable {
    /// Raw features, row-major `count × featureSet.count`.
    public var features: [Double]
    /// Rewards, row-major `count × arms.count`.
    public var rewards: [Double]
    /// Each episode's target code (into the trace's targets) and index k.
    public var keys: [(target: UInt32, index: Int64)]
    /// The arms, in reward order.
    public let arms: [BanditArm]
    /// Episode length, seconds.
    public let episodeSeconds: Double
    /// Episodes.
    public var count: Int { keys.count }

    /// The static breaker an arm stands for: a count window, no slow-call rule, and the
    /// half-open trial calls of `base`.
    public static func settings(for arm: BanditArm, base: StaticBreakerSettings) -> StaticBreakerSettings {
        StaticBreakerSettings(failureRateThreshold: arm.failureRateThreshold, windowKind: "count", windowSize: arm.windowCalls,
                              minimumNumberOfCalls: arm.minimumCalls, waitDurationInOpenStateSeconds: arm.openWaitSeconds,
                              permittedCallsInHalfOpenState: base.permittedCallsInHalfOpenState)
    }

    /// Builds the episodes of `trace`: replays it once per arm (in parallel; deterministic).
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) for fewer than 2 arms, an invalid arm, an episode
    ///   length outside [1 ms, 9e9 s) or a trace without calls; (`data`) when a replay fails.
    public static func build(_ trace: Trace, arms: [BanditArm], base: StaticBreakerSettings, episodeSeconds: Double = 30,
                             costs: BenchmarkCosts = BenchmarkCosts(),
                             extractor configuration: FeatureExtractorConfiguration = FeatureExtractorConfiguration(),
                             seed: UInt64 = 1) throws(BenchmarkError) -> BanditEpisodes {
        guard arms.count >= 2 else { throw BenchmarkError(.usage, "a bandit needs at least 2 arms, found \(arms.count)") }
        if let bad = arms.first(where: { !$0.isValid }) { throw BenchmarkError(.usage, "invalid arm: \(bad)") }
        let structure = try EpisodeStructure(trace, episodeSeconds: episodeSeconds)
        let keys = structure.keys
        // Rewards: one replay per arm.
        let decisions = try replayArms(trace, arms: arms, base: base, seed: seed)
        let episodeCount = keys.count
        let rewards = episodeCosts(trace, structure: structure, decisions: decisions, cost: costs.cost).map { 0 - $0 }  // 0 − x: no −0
        // Contexts: every completion before each episode's start (no breaker: all calls count).
        var features: [Double] = []
        features.reserveCapacity(episodeCount * FeatureExtractor.featureSet.count)
        for x in structure.contexts(trace, configuration: configuration, admitted: { _ in true }) { features += x.array }
        return BanditEpisodes(features: features, rewards: rewards, keys: keys, arms: arms, episodeSeconds: episodeSeconds)
    }

    /// Every arm's cost in every episode (row-major `episodes × arms`): `cost` summed over the
    /// episode's calls with that arm's decisions.
    static func episodeCosts(_ trace: Trace, structure: EpisodeStructure, decisions: [[ReplayDecision]],
                             cost: (_ admitted: Bool, _ failed: Bool, _ latencyMs: Double) -> Double) -> [Double] {
        let arms = decisions.count
        var costs = Array(repeating: 0.0, count: structure.count * arms)
        for row in 0..<trace.count where structure.episodeOfRow[row] >= 0 {
            let e = structure.episodeOfRow[row]
            for a in 0..<arms where decisions[a][row] != .excluded {
                costs[e * arms + a] += cost(decisions[a][row] == .admitted, trace.outcomes[row].isFailure, trace.latenciesMs[row])
            }
        }
        return costs
    }

    /// Per arm, the decisions of its static breaker replayed over `trace` (in parallel).
    static func replayArms(_ trace: Trace, arms: [BanditArm], base: StaticBreakerSettings, seed: UInt64) throws(BenchmarkError) -> [[ReplayDecision]] {
        let decisions = try ParallelReplays.map(arms.count) { (a) throws(ReplayError) in
            try TraceReplay.run(trace, configuration: settings(for: arms[a], base: base).configuration,
                                policy: .static, seed: seed, options: ReplayOptions(recordsDecisions: true)).decisions ?? []
        }
        return decisions
    }
}
