/// A model's evaluation on its training split and, when there was one, its validation split.
/// Either may be absent (written as a missing key). Test-split figures never go in a model
/// file: they belong to the benchmark report.
public struct ModelEvaluations: Sendable, Hashable, Codable {
    /// Figures on the training rows.
    public var train: ModelEvaluation?
    /// Figures on the validation rows.
    public var validation: ModelEvaluation?

    /// Creates the pair verbatim.
    public init(train: ModelEvaluation?, validation: ModelEvaluation?) {
        self.train = train
        self.validation = validation
    }
}
