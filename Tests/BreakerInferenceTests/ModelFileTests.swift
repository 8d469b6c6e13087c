import Foundation
import Testing
@testable import BreakerInference

/// A valid version-1 logistic model file (feature set v2), with every optional part present somewhere.
enum ModelFileFixture {
    static let means: [Double] = [0.05, 0.04, 0.1, 0.02, 0.0, 0.01, 0.03, 0.2, 2.1, 4.0]
    static let scales: [Double] = [0.12, 0.09, 0.25, 0.07, 0.4, 0.3, 0.05, 0.5, 1.3, 0.3]
    static let weights: [Double] = [1.9, 0.7, 0.3, 0.45, 0.8, 0.2, 0.9, 0.6, -0.35, -0.15]

    static func evaluation(rocAUC: Double?) -> ModelEvaluation {
        let bins = (0..<10).map { k -> ModelCalibrationBin in
            let lower = Double(k) / 10, upper = Double(k + 1) / 10
            let empty = k >= 8
            return ModelCalibrationBin(lower: lower, upper: upper, count: empty ? 0 : 1_000 / (k + 1),
                                       meanPredicted: empty ? nil : lower + 0.04, observedRate: empty ? nil : lower + 0.03)
        }
        return ModelEvaluation(count: 120_000, positives: 9_960, logLoss: 0.21, brier: 0.061, rocAUC: rocAUC,
                               prAUC: rocAUC.map { $0 - 0.3 }, expectedCalibrationError: 0.012, calibration: bins)
    }

    static var file: LogisticModelFile {
        LogisticModelFile(
            featureSet: .v2,
            extractor: FeatureExtractorConfiguration(),
            standardization: FeatureStandardization(means: means, scales: scales),
            weights: weights,
            intercept: -2.5,
            decision: ModelDecision(costFail: 5, costReject: 1),
            label: ModelLabel(kind: "next-call-fails", horizonSeconds: 10),
            training: ModelTrainingSummary(l2: 1e-3, iterations: 37, converged: true, tolerance: 1e-8, classWeights: [1, 4]),
            provenance: ModelProvenance(
                traces: [ModelTraceFile(path: "datasets/synthetic/outage.csv",
                                        sha256: String(repeating: "0123456789abcdef", count: 4), rows: 120_000, bytes: 5_432_100)],
                validation: [ModelTraceFile(path: "datasets/synthetic/outage-validation.csv",
                                            sha256: String(repeating: "fedcba9876543210", count: 4), rows: 30_000, bytes: 1_358_000)],
                rows: 120_000, positiveRate: 0.083, createdAt: "2025-03-01T12:00:00Z", tripwiseVersion: "0.1.0"),
            evaluation: ModelEvaluations(train: evaluation(rocAUC: 0.91), validation: evaluation(rocAUC: nil)))
    }

    static var text: String {
        String(decoding: try! file.encoded(), as: UTF8.self)
    }
}

/// A step of a path into a `JSONSerialization` tree.
enum Step {
    case key(String)
    case index(Int)
}

/// `json` with the value at `path` replaced by `value`, or removed when `value` is nil.
func setting(_ value: Any?, at path: ArraySlice<Step>, in json: Any) -> Any? {
    guard let step = path.first else { return value }
    switch step {
    case .key(let key):
        var object = json as! [String: Any]
        object[key] = path.count == 1 ? value : setting(value, at: path.dropFirst(), in: object[key]!)
        return object
    case .index(let index):
        var array = json as! [Any]
        if path.count == 1, value == nil {
            array.remove(at: index)
        } else {
            array[index] = setting(value, at: path.dropFirst(), in: array[index])!
        }
        return array
    }
}

/// The valid document with the value at `path` set to `value` (or removed when nil).
func edited(_ path: Step..., to value: Any?) -> String {
    let json = try! JSONSerialization.jsonObject(with: Data(ModelFileFixture.text.utf8))
    let result = setting(value, at: path[...], in: json)!
    let data = try! JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
}

/// The valid document with the value at `path` written as the raw JSON text `literal`.
func edited(_ path: Step..., toLiteral literal: String) -> String {
    let sentinel = 987_654.321_25
    let json = try! JSONSerialization.jsonObject(with: Data(ModelFileFixture.text.utf8))
    let result = setting(sentinel, at: path[...], in: json)!
    let text = String(decoding: try! JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys]),
                      as: UTF8.self)
    precondition(text.components(separatedBy: "987654.32125").count == 2, "sentinel not written once")
    return text.replacingOccurrences(of: "987654.32125", with: literal)
}

