/// The rules of format version 1, applied in this order; the first broken rule is reported.
///
///  1. `format` is `"tripwise-model"` (``ModelFileError/Code/wrongFormat``); `formatVersion`
///     is supported (`unsupportedVersion`); `kind` is `"logistic"` (`unknownKind`).
///  2. `featureSet.id` is in ``FeatureSet/known`` (`unknownFeatureSet`) and `featureSet.names`
///     equal that set's names, in order (`featureMismatch`, naming the first differing index).
///  3. `weights`, `standardization.means` and `standardization.scales` have one entry per
///     feature, and `training.classWeights` has two (`lengthMismatch`).
///  4. Every `Double` in the document is finite (`nonFiniteNumber`).
///  5. Ranges (`outOfRange`, or `unknownKind` for `label.kind`): extractor constants > 0
///     (``FeatureExtractorConfiguration/isValid``); scales > 0; τ in (0, 1); costs > 0;
///     `decision.tunedOn` absent or `"validation"`, and when absent τ = c_reject/(c_fail+c_reject)
///     within ``ModelDecision/costRatioTolerance``; `label.kind` known; horizon > 0; `l2` ≥ 0;
///     `iterations` ≥ 0; `tolerance` > 0; class weights > 0; then provenance and evaluation as
///     documented on ``ModelProvenance``, ``ModelTraceFile``, ``ModelEvaluation`` and
///     ``ModelCalibrationBin``.
extension LogisticModelFile {
    /// Checks every rule of the format (listed on this extension) and throws the first one
    /// broken, as a ``ModelFileError`` whose `path` is `source` and whose `field` is the JSON
    /// path of the offending value. Returns normally exactly when the file can be written,
    /// read back and run by ``LogisticModel``.
    public func validate(source: String = "<memory>") throws(ModelFileError) {
        do {
            try check()
        } catch {
            throw error.modelFileError(path: source)
        }
    }

    /// The first broken rule, without a file path or position.
    func check() throws(JSONTreeError) {
        try checkHeader()
        let known = try ModelFileRules.knownFeatureSet(featureSet)
        try checkLengths(featureCount: known.count, featureSetID: known.id)
        try checkFinite()
        try checkRanges()
    }

    private func fail(_ code: ModelFileError.Code, _ field: String, _ message: String) -> JSONTreeError {
        ModelFileRules.fail(code, field, message)
    }

    private func checkHeader() throws(JSONTreeError) {
        try ModelFileRules.checkHeader(format: format, formatVersion: formatVersion, kind: kind, expected: Self.logisticKind)
    }

    static func unsupportedVersionMessage(found: String) -> String {
        let list = supportedFormatVersions.map(String.init).joined(separator: ", ")
        return "this build reads format version\(supportedFormatVersions.count == 1 ? "" : "s") \(list) only, found \(found)"
    }

    private func checkLengths(featureCount: Int, featureSetID: String) throws(JSONTreeError) {
        let arrays: [(String, Int)] = [
            ("weights", weights.count),
            ("standardization.means", standardization.means.count),
            ("standardization.scales", standardization.scales.count),
        ]
        for (field, count) in arrays where count != featureCount {
            throw fail(.lengthMismatch, field,
                       "expected \(featureCount) values, one per feature of \(featureSetID), found \(count)")
        }
        if training.classWeights.count != 2 {
            throw fail(.lengthMismatch, "training.classWeights",
                       "expected 2 values [weight of label 0, weight of label 1], found \(training.classWeights.count)")
        }
    }

    /// Every `Double` of the document with its field path, in document order.
    func numberFields() -> [(field: String, value: Double)] {
        var numbers: [(field: String, value: Double)] = extractor.fields.map { ("extractor.\($0.name)", $0.value) }
        for (index, value) in standardization.means.enumerated() { numbers.append(("standardization.means[\(index)]", value)) }
        for (index, value) in standardization.scales.enumerated() { numbers.append(("standardization.scales[\(index)]", value)) }
        for (index, value) in weights.enumerated() { numbers.append(("weights[\(index)]", value)) }
        numbers += [
            ("intercept", intercept),
            ("decision.threshold", decision.threshold),
            ("decision.costFail", decision.costFail),
            ("decision.costReject", decision.costReject),
            ("label.horizonSeconds", label.horizonSeconds),
            ("training.l2", training.l2),
            ("training.tolerance", training.tolerance),
        ]
        for (index, value) in training.classWeights.enumerated() { numbers.append(("training.classWeights[\(index)]", value)) }
        numbers.append(("provenance.positiveRate", provenance.positiveRate))
        for (name, evaluation) in [("train", evaluation.train), ("validation", evaluation.validation)] {
            guard let evaluation else { continue }
            let prefix = "evaluation.\(name)"
            numbers += [("\(prefix).logLoss", evaluation.logLoss), ("\(prefix).brier", evaluation.brier)]
            if let value = evaluation.rocAUC { numbers.append(("\(prefix).rocAUC", value)) }
            if let value = evaluation.prAUC { numbers.append(("\(prefix).prAUC", value)) }
            numbers.append(("\(prefix).expectedCalibrationError", evaluation.expectedCalibrationError))
            for (index, bin) in evaluation.calibration.enumerated() {
                let binPrefix = "\(prefix).calibration[\(index)]"
                numbers += [("\(binPrefix).lower", bin.lower), ("\(binPrefix).upper", bin.upper)]
                if let value = bin.meanPredicted { numbers.append(("\(binPrefix).meanPredicted", value)) }
                if let value = bin.observedRate { numbers.append(("\(binPrefix).observedRate", value)) }
            }
        }
        return numbers
    }

