import BreakerInference
import TraceKit

/// How a trace divides into bandit episodes: one target's calls starting in one interval
/// `[origin + k·E, origin + (k+1)·E)`, `origin` the trace's first call (the breaker clock's zero
/// in ``TraceReplay``). Rows recorded as `rejected` belong to no episode unless
/// `includeRejected` (a log recorded behind a breaker, whose refusals are its own).
struct EpisodeStructure {
    /// Each episode's target code and index k, in order of first appearance (start order).
    var keys: [(target: UInt32, index: Int64)] = []
    /// Each episode's start time.
    var starts: [Double] = []
    /// The episode of every row, or −1.
    var episodeOfRow: [Int]
    var count: Int { keys.count }

    init(_ trace: Trace, episodeSeconds: Double, includeRejected: Bool = false) throws(BenchmarkError) {
        guard episodeSeconds.isFinite, episodeSeconds > 0 else {
            throw BenchmarkError(.usage, "the episode length must be a positive number of seconds, not \(episodeSeconds)")
        }
        guard let origin = trace.timestamps.min(), trace.outcomes.contains(where: { $0 != .rejected }) else {
            throw BenchmarkError(.usage, "the trace has no calls to cut into episodes")
        }
        episodeOfRow = Array(repeating: -1, count: trace.count)
        var index: [Int64: Int] = [:]
        let order = zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 })
            ? Array(0..<trace.count)
            : (0..<trace.count).sorted { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        for row in order where includeRejected || trace.outcomes[row] != .rejected {
            let target = trace.targets.codes[row]
            let k = Int64(((trace.timestamps[row] - origin) / episodeSeconds).rounded(.down))
            let key = Int64(target) << 40 | k
            if let episode = index[key] {
                episodeOfRow[row] = episode
            } else {
                index[key] = keys.count
                episodeOfRow[row] = keys.count
                keys.append((target, k))
                starts.append(origin + Double(k) * episodeSeconds)
            }
        }
    }

    /// Each episode's context: the target's extractor after every completion at or before the
    /// episode's start of a row `admitted` accepts, in completion order. `decide(e, x)` is called
    /// in start order as soon as episode e's context is known, before any later completion is
    /// read, so `admitted` may depend on decisions it made for earlier episodes.
    func contexts(_ trace: Trace, configuration: FeatureExtractorConfiguration, admitted: (Int) -> Bool,
                  decide: (Int, FeatureVector) -> Void = { _, _ in }) -> [FeatureVector] {
        var completions: [(time: Double, row: Int)] = []
        for row in 0..<trace.count where episodeOfRow[row] >= 0 {
            completions.append((trace.timestamps[row] + trace.latenciesMs[row] / 1000, row))
        }
        completions.sort { ($0.time, $0.row) < ($1.time, $1.row) }
        let order = (0..<count).sorted { (starts[$0], $0) < (starts[$1], $1) }
        var extractors = Array(repeating: FeatureExtractor(configuration: configuration), count: trace.targets.values.count)
        var contexts = Array(repeating: FeatureVector(count: FeatureExtractor.featureSet.count), count: count)
        var next = 0
        for episode in order {
            while next < completions.count, completions[next].time <= starts[episode] {
                let row = completions[next].row
                if trace.outcomes[row] != .rejected, admitted(row) {
                    let outcome = trace.outcomes[row]
                    extractors[Int(trace.targets.codes[row])].recordOutcome(failed: outcome.isFailure, timedOut: outcome == .timeout,
                                                                            latencyMs: trace.latenciesMs[row])
                }
                next += 1
            }
            let x = extractors[Int(keys[episode].target)].features()
            contexts[episode] = x
            decide(episode, x)
        }
        return contexts
    }
}
