import TraceKit

/// Off-policy estimates of a target policy's mean reward per episode from episodes logged
/// behind another (randomised) policy: inverse propensity scoring (IPS), self-normalised IPS
/// (SNIPS) and doubly robust (DR), with clipped importance weights, the effective sample size
/// and percentile bootstrap intervals.
///
/// With `w_i = min(π(a_i|x_i) / μ_i, clip)` for logged action `a_i`, logged propensity `μ_i`
/// and reward `r_i`, over n episodes:
///  - IPS = (1/n) Σ w_i r_i — unbiased without clipping when μ > 0 wherever π > 0;
///  - SNIPS = Σ w_i r_i / Σ w_i — biased but far less variable;
///  - DR = (1/n) Σ [Σ_a π(a|x_i) q̂(x_i, a) + w_i (r_i − q̂(x_i, a_i))], with q̂ a per-arm ridge
///    model of the reward (λ = 1, standardised contexts), cross-fitted: the first half of the
///    episodes (in log order, so mostly earlier in time) is scored by the model fitted on the
///    second half and vice versa. Without clipping, unbiased if either the propensities or q̂
///    are right; clipping trades a bias towards the direct estimate for variance.
/// The effective sample size is (Σ w_i)² / Σ w_i²; intervals resample whole episodes with
/// replacement (`resamples` times, seeded) and take the 2.5 % and 97.5 % percentiles, with q̂
/// held fixed.
public enum OffPolicyEstimator {
    /// Logged episodes.
    public struct Log: Sendable {
        /// Raw context features, row-major `count × featureCount`.
        public var features: [Double]
        /// Features per context.
        public var featureCount: Int
        /// The arm the logging policy chose in each episode.
        public var actions: [Int]
        /// The probability the logging policy gave that arm, in (0, 1].
        public var propensities: [Double]
        /// The reward observed.
        public var rewards: [Double]
        /// Arms.
        public var arms: Int

        /// Episodes.
        public var count: Int { actions.count }

        /// A log from its columns verbatim (checked by ``OffPolicyEstimator/estimate(_:targetProbabilities:clip:resamples:seed:)``).
        public init(features: [Double], featureCount: Int, actions: [Int], propensities: [Double], rewards: [Double], arms: Int) {
            self.features = features
            self.featureCount = featureCount
            self.actions = actions
            self.propensities = propensities
            self.rewards = rewards
            self.arms = arms
        }
    }

    /// A point estimate with its 95 % interval.
    public struct Interval: Sendable, Hashable, Codable {
        /// The estimate on the whole log.
        public var value: Double
        /// 2.5 % percentile of the bootstrap.
        public var lower: Double
        /// 97.5 % percentile of the bootstrap.
        public var upper: Double
    }

    /// All three estimates and the weight diagnostics.
    public struct Estimate: Sendable, Hashable, Codable {
        /// Episodes.
        public var episodes: Int
        /// Inverse propensity scoring.
        public var ips: Interval
        /// Self-normalised IPS.
        public var snips: Interval
        /// Doubly robust.
        public var doublyRobust: Interval
        /// (Σw)² / Σw².
        public var effectiveSampleSize: Double
        /// Episodes whose weight was clipped.
        public var clippedEpisodes: Int
        /// The largest weight before clipping.
        public var maxWeight: Double
        /// Episodes where the target policy gives the logged arm positive probability.
        public var supportedEpisodes: Int
        /// The clip.
        public var clip: Double
    }

