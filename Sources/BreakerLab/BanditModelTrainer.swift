import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// Trains a bandit model file from traces: chooses the half-open trial calls the way `bench`
/// runs model policies (static-best's, grid-searched on the training traces), cuts every trace
/// into episodes with every arm's reward (``BanditEpisodes``), plays the training episodes
/// with the chosen algorithm (``BanditTrainer``), and scores the greedy result on the
/// validation episodes.
public enum BanditModelTrainer {
    /// What to train.
    public struct Request: Sendable {
        /// Training traces, in time order.
        public var traces: [TraceSource]
        /// Validation traces (scored, never trained on).
        public var validation: [TraceSource] = []
        /// The arms (default ``BanditArm/standardGrid``).
        public var arms: [BanditArm] = BanditArm.standardGrid
        /// Episode length, seconds (default 30).
        public var episodeSeconds: Double = 30
        /// Costs (rewards are minus these).
        public var costs = BenchmarkCosts()
        /// Algorithm and its parameters.
        public var options = BanditTrainer.Options()
        /// Exploration of the deployed policy (0: greedy).
        public var servingEpsilon: Double = 0
        /// The version recorded in provenance.
        public var tripwiseVersion = "dev"

        /// A request for `traces`.
        public init(traces: [TraceSource]) {
            self.traces = traces
        }
    }

    /// The trained file and what training saw.
    public struct Result: Sendable {
        /// The model file.
        public var file: BanditModelFile
        /// The recovery base (static-best on the training traces).
        public var base: StaticBreakerSettings
        /// Training episodes.
        public var trainingEpisodes: Int
        /// The training run.
        public var fit: BanditTrainer.Fit
        /// On the validation episodes: greedy, best single arm and per-episode oracle rewards.
        public var validation: (episodes: Int, greedy: Double, bestArm: Int, bestArmReward: Double, oracle: Double)?
    }

    /// Trains; `progress` receives one line per step.
    ///
    /// - Throws: ``BenchmarkError`` for bad traces or options (`usage`) and failed replays (`data`).
    public static func train(_ request: Request, progress: (String) -> Void = { _ in }) throws(BenchmarkError) -> Result {
        guard !request.traces.isEmpty else { throw BenchmarkError(.usage, "no training traces") }
        let ranking = try StaticGridSearch.rank(request.traces.map(\.trace), costs: request.costs)
        let base = ranking.best.settings
        progress("static-best on the training traces (half-open trial calls for every arm): \(base)")
        let (train, standardization) = try dataset(request.traces, request: request, base: base, standardization: nil)
        if request.traces.rejectedRows > 0 {
            progress("left out \(request.traces.rejectedRows) training rows recorded as rejected (true outcome unknown)")
        }
        progress("training episodes: \(train.count) (\(request.arms.count) arms, \(StaticBreakerSettings.number(request.episodeSeconds)) s each)")
        let fit: BanditTrainer.Fit
        do {
            fit = try BanditTrainer.train(train, options: request.options)
        } catch {
            throw BenchmarkError(.data, error.message)
        }
        var validation: Result.Validation?
        if !request.validation.isEmpty {
            let (set, _) = try dataset(request.validation, request: request, base: base, standardization: standardization)
            let summary = BanditTrainer.evaluateGreedy(weights: fit.weights, on: set)
            validation = (set.count, summary.greedy, summary.bestArm, summary.bestArmReward, summary.oracle)
        }
        let d = train.dimension
        let provenance: ModelProvenance
        do {
            provenance = ModelProvenance(
                traces: try LogisticTrainer.provenance(request.traces),
                validation: request.validation.isEmpty ? nil : try LogisticTrainer.provenance(request.validation),
                rows: train.count, positiveRate: 0,
                createdAt: UTCTimestamp.format(Date().timeIntervalSince1970.rounded()), tripwiseVersion: request.tripwiseVersion)
        } catch {
            throw BenchmarkError(.data, error.message)
        }
        let parameter: Double = switch request.options.algorithm {
        case .linucb: request.options.alpha
        case .thompson: request.options.posteriorScale
        case .egreedy: request.options.epsilon
        }
        let file = BanditModelFile(
            featureSet: FeatureExtractor.featureSet, extractor: FeatureExtractorConfiguration(),
            standardization: FeatureStandardization(means: standardization.means, scales: standardization.scales),
            arms: request.arms, weights: (0..<request.arms.count).map { Array(fit.weights[($0 * d)..<(($0 + 1) * d)]) },
            episodeSeconds: request.episodeSeconds,
            exploration: BanditExploration(epsilon: request.servingEpsilon, seed: request.options.seed),
            training: BanditTrainingSummary(
                algorithm: request.options.algorithm.rawValue, ridge: request.options.ridge, explorationParameter: parameter,
                passes: request.options.passes, seed: request.options.seed, episodes: train.count, reward: fit.reward,
                greedyReward: fit.greedyReward, bestArmReward: fit.bestArmReward, oracleReward: fit.oracleReward,
                costFail: request.costs.costFail, costReject: request.costs.costReject),
            provenance: provenance)
        do {
            try file.validate()
        } catch {
            throw BenchmarkError(.data, "the trained bandit is not a valid model: \(error)")
        }
        return Result(file: file, base: base, trainingEpisodes: train.count, fit: fit, validation: validation)
    }

    private static func dataset(_ sources: [TraceSource], request: Request, base: StaticBreakerSettings,
                                standardization: Standardization?) throws(BenchmarkError) -> (BanditDataset, Standardization) {
        var features: [Double] = []
        var rewards: [Double] = []
        for source in sources where source.trace.outcomes.contains(where: { $0 != .rejected }) {
            let episodes = try BanditEpisodes.build(source.trace, arms: request.arms, base: base, episodeSeconds: request.episodeSeconds,
                                                    costs: request.costs)
            features += episodes.features
            rewards += episodes.rewards
        }
        do {
            let set = try BanditDataset(features: features, featureCount: FeatureExtractor.featureSet.count, rewards: rewards,
                                        arms: request.arms.count, standardization: standardization)
            return (set, set.standardization)
        } catch {
            throw BenchmarkError(.usage, error.message)
        }
    }
}

extension BanditModelTrainer.Result {
    /// Validation figures.
    public typealias Validation = (episodes: Int, greedy: Double, bestArm: Int, bestArmReward: Double, oracle: Double)
}
