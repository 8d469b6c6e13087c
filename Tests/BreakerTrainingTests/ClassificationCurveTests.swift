import Foundation
import Testing
@testable import BreakerTraining

private let tolerance = 1e-12

/// Trapezoidal area under a polyline of (x, y) points.
private func trapezoid(_ points: [(x: Double, y: Double)]) -> Double {
    var area = 0.0
    for i in 1..<points.count {
        area += (points[i].x - points[i - 1].x) * (points[i].y + points[i - 1].y) / 2
    }
    return area
}

@Suite("ROCCurve and PrecisionRecallCurve")
struct ClassificationCurveTests {
    @Test("ROC: full curve has area = pairwise AUC, every reference point on it, auc field = metrics",
          arguments: [2, 5, 17, 100, 1_000, 3_000])
    func rocMatchesReference(count: Int) throws {
        for weighted in [false, true] {
            let rows = MetricsReference.tiedRows(count: count, seed: 777 &+ UInt64(count), weighted: weighted, grid: 200)
            guard let expectedAUC = MetricsReference.pairwiseAUC(rows.scores, rows.labels, rows.weights) else {
                #expect(throws: ClassificationMetricsError.self) {
                    try ROCCurve(scores: rows.scores, labels: rows.labels, weights: rows.weights)
                }
                continue
            }
            let metrics = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels, weights: rows.weights)
            let full = try ROCCurve(scores: rows.scores, labels: rows.labels, weights: rows.weights, maxPoints: .max)
            let reference = MetricsReference.literalPRPoints(rows.scores, rows.labels, rows.weights)
            #expect(full.fullPointCount == reference.count + 1)
            #expect(full.auc == metrics.rocAUC)
            #expect(abs(full.auc - expectedAUC) <= tolerance)
            let polyline = full.points.map { (x: $0.falsePositiveRate, y: $0.truePositiveRate) }
            #expect(abs(trapezoid(polyline) - expectedAUC) <= tolerance)
            #expect(full.points.first == ROCCurve.Point(threshold: .infinity, falsePositiveRate: 0, truePositiveRate: 0))
            #expect(full.points.last!.falsePositiveRate == 1 && full.points.last!.truePositiveRate == 1)
            // Every reference point lies on the (collinear-thinned) polyline: thinning is lossless.
            for point in reference {
                let onCurve = zip(polyline, polyline.dropFirst()).contains { a, b in
                    a.x <= point.fpr && point.fpr <= b.x && a.y <= point.recall && point.recall <= b.y
                        && abs((b.x - a.x) * (point.recall - a.y) - (b.y - a.y) * (point.fpr - a.x)) <= 1e-12
                }
                #expect(onCurve, "n=\(count) point (\(point.fpr), \(point.recall))")
            }

