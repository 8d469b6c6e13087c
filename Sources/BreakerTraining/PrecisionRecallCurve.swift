/// The precision–recall curve of a probabilistic binary classifier, for plotting: (recall,
/// precision) at every distinct score taken as a threshold, highest threshold first, downsampled
/// to at most `maxPoints` points.
///
/// A point with threshold t counts the rows with score ≥ t as predicted positive (the
/// scikit-learn convention). Tied scores enter together. The first point is the start
/// (threshold +∞, recall 0, precision 1 — by convention, as scikit-learn's
/// `precision_recall_curve` does, since nothing is predicted positive there) and the last the
/// lowest score (recall 1, precision = base rate). Figures are weighted when weights are given.
///
/// Downsampling keeps the first and last points and, between them, evenly spaced points by
/// position along the curve (a PR curve is not piecewise linear, so nothing is dropped as
/// "collinear"). `averagePrecision` is always computed on the full data (the same figure as
/// `BinaryClassificationMetrics.averagePrecision`), never from the thinned points.
public struct PrecisionRecallCurve: Codable, Sendable, Hashable {
    /// One point of the curve.
    public struct Point: Codable, Sendable, Hashable {
        /// Rows with score ≥ `threshold` are predicted positive. `+∞` for the start point
        /// (encoding it with `JSONEncoder` needs a `nonConformingFloatEncodingStrategy`).
        public let threshold: Double
        /// Weighted fraction of positives with score ≥ `threshold`.
        public let recall: Double
        /// Weighted fraction of rows with score ≥ `threshold` that are positive (1 at the start point).
        public let precision: Double

        /// Creates a point from its figures verbatim.
        public init(threshold: Double, recall: Double, precision: Double) {
            self.threshold = threshold
            self.recall = recall
            self.precision = precision
        }
    }

    /// The default cap on plotted points: 200.
    public static let defaultMaxPoints = 200

    /// The plotted points, thresholds strictly descending, starting at (recall 0, precision 1).
    public let points: [Point]
    /// Points on the full curve before any thinning: 1 + the number of distinct scores among
    /// rows of positive weight.
    public let fullPointCount: Int
    /// Average precision (scikit-learn's definition) on the full data; bit-identical to
    /// `BinaryClassificationMetrics.averagePrecision` for the same input.
    public let averagePrecision: Double

    /// Builds the curve for `scores` (p(y = 1) in [0, 1]) against `labels` (0 or 1), optionally
    /// weighted, with at most `maxPoints` points (default 200, at least 2).
    ///
    /// - Throws: `ClassificationMetricsError` for the input errors of
    ///   `BinaryClassificationMetrics.init(scores:labels:weights:)`, `singleClass` when either
    ///   class has zero weight, and `invalidParameter` when `maxPoints` < 2.
    public init(
        scores: [Double], labels: [Double], weights: [Double]? = nil,
        maxPoints: Int = PrecisionRecallCurve.defaultMaxPoints
    ) throws(ClassificationMetricsError) {
        let routine = "PrecisionRecallCurve"
        try CurveDownsampling.validate(maxPoints: maxPoints, routine: routine)
        let input = try ClassificationInput(scores: scores, labels: labels, weights: weights, routine: routine)
        guard !input.isSingleClass else {
            throw ClassificationMetricsError(
                code: .singleClass,
                message: "\(routine): all weight is on label \(input.positiveWeight > 0 ? 1 : 0); a precision–recall curve needs both classes")
        }
        let groups = input.groupsByDescendingScore()
        var positives = 0.0
        for group in groups { positives += group.positiveWeight }
        var all = [Point(threshold: .infinity, recall: 0, precision: 1)]
        all.reserveCapacity(groups.count + 1)
        var truePositives = 0.0, falsePositives = 0.0
        for group in groups {
            truePositives += group.positiveWeight
            falsePositives += group.negativeWeight
            all.append(Point(
                threshold: group.score,
                recall: truePositives / positives,
                precision: truePositives / (truePositives + falsePositives)))
        }
        let progress = all.indices.map(Double.init)
        points = CurveDownsampling.selectIndices(progress: progress, maxPoints: maxPoints).map { all[$0] }
        fullPointCount = all.count
        averagePrecision = RankStatistics.averagePrecision(groups) ?? .nan
    }
}
