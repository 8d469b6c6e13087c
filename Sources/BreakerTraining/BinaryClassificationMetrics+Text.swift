import Foundation

extension BinaryClassificationMetrics {
    /// A compact plain-text report for `tripwise evaluate`: rows, positives and base rate (plus
    /// the total weight when it differs from the row count), log-loss, Brier score, ROC-AUC,
    /// average precision (PR-AUC) and ECE to 4–6 decimals, then the 10-bin calibration table
    /// (edges, row count, mean predicted, observed rate; `-` for a bin of zero weight).
    /// Undefined AUCs print as `undefined (single class)`. Ends with a newline.
    ///
    /// Example:
    ///
    ///     rows 1000  positives 123  base rate 0.1230
    ///     log-loss 0.312345  Brier 0.087654  ECE 0.0123
    ///     ROC-AUC 0.8123  PR-AUC (average precision) 0.4567
    ///     calibration (10 equal-width bins)
    ///       bin          rows   mean p  observed
    ///       [0.0, 0.1)    512   0.0412    0.0391
    ///       …
    ///       [0.9, 1.0]      0        -         -
    public func renderText() -> String {
        func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
        func rank(_ value: Double?) -> String { value.map { fixed($0, 4) } ?? "undefined (single class)" }
        var lines = [String]()
        var header = "rows \(count)  positives \(positives)  base rate \(fixed(baseRate, 4))"
        if totalWeight != Double(count) || positiveWeight != Double(positives) {
            header += "  (weighted: total \(fixed(totalWeight, 4)), positive \(fixed(positiveWeight, 4)))"
        }
        lines.append(header)
        lines.append("log-loss \(fixed(logLoss, 6))  Brier \(fixed(brierScore, 6))  ECE \(fixed(expectedCalibrationError, 4))")
        lines.append("ROC-AUC \(rank(rocAUC))  PR-AUC (average precision) \(rank(averagePrecision))")
        lines.append("calibration (\(calibration.count) equal-width bins)")
        let countWidth = max(4, calibration.map { String($0.count).count }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        lines.append("  bin         \(pad("rows", countWidth))  \(pad("mean p", 7))  \(pad("observed", 8))")
        for (index, bin) in calibration.enumerated() {
            let closing = index == calibration.count - 1 ? "]" : ")"
            let edges = "[\(fixed(bin.lowerBound, 1)), \(fixed(bin.upperBound, 1))\(closing)"
            let mean = bin.meanPredicted.map { fixed($0, 4) } ?? "-"
            let observed = bin.observedRate.map { fixed($0, 4) } ?? "-"
            lines.append("  \(edges)  \(pad(String(bin.count), countWidth))  \(pad(mean, 7))  \(pad(observed, 8))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
