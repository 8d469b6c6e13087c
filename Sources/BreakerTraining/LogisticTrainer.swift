import BreakerInference
import Foundation
import TraceKit

/// The whole `train logistic` job: training rows from traces through the online extractor, a
/// BLAS-backed fit, metrics on the training and validation rows, the decision threshold, and
/// the model file with provenance.
///
/// Time order is kept: rows are built per trace in time order and traces are used in the order
/// given; nothing is shuffled across time. The threshold is τ = c_reject / (c_fail + c_reject)
/// unless ``Request/tuneThreshold`` asks to tune it on the validation traces (never on test
/// data). Stored metrics are computed through ``LogisticModel`` — the runtime form a service
/// uses — so `tripwise evaluate` on the same trace reproduces them exactly.
public enum LogisticTrainer {
    /// What to train.
    public struct Request: Sendable {
        /// Training traces, in time order.
        public var traces: [TraceSource]
        /// Validation traces (later in time than training), for metrics and threshold tuning.
        public var validation: [TraceSource] = []
        /// The label's horizon, seconds.
        public var horizonSeconds: Double = 5
        /// The label.
        public var label: TrainingLabel = .nextCallFails
        /// The solver's options (λ, tolerance, iteration limit, class weights).
        public var options = LogisticRegressionOptions()
        /// Weight the classes inversely to their frequency (overrides `options.classWeights`).
        public var balanceClasses = false
        /// Cost of a failed call sent.
        public var costFail: Double = 1
        /// Cost of a rejected call that would have succeeded.
        public var costReject: Double = 1
        /// Tune τ on the validation rows instead of deriving it from the costs.
        public var tuneThreshold = false
        /// The version string stored in provenance.
        public var tripwiseVersion = "unknown"
        /// The extractor constants.
        public var extractor = FeatureExtractorConfiguration()

        /// A request for `traces` with the defaults.
        public init(traces: [TraceSource]) {
            self.traces = traces
        }
    }

    /// A failure of the job, with the reason.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let message: String
        /// The message.
        public var description: String { message }
    }

    /// Rows of several traces, concatenated in the order given.
    static func rows(of sources: [TraceSource], request: Request) throws(Failure) -> TrainingSet? {
        var combined: TrainingSet?
        for source in sources {
            let set: TrainingSet
            do {
                set = try TrainingSet(trace: source.trace, horizonSeconds: request.horizonSeconds,
                                      label: request.label, extractorConfiguration: request.extractor)
            } catch {
                throw Failure(message: "\(source.path): \(error.message)")
            }
            if var existing = combined {
                existing.append(set)
                combined = existing
            } else {
                combined = set
            }
        }
        return combined
    }

    /// Trains and returns the validated model file; `progress` receives one line per step.
    public static func train(_ request: Request, progress: @escaping (String) -> Void) throws(Failure) -> LogisticModelFile {
        guard !request.traces.isEmpty else { throw Failure(message: "no training trace given") }
        if request.tuneThreshold, request.validation.isEmpty {
            throw Failure(message: "--tune-threshold needs --validation: the threshold is never tuned on training or test data")
        }
        guard let training = try rows(of: request.traces, request: request), training.count > 0 else {
            throw Failure(message: "the training traces yield no labelled rows (is the horizon shorter than the gaps between calls?)")
        }
        progress("training rows: \(training.count) (positive rate \(String(format: "%.4f", training.positiveRate)); "
                 + "\(training.unlabelledRows) without a next call within \(request.horizonSeconds) s, "
                 + "\(training.excludedRejectedRows) rejected rows excluded)")
        let validation = try rows(of: request.validation, request: request)
        if let validation { progress("validation rows: \(validation.count)") }

        var options = request.options
        if request.balanceClasses { options.classWeights = .balanced(labels: training.labels) }
        let matrix: DesignMatrix
        let fit: LogisticFit
        do {
            matrix = try DesignMatrix(rows: training.count, columns: training.featureSet.count, values: training.features)
            fit = try LogisticRegression.fit(matrix, labels: training.labels, options: options) { iteration, objective, gradient in
                progress(String(format: "iteration %d: objective %.10f, gradient ‖·‖∞ %.3e", iteration, objective, gradient))
            }
        } catch {
            throw Failure(message: "\(error)")
        }
        progress("fit: \(fit.iterations) iterations, \(fit.converged ? "converged" : "NOT converged") "
                 + String(format: "(‖gradient‖∞ %.3e, tolerance %.1e)", fit.gradientNorm, options.tolerance))

        var file = LogisticModelFile(
            featureSet: training.featureSet, extractor: request.extractor,
            standardization: FeatureStandardization(means: fit.standardization.means, scales: fit.standardization.scales),
            weights: fit.weights, intercept: fit.intercept,
            decision: ModelDecision(costFail: request.costFail, costReject: request.costReject),
            label: ModelLabel(kind: request.label.rawValue, horizonSeconds: request.horizonSeconds),
            training: ModelTrainingSummary(l2: options.l2, iterations: fit.iterations, converged: fit.converged,
                                           tolerance: options.tolerance,
                                           classWeights: [options.classWeights.negative, options.classWeights.positive]),
            provenance: ModelProvenance(
                traces: try provenance(request.traces), validation: request.validation.isEmpty ? nil : try provenance(request.validation),
                rows: training.count, positiveRate: training.positiveRate,
                createdAt: UTCTimestamp.format(Date().timeIntervalSince1970.rounded()), tripwiseVersion: request.tripwiseVersion),
            evaluation: ModelEvaluations(train: nil, validation: nil))
        do {
            let model = try LogisticModel(file)
            let trainScores = scores(of: training, with: model)
            file.evaluation.train = ModelEvaluation(try BinaryClassificationMetrics(scores: trainScores, labels: training.labels))
            if let validation, validation.count > 0 {
                let validationScores = scores(of: validation, with: model)
                file.evaluation.validation = ModelEvaluation(
                    try BinaryClassificationMetrics(scores: validationScores, labels: validation.labels))
                if request.tuneThreshold {
                    let tuned = try DecisionThreshold.tune(scores: validationScores, labels: validation.labels,
                                                           costFail: request.costFail, costReject: request.costReject)
                    file.decision = ModelDecision(threshold: tuned.threshold, costFail: request.costFail,
                                                  costReject: request.costReject, tunedOn: ModelDecision.tunedOnValidation)
                    progress(String(format: "threshold tuned on validation: τ = %.6f (cost %.0f)", tuned.threshold, tuned.cost))
                }
            }
            try file.validate(source: "trained model")
        } catch {
            throw Failure(message: "\(error)")
        }
        return file
    }

    /// p(fail) for every row of `set`, computed by the runtime model exactly as a service would.
    public static func scores(of set: TrainingSet, with model: LogisticModel) -> [Double] {
        let width = set.featureSet.count
        var vector = FeatureVector(count: width)
        var result: [Double] = []
        result.reserveCapacity(set.count)
        set.features.withUnsafeBufferPointer { features in
            for row in 0..<set.count {
                for column in 0..<width { vector[column] = features[row * width + column] }
                result.append(model.probability(vector))
            }
        }
        return result
    }

    package static func provenance(_ sources: [TraceSource]) throws(Failure) -> [ModelTraceFile] {
        var files: [ModelTraceFile] = []
        for source in sources {
            do {
                files.append(ModelTraceFile(path: source.path, sha256: try SHA256.hexDigest(ofFileAt: source.path),
                                            rows: source.trace.count, bytes: source.bytes))
            } catch {
                throw Failure(message: "cannot hash \(source.path): \(error)")
            }
        }
        return files
    }
}
