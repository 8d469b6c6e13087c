/// The decision threshold τ of a learned breaker: it trips (rejects the call) when the model's
/// calibrated p(fail) is **strictly greater** than τ (DESIGN.md, Learning).
///
/// The cost model is the benchmark's, per call: sending a call that fails costs `c_fail`,
/// rejecting a call that would have succeeded costs `c_reject`; sending a success and rejecting
/// a failure cost nothing. So on labelled data (label 1 = the call fails)
///
///     cost(τ) = c_fail · W(label = 1 and score ≤ τ) + c_reject · W(label = 0 and score > τ)
///
/// with W the (weighted) number of rows. (The benchmark's c_time term is not modelled here.)
public enum DecisionThreshold {
    /// The Bayes-optimal threshold for a calibrated p(fail) under the costs:
    /// `τ = c_reject / (c_fail + c_reject)` — rejecting is cheaper in expectation exactly when
    /// p·c_fail > (1 − p)·c_reject, i.e. p > τ. Strictly inside (0, 1) in exact arithmetic; in
    /// `Double` it rounds to 0 or 1 only for cost ratios beyond about 10¹⁶. Computed exactly as
    /// written, except that when c_fail + c_reject overflows both are first divided by the larger
    /// (so 1e308 each gives 0.5, not NaN).
    ///
    /// - Throws: `ClassificationMetricsError` with code `invalidCost` when either cost is zero,
    ///   negative, NaN or infinite.
    public static func fromCosts(costFail: Double, costReject: Double) throws(ClassificationMetricsError) -> Double {
        try validateCosts(costFail: costFail, costReject: costReject, routine: "DecisionThreshold.fromCosts")
        let sum = costFail + costReject
        if sum.isFinite { return costReject / sum }
        let scale = max(costFail, costReject)  // the sum overflowed: divide both by the larger first
        return (costReject / scale) / (costFail / scale + costReject / scale)
    }

    /// The threshold minimising `cost(τ)` (see the type) on the given **validation** data — never
    /// call this with test data: a threshold tuned on the data it is scored on overstates the result.
    ///
    /// Every τ in [0, 1] makes one of a finite set of decisions on the data, so the search is
    /// exact, in O(n log n) (one sort): with s₁ < … < sₘ the distinct scores of rows of positive
    /// weight, the candidates are
    /// - reject all: τ = s₁ / 2 (the midpoint between the 0 edge and s₁), only when s₁ > 0
    ///   (a score of exactly 0 can never be rejected with τ ≥ 0);
    /// - reject the scores above sₖ: τ = the midpoint (sₖ + sₖ₊₁) / 2, for k = 1…m−1;
    /// - reject none: τ = (sₘ + 1) / 2 (the midpoint to the 1 edge), or 1 when sₘ = 1.
    /// Midpoints keep τ away from the scores seen, for robustness on new data. (If two
    /// neighbours are adjacent doubles, the lower one is returned, which makes the same decisions.)
    /// Among candidates of equal cost (exact `Double` equality) the **largest** τ wins: when
    /// rejecting more saves nothing, admit.
    ///
    /// - Parameters:
    ///   - scores: p(fail) per call, each in [0, 1].
    ///   - labels: 1 if the call failed, 0 if it succeeded.
    ///   - weights: optional per-row weights (finite, ≥ 0, positive total); `nil` means 1 each.
    ///     An integer weight k is the same as k copies of the row.
    ///   - costFail: cost of sending a call that fails (finite, > 0).
    ///   - costReject: cost of rejecting a call that would have succeeded (finite, > 0).
    /// - Returns: the chosen `threshold` and its `cost` on this data, c_fail·(failed calls sent) +
    ///   c_reject·(successful calls rejected), weighted. Single-class data is fine (all failures:
    ///   reject all if possible; all successes: reject none, cost 0).
    /// - Throws: `ClassificationMetricsError`: `invalidCost`, or the input errors of
    ///   `BinaryClassificationMetrics.init(scores:labels:weights:)`.
    public static func tune(
        scores: [Double], labels: [Double], weights: [Double]? = nil, costFail: Double, costReject: Double
    ) throws(ClassificationMetricsError) -> (threshold: Double, cost: Double) {
        let routine = "DecisionThreshold.tune"
        try validateCosts(costFail: costFail, costReject: costReject, routine: routine)
        let input = try ClassificationInput(scores: scores, labels: labels, weights: weights, routine: routine)
        let ascending = Array(input.groupsByDescendingScore().reversed())
        let m = ascending.count
        // failuresSentThrough[k]: failure weight with score ≤ s_k, summed from the bottom;
        // successesAbove[k]: success weight with score > s_k, summed from the top.
        var failuresSentThrough = [Double](repeating: 0, count: m)
        var successesAbove = [Double](repeating: 0, count: m)
        var running = 0.0
        for k in 0..<m {
            running += ascending[k].positiveWeight
            failuresSentThrough[k] = running
        }
        running = 0
        for k in stride(from: m - 1, through: 0, by: -1) {
            successesAbove[k] = running
            running += ascending[k].negativeWeight
        }
        let allSuccesses = running
        func cost(failedSent: Double, falseRejects: Double) -> Double {
            costFail * failedSent + costReject * falseRejects
        }
        var best: (threshold: Double, cost: Double)? = nil
        func consider(_ threshold: Double, _ candidateCost: Double) {
            // Ascending thresholds: `<=` lets a later (larger) τ win ties.
            if best == nil || candidateCost <= best!.cost { best = (threshold, candidateCost) }
        }
        if ascending[0].score > 0 {
            consider(midpoint(0, ascending[0].score), cost(failedSent: 0, falseRejects: allSuccesses))
        }
        for k in 0..<(m - 1) {
            consider(
                midpoint(ascending[k].score, ascending[k + 1].score),
                cost(failedSent: failuresSentThrough[k], falseRejects: successesAbove[k]))
        }
        let highest = ascending[m - 1].score
        consider(highest < 1 ? midpoint(highest, 1) : 1, cost(failedSent: failuresSentThrough[m - 1], falseRejects: 0))
        return best!
    }

    /// A value in [low, high) that separates them: (low + high) / 2 (no overflow: both are in
    /// [0, 1]), or `low` when rounding would land on `high` (adjacent doubles).
    private static func midpoint(_ low: Double, _ high: Double) -> Double {
        let middle = (low + high) / 2
        return middle < high ? middle : low
    }

    private static func validateCosts(
        costFail: Double, costReject: Double, routine: String
    ) throws(ClassificationMetricsError) {
        for (name, value) in [("costFail", costFail), ("costReject", costReject)]
        where !(value.isFinite && value > 0) {
            throw ClassificationMetricsError(
                code: .invalidCost, message: "\(routine): \(name) is \(value); costs must be finite and > 0")
        }
    }
}
