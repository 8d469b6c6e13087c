import TraceKit
import Foundation

/// Deliberately slow, literal reference implementations of the evaluation metrics, written
/// independently of `Sources/BreakerTraining` (no sorting, no grouping, no shared helpers): the
/// production code is checked against these on seeded random data with many ties.
enum MetricsReference {
    /// Seeded random rows with many ties: scores on the 0.05 grid (0 and 1 included), labels
    /// drawn with p(1) = 0.15 + 0.7·score so the scores carry signal, optional random weights.
    static func tiedRows(
        count: Int, seed: UInt64, weighted: Bool = false, grid: Double = 20
    ) -> (scores: [Double], labels: [Double], weights: [Double]?) {
        var random = TraceRandom(seed: seed)
        var scores = [Double](), labels = [Double](), weights = [Double]()
        for _ in 0..<count {
            let score = (random.uniform() * grid).rounded() / grid
            scores.append(score)
            labels.append(random.bernoulli(0.15 + 0.7 * score) ? 1 : 0)
            // Weights in {0, 0.25, …, 3}: zero weights included, exact in binary.
            weights.append(Double(random.index(below: 13)) / 4)
        }
        return (scores, labels, weighted ? weights : nil)
    }

    static func weight(_ weights: [Double]?, _ index: Int) -> Double { weights?[index] ?? 1 }

    /// ROC-AUC by the O(n²) pairwise definition: Σ over (positive, negative) pairs of
    /// wᵢwⱼ·(1 if sᵢ > sⱼ, ½ if equal) / (W₊·W₋); nil for single-class data.
    static func pairwiseAUC(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> Double? {
        var sum = 0.0, positives = 0.0, negatives = 0.0
        for i in scores.indices {
            if labels[i] == 1 { positives += weight(weights, i) } else { negatives += weight(weights, i) }
        }
        guard positives > 0, negatives > 0 else { return nil }
        for i in scores.indices where labels[i] == 1 {
            for j in scores.indices where labels[j] == 0 {
                let pairWeight = weight(weights, i) * weight(weights, j)
                if scores[i] > scores[j] { sum += pairWeight } else if scores[i] == scores[j] { sum += 0.5 * pairWeight }
            }
        }
        return sum / (positives * negatives)
    }

    /// (threshold, recall, precision) at every distinct score, highest first, each counted by a
    /// full pass over the rows (predict positive when score ≥ threshold). Thresholds held only by
    /// zero-weight rows are skipped (they predict exactly what the next higher threshold does).
    static func literalPRPoints(
        _ scores: [Double], _ labels: [Double], _ weights: [Double]?
    ) -> [(threshold: Double, recall: Double, precision: Double, fpr: Double)] {
        var positives = 0.0, negatives = 0.0
        for i in scores.indices {
            if labels[i] == 1 { positives += weight(weights, i) } else { negatives += weight(weights, i) }
        }
        let thresholds = Set(scores.indices.filter { weight(weights, $0) > 0 }.map { scores[$0] }).sorted(by: >)
        return thresholds.map { threshold in
            var truePositives = 0.0, falsePositives = 0.0
            for i in scores.indices where scores[i] >= threshold {
                if labels[i] == 1 { truePositives += weight(weights, i) } else { falsePositives += weight(weights, i) }
            }
            return (threshold, truePositives / positives, truePositives / (truePositives + falsePositives),
                    falsePositives / negatives)
        }
    }

    /// Average precision by the literal definition Σₖ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds,
    /// R₀ = 0; nil for single-class data.
    static func literalAveragePrecision(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> Double? {
        guard pairwiseAUC(scores, labels, weights) != nil else { return nil }
        var previousRecall = 0.0, sum = 0.0
        for point in literalPRPoints(scores, labels, weights) {
            sum += (point.recall - previousRecall) * point.precision
            previousRecall = point.recall
        }
        return sum
    }

    static func logLoss(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> Double {
        var sum = 0.0, total = 0.0
        for i in scores.indices {
            let p = min(max(scores[i], 1e-15), 1 - 1e-15)
            let w = weight(weights, i)
            sum += labels[i] == 1 ? -w * log(p) : -w * log(1 - p)
            total += w
        }
        return sum / total
    }

    static func brier(_ scores: [Double], _ labels: [Double], _ weights: [Double]?) -> Double {
        var sum = 0.0, total = 0.0
        for i in scores.indices {
            let w = weight(weights, i)
            sum += w * (scores[i] - labels[i]) * (scores[i] - labels[i])
            total += w
        }
        return sum / total
    }

    /// Calibration by direct bucketing: bin b is [b/10, (b+1)/10), the last one closed.
    static func calibration(
        _ scores: [Double], _ labels: [Double], _ weights: [Double]?
    ) -> (bins: [(count: Int, weight: Double, mean: Double?, observed: Double?)], ece: Double) {
        var total = 0.0
        for i in scores.indices { total += weight(weights, i) }
        var bins = [(count: Int, weight: Double, mean: Double?, observed: Double?)]()
        var ece = 0.0
        for b in 0..<10 {
            let lower = Double(b) / 10, upper = Double(b + 1) / 10
            var count = 0, binWeight = 0.0, scoreSum = 0.0, positiveSum = 0.0
            for i in scores.indices where scores[i] >= lower && (scores[i] < upper || (b == 9 && scores[i] <= 1)) {
                count += 1
                binWeight += weight(weights, i)
                scoreSum += weight(weights, i) * scores[i]
                positiveSum += weight(weights, i) * labels[i]
            }
            if binWeight > 0 {
                let mean = scoreSum / binWeight, observed = positiveSum / binWeight
                ece += binWeight / total * abs(mean - observed)
                bins.append((count, binWeight, mean, observed))
            } else {
                bins.append((count, binWeight, nil, nil))
            }
        }
        return (bins, ece)
    }

    /// The benchmark cost of rejecting exactly the calls with score > τ, by a direct loop.
    static func cost(
        threshold: Double, _ scores: [Double], _ labels: [Double], _ weights: [Double]?,
        costFail: Double, costReject: Double
    ) -> Double {
        var failedSent = 0.0, falseRejects = 0.0
        for i in scores.indices {
            if labels[i] == 1, scores[i] <= threshold { failedSent += weight(weights, i) }
            if labels[i] == 0, scores[i] > threshold { falseRejects += weight(weights, i) }
        }
        return costFail * failedSent + costReject * falseRejects
    }
}