    private func checkFinite() throws(JSONTreeError) {
        for (field, value) in numberFields() where !value.isFinite {
            throw fail(.nonFiniteNumber, field, "expected a finite number, found \(value)")
        }
    }

    private func require(_ condition: Bool, _ field: String, _ expected: String, _ found: some CustomStringConvertible) throws(JSONTreeError) {
        try ModelFileRules.require(condition, field, expected, found)
    }

    private func checkRanges() throws(JSONTreeError) {
        try ModelFileRules.check(extractor)
        for (index, scale) in standardization.scales.enumerated() {
            try require(scale > 0, "standardization.scales[\(index)]", "a number > 0", scale)
        }
        try checkDecision()
        if !ModelLabel.knownKinds.contains(label.kind) {
            let kinds = ModelLabel.knownKinds.map { "\"\($0)\"" }.joined(separator: " or ")
            throw fail(.unknownKind, "label.kind", "expected \(kinds), found \"\(label.kind)\"")
        }
        try require(label.horizonSeconds > 0, "label.horizonSeconds", "a number of seconds > 0", label.horizonSeconds)
        try require(training.l2 >= 0, "training.l2", "a number ≥ 0", training.l2)
        try require(training.iterations >= 0, "training.iterations", "an integer ≥ 0", training.iterations)
        try require(training.tolerance > 0, "training.tolerance", "a number > 0", training.tolerance)
        for (index, weight) in training.classWeights.enumerated() {
            try require(weight > 0, "training.classWeights[\(index)]", "a number > 0", weight)
        }
        try ModelFileRules.check(provenance)
        if let train = evaluation.train { try check(train, "evaluation.train") }
        if let validation = evaluation.validation { try check(validation, "evaluation.validation") }
    }

    private func checkDecision() throws(JSONTreeError) {
        try require(decision.threshold > 0 && decision.threshold < 1, "decision.threshold",
                    "a probability strictly between 0 and 1", decision.threshold)
        try require(decision.costFail > 0, "decision.costFail", "a number > 0", decision.costFail)
        try require(decision.costReject > 0, "decision.costReject", "a number > 0", decision.costReject)
        if let tunedOn = decision.tunedOn {
            if !ModelDecision.tunedOnValues.contains(tunedOn) {
                throw fail(.outOfRange, "decision.tunedOn",
                           "expected \"validation\", \"validation-replay\" or no value, found \"\(tunedOn)\"; "
                           + "a threshold is tuned on a validation split, never on test data")
            }
        } else {
            let ratio = ModelDecision.costThreshold(costFail: decision.costFail, costReject: decision.costReject)
            if abs(decision.threshold - ratio) > ModelDecision.costRatioTolerance * ratio {
                throw fail(.outOfRange, "decision.threshold",
                           "expected costReject / (costFail + costReject) = \(ratio), since decision.tunedOn is absent, "
                           + "found \(decision.threshold)")
            }
        }
    }

    private func check(_ evaluation: ModelEvaluation, _ prefix: String) throws(JSONTreeError) {
        let unit = 0.0...1.0
        try require(evaluation.count >= 0, "\(prefix).count", "an integer ≥ 0", evaluation.count)
        try require(evaluation.positives >= 0 && evaluation.positives <= evaluation.count, "\(prefix).positives",
                    "an integer in 0...count (\(evaluation.count))", evaluation.positives)
        try require(evaluation.logLoss >= 0, "\(prefix).logLoss", "a number ≥ 0", evaluation.logLoss)
        try require(unit.contains(evaluation.brier), "\(prefix).brier", "a number in [0, 1]", evaluation.brier)
        if let value = evaluation.rocAUC { try require(unit.contains(value), "\(prefix).rocAUC", "a number in [0, 1]", value) }
        if let value = evaluation.prAUC { try require(unit.contains(value), "\(prefix).prAUC", "a number in [0, 1]", value) }
        try require(unit.contains(evaluation.expectedCalibrationError), "\(prefix).expectedCalibrationError",
                    "a number in [0, 1]", evaluation.expectedCalibrationError)
        for (index, bin) in evaluation.calibration.enumerated() {
            let binPrefix = "\(prefix).calibration[\(index)]"
            try require(unit.contains(bin.lower), "\(binPrefix).lower", "a number in [0, 1]", bin.lower)
            try require(unit.contains(bin.upper) && bin.upper >= bin.lower, "\(binPrefix).upper",
                        "a number in [lower (\(bin.lower)), 1]", bin.upper)
            try require(bin.count >= 0, "\(binPrefix).count", "an integer ≥ 0", bin.count)
            if let value = bin.meanPredicted {
                try require(unit.contains(value), "\(binPrefix).meanPredicted", "a number in [0, 1]", value)
            }
            if let value = bin.observedRate {
                try require(unit.contains(value), "\(binPrefix).observedRate", "a number in [0, 1]", value)
            }
        }
    }
}