/// The error `decode` throws for `text`, or nil when it decodes.
func refusal(_ text: String) -> ModelFileError? {
    do {
        _ = try LogisticModelFile.decode(Data(text.utf8), source: "models/test.json")
        return nil
    } catch {
        return error
    }
}

@Suite("Model files: LogisticModelFile round trip, validation, LogisticModel")
struct ModelFileTests {
    @Test("a valid file round-trips: encode → decode → equal; the text is sorted, pretty and ends in a newline")
    func roundTrip() throws {
        let file = ModelFileFixture.file
        let data = try file.encoded()
        let decoded = try LogisticModelFile.decode(data, source: "memory")
        #expect(decoded == file)
        #expect(try decoded.encoded() == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"decision\" : {"))
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"path\" : \"datasets/synthetic/outage.csv\""))
        #expect(!text.contains("tunedOn"))  // nil is written as an absent key
    }

    @Test("write then load from disk; load refuses a missing file and a directory with code io")
    func diskRoundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-file-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.json").path
        var file = ModelFileFixture.file
        file.decision = ModelDecision(threshold: 0.27, costFail: 5, costReject: 1, tunedOn: "validation")
        try file.write(toPath: path)
        #expect(try LogisticModelFile.load(path: path) == file)
        file.decision = ModelDecision(threshold: 0.65, costFail: 5, costReject: 1, tunedOn: "validation-replay")
        try file.write(toPath: path)
        #expect(try LogisticModelFile.load(path: path) == file, "a τ tuned by replay round-trips")

        let missing = directory.appendingPathComponent("absent.json").path
        #expect(throws: ModelFileError(code: .io, path: missing, field: "", message: "no such file; expected a model file (.json)")) {
            try LogisticModelFile.load(path: missing)
        }
        do {
            _ = try LogisticModelFile.load(path: directory.path)
            Issue.record("a directory loaded")
        } catch {
            #expect(error.code == .io)
            #expect(error.description == "\(directory.path): is a directory; expected a model file (.json)")
        }
    }

    /// One refusal case: the edited document, then the code and field it must be refused with.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let code: ModelFileError.Code
        let field: String
        /// Substrings the message must contain (expected and found values).
        let mentions: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "wrong format", text: edited(.key("format"), to: "other-model"),
             code: .wrongFormat, field: "format", mentions: ["\"tripwise-model\"", "\"other-model\""]),
        Case(name: "format version 2", text: edited(.key("formatVersion"), to: 2),
             code: .unsupportedVersion, field: "formatVersion", mentions: ["version 1 only", "found 2"]),
        Case(name: "kind svm", text: edited(.key("kind"), to: "svm"),
             code: .unknownKind, field: "kind", mentions: ["\"logistic\"", "\"svm\""]),
        Case(name: "unknown feature set", text: edited(.key("featureSet"), .key("id"), to: "tripwise.features.v9"),
             code: .unknownFeatureSet, field: "featureSet.id", mentions: ["\"tripwise.features.v2\"", "\"tripwise.features.v9\""]),
        Case(name: "swapped names",
             text: edited(.key("featureSet"), .key("names"), to: {
                 var names = FeatureSet.v2.names
                 names.swapAt(4, 5)
                 return names
             }()),
             code: .featureMismatch, field: "featureSet.names[4]",
             mentions: ["index 4", "expected \"log_latency_short_vs_baseline\"", "found \"log_latency_mid_vs_baseline\""]),
        Case(name: "9 names", text: edited(.key("featureSet"), .key("names"), .index(9), to: nil),
             code: .featureMismatch, field: "featureSet.names", mentions: ["found 9", "index 9"]),
        Case(name: "9 weights", text: edited(.key("weights"), .index(9), to: nil),
             code: .lengthMismatch, field: "weights", mentions: ["expected 10 values", "found 9"]),
        Case(name: "11 means", text: edited(.key("standardization"), .key("means"), to: ModelFileFixture.means + [0]),
             code: .lengthMismatch, field: "standardization.means", mentions: ["expected 10", "found 11"]),
        Case(name: "NaN written as a string", text: edited(.key("intercept"), to: "NaN"),
             code: .nonFiniteNumber, field: "intercept", mentions: ["\"NaN\""]),
        Case(name: "-Infinity written as a string in an array", text: edited(.key("weights"), .index(2), to: "-Infinity"),
             code: .nonFiniteNumber, field: "weights[2]", mentions: ["\"-Infinity\""]),
        Case(name: "inf written as a string in a nested object", text: edited(.key("decision"), .key("costFail"), to: "inf"),
             code: .nonFiniteNumber, field: "decision.costFail", mentions: ["\"inf\""]),
        Case(name: "1e999", text: edited(.key("standardization"), .key("scales"), .index(3), toLiteral: "1e999"),
             code: .nonFiniteNumber, field: "standardization.scales[3]", mentions: ["1e999"]),
        Case(name: "-1e999", text: edited(.key("intercept"), toLiteral: "-1e999"),
             code: .nonFiniteNumber, field: "intercept", mentions: ["-1e999"]),
        Case(name: "a bare NaN token", text: edited(.key("weights"), .index(0), toLiteral: "NaN"),
             code: .nonFiniteNumber, field: "weights[0]", mentions: ["NaN"]),
        Case(name: "a bare -Infinity token", text: edited(.key("label"), .key("horizonSeconds"), toLiteral: "-Infinity"),
             code: .nonFiniteNumber, field: "label.horizonSeconds", mentions: ["-Infinity"]),
        Case(name: "scale 0", text: edited(.key("standardization"), .key("scales"), .index(3), to: 0),
             code: .outOfRange, field: "standardization.scales[3]", mentions: ["> 0", "found 0.0"]),
        Case(name: "negative scale", text: edited(.key("standardization"), .key("scales"), .index(9), to: -1),
             code: .outOfRange, field: "standardization.scales[9]", mentions: ["found -1.0"]),
        Case(name: "threshold 1.5", text: edited(.key("decision"), .key("threshold"), to: 1.5),
             code: .outOfRange, field: "decision.threshold", mentions: ["between 0 and 1", "found 1.5"]),
        Case(name: "threshold 0", text: edited(.key("decision"), .key("threshold"), to: 0),
             code: .outOfRange, field: "decision.threshold", mentions: ["found 0.0"]),
        Case(name: "untuned threshold that is not the cost ratio", text: edited(.key("decision"), .key("threshold"), to: 0.5),
             code: .outOfRange, field: "decision.threshold", mentions: ["costReject / (costFail + costReject)", "found 0.5"]),
        Case(name: "threshold tuned on test data", text: edited(.key("decision"), .key("tunedOn"), to: "test"),
             code: .outOfRange, field: "decision.tunedOn", mentions: ["\"validation\"", "\"validation-replay\"", "\"test\""]),
        Case(name: "cost 0", text: edited(.key("decision"), .key("costReject"), to: 0),
             code: .outOfRange, field: "decision.costReject", mentions: ["> 0"]),
        Case(name: "horizon 0", text: edited(.key("label"), .key("horizonSeconds"), to: 0),
             code: .outOfRange, field: "label.horizonSeconds", mentions: ["> 0"]),
        Case(name: "unknown label kind", text: edited(.key("label"), .key("kind"), to: "next-call-slow"),
             code: .unknownKind, field: "label.kind", mentions: ["\"next-call-fails\"", "\"next-call-slow\""]),
        Case(name: "invalid extractor constant", text: edited(.key("extractor"), .key("longWindowCalls"), to: 0.5),
             code: .outOfRange, field: "extractor.longWindowCalls", mentions: ["≥ 1", "0.5"]),
        Case(name: "one class weight", text: edited(.key("training"), .key("classWeights"), to: [1]),
             code: .lengthMismatch, field: "training.classWeights", mentions: ["expected 2", "found 1"]),
        Case(name: "a malformed sha256",
             text: edited(.key("provenance"), .key("validation"), .index(0), .key("sha256"), to: "ABC"),
             code: .outOfRange, field: "provenance.validation[0].sha256", mentions: ["64 lowercase", "\"ABC\""]),
        Case(name: "a local time", text: edited(.key("provenance"), .key("createdAt"), to: "2025-03-01 12:00:00+01:00"),
             code: .outOfRange, field: "provenance.createdAt", mentions: ["UTC"]),
        Case(name: "a probability above 1 in a calibration bin",
             text: edited(.key("evaluation"), .key("train"), .key("calibration"), .index(2), .key("observedRate"), to: 1.2),
             code: .outOfRange, field: "evaluation.train.calibration[2].observedRate", mentions: ["found 1.2"]),
        Case(name: "missing weights", text: edited(.key("weights"), to: nil),
             code: .missingField, field: "weights", mentions: ["missing", "an array"]),
        Case(name: "missing nested field", text: edited(.key("decision"), .key("costFail"), to: nil),
             code: .missingField, field: "decision.costFail", mentions: ["missing", "a number"]),
        Case(name: "missing extractor constant", text: edited(.key("extractor"), .key("midWindowCalls"), to: nil),
             code: .missingField, field: "extractor.midWindowCalls", mentions: ["missing", "a number"]),
        Case(name: "a string format version", text: edited(.key("formatVersion"), to: "1"),
             code: .wrongType, field: "formatVersion", mentions: ["an integer", "the string \"1\""]),
        Case(name: "missing format", text: edited(.key("format"), to: nil),
             code: .missingField, field: "format", mentions: ["missing"]),
        Case(name: "null intercept", text: edited(.key("intercept"), to: NSNull()),
             code: .missingField, field: "intercept", mentions: ["null"]),
        Case(name: "a number as a string", text: edited(.key("intercept"), to: "-2.5"),
             code: .wrongType, field: "intercept", mentions: ["a number", "\"-2.5\""]),
        Case(name: "a fraction for an integer", text: edited(.key("training"), .key("iterations"), to: 2.5),
             code: .wrongType, field: "training.iterations", mentions: ["an integer", "2.5"]),
        Case(name: "an integer too large", text: edited(.key("provenance"), .key("rows"), toLiteral: "1e20"),
             code: .outOfRange, field: "provenance.rows", mentions: ["1e20"]),
        Case(name: "an object for an array", text: edited(.key("weights"), to: ["a": 1]),
             code: .wrongType, field: "weights", mentions: ["an array", "an object"]),
        Case(name: "a repeated key", text: ModelFileFixture.text.replacingOccurrences(of: "\"intercept\" : -2.5",
                                                                                     with: "\"intercept\" : -2.5, \"intercept\" : 3"),
             code: .corruptJSON, field: "intercept", mentions: ["appears twice"]),
        Case(name: "truncated text", text: String(ModelFileFixture.text.prefix(ModelFileFixture.text.count * 3 / 5)),
             code: .corruptJSON, field: "", mentions: ["truncated"]),
        Case(name: "a syntax error", text: ModelFileFixture.text.replacingOccurrences(of: "\"intercept\" : -2.5,",
                                                                                     with: "\"intercept\" : -2.5 ,,"),
             code: .corruptJSON, field: "", mentions: ["expected a quoted key, found ','", "line"]),
        Case(name: "an empty document", text: "  \n", code: .corruptJSON, field: "", mentions: ["empty"]),
        Case(name: "an array document", text: "[1, 2]", code: .wrongFormat, field: "", mentions: ["an array of 2 values"]),
        Case(name: "trailing content", text: ModelFileFixture.text + "{}", code: .corruptJSON, field: "",
             mentions: ["after the end"]),
    ]

    @Test("every refusal names the code, the field and what was expected vs found", arguments: cases)
    func refusals(_ testCase: Case) throws {
        let error = try #require(refusal(testCase.text), "\(testCase.name) was accepted")
        #expect(error.code == testCase.code)
        #expect(error.path == "models/test.json")
        if testCase.field.isEmpty {
            #expect(error.field.isEmpty || error.code == .corruptJSON, "field \(error.field)")
        } else {
            #expect(error.field == testCase.field)
        }
        for mention in testCase.mentions {
            #expect(error.message.contains(mention), "message: \(error.message)")
        }
        let prefix = error.field.isEmpty ? "models/test.json: " : "models/test.json: field '\(error.field)': "
        #expect(error.description == prefix + error.message)
    }

    @Test("errors in a document carry the offending value's line")
    func lines() throws {
        let text = edited(.key("standardization"), .key("scales"), .index(3), to: 0)
        let error = try #require(refusal(text))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(error.line)
        let scalesLine = try #require(lines.firstIndex { $0.contains("\"scales\"") })
        #expect(line == scalesLine + 1 + 4)  // 1-based, fourth element after the key line
        #expect(lines[line - 1].trimmingCharacters(in: .whitespaces).hasPrefix("0"))
        #expect(error.message.hasSuffix("(line \(line), column \(error.column!))"))

        let truncated = String(ModelFileFixture.text.prefix(200))
        let corrupt = try #require(refusal(truncated))
        #expect(corrupt.line == truncated.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(corrupt.message.contains("end of input"))
    }

    @Test("format, version and kind are checked before anything else")
    func headerFirst() throws {
        let version2 = #"{"format": "tripwise-model", "formatVersion": 2, "kind": "logistic", "layers": []}"#
        #expect(refusal(version2)?.code == .unsupportedVersion)
        let other = #"{"format": "onnx", "graph": {}}"#
        #expect(refusal(other)?.code == .wrongFormat)
        let fraction = #"{"format": "tripwise-model", "formatVersion": 1.5, "kind": "logistic"}"#
        #expect(refusal(fraction)?.message.contains("found 1.5") == true)
    }

    @Test("validate and encoded refuse an invalid value in memory, NaN included")
    func encodingRefusesInvalid() {
        var file = ModelFileFixture.file
        file.weights[7] = .nan
        #expect(throws: ModelFileError.self) { try file.encoded() }
        do {
            _ = try file.encoded()
        } catch {
            #expect(error.code == .nonFiniteNumber)
            #expect(error.field == "weights[7]")
            #expect(error.description == "<memory>: field 'weights[7]': expected a finite number, found nan")
        }
        file = ModelFileFixture.file
        file.evaluation.validation?.prAUC = -.infinity
        #expect(throws: ModelFileError(code: .nonFiniteNumber, path: "x", field: "evaluation.validation.prAUC",
                                       message: "expected a finite number, found -inf")) {
            try file.validate(source: "x")
        }
    }

    /// Raw features for tests: deterministic, in ranges like the extractor's.
    static func features(seed: UInt64) -> FeatureVector {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var vector = FeatureVector(count: 10)
        for index in 0..<10 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            vector[index] = ModelFileFixture.means[index] + (unit * 6 - 3) * ModelFileFixture.scales[index]
        }
        return vector
    }

    @Test("the folded runtime model equals the standardised form to 1e-12 relative")
    func foldedMatchesStandardised() throws {
        let file = ModelFileFixture.file
        let model = try LogisticModel(file)
        #expect(model.featureSet == .v2)
        #expect(model.extractorConfiguration == file.extractor)
        #expect(model.threshold == 1.0 / 6.0)
        for i in 0..<10 {
            #expect(model.rawWeights[i] == file.weights[i] / file.standardization.scales[i])
        }
        var trips = 0
        for seed in 0..<2_000 as Range<UInt64> {
            let x = Self.features(seed: seed)
            var z = file.intercept
            for i in 0..<10 {
                z += file.weights[i] * (x[i] - file.standardization.means[i]) / file.standardization.scales[i]
            }
            let p = 1 / (1 + exp(-z))
            let logit = model.logit(x)
            let probability = model.probability(x)
            #expect(abs(logit - z) <= 1e-12 * max(abs(z), 1), "seed \(seed): \(logit) vs \(z)")
            #expect(abs(probability - p) <= 1e-12 * p, "seed \(seed): \(probability) vs \(p)")
            #expect(model.shouldTrip(x) == (probability > model.threshold))
            #expect((logit > model.thresholdLogit) == (probability > model.threshold), "seed \(seed): logit and probability decide alike")
            if model.shouldTrip(x) { trips += 1 }
        }
        #expect(trips > 100 && trips < 1_900)  // the threshold splits the sample: both branches tested
    }

    @Test("the sigmoid is stable at extreme logits")
    func sigmoid() {
        #expect(LogisticModel.sigmoid(0) == 0.5)
        #expect(LogisticModel.sigmoid(1_000) == 1)
        #expect(LogisticModel.sigmoid(-1_000) == 0)
        var previous = 0.0
        for z in stride(from: -800.0, through: 800, by: 0.25) {
            let p = LogisticModel.sigmoid(z)
            #expect(p >= previous && p <= 1, "σ(\(z)) = \(p)")
            #expect(abs(LogisticModel.sigmoid(-z) - (1 - p)) <= 1e-15, "σ(−\(z)) vs 1 − σ(\(z))")
            previous = p
        }
        #expect(abs(LogisticModel.sigmoid(-30) - exp(-30) / (1 + exp(-30))) <= 1e-15 * exp(-30))
        #expect(LogisticModel.sigmoid(.nan).isNaN)
        let lowest = try! LogisticModel(ModelFileFixture.file)
        var broken = FeatureVector(count: 10)
        broken[0] = .nan
        #expect(!lowest.shouldTrip(broken))
    }

    @Test("LogisticModel validates its file and refuses a fold that overflows")
    func modelRefusals() {
        var file = ModelFileFixture.file
        file.weights = Array(file.weights.prefix(9))
        #expect(throws: ModelFileError.self) { try LogisticModel(file) }
        file = ModelFileFixture.file
        file.standardization.scales[5] = Double.leastNonzeroMagnitude * 1_000  // subnormal, > 0
        file.weights[5] = 1e10
        do {
            _ = try LogisticModel(file)
            Issue.record("an overflowing fold was accepted")
        } catch {
            #expect(error.code == .nonFiniteNumber)
            #expect(error.field == "weights[5]")
        }
    }

    @Test("the example in models/README.md is a valid model file")
    func readmeExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("models/README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```json\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        let file = try LogisticModelFile.decode(Data(example.utf8), source: "models/README.md")
        _ = try LogisticModel(file)
    }
}
