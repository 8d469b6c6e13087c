import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// `tripwise evaluate --model M --trace T [--json]`: scores a trace's rows with a model file, as
/// a service would (the runtime model, the same extractor), and reports log-loss, ROC-AUC,
/// PR-AUC, Brier score, a calibration table and the decisions at the model's threshold.
public enum EvaluateCommand: CLICommand {
    /// `"evaluate"`.
    public static let name = "evaluate"
    /// One-line summary for help listings.
    public static let abstract = "Score a trace with a model file: log-loss, ROC-AUC, PR-AUC, calibration."
    /// Shown after the overview.
    public static let discussion = """
        Rows, labels, horizon and extractor constants are the model's own, so evaluating the \
        model's validation trace reproduces the metrics stored in the model file exactly.
        """
    /// Options.
    public static let options: [CLIOption] = [
        .value("model", placeholder: "path", help: "A model file (required)."),
        .value("trace", placeholder: "path", help: "The trace to score (required)."),
        .flag("json", help: "Print one JSON object instead of the report."),
        TraceLoading.skipBadRowsOption,
    ]

    /// What `--json` prints.
    struct Report: Encodable {
        var model: String
        var trace: String
        var rows: Int
        var unlabelledRows: Int
        var excludedRejectedRows: Int
        var metrics: ModelEvaluation
        var threshold: Double
        var trips: Int
        var failedCallsAdmitted: Int
        var successfulCallsRejected: Int
        var cost: Double
    }

    /// Scores and reports.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let modelPath = try parsed.requiredValue("model")
        let tracePath = try parsed.requiredValue("trace")
        let file: LogisticModelFile
        let model: LogisticModel
        do {
            file = try LogisticModelFile.load(path: modelPath)
            model = try LogisticModel(file)
        } catch {
            throw CommandFailure("\(error)", exitCode: error.code == .io ? .noInput : .dataError)
        }
        guard let label = TrainingLabel(rawValue: file.label.kind) else {
            throw CommandFailure("\(modelPath): unknown label kind '\(file.label.kind)'", exitCode: .dataError)
        }
        let loaded = try TraceLoading.read(tracePath, parsed: parsed, io: io)
        let set: TrainingSet
        do {
            set = try TrainingSet(trace: loaded.trace, horizonSeconds: file.label.horizonSeconds, label: label,
                                  extractorConfiguration: file.extractor)
        } catch {
            throw CommandFailure("\(tracePath): \(error.message)", exitCode: .dataError)
        }
        guard set.count > 0 else { throw CommandFailure("\(tracePath): no labelled rows to evaluate", exitCode: .dataError) }
        let scores = LogisticTrainer.scores(of: set, with: model)
        let metrics: BinaryClassificationMetrics
        do {
            metrics = try BinaryClassificationMetrics(scores: scores, labels: set.labels)
        } catch {
            throw CommandFailure("\(tracePath): \(error)", exitCode: .dataError)
        }
        var trips = 0
        var missed = 0
        var falseTrips = 0
        for (score, label) in zip(scores, set.labels) {
            if score > model.threshold {
                trips += 1
                if label == 0 { falseTrips += 1 }
            } else if label == 1 {
                missed += 1
            }
        }
        let cost = file.decision.costFail * Double(missed) + file.decision.costReject * Double(falseTrips)
        if parsed.flag("json") {
            io.print(try TraceLoading.json(Report(
                model: modelPath, trace: tracePath, rows: set.count, unlabelledRows: set.unlabelledRows,
                excludedRejectedRows: set.excludedRejectedRows, metrics: ModelEvaluation(metrics), threshold: model.threshold,
                trips: trips, failedCallsAdmitted: missed, successfulCallsRejected: falseTrips, cost: cost)))
            return .success
        }
        io.print("model: \(modelPath) (\(file.featureSet.id), label \(file.label.kind), horizon \(file.label.horizonSeconds) s)")
        io.print("trace: \(tracePath): \(set.count) rows (\(set.unlabelledRows) without a next call within the horizon, "
                 + "\(set.excludedRejectedRows) rejected rows excluded)")
        io.write(render(ModelEvaluation(metrics)))
        io.print(String(format: "at τ = %.6f: %d rows above τ (would trip), %d of them followed by a success; "
                        + "%d failures below τ; cost %.0f (cost-fail %g, cost-reject %g)",
                        model.threshold, trips, falseTrips, missed, cost, file.decision.costFail, file.decision.costReject))
        return .success
    }

    /// The report of one evaluation: the figures, then the calibration table.
    static func render(_ evaluation: ModelEvaluation) -> String {
        func auc(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "undefined (single class)" }
        var lines = [
            String(format: "rows %d, positives %d (%.4f); log-loss %.6f, Brier %.6f, ECE %.4f",
                   evaluation.count, evaluation.positives,
                   evaluation.count > 0 ? Double(evaluation.positives) / Double(evaluation.count) : 0,
                   evaluation.logLoss, evaluation.brier, evaluation.expectedCalibrationError),
            "ROC-AUC \(auc(evaluation.rocAUC)), PR-AUC \(auc(evaluation.prAUC))",
            "calibration:",
        ]
        var table = [["p(fail) bin", "rows", "mean p", "observed"]]
        for bin in evaluation.calibration {
            table.append([String(format: "[%.1f, %.1f%@", bin.lower, bin.upper, bin.upper >= 1 ? "]" : ")"), "\(bin.count)",
                          bin.meanPredicted.map { String(format: "%.4f", $0) } ?? "-",
                          bin.observedRate.map { String(format: "%.4f", $0) } ?? "-"])
        }
        lines += TraceLoading.table(table).map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }
}
