import Foundation

/// A bandit model ready to run: the runtime form of a validated ``BanditModelFile``, with each
/// arm's standardisation folded into raw-feature weights (`wᵢ / scaleᵢ`, intercept
/// `b − Σ wᵢ·meanᵢ/scaleᵢ`), so scoring an arm is one 16-wide dot product. Immutable; shared
/// by reference between the policies built from it.
public final class BanditModel: Sendable, Hashable {
    /// The arms, in score order.
    public let arms: [BanditArm]
    /// The feature set the scores read.
    public let featureSet: FeatureSet
    /// The extractor constants.
    public let extractorConfiguration: FeatureExtractorConfiguration
    /// Episode length in nanoseconds of the breaker's clock.
    public let episodeNanoseconds: Int64
    /// Serving exploration probability.
    public let epsilon: Double
    /// Serving exploration seed.
    public let seed: UInt64
    /// Folded weights per arm (lanes beyond the feature count are 0).
    let rawWeights: [SIMD16<Double>]
    /// Folded intercept per arm.
    let rawIntercepts: [Double]

    /// Builds the runtime model from `file` (validated first; its error is thrown).
    public init(_ file: BanditModelFile) throws(ModelFileError) {
        try file.validate()
        let count = file.featureSet.count
        guard count <= FeatureVector.capacity else {
            throw ModelFileError(code: .featureMismatch, path: "<memory>", field: "featureSet.names",
                                 message: "expected at most \(FeatureVector.capacity) features, found \(count)")
        }
        var weights: [SIMD16<Double>] = []
        var intercepts: [Double] = []
        for (a, row) in file.weights.enumerated() {
            var folded = SIMD16<Double>()
            var intercept = row[count]
            for index in 0..<count {
                let scale = file.standardization.scales[index]
                folded[index] = row[index] / scale
                intercept -= row[index] * (file.standardization.means[index] / scale)
            }
            guard (0..<count).allSatisfy({ folded[$0].isFinite }), intercept.isFinite else {
                throw ModelFileError(code: .nonFiniteNumber, path: "<memory>", field: "weights[\(a)]",
                                     message: "folding the standardisation into arm \(a)'s weights overflows")
            }
            weights.append(folded)
            intercepts.append(intercept)
        }
        arms = file.arms
        featureSet = file.featureSet
        extractorConfiguration = file.extractor
        episodeNanoseconds = max(1, Int64((file.episodeSeconds * 1e9).rounded()))
        epsilon = file.exploration.epsilon
        seed = file.exploration.seed
        rawWeights = weights
        rawIntercepts = intercepts
    }

    /// The arm the deployed policy uses in episode `episode` of the breaker identified by
    /// `stream`, and the probability it had: the best arm with probability 1 − ε + ε/K, each
    /// other arm with ε/K. The draw is a pure function of (seed, stream, episode), so a log
    /// recorded behind the policy can be re-derived from the features alone.
    public func choice(_ x: FeatureVector, episode: Int64, stream: UInt64) -> (arm: Int, probability: Double) {
        let best = bestArm(x)
        let k = arms.count
        guard epsilon > 0 else { return (best, 1) }
        var state = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(bitPattern: episode) &* 0xD1B5_4A32_D192_ED03)
        let coin = Double(Self.splitMix(&state) >> 11) * 0x1p-53
        let arm = coin < epsilon ? Int(Self.splitMix(&state) % UInt64(k)) : best
        return (arm, arm == best ? 1 - epsilon + epsilon / Double(k) : epsilon / Double(k))
    }

    /// π(a | x) for every arm: the probabilities ``choice(_:episode:stream:)`` draws from.
    public func choiceProbabilities(_ x: FeatureVector) -> [Double] {
        let best = bestArm(x)
        let k = Double(arms.count)
        return (0..<arms.count).map { $0 == best ? 1 - epsilon + epsilon / k : epsilon / k }
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The arm with the highest estimated reward (the lowest index among equals; NaN scores never win).
    public func bestArm(_ x: FeatureVector) -> Int {
        var best = 0
        var bestScore = -Double.infinity
        for a in 0..<arms.count {
            let score = LogisticModel.dot(rawWeights[a], x.storage) + rawIntercepts[a]
            if score > bestScore {
                best = a
                bestScore = score
            }
        }
        return best
    }

    /// Equal when every number that decides is equal.
    public static func == (lhs: BanditModel, rhs: BanditModel) -> Bool {
        lhs === rhs || (lhs.arms == rhs.arms && lhs.featureSet == rhs.featureSet && lhs.extractorConfiguration == rhs.extractorConfiguration
            && lhs.episodeNanoseconds == rhs.episodeNanoseconds && lhs.epsilon == rhs.epsilon && lhs.seed == rhs.seed
            && lhs.rawWeights == rhs.rawWeights && lhs.rawIntercepts == rhs.rawIntercepts)
    }

    /// Hashes the arms and weights.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(arms)
        hasher.combine(rawWeights)
        hasher.combine(rawIntercepts)
    }
}
