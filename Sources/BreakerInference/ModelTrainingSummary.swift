/// How a model was fitted: the regularisation, the solver's outcome and the class weights.
///
/// ``LogisticModelFile/validate(source:)`` enforces: `l2` finite and ≥ 0, `iterations` ≥ 0,
/// `tolerance` finite and > 0, `classWeights` exactly two finite values > 0. A model whose
/// solver did not converge (`converged` false) is accepted — the flag is reported, not judged.
public struct ModelTrainingSummary: Sendable, Hashable, Codable {
    /// The L2 penalty λ on the weights (on standardised features; the intercept is not
    /// penalised); ≥ 0.
    public var l2: Double
    /// Solver iterations taken; ≥ 0.
    public var iterations: Int
    /// Whether the solver met its convergence tolerance.
    public var converged: Bool
    /// The convergence tolerance the solver was given; > 0.
    public var tolerance: Double
    /// `[weight of label-0 rows, weight of label-1 rows]`; `[1, 1]` when unweighted; each > 0.
    public var classWeights: [Double]

    /// Creates a summary from its fields verbatim (no checks).
    public init(l2: Double, iterations: Int, converged: Bool, tolerance: Double, classWeights: [Double]) {
        self.l2 = l2
        self.iterations = iterations
        self.converged = converged
        self.tolerance = tolerance
        self.classWeights = classWeights
    }
}
