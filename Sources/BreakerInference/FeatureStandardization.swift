/// How raw features are standardised before a linear model sees them:
/// `z_i = (x_i − means[i]) / scales[i]`, one entry per feature of the model's ``FeatureSet``.
///
/// The trainer converts its own standardisation type to this one when it exports a model. In a
/// file that ``LogisticModelFile/validate(source:)`` accepts, both arrays have one entry per
/// feature, every value is finite and every scale is > 0.
public struct FeatureStandardization: Sendable, Hashable, Codable {
    /// The mean subtracted from each raw feature (in the feature's own units).
    public var means: [Double]
    /// The divisor of each centred feature (a standard deviation, or 1 for a feature left as
    /// is); must be > 0.
    public var scales: [Double]

    /// Creates a standardisation from its arrays verbatim (no checks; files are checked by
    /// ``LogisticModelFile/validate(source:)``).
    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// The identity for `count` features: means 0, scales 1.
    public static func identity(count: Int) -> FeatureStandardization {
        FeatureStandardization(means: Array(repeating: 0, count: count), scales: Array(repeating: 1, count: count))
    }
}
