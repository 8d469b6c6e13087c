import BreakerCore
import BreakerInference
import Foundation
import TraceKit

/// Chooses a logistic model's trip threshold τ the way `static-best` is chosen: by replaying
/// held-out traces through breakers that run the model at each candidate τ and keeping the τ
/// with the lowest total cost (``BenchmarkCosts``) — the cost `tripwise bench` reports, rather
/// than a per-row classification cost that ignores how long a trip rejects calls.
///
/// The breakers take their open wait, trial calls and slow-call duration from a static
/// configuration (the training traces' `static-best`, as in `tripwise bench`), so the search
/// tunes the trip rule alone.
public enum ReplayThresholdSearch {
    /// One τ's figures, summed over the searched traces.
    public struct Candidate: Sendable, Hashable {
        /// τ.
        public var threshold: Double
        /// Total cost.
        public var totalCost: Double
        /// Failed calls sent.
        public var failedSent: Int
        /// Calls refused that would have succeeded.
        public var falseRejects: Int
        /// Breaker state changes.
        public var stateChanges: Int
    }

    /// The default candidates: τ = 0.30, 0.35, …, 0.95 (14 values).
    public static let standardThresholds: [Double] = (6...19).map { Double($0) / 20 }

    /// Replays `traces` once per τ in `thresholds` (in parallel; deterministic) and returns the
    /// candidates from cheapest to dearest; among equal costs the higher τ (the more reluctant
    /// trip) comes first. The first is the choice.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) for no thresholds, a τ outside (0, 1), no trace
    ///   with calls, or a configuration the breaker refuses; (`data`) when a trace cannot be
    ///   replayed.
    public static func rank(model: LogisticModel, traces: [Trace], settings: StaticBreakerSettings,
                            thresholds: [Double] = standardThresholds, costs: BenchmarkCosts = BenchmarkCosts(),
                            seed: UInt64 = 1) throws(BenchmarkError) -> [Candidate] {
        guard !thresholds.isEmpty else { throw BenchmarkError(.usage, "no candidate thresholds to search") }
        for tau in thresholds where !(tau > 0 && tau < 1) {
            throw BenchmarkError(.usage, "candidate threshold \(tau) is not strictly between 0 and 1")
        }
        guard traces.contains(where: { $0.outcomes.contains { $0 != .rejected } }) else {
            throw BenchmarkError(.usage, "the threshold search needs a trace with calls to replay")
        }
        let configuration = settings.configuration
        do {
            try configuration.validate()
        } catch {
            throw BenchmarkError(.usage, "configuration \(settings) is invalid: \(error.message)")
        }
        var candidates = try ParallelReplays.map(thresholds.count) { (index) throws(ReplayError) in
            let tuned = model.replacingThreshold(thresholds[index])
            var candidate = Candidate(threshold: thresholds[index], totalCost: 0, failedSent: 0, falseRejects: 0, stateChanges: 0)
            for trace in traces {
                let replay = try TraceReplay.run(trace, configuration: configuration, policy: .logistic(tuned), seed: seed)
                let total = replay.total
                candidate.totalCost += costs.total(failedSent: total.failedSent, falseRejects: total.falseRejects,
                                                   secondsOnFailedSent: total.secondsOnFailedSent)
                candidate.failedSent += total.failedSent
                candidate.falseRejects += total.falseRejects
                candidate.stateChanges += replay.transitions.count
            }
            return candidate
        }
        candidates.sort { ($0.totalCost, -$0.threshold) < ($1.totalCost, -$1.threshold) }
        return candidates
    }
}
