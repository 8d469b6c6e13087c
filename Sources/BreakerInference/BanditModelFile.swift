/// A contextual-bandit model file (`kind: "bandit"`, format `tripwise-model` version 1): arms
/// that are breaker configurations, and per arm a linear estimate of the reward (minus the cost)
/// of running that configuration for one episode, given the features at the episode's start.
///
/// A service runs it with ``BanditPolicy``: at the first outcome of every episode (a fixed
/// interval of ``episodeSeconds`` per target) it standardises the features, picks the arm with
/// the highest `weights[a] · [standardised features, 1]` (or, with `exploration.epsilon` > 0,
/// a uniformly random arm with that probability), and behaves as that arm's breaker until the
/// next episode. `models/README.md` documents the format; ``validate(source:)`` enforces it.
public struct BanditModelFile: Sendable, Hashable, Codable {
    /// Always `"tripwise-model"`.
    public var format: String
    /// The format version (1).
    public var formatVersion: Int
    /// Always ``banditKind``.
    public var kind: String
    /// The features of the context, in order.
    public var featureSet: FeatureSet
    /// The extractor constants the contexts were computed with.
    public var extractor: FeatureExtractorConfiguration
    /// Standardisation of the raw features (one mean and scale per feature).
    public var standardization: FeatureStandardization
    /// The arms, in weight order (2…64).
    public var arms: [BanditArm]
    /// Per arm, features + 1 weights on `[standardised features, 1]` (intercept last), in
    /// reward units (minus the episode's cost).
    public var weights: [[Double]]
    /// Episode length, seconds (> 0).
    public var episodeSeconds: Double
    /// Exploration while serving.
    public var exploration: BanditExploration
    /// How it was trained.
    public var training: BanditTrainingSummary
    /// What it was trained on (`rows` = training episodes; `positiveRate` = 0).
    public var provenance: ModelProvenance

    /// `"bandit"`.
    public static let banditKind = "bandit"

    /// A file from its fields, with `format`, `formatVersion` and `kind` set; no checks here.
    public init(featureSet: FeatureSet, extractor: FeatureExtractorConfiguration, standardization: FeatureStandardization,
                arms: [BanditArm], weights: [[Double]], episodeSeconds: Double, exploration: BanditExploration,
                training: BanditTrainingSummary, provenance: ModelProvenance) {
        format = LogisticModelFile.formatName
        formatVersion = LogisticModelFile.currentFormatVersion
        kind = Self.banditKind
        self.featureSet = featureSet
        self.extractor = extractor
        self.standardization = standardization
        self.arms = arms
        self.weights = weights
        self.episodeSeconds = episodeSeconds
        self.exploration = exploration
        self.training = training
        self.provenance = provenance
    }
}

/// How a deployed bandit keeps exploring.
public struct BanditExploration: Sendable, Hashable, Codable {
    /// Probability of a uniformly random arm per episode, in [0, 1]; 0 = always the best estimate.
    public var epsilon: Double
    /// The seed of the serving policy's choices (per breaker, mixed with nothing else).
    public var seed: UInt64

    /// Exploration with `epsilon` and `seed`.
    public init(epsilon: Double, seed: UInt64) {
        self.epsilon = epsilon
        self.seed = seed
    }
}

/// How a bandit model was trained, and what it earned doing so.
public struct BanditTrainingSummary: Sendable, Hashable, Codable {
    /// `"linucb"`, `"thompson"` or `"egreedy"`.
    public var algorithm: String
    /// Ridge λ.
    public var ridge: Double
    /// LinUCB α, Thompson posterior scale or ε-greedy ε — the algorithm's exploration parameter.
    public var explorationParameter: Double
    /// Passes over the episodes.
    public var passes: Int
    /// Training seed.
    public var seed: UInt64
    /// Training episodes.
    public var episodes: Int
    /// Reward earned while learning (last pass).
    public var reward: Double
    /// Reward of the greedy policy with the final weights on the training episodes.
    public var greedyReward: Double
    /// Reward of the best single arm in hindsight.
    public var bestArmReward: Double
    /// Reward of the per-episode best arm (an oracle).
    public var oracleReward: Double
    /// The costs rewards are minus of.
    public var costFail: Double
    /// See ``costFail``.
    public var costReject: Double

    /// A summary from its fields verbatim.
    public init(algorithm: String, ridge: Double, explorationParameter: Double, passes: Int, seed: UInt64, episodes: Int,
                reward: Double, greedyReward: Double, bestArmReward: Double, oracleReward: Double,
                costFail: Double, costReject: Double) {
        self.algorithm = algorithm
        self.ridge = ridge
        self.explorationParameter = explorationParameter
        self.passes = passes
        self.seed = seed
        self.episodes = episodes
        self.reward = reward
        self.greedyReward = greedyReward
        self.bestArmReward = bestArmReward
        self.oracleReward = oracleReward
        self.costFail = costFail
        self.costReject = costReject
    }
}
