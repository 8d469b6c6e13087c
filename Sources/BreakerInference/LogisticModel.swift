import Foundation

/// A logistic-regression model ready to run on every call: the runtime form of a validated
/// ``LogisticModelFile``.
///
/// The file's standardisation is folded into raw-feature weights — `w_i / scale_i`, intercept
/// `b − Σ w_i · mean_i / scale_i` — so ``probability(_:)`` is one 16-wide dot product over a
/// ``FeatureVector`` plus a numerically stable sigmoid: O(features), no allocation, no locks,
/// no BLAS. It equals the standardised form `σ(b + Σ w_i (x_i − mean_i) / scale_i)` up to
/// floating-point rounding (tested to 1e-12 relative).
///
/// A service loads a model with `try LogisticModel(LogisticModelFile.load(path: path))` and
/// extracts features with ``makeExtractor()`` (the file's extractor constants).
public struct LogisticModel: Sendable, Hashable {
    /// The features the model reads, in weight order.
    public let featureSet: FeatureSet
    /// The extractor constants the model was trained with; features must come from an extractor
    /// with exactly these (see ``makeExtractor()``).
    public let extractorConfiguration: FeatureExtractorConfiguration
    /// τ: the model trips when p(fail) > τ. In (0, 1).
    public private(set) var threshold: Double
    /// logit(τ) = ln(τ / (1 − τ)): p(fail) > τ exactly when ``logit(_:)`` > this (up to one
    /// rounding of each side), so a policy decides without evaluating the sigmoid.
    public private(set) var thresholdLogit: Double
    /// The folded weights on raw features, `w_i / scale_i`; lanes at and beyond
    /// `featureSet.count` are zero. Every lane is finite.
    public let rawWeights: SIMD16<Double>
    /// The folded intercept, `b − Σ w_i · mean_i / scale_i`; finite.
    public let rawIntercept: Double

    /// Builds the runtime model from `file`.
    ///
    /// Validates `file` first (``LogisticModelFile/validate(source:)``, source `"<memory>"`) and
    /// throws its error; also throws `featureMismatch` when the feature set has more than
    /// ``FeatureVector/capacity`` features and `nonFiniteNumber` (field `weights[i]` or
    /// `intercept`) when folding overflows, e.g. a finite weight over a subnormal scale.
    public init(_ file: LogisticModelFile) throws(ModelFileError) {
        try file.validate()
        let count = file.featureSet.count
        guard count <= FeatureVector.capacity else {
            throw ModelFileError(code: .featureMismatch, path: "<memory>", field: "featureSet.names",
                                 message: "expected at most \(FeatureVector.capacity) features, found \(count)")
        }
        var weights = SIMD16<Double>()
        var intercept = file.intercept
        for index in 0..<count {
            let scale = file.standardization.scales[index]
            let weight = file.weights[index] / scale
            guard weight.isFinite else {
                throw ModelFileError(code: .nonFiniteNumber, path: "<memory>", field: "weights[\(index)]",
                                     message: "weight / scale = \(file.weights[index]) / \(scale) overflows; expected a finite folded weight")
            }
            weights[index] = weight
            intercept -= file.weights[index] * (file.standardization.means[index] / scale)
        }
        guard intercept.isFinite else {
            throw ModelFileError(code: .nonFiniteNumber, path: "<memory>", field: "intercept",
                                 message: "intercept − Σ weight·mean/scale overflows; expected a finite folded intercept")
        }
        featureSet = file.featureSet
        extractorConfiguration = file.extractor
        threshold = file.decision.threshold
        thresholdLogit = log(threshold / (1 - threshold))
        rawWeights = weights
        rawIntercept = intercept
    }

    /// The logit `rawIntercept + Σ rawWeights_i · x_i` for raw features `x` (of ``featureSet``,
    /// lanes beyond it zero). No allocation.
    @inlinable
    public func logit(_ features: FeatureVector) -> Double {
        Self.dot(rawWeights, features.storage) + rawIntercept
    }

    /// Σ aᵢ·bᵢ by pairwise halving (16 → 8 → 4 → 2 → 1 lanes): four dependent vector adds
    /// instead of `SIMD.sum()`'s chain of fifteen scalar ones. Rounding differs from a
    /// left-to-right sum by at most a few ulps of Σ|aᵢ·bᵢ|.
    @inlinable @inline(__always)
    public static func dot(_ a: SIMD16<Double>, _ b: SIMD16<Double>) -> Double {
        let products = a * b
        let eight = products.lowHalf + products.highHalf
        let four = eight.lowHalf + eight.highHalf
        let two = four.lowHalf + four.highHalf
        return two[0] + two[1]
    }

    /// p(fail) = σ(``logit(_:)``) in [0, 1], computed without overflow for any logit
    /// (NaN only if a feature is NaN or infinite). No allocation.
    @inlinable
    public func probability(_ features: FeatureVector) -> Double {
        Self.sigmoid(logit(features))
    }

    /// Whether the model says trip: ``probability(_:)`` > ``threshold``. False when the
    /// probability is NaN (a non-finite feature), so a broken feature never trips by itself.
    @inlinable
    public func shouldTrip(_ features: FeatureVector) -> Bool {
        probability(features) > threshold
    }

    /// The same model deciding with τ = `threshold` (which must be in (0, 1)).
    public func replacingThreshold(_ threshold: Double) -> LogisticModel {
        precondition(threshold > 0 && threshold < 1, "τ must be strictly between 0 and 1")
        var copy = self
        copy.threshold = threshold
        copy.thresholdLogit = log(threshold / (1 - threshold))
        return copy
    }

    /// A fresh extractor with the model's constants, producing ``featureSet``.
    public func makeExtractor() -> FeatureExtractor {
        FeatureExtractor(configuration: extractorConfiguration)
    }

    /// The logistic function 1 / (1 + e^−z), evaluated so that `exp` never overflows:
    /// `1 / (1 + e^−z)` for z ≥ 0 and `e^z / (1 + e^z)` for z < 0. Exactly 0.5 at 0, monotone,
    /// in [0, 1].
    @inlinable
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + exp(-z))
        }
        let e = exp(z)
        return e / (1 + e)
    }
}
