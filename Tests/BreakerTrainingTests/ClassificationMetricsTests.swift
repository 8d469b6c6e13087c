import Foundation
import Testing
@testable import BreakerTraining

/// Absolute tolerance against the slow references. The figures are sums of at most a few
/// thousand terms of size ≤ 35, so rounding stays many orders of magnitude below this.
private let tolerance = 1e-12

private func close(_ a: Double?, _ b: Double?, _ tol: Double = tolerance) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= tol
    default: return false
    }
}

@Suite("BinaryClassificationMetrics")
struct ClassificationMetricsTests {
    static let sizes = [1, 2, 3, 5, 17, 100, 1_000, 2_500]

    @Test("matches the slow references on seeded random data with many ties", arguments: sizes)
    func matchesReferences(count: Int) throws {
        for (seed, weighted) in [(UInt64(11), false), (12, false), (13, true), (14, true)] {
            let rows = MetricsReference.tiedRows(count: count, seed: seed &* 7919 &+ UInt64(count), weighted: weighted)
            if weighted, rows.weights!.allSatisfy({ $0 == 0 }) { continue }
            let metrics = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels, weights: rows.weights)
            let context = "n=\(count) seed=\(seed) weighted=\(weighted)"

            #expect(metrics.count == count, "\(context)")
            #expect(metrics.positives == rows.labels.filter { $0 == 1 }.count, "\(context)")
            #expect(close(metrics.rocAUC, MetricsReference.pairwiseAUC(rows.scores, rows.labels, rows.weights)), "\(context)")
            #expect(close(metrics.averagePrecision,
                          MetricsReference.literalAveragePrecision(rows.scores, rows.labels, rows.weights)), "\(context)")
            #expect(close(metrics.logLoss, MetricsReference.logLoss(rows.scores, rows.labels, rows.weights)), "\(context)")
            #expect(close(metrics.brierScore, MetricsReference.brier(rows.scores, rows.labels, rows.weights)), "\(context)")

            let reference = MetricsReference.calibration(rows.scores, rows.labels, rows.weights)
            #expect(metrics.calibration.count == 10)
            for (bin, expected) in zip(metrics.calibration, reference.bins) {
                #expect(bin.count == expected.count, "\(context) bin \(bin.lowerBound)")
                #expect(close(bin.weight, expected.weight), "\(context) bin \(bin.lowerBound)")
                #expect(close(bin.meanPredicted, expected.mean), "\(context) bin \(bin.lowerBound)")
                #expect(close(bin.observedRate, expected.observed), "\(context) bin \(bin.lowerBound)")
            }
            #expect(close(metrics.expectedCalibrationError, reference.ece), "\(context)")
            #expect(metrics.calibration.map(\.count).reduce(0, +) == count)
        }
    }

    @Test("unweighted rank figures are exact, not just close, on tied data")
    func exactOnIntegerCounts() throws {
        let rows = MetricsReference.tiedRows(count: 500, seed: 99)
        let metrics = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels)
        // Pair counts and half-counts are exact in Double, so the single division agrees exactly.
        #expect(metrics.rocAUC == MetricsReference.pairwiseAUC(rows.scores, rows.labels, nil))
    }

    @Test("hand-computed rankings: perfect 1, reversed 0, all tied ½")
    func handComputedRankings() throws {
        let perfect = try BinaryClassificationMetrics(scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1])
        #expect(perfect.rocAUC == 1)
        #expect(perfect.averagePrecision == 1)

        let reversed = try BinaryClassificationMetrics(scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1])
        #expect(reversed.rocAUC == 0)
        // Thresholds 0.9, 0.8 (R 0), 0.2 (R ½, P ⅓), 0.1 (R 1, P ½): ½·⅓ + ½·½ = 5/12;
        // scikit-learn 1.9.1 average_precision_score gives 0.41666666666666663.
        #expect(close(reversed.averagePrecision, 5.0 / 12.0))

        let tied = try BinaryClassificationMetrics(scores: [0.5, 0.5, 0.5, 0.5, 0.5], labels: [0, 1, 0, 1, 1])
        #expect(tied.rocAUC == 0.5)
        #expect(close(tied.averagePrecision, 0.6))  // one threshold: R 1, P = base rate 3/5
        #expect(tied.baseRate == 0.6)
        #expect(tied.brierScore == 0.25)
        #expect(close(tied.logLoss, log(2.0)))
    }

    @Test("scikit-learn's documented average_precision_score example gives 0.8333…")
    func sklearnDocumentedExample() throws {
        let metrics = try BinaryClassificationMetrics(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        #expect(close(metrics.averagePrecision, 0.8333333333333333))
        #expect(close(metrics.rocAUC, 0.75))  // roc_auc_score docs/scikit-learn 1.9.1: 0.75
    }

    @Test("agrees with values computed by scikit-learn 1.9.1, unweighted and weighted")
    func sklearnLiterals() throws {
        // Computed by hand with scikit-learn 1.9.1 (roc_auc_score, average_precision_score,
        // log_loss, brier_score_loss; sample_weight for the weighted case) on these rows.
        let scores = [0.2, 0.2, 0.5, 0.5, 0.9, 0.9, 0.1, 0.7]
        let labels: [Double] = [0, 1, 0, 1, 1, 0, 1, 0]
        let plain = try BinaryClassificationMetrics(scores: scores, labels: labels)
        #expect(close(plain.rocAUC, 0.34375))
        #expect(close(plain.averagePrecision, 0.4571428571428572))
        #expect(close(plain.logLoss, 1.1416724163550067))
        #expect(close(plain.brierScore, 0.41250000000000003))

        let weights = [1, 2, 0.5, 3, 1, 1.5, 2, 0.25]
        let weighted = try BinaryClassificationMetrics(scores: scores, labels: labels, weights: weights)
        #expect(close(weighted.rocAUC, 0.27884615384615385))
        #expect(close(weighted.averagePrecision, 0.62993993993994))
        #expect(close(weighted.logLoss, 1.2740832044765056))
        #expect(close(weighted.brierScore, 0.45888888888888896))
    }

    @Test("calibration: hand-computed bins, edges, empty bins kept, ECE")
    func handComputedCalibration() throws {
        let metrics = try BinaryClassificationMetrics(scores: [0.05, 0.15, 0.15, 1.0, 0.3], labels: [0, 1, 0, 1, 1])
        let bins = metrics.calibration
        #expect(bins.map(\.count) == [1, 2, 0, 1, 0, 0, 0, 0, 0, 1])
        #expect(bins[0].meanPredicted == 0.05 && bins[0].observedRate == 0)
        #expect(close(bins[1].meanPredicted, 0.15) && bins[1].observedRate == 0.5)
        #expect(bins[2].meanPredicted == nil && bins[2].observedRate == nil && bins[2].weight == 0)
        #expect(bins[3].meanPredicted == 0.3 && bins[3].observedRate == 1)  // 0.3 is in [0.3, 0.4)
        #expect(bins[9].meanPredicted == 1 && bins[9].observedRate == 1)    // 1.0 is in the closed last bin
        #expect(bins.map(\.lowerBound) == (0..<10).map { Double($0) / 10 })
        #expect(bins.map(\.upperBound) == (1...10).map { Double($0) / 10 })
        // ECE = ⅕·0.05 + ⅖·0.35 + ⅕·0.7 + ⅕·0 = 0.29.
        #expect(close(metrics.expectedCalibrationError, 0.29))
    }

    @Test("bin edges: each k/10 starts bin k, the value just below it stays in bin k−1")
    func binEdges() {
        for k in 1..<10 {
            let edge = Double(k) / 10
            #expect(CalibrationBin.binIndex(of: edge) == k)
            #expect(CalibrationBin.binIndex(of: edge.nextDown) == k - 1)
        }
        #expect(CalibrationBin.binIndex(of: 0) == 0)
        #expect(CalibrationBin.binIndex(of: 1) == 9)
        #expect(CalibrationBin.binIndex(of: 1.0.nextDown) == 9)
    }

    @Test("log-loss clips probabilities to [1e-15, 1 − 1e-15]: confident mistakes stay finite")
    func logLossClipping() throws {
        let metrics = try BinaryClassificationMetrics(scores: [0, 1], labels: [1, 0])
        #expect(metrics.logLoss.isFinite)
        // Score 0, label 1: −ln(1e-15); score 1, label 0: −ln(1 − (1 − 1e-15)), whose Double
        // complement is 9.992…e-16, not 1e-15 (≈ 34.5388 and 34.5392).
        let expected = (-log(1e-15) - log(1 - (1 - 1e-15))) / 2
        #expect(abs(metrics.logLoss - expected) <= 1e-12)
        #expect(abs(metrics.logLoss - 34.539) < 1e-3)
        let confidentRight = try BinaryClassificationMetrics(scores: [0, 1], labels: [0, 1])
        #expect(confidentRight.logLoss > 0 && confidentRight.logLoss < 1e-14)
        #expect(confidentRight.brierScore == 0)
    }

    @Test("single-class data: AUCs are nil, the other figures defined")
    func singleClass() throws {
        for label in [0.0, 1.0] {
            let metrics = try BinaryClassificationMetrics(scores: [0.1, 0.5, 0.9], labels: [label, label, label])
            #expect(metrics.rocAUC == nil)
            #expect(metrics.averagePrecision == nil)
            #expect(metrics.baseRate == label)
            #expect(metrics.logLoss.isFinite && metrics.brierScore.isFinite)
        }
        // Two classes as rows, but all positive weight is zero: still single-class.
        let masked = try BinaryClassificationMetrics(scores: [0.1, 0.9], labels: [0, 1], weights: [1, 0])
        #expect(masked.rocAUC == nil && masked.positives == 1 && masked.positiveWeight == 0)
    }

    @Test("integer weights give the figures of duplicated rows; weight 0 removes a row", arguments: [3, 40, 700])
    func weightsEqualDuplication(count: Int) throws {
        let rows = MetricsReference.tiedRows(count: count, seed: 4242 &+ UInt64(count), weighted: true)
        let weights = rows.weights!.map { Double(Int($0 * 4) % 4) }  // integers in {0, 1, 2, 3}
        guard weights.contains(where: { $0 > 0 }) else { return }
        var scores = [Double](), labels = [Double]()
        for i in rows.scores.indices {
            for _ in 0..<Int(weights[i]) {
                scores.append(rows.scores[i])
                labels.append(rows.labels[i])
            }
        }
        let weighted = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels, weights: weights)
        let duplicated = try BinaryClassificationMetrics(scores: scores, labels: labels)
        #expect(weighted.totalWeight == Double(duplicated.count))
        #expect(weighted.positiveWeight == Double(duplicated.positives))
        #expect(close(weighted.baseRate, duplicated.baseRate))
        #expect(close(weighted.rocAUC, duplicated.rocAUC))
        #expect(close(weighted.averagePrecision, duplicated.averagePrecision))
        #expect(close(weighted.logLoss, duplicated.logLoss))
        #expect(close(weighted.brierScore, duplicated.brierScore))
        #expect(close(weighted.expectedCalibrationError, duplicated.expectedCalibrationError))
        for (a, b) in zip(weighted.calibration, duplicated.calibration) {
            #expect(a.weight == Double(b.count))
            #expect(close(a.meanPredicted, b.meanPredicted) && close(a.observedRate, b.observedRate))
        }
    }

    @Test("refuses bad input with a code and a message naming the index")
    func errors() {
        func code(_ scores: [Double], _ labels: [Double], _ weights: [Double]? = nil) -> ClassificationMetricsError.Code? {
            do {
                _ = try BinaryClassificationMetrics(scores: scores, labels: labels, weights: weights)
                return nil
            } catch {
                #expect(!error.message.isEmpty)
                return error.code
            }
        }
        #expect(code([], []) == .emptyInput)
        #expect(code([0.5, 0.5], [1]) == .lengthMismatch)
        #expect(code([0.5], [1], [1, 1]) == .lengthMismatch)
        #expect(code([0.5, .nan], [1, 0]) == .nonFiniteScore)
        #expect(code([.infinity], [1]) == .nonFiniteScore)
        #expect(code([1.5], [1]) == .scoreOutOfRange)
        #expect(code([-0.01], [1]) == .scoreOutOfRange)
        #expect(code([0.5], [2]) == .invalidLabel)
        #expect(code([0.5], [0.5]) == .invalidLabel)
        #expect(code([0.5], [.nan]) == .invalidLabel)
        #expect(code([0.5], [1], [-1]) == .invalidWeight)
        #expect(code([0.5], [1], [.nan]) == .invalidWeight)
        #expect(code([0.5, 0.2], [1, 0], [0, 0]) == .zeroTotalWeight)

        #expect(throws: ClassificationMetricsError.self) {
            try BinaryClassificationMetrics(scores: [0.1, 1.5], labels: [0, 1])
        }
        do {
            _ = try BinaryClassificationMetrics(scores: [0.1, 0.2, 1.5], labels: [0, 1, 1])
        } catch {
            #expect(error.message.contains("index 2"))
            #expect(error.description.hasPrefix("scoreOutOfRange: "))
        }
    }

    @Test("Codable round trip keeps every figure, nil AUCs and empty bins included")
    func codableRoundTrip() throws {
        for labels: [Double] in [[0, 1, 1, 0], [1, 1, 1, 1]] {
            let metrics = try BinaryClassificationMetrics(scores: [0.1, 0.7, 0.72, 0.4], labels: labels)
            let data = try JSONEncoder().encode(metrics)
            #expect(try JSONDecoder().decode(BinaryClassificationMetrics.self, from: data) == metrics)
        }
    }

    @Test("renderText: figures and a 10-line calibration table with counts")
    func renderText() throws {
        let rows = MetricsReference.tiedRows(count: 300, seed: 5)
        let metrics = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels)
        let text = metrics.renderText()
        #expect(text.hasSuffix("\n"))
        #expect(text.contains("rows 300"))
        #expect(text.contains("ROC-AUC \(String(format: "%.4f", metrics.rocAUC!))"))
        #expect(text.contains("log-loss \(String(format: "%.6f", metrics.logLoss))"))
        #expect(!text.contains("weighted"))
        let binLines = text.split(separator: "\n").filter { $0.hasPrefix("  [") }
        #expect(binLines.count == 10)
        #expect(binLines.last!.hasPrefix("  [0.9, 1.0]"))
        for (line, bin) in zip(binLines, metrics.calibration) {
            #expect(line.contains(" \(bin.count) "))
        }

        let single = try BinaryClassificationMetrics(scores: [0.1, 0.95], labels: [1, 1], weights: [2, 1])
        let singleText = single.renderText()
        #expect(singleText.contains("ROC-AUC undefined (single class)"))
        #expect(singleText.contains("weighted: total 3.0000"))
        #expect(singleText.contains("[0.2, 0.3)     0        -         -"))
    }
}
