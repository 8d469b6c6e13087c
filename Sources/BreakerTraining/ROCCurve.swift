/// The ROC curve of a probabilistic binary classifier, for plotting: (false-positive rate,
/// true-positive rate) at every distinct score taken as a threshold, highest threshold first,
/// downsampled to at most `maxPoints` points.
///
/// A point with threshold t counts the rows with score ≥ t as predicted positive (the
/// scikit-learn `roc_curve` convention; note the breaker's decision rule rejects when
/// score > τ). Tied scores enter together, so a run of ties is one straight segment. The first
/// point is always the start (threshold +∞, fpr 0, tpr 0) and the last the lowest score (1, 1).
/// Rates are weighted when weights are given.
///
/// Downsampling only thins the plotted points: first, points collinear with both neighbours are
/// dropped (lossless: the polyline is unchanged); then, if more than `maxPoints` remain, the
/// first point at or past each of evenly spaced steps of fpr + tpr (0 to 2) is kept, plus both
/// ends. `auc` is always computed on the full data (it is the same figure as
/// `BinaryClassificationMetrics.rocAUC`), never from the thinned points.
public struct ROCCurve: Codable, Sendable, Hashable {
    /// One point of the curve.
    public struct Point: Codable, Sendable, Hashable {
        /// Rows with score ≥ `threshold` are predicted positive. `+∞` for the start point
        /// (encoding it with `JSONEncoder` needs a `nonConformingFloatEncodingStrategy`).
        public let threshold: Double
        /// Weighted fraction of negatives (label 0) with score ≥ `threshold`.
        public let falsePositiveRate: Double
        /// Weighted fraction of positives (label 1) with score ≥ `threshold`.
        public let truePositiveRate: Double

        /// Creates a point from its figures verbatim.
        public init(threshold: Double, falsePositiveRate: Double, truePositiveRate: Double) {
            self.threshold = threshold
            self.falsePositiveRate = falsePositiveRate
            self.truePositiveRate = truePositiveRate
        }
    }

    /// The default cap on plotted points: 200.
    public static let defaultMaxPoints = 200

    /// The plotted points, thresholds strictly descending, starting at (0, 0) and ending at (1, 1).
    public let points: [Point]
    /// Points on the full curve before any thinning: 1 + the number of distinct scores among
    /// rows of positive weight.
    public let fullPointCount: Int
    /// The exact ROC-AUC (Mann–Whitney, ties ½) on the full data; bit-identical to
    /// `BinaryClassificationMetrics.rocAUC` for the same input.
    public let auc: Double

    /// Builds the curve for `scores` (p(y = 1) in [0, 1]) against `labels` (0 or 1), optionally
    /// weighted, with at most `maxPoints` points (default 200, at least 2).
    ///
    /// - Throws: `ClassificationMetricsError` for the input errors of
    ///   `BinaryClassificationMetrics.init(scores:labels:weights:)`, `singleClass` when either
    ///   class has zero weight (a rate would divide by zero), and `invalidParameter` when
    ///   `maxPoints` < 2.
    public init(
        scores: [Double], labels: [Double], weights: [Double]? = nil, maxPoints: Int = ROCCurve.defaultMaxPoints
    ) throws(ClassificationMetricsError) {
        let routine = "ROCCurve"
        try CurveDownsampling.validate(maxPoints: maxPoints, routine: routine)
        let input = try ClassificationInput(scores: scores, labels: labels, weights: weights, routine: routine)
        guard !input.isSingleClass else {
            throw ClassificationMetricsError(
                code: .singleClass,
                message: "\(routine): all weight is on label \(input.positiveWeight > 0 ? 1 : 0); a ROC curve needs both classes")
        }
        let groups = input.groupsByDescendingScore()
        var positives = 0.0, negatives = 0.0
        for group in groups {
            positives += group.positiveWeight
            negatives += group.negativeWeight
        }
        // Cumulative weights per point, the start (0, 0) first.
        var thresholds = [Double.infinity], truePositives = [0.0], falsePositives = [0.0]
        for group in groups {
            thresholds.append(group.score)
            truePositives.append(truePositives[truePositives.count - 1] + group.positiveWeight)
            falsePositives.append(falsePositives[falsePositives.count - 1] + group.negativeWeight)
        }
        let full = thresholds.count
        // Lossless thinning: drop interior points collinear with their neighbours.
        var kept = [0]
        if full > 2 {
            for index in 1..<(full - 1) {
                let collinear = (falsePositives[index] - falsePositives[index - 1]) * (truePositives[index + 1] - truePositives[index])
                    == (truePositives[index] - truePositives[index - 1]) * (falsePositives[index + 1] - falsePositives[index])
                if !collinear { kept.append(index) }
            }
        }
        if full > 1 { kept.append(full - 1) }
        let progress = kept.map { falsePositives[$0] / negatives + truePositives[$0] / positives }
        let chosen = CurveDownsampling.selectIndices(progress: progress, maxPoints: maxPoints).map { kept[$0] }
        points = chosen.map { index in
            Point(
                threshold: thresholds[index],
                falsePositiveRate: falsePositives[index] / negatives,
                truePositiveRate: truePositives[index] / positives)
        }
        fullPointCount = full
        // Single-class input was refused above, so the statistic is defined.
        auc = RankStatistics.rocAUC(groups) ?? .nan
    }
}
