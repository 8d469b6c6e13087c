import Foundation

/// Evaluation figures for a probabilistic binary classifier — here, a model's p(fail) for the
/// next call — against 0/1 labels, optionally weighted.
///
/// Computed once, in O(n log n) (one sort by score), by
/// `init(scores:labels:weights:)`. With weights, every figure is the weighted version, and a
/// row of integer weight k gives exactly the figures of k copies of that row (except the row
/// counts `count`, `positives` and `CalibrationBin.count`, which count rows as given). Rows of
/// weight 0 count as rows but contribute nothing to any figure.
///
/// Rank figures (`rocAUC`, `averagePrecision`) are undefined when one class carries no weight
/// (all labels 0, or all 1): they are then `nil`, never a made-up 0.5 or 1.
public struct BinaryClassificationMetrics: Codable, Sendable, Hashable {
    /// Log-loss clips every probability to [`logLossClip`, 1 − `logLossClip`] = [1e-15, 1 − 1e-15]
    /// before taking logs, so a confident wrong prediction costs about 34.5, not infinity. (Both
    /// bounds are `Double`s: the upper one, `1 - 1e-15`, is 0.999999999999999000799…, so a score of
    /// 1 on a label 0 costs −ln(9.992…e-16) ≈ 34.5392, while a score of 0 on a label 1 costs
    /// −ln(1e-15) ≈ 34.5388. scikit-learn ≥ 1.5 clips at machine epsilon instead, so its log-loss
    /// differs from this one only for scores within 1e-15 of 0 or 1.)
    public static let logLossClip = 1e-15

    /// Number of rows given (zero-weight rows included).
    public let count: Int
    /// Number of rows labelled 1 (zero-weight rows included).
    public let positives: Int
    /// Σ wᵢ over all rows; equals `count` when no weights were given.
    public let totalWeight: Double
    /// Σ wᵢ over rows labelled 1; equals `positives` when no weights were given.
    public let positiveWeight: Double
    /// The weighted fraction of positives, `positiveWeight / totalWeight`.
    public let baseRate: Double
    /// Mean log-loss, −Σ wᵢ·[yᵢ·ln pᵢ + (1 − yᵢ)·ln(1 − pᵢ)] / Σ wᵢ, with each pᵢ first clipped
    /// to [1e-15, 1 − 1e-15] (see `logLossClip`). Natural log. Lower is better.
    public let logLoss: Double
    /// Brier score, Σ wᵢ·(pᵢ − yᵢ)² / Σ wᵢ (unclipped). Lower is better; 0.25 for always
    /// predicting ½.
    public let brierScore: Double
    /// ROC-AUC, exact: the Mann–Whitney statistic — the weighted fraction of (positive, negative)
    /// pairs in which the positive scores higher, a tied pair counting ½:
    /// Σᵢ₊ Σⱼ₋ wᵢwⱼ·(1[sᵢ > sⱼ] + ½·1[sᵢ = sⱼ]) / (W₊·W₋). Equals the trapezoidal area under the
    /// ROC curve with tied scores grouped. All scores tied gives 0.5, a perfect ranking 1, a
    /// reversed one 0. `nil` when either class has zero total weight (single-class data).
    public let rocAUC: Double?
    /// PR-AUC as average precision, the definition of scikit-learn's `average_precision_score`:
    /// AP = Σₖ (Rₖ − Rₖ₋₁)·Pₖ, taking each distinct score as a threshold from highest to lowest
    /// (predict positive when score ≥ threshold; tied scores enter together), with Pₖ and Rₖ the
    /// weighted precision and recall there and R₀ = 0. No interpolation. Its chance level is the
    /// base rate. `nil` when either class has zero total weight (single-class data; scikit-learn
    /// would warn and return 0 or 1 there).
    public let averagePrecision: Double?
    /// The calibration table: always `CalibrationBin.binCount` (10) equal-width bins over [0, 1],
    /// in order, empty bins included with count 0 (see `CalibrationBin` for the edge rule).
    public let calibration: [CalibrationBin]
    /// Expected calibration error over those bins, Σ_b (W_b / W)·|meanPredicted_b − observedRate_b|,
    /// W_b the bin's weight, W the total weight; bins of weight 0 contribute 0.
    public let expectedCalibrationError: Double

    /// Computes every figure for `scores` (p(y = 1), each in [0, 1]) against `labels` (each 0 or 1),
    /// optionally weighted by `weights` (each finite and ≥ 0, positive in total; `nil` means 1 each).
    ///
    /// - Throws: `ClassificationMetricsError` with code `emptyInput` (no rows), `lengthMismatch`
    ///   (the arrays differ in length), `nonFiniteScore`, `scoreOutOfRange`, `invalidLabel`,
    ///   `invalidWeight` or `zeroTotalWeight`, naming the first offending index. Single-class data
    ///   is not an error: the rank figures are then `nil`.
    public init(scores: [Double], labels: [Double], weights: [Double]? = nil) throws(ClassificationMetricsError) {
        let input = try ClassificationInput(
            scores: scores, labels: labels, weights: weights, routine: "BinaryClassificationMetrics")
        count = scores.count
        positives = input.positiveCount
        totalWeight = input.totalWeight
        positiveWeight = input.positiveWeight
        baseRate = input.positiveWeight / input.totalWeight

        let clip = Self.logLossClip
        var logLossSum = 0.0, brierSum = 0.0
        var binCounts = [Int](repeating: 0, count: CalibrationBin.binCount)
        var binWeights = [Double](repeating: 0, count: CalibrationBin.binCount)
        var binScoreSums = [Double](repeating: 0, count: CalibrationBin.binCount)
        var binPositiveSums = [Double](repeating: 0, count: CalibrationBin.binCount)
        for index in scores.indices {
            let p = scores[index]
            let w = input.weights[index]
            let y: Double = input.isPositive[index] ? 1 : 0
            let clipped = min(max(p, clip), 1 - clip)
            logLossSum -= w * (input.isPositive[index] ? Foundation.log(clipped) : Foundation.log(1 - clipped))
            brierSum += w * (p - y) * (p - y)
            let bin = CalibrationBin.binIndex(of: p)
            binCounts[bin] += 1
            binWeights[bin] += w
            binScoreSums[bin] += w * p
            binPositiveSums[bin] += w * y
        }
        logLoss = logLossSum / input.totalWeight
        brierScore = brierSum / input.totalWeight

        var bins = [CalibrationBin]()
        var ece = 0.0
        for bin in 0..<CalibrationBin.binCount {
            let weight = binWeights[bin]
            let meanPredicted = weight > 0 ? binScoreSums[bin] / weight : nil
            let observedRate = weight > 0 ? binPositiveSums[bin] / weight : nil
            if let meanPredicted, let observedRate {
                ece += weight / input.totalWeight * abs(meanPredicted - observedRate)
            }
            bins.append(CalibrationBin(
                lowerBound: Double(bin) / Double(CalibrationBin.binCount),
                upperBound: Double(bin + 1) / Double(CalibrationBin.binCount),
                count: binCounts[bin], weight: weight,
                meanPredicted: meanPredicted, observedRate: observedRate))
        }
        calibration = bins
        expectedCalibrationError = ece

        if input.isSingleClass {
            rocAUC = nil
            averagePrecision = nil
        } else {
            let groups = input.groupsByDescendingScore()
            rocAUC = RankStatistics.rocAUC(groups)
            averagePrecision = RankStatistics.averagePrecision(groups)
        }
    }
}
