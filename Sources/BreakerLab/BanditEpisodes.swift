import BreakerCore
import BreakerInference
import BreakerTraining
import Dispatch
import Foundation
import Synchronization
import TraceKit

/// A trace cut into bandit episodes, with every arm's reward in every episode — full
/// information, computable because the trace was recorded without a breaker.
///
/// An episode is one target's calls starting in one interval `[origin + k·E, origin + (k+1)·E)`,
/// where `origin` is the trace's first call (the breaker clock's zero in ``TraceReplay``, so
/// episodes line up with ``BanditPolicy``'s) and E the episode length; intervals without calls
/// are not episodes. The context is the target's ``FeatureExtractor`` features after every
/// completion at or before the episode's start (completion order, as ``TrainingSet`` feeds it).
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
    /// - Throws: ``BenchmarkError`` (`usage`) for fewer than 2 arms, an invalid arm, a
    ///   non-positive episode length or a trace without calls; (`data`) when a replay fails.
    public static func build(_ trace: Trace, arms: [BanditArm], base: StaticBreakerSettings, episodeSeconds: Double = 30,
                             costs: BenchmarkCosts = BenchmarkCosts(),
                             extractor configuration: FeatureExtractorConfiguration = FeatureExtractorConfiguration(),
                             seed: UInt64 = 1) throws(BenchmarkError) -> BanditEpisodes {
        guard arms.count >= 2 else { throw BenchmarkError(.usage, "a bandit needs at least 2 arms, found \(arms.count)") }
        if let bad = arms.first(where: { !$0.isValid }) { throw BenchmarkError(.usage, "invalid arm: \(bad)") }
        guard episodeSeconds.isFinite, episodeSeconds > 0 else {
            throw BenchmarkError(.usage, "the episode length must be a positive number of seconds, not \(episodeSeconds)")
        }
        guard let origin = trace.timestamps.min(), trace.outcomes.contains(where: { $0 != .rejected }) else {
            throw BenchmarkError(.usage, "the trace has no calls to cut into episodes")
        }
        // Episode of every replayed row.
        var episodeOfRow = Array(repeating: -1, count: trace.count)
        var keyIndex: [Int64: Int] = [:]  // (target << 40 | k) → episode
        var keys: [(target: UInt32, index: Int64)] = []
        var starts: [Double] = []
        let order = trace.count < 2 || zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 })
            ? Array(0..<trace.count)
            : (0..<trace.count).sorted { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        for row in order where trace.outcomes[row] != .rejected {
            let target = trace.targets.codes[row]
            let k = Int64(((trace.timestamps[row] - origin) / episodeSeconds).rounded(.down))
            let key = Int64(target) << 40 | k
            if let episode = keyIndex[key] {
                episodeOfRow[row] = episode
            } else {
                keyIndex[key] = keys.count
                episodeOfRow[row] = keys.count
                keys.append((target, k))
                starts.append(origin + Double(k) * episodeSeconds)
            }
        }
        // Rewards: one replay per arm.
        let results = Mutex<[Result<[Double], ReplayError>?]>(Array(repeating: nil, count: arms.count))
        let next = Atomic<Int>(0)
        let episodeCount = keys.count
        let rowEpisodes = episodeOfRow
        DispatchQueue.concurrentPerform(iterations: max(1, min(ProcessInfo.processInfo.activeProcessorCount, arms.count))) { _ in
            while true {
                let a = next.add(1, ordering: .relaxed).oldValue
                guard a < arms.count else { return }
                let outcome: Result<[Double], ReplayError>
                do throws(ReplayError) {
                    let replay = try TraceReplay.run(trace, configuration: settings(for: arms[a], base: base).configuration,
                                                     policy: .static, seed: seed, options: ReplayOptions(recordsDecisions: true))
                    var costsPerEpisode = Array(repeating: 0.0, count: episodeCount)
                    for (row, decision) in (replay.decisions ?? []).enumerated() where decision != .excluded && rowEpisodes[row] >= 0 {
                        costsPerEpisode[rowEpisodes[row]] += costs.cost(admitted: decision == .admitted, failed: trace.outcomes[row].isFailure,
                                                                         latencyMs: trace.latenciesMs[row])
                    }
                    outcome = .success(costsPerEpisode)
                } catch {
                    outcome = .failure(error)
                }
                results.withLock { $0[a] = outcome }
            }
        }
        var rewards = Array(repeating: 0.0, count: episodeCount * arms.count)
        for (a, result) in results.withLock({ $0 }).enumerated() {
            switch result {
            case .success(let perEpisode)?:
                for episode in 0..<episodeCount { rewards[episode * arms.count + a] = -perEpisode[episode] }
            case .failure(let error)?: throw BenchmarkError(.data, error.message)
            case nil: throw BenchmarkError(.data, "an arm's replay did not report")
            }
        }
        // Contexts: completions in time order per target, snapshotted at each episode start.
        let featureCount = FeatureExtractor.featureSet.count
        var features = Array(repeating: 0.0, count: episodeCount * featureCount)
        var completions: [(time: Double, row: Int)] = []
        completions.reserveCapacity(trace.count)
        for row in 0..<trace.count where trace.outcomes[row] != .rejected {
            completions.append((trace.timestamps[row] + trace.latenciesMs[row] / 1000, row))
        }
        completions.sort { ($0.time, $0.row) < ($1.time, $1.row) }
        let episodesInStartOrder = (0..<episodeCount).sorted { (starts[$0], $0) < (starts[$1], $1) }
        var extractors = Array(repeating: FeatureExtractor(configuration: configuration), count: trace.targets.values.count)
        var nextCompletion = 0
        for episode in episodesInStartOrder {
            while nextCompletion < completions.count, completions[nextCompletion].time <= starts[episode] {
                let row = completions[nextCompletion].row
                let outcome = trace.outcomes[row]
                extractors[Int(trace.targets.codes[row])].recordOutcome(failed: outcome.isFailure, timedOut: outcome == .timeout,
                                                                        latencyMs: trace.latenciesMs[row])
                nextCompletion += 1
            }
            let vector = extractors[Int(keys[episode].target)].features()
            for index in 0..<featureCount { features[episode * featureCount + index] = vector[index] }
        }
        return BanditEpisodes(features: features, rewards: rewards, keys: keys, arms: arms, episodeSeconds: episodeSeconds)
    }
}