    /// Estimates the mean reward per episode of the policy whose action probabilities in
    /// episode i are `targetProbabilities(i)` (K values summing to 1).
    ///
    /// - Throws: ``BanditError`` for an empty or inconsistent log (naming the episode), a
    ///   propensity outside (0, 1], target probabilities that are not a distribution, a clip
    ///   < 1, or a target policy that gives every logged arm probability 0 (nothing to weight).
    public static func estimate(_ log: Log, targetProbabilities: (Int) -> [Double], clip: Double = 100,
                                resamples: Int = 2_000, seed: UInt64 = 1) throws(BanditError) -> Estimate {
        let n = log.count
        guard n > 0, log.arms >= 2 else { throw BanditError("off-policy evaluation needs logged episodes and at least 2 arms") }
        guard log.propensities.count == n, log.rewards.count == n, log.features.count == n * log.featureCount else {
            throw BanditError("the log's columns have different lengths")
        }
        guard clip.isFinite, clip >= 1 else { throw BanditError("the weight clip must be a number ≥ 1, not \(clip)") }
        guard resamples >= 100 else { throw BanditError("at least 100 bootstrap resamples, not \(resamples)") }
        var targets: [[Double]] = []
        targets.reserveCapacity(n)
        for i in 0..<n {
            guard (0..<log.arms).contains(log.actions[i]) else { throw BanditError("episode \(i): arm \(log.actions[i]) is not one of the \(log.arms) arms") }
            guard log.propensities[i] > 0, log.propensities[i] <= 1 else {
                throw BanditError("episode \(i): propensity \(log.propensities[i]) is not in (0, 1]")
            }
            guard log.rewards[i].isFinite else { throw BanditError("episode \(i): reward \(log.rewards[i]) is not finite") }
            let p = targetProbabilities(i)
            guard p.count == log.arms, p.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(p.reduce(0, +) - 1) < 1e-9 else {
                throw BanditError("episode \(i): the target policy's probabilities are not a distribution over \(log.arms) arms")
            }
            targets.append(p)
        }
        // The reward model q̂: one ridge regression per arm on standardised contexts.
        let dataset: BanditDataset
        do {
            dataset = try BanditDataset(features: log.features, featureCount: log.featureCount,
                                        rewards: Array(repeating: 0, count: n * log.arms), arms: log.arms)
        } catch {
            throw BanditError("cannot standardise the logged contexts: \(error.message)")
        }
        // Cross-fitted by halves, so no episode's own reward (nor its neighbours') enters its q̂.
        var models = Array(repeating: Array(repeating: RidgeArmStatistics(dimension: dataset.dimension, ridge: 1), count: log.arms), count: 2)
        func fold(_ i: Int) -> Int { i < n / 2 ? 0 : 1 }
        for i in 0..<n {
            let x = Array(dataset.context(i))
            try x.withUnsafeBufferPointer { (context) throws(BanditError) in
                try models[fold(i)][log.actions[i]].update(context: context, reward: log.rewards[i])
            }
        }
        // Per-episode terms.
        var weights = Array(repeating: 0.0, count: n)
        var ipsTerms = Array(repeating: 0.0, count: n)
        var drTerms = Array(repeating: 0.0, count: n)
        var clipped = 0, supported = 0
        var maxWeight = 0.0
        for i in 0..<n {
            let x = Array(dataset.context(i))
            let raw = targets[i][log.actions[i]] / log.propensities[i]
            maxWeight = max(maxWeight, raw)
            if raw > clip { clipped += 1 }
            if raw > 0 { supported += 1 }
            let w = min(raw, clip)
            weights[i] = w
            ipsTerms[i] = w * log.rewards[i]
            let q = (0..<log.arms).map { BanditTrainer.dot(models[1 - fold(i)][$0].theta, x) }
            let direct = zip(targets[i], q).reduce(0) { $0 + $1.0 * $1.1 }
            drTerms[i] = direct + w * (log.rewards[i] - q[log.actions[i]])
        }
        guard supported > 0 else {
            throw BanditError("the target policy never chooses the arm logged in any episode: "
                              + "no importance-weighted estimate exists (log behind a policy that explores more)")
        }
        func estimates(_ indices: [Int]?) -> (ips: Double, snips: Double, dr: Double) {
            var sumW = 0.0, sumIPS = 0.0, sumDR = 0.0
            let count: Int
            if let indices {
                for i in indices { sumW += weights[i]; sumIPS += ipsTerms[i]; sumDR += drTerms[i] }
                count = indices.count
            } else {
                for i in 0..<n { sumW += weights[i]; sumIPS += ipsTerms[i]; sumDR += drTerms[i] }
                count = n
            }
            return (sumIPS / Double(count), sumW > 0 ? sumIPS / sumW : 0, sumDR / Double(count))
        }
        let point = estimates(nil)
        var random = TraceRandom(seed: seed, stream: 0x0BE)
        var ips: [Double] = [], snips: [Double] = [], dr: [Double] = []
        var indices = Array(repeating: 0, count: n)
        for _ in 0..<resamples {
            for j in 0..<n { indices[j] = random.index(below: n) }
            let e = estimates(indices)
            ips.append(e.ips)
            snips.append(e.snips)
            dr.append(e.dr)
        }
        func interval(_ value: Double, _ draws: [Double]) -> Interval {
            let sorted = draws.sorted()
            let lower = sorted[Int((0.025 * Double(sorted.count - 1)).rounded())]
            let upper = sorted[Int((0.975 * Double(sorted.count - 1)).rounded())]
            return Interval(value: value, lower: lower, upper: upper)
        }
        let sumW = weights.reduce(0, +)
        let sumW2 = weights.reduce(0) { $0 + $1 * $1 }
        return Estimate(episodes: n, ips: interval(point.ips, ips), snips: interval(point.snips, snips),
                        doublyRobust: interval(point.dr, dr), effectiveSampleSize: sumW2 > 0 ? sumW * sumW / sumW2 : 0,
                        clippedEpisodes: clipped, maxWeight: maxWeight, supportedEpisodes: supported, clip: clip)
    }
}
