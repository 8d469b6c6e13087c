import Foundation

/// The rules of a bandit file, in this order; the first broken rule is reported:
///  1. header (`format`, `formatVersion`, `kind` = `"bandit"`);
///  2. the feature set is known and its names match (as for logistic files);
///  3. lengths: `standardization.means`/`scales` one per feature; `arms` 2…64; `weights` one row
///     per arm, each of features + 1 values (`lengthMismatch`);
///  4. every number finite (`nonFiniteNumber`);
///  5. ranges (`outOfRange`): extractor constants; scales > 0; every arm valid
///     (``BanditArm/isValid``, and an open wait under 9e9 s); `episodeSeconds` in [0.001, 9e9); `exploration.epsilon` in [0, 1];
///     `training.algorithm` one of ``algorithmNames``; ridge > 0; exploration parameter ≥ 0;
///     passes ≥ 1; episodes ≥ 0; costs > 0; provenance as for logistic files.
extension BanditModelFile {
    /// Checks every rule and throws the first broken one, naming `source` and the field.
    public func validate(source: String = "<memory>") throws(ModelFileError) {
        do {
            try check()
        } catch {
            throw error.modelFileError(path: source)
        }
    }

    /// The names `training.algorithm` may take.
    public static let algorithmNames = ["linucb", "thompson", "egreedy"]

    func check() throws(JSONTreeError) {
        try ModelFileRules.checkHeader(format: format, formatVersion: formatVersion, kind: kind, expected: Self.banditKind)
        let known = try ModelFileRules.knownFeatureSet(featureSet)
        for (field, count) in [("standardization.means", standardization.means.count), ("standardization.scales", standardization.scales.count)]
        where count != known.count {
            throw ModelFileRules.fail(.lengthMismatch, field, "expected \(known.count) values, one per feature of \(known.id), found \(count)")
        }
        guard (2...64).contains(arms.count) else {
            throw ModelFileRules.fail(.lengthMismatch, "arms", "expected 2 to 64 arms, found \(arms.count)")
        }
        guard weights.count == arms.count else {
            throw ModelFileRules.fail(.lengthMismatch, "weights", "expected one row per arm (\(arms.count)), found \(weights.count)")
        }
        for (index, row) in weights.enumerated() where row.count != known.count + 1 {
            throw ModelFileRules.fail(.lengthMismatch, "weights[\(index)]",
                                      "expected \(known.count + 1) values (one per feature of \(known.id), then the intercept), found \(row.count)")
        }
        for (field, value) in numberFields() where !value.isFinite {
            throw ModelFileRules.fail(.nonFiniteNumber, field, "expected a finite number, found \(value)")
        }
        try ModelFileRules.check(extractor)
        for (index, scale) in standardization.scales.enumerated() {
            try ModelFileRules.require(scale > 0, "standardization.scales[\(index)]", "a number > 0", scale)
        }
        for (index, arm) in arms.enumerated() where !arm.isValid || arm.openWaitSeconds >= 9e9 {
            throw ModelFileRules.fail(.outOfRange, "arms[\(index)]",
                                      "expected a threshold in (0, 100] %, a window of 1…64 calls, a minimum of 1…window calls "
                                      + "and an open wait between 0 and 9e9 s, found \(arm)")
        }
        try ModelFileRules.require(episodeSeconds >= 1e-3 && episodeSeconds < 9e9, "episodeSeconds", "a number of seconds in [0.001, 9e9)", episodeSeconds)
        try ModelFileRules.require((0...1).contains(exploration.epsilon), "exploration.epsilon", "a probability in [0, 1]", exploration.epsilon)
        if !Self.algorithmNames.contains(training.algorithm) {
            throw ModelFileRules.fail(.unknownKind, "training.algorithm",
                                      "expected one of \(Self.algorithmNames.map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(training.algorithm)\"")
        }
        try ModelFileRules.require(training.ridge > 0, "training.ridge", "a number > 0", training.ridge)
        try ModelFileRules.require(training.explorationParameter >= 0, "training.explorationParameter", "a number ≥ 0", training.explorationParameter)
        try ModelFileRules.require(training.passes >= 1, "training.passes", "an integer ≥ 1", training.passes)
        try ModelFileRules.require(training.episodes >= 0, "training.episodes", "an integer ≥ 0", training.episodes)
        try ModelFileRules.require(training.costFail > 0, "training.costFail", "a number > 0", training.costFail)
        try ModelFileRules.require(training.costReject > 0, "training.costReject", "a number > 0", training.costReject)
        try ModelFileRules.check(provenance)
    }

    private func numberFields() -> [(String, Double)] {
        var numbers: [(String, Double)] = extractor.fields.map { ("extractor.\($0.name)", $0.value) }
        for (index, value) in standardization.means.enumerated() { numbers.append(("standardization.means[\(index)]", value)) }
        for (index, value) in standardization.scales.enumerated() { numbers.append(("standardization.scales[\(index)]", value)) }
        for (index, arm) in arms.enumerated() {
            numbers += [("arms[\(index)].failureRateThreshold", arm.failureRateThreshold), ("arms[\(index)].openWaitSeconds", arm.openWaitSeconds)]
        }
        for (a, row) in weights.enumerated() {
            for (index, value) in row.enumerated() { numbers.append(("weights[\(a)][\(index)]", value)) }
        }
        numbers += [("episodeSeconds", episodeSeconds), ("exploration.epsilon", exploration.epsilon),
                    ("training.ridge", training.ridge), ("training.explorationParameter", training.explorationParameter),
                    ("training.reward", training.reward), ("training.greedyReward", training.greedyReward),
                    ("training.bestArmReward", training.bestArmReward), ("training.oracleReward", training.oracleReward),
                    ("training.costFail", training.costFail), ("training.costReject", training.costReject),
                    ("provenance.positiveRate", provenance.positiveRate)]
        return numbers
    }

    /// Reads, parses and validates the bandit file at `path` (errors as for logistic files).
    public static func load(path: String) throws(ModelFileError) -> BanditModelFile {
        try decode(try ModelDocumentIO.read(path: path), source: path)
    }

    /// Parses and validates a bandit document held in memory.
    public static func decode(_ data: Data, source: String) throws(ModelFileError) -> BanditModelFile {
        let (tree, _) = try ModelDocumentIO.parse(data, source: source, kinds: [banditKind])
        return try ModelDocumentIO.decode(BanditModelFile.self, from: tree, source: source) { (file) throws(JSONTreeError) in
            try file.check()
        }
    }

    /// Validates, then writes the canonical JSON to `path` atomically.
    public func write(toPath path: String) throws(ModelFileError) {
        try validate(source: path)
        try ModelDocumentIO.write(try ModelDocumentIO.encode(self, source: path), toPath: path)
    }
}