            for maxPoints in [2, 3, 10, 200] {
                let thin = try ROCCurve(scores: rows.scores, labels: rows.labels, weights: rows.weights, maxPoints: maxPoints)
                #expect(thin.points.count <= maxPoints)
                #expect(thin.auc == full.auc)
                #expect(thin.points.first == full.points.first && thin.points.last == full.points.last)
                #expect(zip(thin.points, thin.points.dropFirst()).allSatisfy { $0.threshold > $1.threshold })
                #expect(Set(thin.points).isSubset(of: Set(full.points)))
            }
        }
    }

    @Test("ROC: scikit-learn 1.9.1 roc_curve example (drop_intermediate=True gives the same points)")
    func rocSklearnExample() throws {
        // roc_curve(y, s) with scikit-learn 1.9.1: fpr [0, .25, .5, 1, 1], tpr [0, .25, .25, .75, 1],
        // thresholds [inf, .9, .7, .2, .1]; the dropped point (.75, .5) at threshold .5 is collinear.
        let curve = try ROCCurve(
            scores: [0.2, 0.2, 0.5, 0.5, 0.9, 0.9, 0.1, 0.7], labels: [0, 1, 0, 1, 1, 0, 1, 0])
        #expect(curve.points.map(\.threshold) == [.infinity, 0.9, 0.7, 0.2, 0.1])
        #expect(curve.points.map(\.falsePositiveRate) == [0, 0.25, 0.5, 1, 1])
        #expect(curve.points.map(\.truePositiveRate) == [0, 0.25, 0.25, 0.75, 1])
        #expect(curve.fullPointCount == 6)
        #expect(curve.auc == 0.34375)
    }

    @Test("PR: full curve equals the literal points; AP from it equals the field", arguments: [2, 5, 17, 100, 1_000])
    func prMatchesReference(count: Int) throws {
        for weighted in [false, true] {
            let rows = MetricsReference.tiedRows(count: count, seed: 31 &+ UInt64(count), weighted: weighted, grid: 200)
            guard let expectedAP = MetricsReference.literalAveragePrecision(rows.scores, rows.labels, rows.weights) else {
                #expect(throws: ClassificationMetricsError.self) {
                    try PrecisionRecallCurve(scores: rows.scores, labels: rows.labels, weights: rows.weights)
                }
                continue
            }
            let metrics = try BinaryClassificationMetrics(scores: rows.scores, labels: rows.labels, weights: rows.weights)
            let full = try PrecisionRecallCurve(
                scores: rows.scores, labels: rows.labels, weights: rows.weights, maxPoints: .max)
            let reference = MetricsReference.literalPRPoints(rows.scores, rows.labels, rows.weights)
            #expect(full.points.count == reference.count + 1)
            #expect(full.points.first == PrecisionRecallCurve.Point(threshold: .infinity, recall: 0, precision: 1))
            for (point, expected) in zip(full.points.dropFirst(), reference) {
                #expect(point.threshold == expected.threshold)
                #expect(abs(point.recall - expected.recall) <= tolerance)
                #expect(abs(point.precision - expected.precision) <= tolerance)
            }
            #expect(full.averagePrecision == metrics.averagePrecision)
            #expect(abs(full.averagePrecision - expectedAP) <= tolerance)
            var fromPoints = 0.0
            for (previous, point) in zip(full.points, full.points.dropFirst()) {
                fromPoints += (point.recall - previous.recall) * point.precision
            }
            #expect(abs(fromPoints - expectedAP) <= tolerance)

            for maxPoints in [2, 7, 200] {
                let thin = try PrecisionRecallCurve(
                    scores: rows.scores, labels: rows.labels, weights: rows.weights, maxPoints: maxPoints)
                #expect(thin.points.count <= maxPoints)
                #expect(thin.points.count == min(maxPoints, full.points.count))
                #expect(thin.averagePrecision == full.averagePrecision)
                #expect(thin.fullPointCount == full.points.count)
                #expect(thin.points.first == full.points.first && thin.points.last == full.points.last)
                #expect(Set(thin.points).isSubset(of: Set(full.points)))
            }
        }
    }

    @Test("PR: scikit-learn 1.9.1 precision_recall_curve example, in descending-threshold order")
    func prSklearnExample() throws {
        // precision_recall_curve(y, s), scikit-learn 1.9.1 (its arrays reversed, its final
        // (recall 0, precision 1) point first): thresholds .9 .7 .5 .2 .1.
        let curve = try PrecisionRecallCurve(
            scores: [0.2, 0.2, 0.5, 0.5, 0.9, 0.9, 0.1, 0.7], labels: [0, 1, 0, 1, 1, 0, 1, 0])
        #expect(curve.points.map(\.threshold) == [.infinity, 0.9, 0.7, 0.5, 0.2, 0.1])
        #expect(curve.points.map(\.recall) == [0, 0.25, 0.25, 0.5, 0.75, 1])
        let precision = [1, 0.5, 1.0 / 3, 0.4, 3.0 / 7, 0.5]
        #expect(zip(curve.points.map(\.precision), precision).allSatisfy { abs($0 - $1) <= tolerance })
        #expect(abs(curve.averagePrecision - 0.4571428571428572) <= tolerance)
    }

    @Test("curves refuse single-class data and maxPoints < 2")
    func curveErrors() {
        func code(_ body: () throws -> Void) -> ClassificationMetricsError.Code? {
            do { try body(); return nil } catch let error as ClassificationMetricsError { return error.code } catch {
                Issue.record("unexpected error \(error)"); return nil
            }
        }
        #expect(code { _ = try ROCCurve(scores: [0.1, 0.2], labels: [1, 1]) } == .singleClass)
        #expect(code { _ = try PrecisionRecallCurve(scores: [0.1, 0.2], labels: [0, 0]) } == .singleClass)
        #expect(code { _ = try ROCCurve(scores: [0.1, 0.2], labels: [0, 1], maxPoints: 1) } == .invalidParameter)
        #expect(code { _ = try PrecisionRecallCurve(scores: [0.1, 0.2], labels: [0, 1], maxPoints: 0) } == .invalidParameter)
        #expect(code { _ = try ROCCurve(scores: [0.1, 2], labels: [0, 1]) } == .scoreOutOfRange)
        #expect(code { _ = try PrecisionRecallCurve(scores: [], labels: []) } == .emptyInput)
    }

    @Test("curves encode to JSON with a non-conforming-float strategy for the +∞ start")
    func curveCodable() throws {
        let curve = try ROCCurve(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try decoder.decode(ROCCurve.self, from: encoder.encode(curve)) == curve)
    }
}
