import BreakerInference
import TraceKit

/// How a trace divides into bandit episodes: one target's calls starting in one interval
/// `[k·E, (k+1)·E)` of the replay clock — nanoseconds since the trace's first call, rounded as
/// ``TraceReplay`` rounds them, so episodes line up exactly with ``BanditPolicy``'s. Rows
/// recorded as `rejected` belong to no episode unless `includeRejected` (a log recorded behind a
/// breaker, whose refusals are its own).
struct EpisodeStructure {
    struct Key: Hashable {
        var target: UInt32
        var index: Int64
    }

    /// Each episode's target code and index k, in order of first appearance (start order).
    var keys: [(target: UInt32, index: Int64)] = []
    /// Each episode's start, replay-clock nanoseconds.
    var starts: [Int64] = []
    /// The episode of every row, or −1.
    var episodeOfRow: [Int]
    /// Every row's start and completion, replay-clock nanoseconds (as ``TraceReplay`` computes them).
    let rowStarts: [Int64]
    let rowCompletions: [Int64]
    var count: Int { keys.count }

    init(_ trace: Trace, episodeSeconds: Double, includeRejected: Bool = false) throws(BenchmarkError) {
        guard episodeSeconds.isFinite, episodeSeconds >= 1e-3, episodeSeconds < 9e9 else {
            throw BenchmarkError(.usage, "the episode length must be between 1 ms and 9e9 s, not \(episodeSeconds) s")
        }
        guard let origin = trace.timestamps.min(), let last = trace.timestamps.max(),
              trace.outcomes.contains(where: { $0 != .rejected }) else {
            throw BenchmarkError(.usage, "the trace has no calls to cut into episodes")
        }
        guard (last - origin).isFinite, last - origin < 8e9, trace.latenciesMs.allSatisfy({ $0 >= 0 && $0 < 1e12 }) else {
            throw BenchmarkError(.usage, "the trace spans more than 8e9 s or holds a latency of 1e12 ms or more: too long to cut into episodes")
        }
        let length = Int64((episodeSeconds * 1e9).rounded())
        rowStarts = trace.timestamps.map { Int64((($0 - origin) * 1e9).rounded()) }
        rowCompletions = zip(rowStarts, trace.latenciesMs).map { $0 &+ Int64(($1 * 1e6).rounded()) }
        episodeOfRow = Array(repeating: -1, count: trace.count)
        var index: [Key: Int] = [:]
        let order = zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 })
            ? Array(0..<trace.count)
            : (0..<trace.count).sorted { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        for row in order where includeRejected || trace.outcomes[row] != .rejected {
            let key = Key(target: trace.targets.codes[row], index: rowStarts[row] / length)
            if let episode = index[key] {
                episodeOfRow[row] = episode
            } else {
                index[key] = keys.count
                episodeOfRow[row] = keys.count
                keys.append((key.target, key.index))
                starts.append(key.index * length)
            }
        }
    }

    /// Each episode's context: the target's extractor after every completion strictly before
    /// the episode's start (a breaker chooses at the first outcome of an episode, from the
    /// features before it) of a row `admitted` accepts, in completion order. `decide(e, x)` is
    /// called in start order as soon as episode e's context is known, before any later
    /// completion is read, so `admitted` may depend on decisions it made for earlier episodes.
    func contexts(_ trace: Trace, configuration: FeatureExtractorConfiguration, admitted: (Int) -> Bool,
                  decide: (Int, FeatureVector) -> Void = { _, _ in }) -> [FeatureVector] {
        var completions: [(time: Int64, row: Int)] = []
        for row in 0..<trace.count where episodeOfRow[row] >= 0 {
            completions.append((rowCompletions[row], row))
        }
        completions.sort { ($0.time, $0.row) < ($1.time, $1.row) }
        let order = (0..<count).sorted { (starts[$0], $0) < (starts[$1], $1) }
        var extractors = Array(repeating: FeatureExtractor(configuration: configuration), count: trace.targets.values.count)
        var contexts = Array(repeating: FeatureVector(count: FeatureExtractor.featureSet.count), count: count)
        var next = 0
        for episode in order {
            while next < completions.count, completions[next].time < starts[episode] {
                let row = completions[next].row
                if trace.outcomes[row] != .rejected, admitted(row) {
                    extractors[Int(trace.targets.codes[row])].recordOutcome(failed: trace.outcomes[row].isFailure,
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
