/// What ``LogisticRegression/fit(_:labels:options:progress:)`` minimises and when it stops.
///
/// The objective, over the standardised features z_i (see ``Standardization``), weights β and
/// intercept b, is
///
///     f(β, b) = (1/W) · Σ_i w_i · logloss(y_i, σ(z_i·β + b))  +  (λ/2) · ‖β‖²
///
/// with w_i the class weight of row i's label, W = Σ_i w_i, and the intercept unpenalised.
/// This is exactly scikit-learn's `LogisticRegression` (L2, `fit_intercept=True`) objective
/// divided by C·W, on the same standardised features, when C = 1 / (λ · W).
public struct LogisticRegressionOptions: Sendable, Hashable {
    /// Per-class row weights: every row labelled 0 weighs `negative`, every row labelled 1
    /// weighs `positive`. Both must be finite and > 0.
    public struct ClassWeights: Sendable, Hashable, Codable {
        /// The weight of each row labelled 0.
        public var negative: Double
        /// The weight of each row labelled 1.
        public var positive: Double

        /// Weights (negative, positive); (1, 1) by default.
        public init(negative: Double = 1, positive: Double = 1) {
            self.negative = negative
            self.positive = positive
        }

        /// Every row weighs 1.
        public static let unit = ClassWeights()

        /// scikit-learn's `class_weight="balanced"`: each class weighs n / (2 · n_class), so both
        /// classes carry the same total weight n/2. A class with no rows gets weight 1 (it has
        /// no rows to weigh; ``LogisticRegression`` refuses single-class data anyway).
        public static func balanced(negatives: Int, positives: Int) -> ClassWeights {
            let total = Double(negatives + positives)
            return ClassWeights(negative: negatives > 0 ? total / (2 * Double(negatives)) : 1,
                                positive: positives > 0 ? total / (2 * Double(positives)) : 1)
        }

        /// ``balanced(negatives:positives:)`` for the counts of exactly-1 labels (positives)
        /// and of all other labels (negatives) in `labels`.
        public static func balanced(labels: [Double]) -> ClassWeights {
            let positives = labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
            return balanced(negatives: labels.count - positives, positives: positives)
        }
    }

    /// L2 strength λ ≥ 0 (finite): the objective is (1/W)·Σ_i w_i·logloss_i + (λ/2)·‖β‖² over
    /// standardised features, intercept unpenalised (W = Σ_i w_i). Default 1e-4.
    ///
    /// With λ = 0 and linearly separable data the optimum is at infinity: the solver then stops
    /// at `maxIterations` (or when the gradient falls below `tolerance` on the way out) with
    /// large weights.
    public var l2: Double = 1e-4

    /// Converged when the infinity norm of the objective's gradient (with respect to β and b,
    /// on the objective above, so it is scale-free in n) is ≤ `tolerance`. Finite and ≥ 0;
    /// default 1e-8 (scikit-learn's `tol` for lbfgs means the same quantity).
    public var tolerance: Double = 1e-8

    /// The most Newton steps taken (≥ 0). With 0 the result is the starting point (β = 0, b =
    /// the log-odds of the weighted positive rate) with its objective and gradient. Default 100;
    /// well-posed problems converge in 5–10.
    public var maxIterations: Int = 100

    /// Per-class row weights; default (1, 1).
    public var classWeights: ClassWeights = .unit

    /// The defaults: λ = 1e-4, tolerance 1e-8, at most 100 iterations, unit class weights.
    public init() {}

    /// Options with the given values (defaults as in ``init()``).
    public init(l2: Double = 1e-4, tolerance: Double = 1e-8, maxIterations: Int = 100,
                classWeights: ClassWeights = .unit) {
        self.l2 = l2
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.classWeights = classWeights
    }

    /// Throws ``TrainingError`` `.invalidOption` for the first option out of range.
    func validate() throws(TrainingError) {
        func invalid(_ text: String) -> TrainingError {
            TrainingError(code: .invalidOption, message: "LogisticRegression: \(text)")
        }
        guard l2.isFinite, l2 >= 0 else { throw invalid("l2 must be finite and ≥ 0, got \(l2)") }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw invalid("tolerance must be finite and ≥ 0, got \(tolerance)")
        }
        guard maxIterations >= 0 else { throw invalid("maxIterations must be ≥ 0, got \(maxIterations)") }
        guard classWeights.negative.isFinite, classWeights.negative > 0,
              classWeights.positive.isFinite, classWeights.positive > 0 else {
            throw invalid("class weights must be finite and > 0, got (negative: \(classWeights.negative), "
                          + "positive: \(classWeights.positive))")
        }
    }
}
