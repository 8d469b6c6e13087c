import COpenBLAS
import TraceKit

/// Trains a linear contextual bandit by playing the episodes in order under bandit feedback:
/// at each episode the algorithm picks one arm from the context, sees only that arm's reward,
/// and updates that arm's ridge statistics (``RidgeArmStatistics``: BLAS `dsyr`/`daxpy`,
/// LAPACK Cholesky). Deterministic for a seed.
///
/// Because the dataset holds every arm's reward (full information, from replay), the result
/// also reports what the run earned against the best single arm in hindsight and against the
/// per-episode best arm, the regrets a bandit is judged by.
public enum BanditTrainer {
    /// Training options.
    public struct Options: Sendable, Hashable {
        /// The algorithm.
        public var algorithm: BanditAlgorithm = .linucb
        /// Ridge λ > 0 of every arm (the prior precision).
        public var ridge: Double = 1
        /// LinUCB's exploration width α ≥ 0, in reward units per unit of confidence width.
        public var alpha: Double = 1
        /// Thompson sampling's posterior scale v > 0.
        public var posteriorScale: Double = 1
        /// ε-greedy's exploration probability, in [0, 1].
        public var epsilon: Double = 0.1
        /// Passes over the episodes (≥ 1); later passes continue from the earlier ones' statistics.
        public var passes: Int = 1
        /// The random seed (Thompson draws, ε-greedy coin flips).
        public var seed: UInt64 = 1

        /// Defaults.
        public init() {}

        func validate() throws(BanditError) {
            guard ridge.isFinite, ridge > 0 else { throw BanditError("ridge λ must be a finite number > 0, not \(ridge)") }
            guard alpha.isFinite, alpha >= 0 else { throw BanditError("α must be a finite number ≥ 0, not \(alpha)") }
            guard posteriorScale.isFinite, posteriorScale > 0 else { throw BanditError("the posterior scale must be a finite number > 0, not \(posteriorScale)") }
            guard epsilon.isFinite, (0...1).contains(epsilon) else { throw BanditError("ε must be in [0, 1], not \(epsilon)") }
            guard passes >= 1 else { throw BanditError("passes must be at least 1, not \(passes)") }
        }
    }

    /// What a run produced.
    public struct Fit: Sendable {
        /// θ per arm, row-major `arms × dimension` (standardised features, intercept last).
        public var weights: [Double]
        /// Episodes each arm was chosen in (all passes).
        public var pulls: [Int]
        /// The arm chosen in each episode of the last pass.
        public var choices: [Int]
        /// Reward earned over the last pass.
        public var reward: Double
        /// Reward of the best single arm over the episodes (hindsight).
        public var bestArmReward: Double
        /// That arm.
        public var bestArm: Int
        /// Σ over episodes of the best arm's reward in that episode (the per-episode oracle).
        public var oracleReward: Double
        /// Reward of the greedy policy argmaxₐ θₐ·x with the final weights, replayed over the
        /// episodes (no exploration): what the deployed model would earn on its training data.
        public var greedyReward: Double
    }

    /// Plays `dataset` with `options`.
    ///
    /// - Throws: ``BanditError`` for invalid options or a numerical failure.
    public static func train(_ dataset: BanditDataset, options: Options = Options()) throws(BanditError) -> Fit {
        try options.validate()
        let d = dataset.dimension
        let k = dataset.arms
        var arms = Array(repeating: RidgeArmStatistics(dimension: d, ridge: options.ridge), count: k)
        var random = TraceRandom(seed: options.seed, stream: 0xBA4D17)
        var pulls = Array(repeating: 0, count: k)
        var choices: [Int] = []
        var reward = 0.0
        var scores = Array(repeating: 0.0, count: k)
        var weights = Array(repeating: 0.0, count: k * d)
        for pass in 0..<options.passes {
            choices = []
            choices.reserveCapacity(dataset.count)
            reward = 0
            for episode in 0..<dataset.count {
                let x = Array(dataset.context(episode))
                let arm: Int
                switch options.algorithm {
                case .linucb:
                    for a in 0..<k {
                        let width = x.withUnsafeBufferPointer { arms[a].confidenceWidthSquared($0) }
                        scores[a] = dot(arms[a].theta, x) + options.alpha * max(width, 0).squareRoot()
                    }
                    arm = argmax(scores)
                case .thompson:
                    for a in 0..<k {
                        let z = (0..<d).map { _ in random.normal() }
                        scores[a] = dot(arms[a].sample(standardNormal: z, scale: options.posteriorScale), x)
                    }
                    arm = argmax(scores)
                case .egreedy:
                    if random.uniform() < options.epsilon {
                        arm = random.index(below: k)
                    } else {
                        for a in 0..<k { weights.replaceSubrange((a * d)..<((a + 1) * d), with: arms[a].theta) }
                        greedyScores(weights: weights, arms: k, context: x, into: &scores)
                        arm = argmax(scores)
                    }
                }
                let r = dataset.reward(episode, arm: arm)
                try x.withUnsafeBufferPointer { (context) throws(BanditError) in try arms[arm].update(context: context, reward: r) }
                pulls[arm] += 1
                choices.append(arm)
                reward += r
            }
            _ = pass
        }
        for a in 0..<k { weights.replaceSubrange((a * d)..<((a + 1) * d), with: arms[a].theta) }
        let summary = evaluateGreedy(weights: weights, on: dataset)
        return Fit(weights: weights, pulls: pulls, choices: choices, reward: reward, bestArmReward: summary.bestArmReward,
                   bestArm: summary.bestArm, oracleReward: summary.oracle, greedyReward: summary.greedy)
    }

    /// What the greedy policy argmaxₐ θₐ·x with `weights` (row-major `arms × dimension`) earns on
    /// `dataset`, against the best single arm and the per-episode oracle.
    public static func evaluateGreedy(weights: [Double], on dataset: BanditDataset)
        -> (greedy: Double, bestArm: Int, bestArmReward: Double, oracle: Double) {
        precondition(weights.count == dataset.arms * dataset.dimension, "evaluateGreedy: weights shape")
        var scores = Array(repeating: 0.0, count: dataset.arms)
        var armTotals = Array(repeating: 0.0, count: dataset.arms)
        var greedy = 0.0, oracle = 0.0
        for episode in 0..<dataset.count {
            var best = -Double.infinity
            for a in 0..<dataset.arms {
                let r = dataset.reward(episode, arm: a)
                armTotals[a] += r
                best = max(best, r)
            }
            oracle += best
            greedyScores(weights: weights, arms: dataset.arms, context: Array(dataset.context(episode)), into: &scores)
            greedy += dataset.reward(episode, arm: argmax(scores))
        }
        let bestArm = argmax(armTotals)
        return (greedy, bestArm, armTotals[bestArm], oracle)
    }

    /// `scores = Θ·x` for the `arms × d` row-major weights, through `cblas_dgemv`.
    static func greedyScores(weights: [Double], arms: Int, context: [Double], into scores: inout [Double]) {
        let d = context.count
        weights.withUnsafeBufferPointer { w in
            context.withUnsafeBufferPointer { x in
                scores.withUnsafeMutableBufferPointer { y in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(arms), blasint(d), 1, w.baseAddress, blasint(d),
                                x.baseAddress, 1, 0, y.baseAddress, 1)
                }
            }
        }
    }

    /// The first index of the largest value (ties go to the lower arm).
    static func argmax(_ values: [Double]) -> Int {
        var best = 0
        for index in values.indices.dropFirst() where values[index] > values[best] { best = index }
        return best
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
