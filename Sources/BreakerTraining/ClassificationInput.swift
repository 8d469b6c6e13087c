/// Validated (score, label, weight) rows shared by every metric in this module: the one place
/// the input rules are enforced, so every metric refuses exactly the same inputs.
///
/// Rules: at least one row; equal lengths; scores finite and in [0, 1]; labels exactly 0 or 1;
/// weights (when given) finite and ≥ 0 with a positive total. A missing `weights` means 1 for
/// every row. Rows of weight 0 are kept in row counts but contribute nothing to any figure.
struct ClassificationInput: Sendable {
    let scores: [Double]
    let isPositive: [Bool]
    /// One weight per row (all 1 when none were given).
    let weights: [Double]
    /// Σ weights, summed in row order.
    let totalWeight: Double
    /// Σ weights of rows labelled 1, summed in row order.
    let positiveWeight: Double
    /// Σ weights of rows labelled 0, summed in row order.
    let negativeWeight: Double
    /// Rows labelled 1 (whatever their weight).
    let positiveCount: Int

    /// True when one class carries no weight, so rank metrics are undefined.
    var isSingleClass: Bool { positiveWeight == 0 || negativeWeight == 0 }

    init(
        scores: [Double], labels: [Double], weights: [Double]?, routine: String
    ) throws(ClassificationMetricsError) {
        guard !scores.isEmpty else {
            throw ClassificationMetricsError(code: .emptyInput, message: "\(routine): no rows (scores is empty)")
        }
        guard labels.count == scores.count else {
            throw ClassificationMetricsError(
                code: .lengthMismatch,
                message: "\(routine): length mismatch: \(scores.count) scores but \(labels.count) labels")
        }
        if let weights, weights.count != scores.count {
            throw ClassificationMetricsError(
                code: .lengthMismatch,
                message: "\(routine): length mismatch: \(scores.count) scores but \(weights.count) weights")
        }
        var isPositive = [Bool]()
        isPositive.reserveCapacity(scores.count)
        for index in scores.indices {
            let score = scores[index]
            guard score.isFinite else {
                throw ClassificationMetricsError(
                    code: .nonFiniteScore,
                    message: "\(routine): score at index \(index) is \(score); scores must be finite probabilities in [0, 1]")
            }
            guard score >= 0, score <= 1 else {
                throw ClassificationMetricsError(
                    code: .scoreOutOfRange,
                    message: "\(routine): score at index \(index) is \(score); scores must be probabilities in [0, 1]")
            }
            let label = labels[index]
            if label == 1 {
                isPositive.append(true)
            } else if label == 0 {
                isPositive.append(false)
            } else {
                throw ClassificationMetricsError(
                    code: .invalidLabel,
                    message: "\(routine): label at index \(index) is \(label); labels must be 0 or 1")
            }
        }
        let resolved: [Double]
        if let weights {
            for (index, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
                throw ClassificationMetricsError(
                    code: .invalidWeight,
                    message: "\(routine): weight at index \(index) is \(weight); weights must be finite and ≥ 0")
            }
            resolved = weights
        } else {
            resolved = [Double](repeating: 1, count: scores.count)
        }
        var total = 0.0, positive = 0.0, negative = 0.0, positiveCount = 0
        for index in scores.indices {
            total += resolved[index]
            if isPositive[index] {
                positive += resolved[index]
                positiveCount += 1
            } else {
                negative += resolved[index]
            }
        }
        guard total > 0 else {
            throw ClassificationMetricsError(
                code: .zeroTotalWeight, message: "\(routine): every weight is 0; the total weight must be positive")
        }
        self.scores = scores
        self.isPositive = isPositive
        self.weights = resolved
        self.totalWeight = total
        self.positiveWeight = positive
        self.negativeWeight = negative
        self.positiveCount = positiveCount
    }

    /// The rows of positive weight grouped by distinct score, highest score first: one entry per
    /// distinct score with the summed weights of its positive and negative rows. O(n log n).
    func groupsByDescendingScore() -> [ScoreGroup] {
        var rows = [(score: Double, positive: Bool, weight: Double)]()
        rows.reserveCapacity(scores.count)
        for index in scores.indices where weights[index] > 0 {
            rows.append((scores[index], isPositive[index], weights[index]))
        }
        rows.sort { $0.score > $1.score }
        var groups = [ScoreGroup]()
        for row in rows {
            if groups.isEmpty || groups[groups.count - 1].score != row.score {
                groups.append(ScoreGroup(score: row.score, positiveWeight: 0, negativeWeight: 0))
            }
            if row.positive {
                groups[groups.count - 1].positiveWeight += row.weight
            } else {
                groups[groups.count - 1].negativeWeight += row.weight
            }
        }
        return groups
    }
}

/// All rows sharing one distinct score: the summed weights of its positives and negatives.
struct ScoreGroup: Sendable, Hashable {
    let score: Double
    var positiveWeight: Double
    var negativeWeight: Double
}

/// Rank statistics over score groups (highest score first), shared by the metrics and the curves
/// so both report bit-identical figures.
enum RankStatistics {
    /// The Mann–Whitney ROC-AUC: Σ over (positive i, negative j) of w_i·w_j·(1 if s_i > s_j,
    /// ½ if s_i = s_j) divided by W₊·W₋, computed in one pass over the groups. `nil` when
    /// either class has zero weight.
    static func rocAUC(_ groups: [ScoreGroup]) -> Double? {
        var positivesAbove = 0.0, negatives = 0.0, sum = 0.0
        for group in groups {
            sum += group.negativeWeight * (positivesAbove + 0.5 * group.positiveWeight)
            positivesAbove += group.positiveWeight
            negatives += group.negativeWeight
        }
        guard positivesAbove > 0, negatives > 0 else { return nil }
        return sum / (positivesAbove * negatives)
    }

    /// Average precision as scikit-learn's `average_precision_score`: Σ_k (R_k − R_{k−1})·P_k
    /// over the distinct scores taken as thresholds from highest to lowest (predict positive
    /// when score ≥ threshold), R_0 = 0. `nil` when either class has zero weight.
    static func averagePrecision(_ groups: [ScoreGroup]) -> Double? {
        var totalPositive = 0.0, totalNegative = 0.0
        for group in groups {
            totalPositive += group.positiveWeight
            totalNegative += group.negativeWeight
        }
        guard totalPositive > 0, totalNegative > 0 else { return nil }
        var truePositives = 0.0, falsePositives = 0.0, previousRecall = 0.0, sum = 0.0
        for group in groups {
            truePositives += group.positiveWeight
            falsePositives += group.negativeWeight
            let recall = truePositives / totalPositive
            let precision = truePositives / (truePositives + falsePositives)
            sum += (recall - previousRecall) * precision
            previousRecall = recall
        }
        return sum
    }
}
