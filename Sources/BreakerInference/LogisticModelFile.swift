/// A logistic-regression model file (`models/NAME.json`), format `tripwise-model` version 1:
/// everything a service needs to run the model and everything a reader needs to trust it.
///
/// The JSON document has exactly these top-level keys (unknown keys are ignored):
/// `format`, `formatVersion`, `kind`, `featureSet`, `extractor`, `standardization`, `weights`,
/// `intercept`, `decision`, `label`, `training`, `provenance`, `evaluation`.
/// The model is `p(fail) = σ(intercept + Σ weights[i] · (x[i] − means[i]) / scales[i])` over
/// the raw features `x` produced by a ``FeatureExtractor`` with the stored ``extractor``
/// constants, and the decision is "trip when p(fail) > `decision.threshold`".
///
/// A value of this type may hold anything; ``validate(source:)`` states and enforces the rules,
/// and ``load(path:)``, ``decode(_:source:)``, ``encoded()`` and ``LogisticModel/init(_:)`` all
/// apply it, so no invalid model is read, written or run. `models/README.md` documents the
/// format field by field.
public struct LogisticModelFile: Sendable, Hashable, Codable {
    /// Always ``formatName`` (`"tripwise-model"`).
    public var format: String
    /// The format version; this build reads ``supportedFormatVersions`` and writes
    /// ``currentFormatVersion``.
    public var formatVersion: Int
    /// Always ``logisticKind`` (`"logistic"`).
    public var kind: String
    /// The features the model reads, in weight order: `{id, names}`; must equal the set
    /// ``FeatureSet/known`` holds under `id`.
    public var featureSet: FeatureSet
    /// The extractor constants the training rows were computed with; a service must extract
    /// with exactly these.
    public var extractor: FeatureExtractorConfiguration
    /// The standardisation applied to raw features before the weights.
    public var standardization: FeatureStandardization
    /// One weight per feature, on standardised features.
    public var weights: [Double]
    /// The intercept (bias), on the logit scale.
    public var intercept: Double
    /// The decision threshold and the costs behind it.
    public var decision: ModelDecision
    /// What the model predicts.
    public var label: ModelLabel
    /// How it was fitted.
    public var training: ModelTrainingSummary
    /// What it was fitted on.
    public var provenance: ModelProvenance
    /// How it scored on its training and validation splits.
    public var evaluation: ModelEvaluations

    /// `"tripwise-model"`: the value of `format`.
    public static let formatName = "tripwise-model"
    /// The version this build writes: 1.
    public static let currentFormatVersion = 1
    /// The versions this build reads: [1].
    public static let supportedFormatVersions: [Int] = [1]
    /// `"logistic"`: the value of `kind`.
    public static let logisticKind = "logistic"

    /// Creates a file from its fields verbatim, with `format`, `formatVersion` and `kind` set to
    /// the current values. No checks here: ``validate(source:)`` (and ``encoded()``) check.
    public init(
        featureSet: FeatureSet,
        extractor: FeatureExtractorConfiguration,
        standardization: FeatureStandardization,
        weights: [Double],
        intercept: Double,
        decision: ModelDecision,
        label: ModelLabel,
        training: ModelTrainingSummary,
        provenance: ModelProvenance,
        evaluation: ModelEvaluations
    ) {
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        kind = Self.logisticKind
        self.featureSet = featureSet
        self.extractor = extractor
        self.standardization = standardization
        self.weights = weights
        self.intercept = intercept
        self.decision = decision
        self.label = label
        self.training = training
        self.provenance = provenance
        self.evaluation = evaluation
    }
}
