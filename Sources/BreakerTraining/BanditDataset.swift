/// Episodes for a contextual bandit with full information: for every episode, the context
/// (the features at its start) and the reward every arm would have earned in it.
///
/// Contexts are stored standardised (``standardization``, fitted on these episodes) with a
/// constant 1 appended as the intercept, so ``dimension`` = features + 1. Rewards are row-major
/// `count × arms`. Every value is finite (checked on creation).
public struct BanditDataset: Sendable {
    /// Episodes.
    public let count: Int
    /// Arms.
    public let arms: Int
    /// Context width: raw features + 1.
    public let dimension: Int
    /// How raw features were standardised (fitted here, or given).
    public let standardization: Standardization
    /// Row-major `count × dimension`, standardised, last column 1.
    public let contexts: [Double]
    /// Row-major `count × arms`.
    public let rewards: [Double]

    /// Builds the dataset from raw features (`count × features`, row-major) and rewards
    /// (`count × arms`); the standardisation is fitted on `features` unless one is given.
    ///
    /// - Throws: ``BanditError`` for no episodes, fewer than 2 arms, mismatched lengths, a
    ///   standardisation of the wrong width, or a non-finite value (naming the episode).
    public init(features: [Double], featureCount: Int, rewards: [Double], arms: Int,
                standardization given: Standardization? = nil) throws(BanditError) {
        guard featureCount > 0, arms >= 2 else { throw BanditError("a bandit needs at least 1 feature and 2 arms, found \(featureCount) and \(arms)") }
        guard !features.isEmpty, features.count % featureCount == 0 else {
            throw BanditError("expected a whole number of \(featureCount)-feature contexts, found \(features.count) values")
        }
        let count = features.count / featureCount
        guard rewards.count == count * arms else {
            throw BanditError("expected \(count) × \(arms) rewards, found \(rewards.count)")
        }
        if let index = features.firstIndex(where: { !$0.isFinite }) {
            throw BanditError("episode \(index / featureCount): feature \(index % featureCount) is \(features[index]); expected a finite number")
        }
        if let index = rewards.firstIndex(where: { !$0.isFinite }) {
            throw BanditError("episode \(index / arms): the reward of arm \(index % arms) is \(rewards[index]); expected a finite number")
        }
        let standardization: Standardization
        if let given {
            guard given.columns == featureCount else {
                throw BanditError("the standardisation has \(given.columns) columns; the contexts have \(featureCount) features")
            }
            standardization = given
        } else {
            do {
                standardization = Standardization.fit(try DesignMatrix(rows: count, columns: featureCount, values: features))
            } catch {
                throw BanditError("cannot standardise the contexts: \(error)")
            }
        }
        var contexts: [Double] = []
        contexts.reserveCapacity(count * (featureCount + 1))
        for episode in 0..<count {
            contexts += standardization.apply(Array(features[(episode * featureCount)..<((episode + 1) * featureCount)]))
            contexts.append(1)
        }
        self.count = count
        self.arms = arms
        self.dimension = featureCount + 1
        self.standardization = standardization
        self.contexts = contexts
        self.rewards = rewards
    }

    /// The context of `episode`.
    public func context(_ episode: Int) -> ArraySlice<Double> {
        contexts[(episode * dimension)..<((episode + 1) * dimension)]
    }

    /// The reward of `arm` in `episode`.
    public func reward(_ episode: Int, arm: Int) -> Double {
        rewards[episode * arms + arm]
    }
}
