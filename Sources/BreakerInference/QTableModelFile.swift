import Foundation

/// A tabular Q-learning model file (`kind: "qtable"`, format `tripwise-model` version 1): the
/// learned value of each action in each discretised state (``QStateSpace``), in reward units
/// (minus the cost to come, discounted per decision).
///
/// A service runs it with ``QTablePolicy``: after every outcome in CLOSED it trips when `trip`
/// is worth more than `stay`; after every trial outcome in HALF_OPEN it closes, reopens or waits
/// for the next trial, whichever is worth most.
public struct QTableModelFile: Sendable, Hashable, Codable {
    /// Always `"tripwise-model"`.
    public var format: String
    /// The format version (1).
    public var formatVersion: Int
    /// Always ``qtableKind``.
    public var kind: String
    /// The features the states are binned from.
    public var featureSet: FeatureSet
    /// The extractor constants.
    public var extractor: FeatureExtractorConfiguration
    /// ``QStateSpace/id``.
    public var stateSpace: String
    /// ``QStateSpace/actions``.
    public var actions: [String]
    /// Per state (``QStateSpace/count`` rows), the value of each action.
    public var values: [[Double]]
    /// Per state, how often each action was taken in training.
    public var visits: [[Int]]
    /// How it was trained.
    public var training: QLearningSummary
    /// What it was trained on (`rows` = decisions of the last pass; `positiveRate` = 0).
    public var provenance: ModelProvenance

    /// `"qtable"`.
    public static let qtableKind = "qtable"

    /// A file from its fields, with `format`, `formatVersion`, `kind`, `stateSpace` and `actions` set.
    public init(featureSet: FeatureSet, extractor: FeatureExtractorConfiguration, values: [[Double]], visits: [[Int]],
                training: QLearningSummary, provenance: ModelProvenance) {
        format = LogisticModelFile.formatName
        formatVersion = LogisticModelFile.currentFormatVersion
        kind = Self.qtableKind
        self.featureSet = featureSet
        self.extractor = extractor
        stateSpace = QStateSpace.id
        actions = QStateSpace.actions
        self.values = values
        self.visits = visits
        self.training = training
        self.provenance = provenance
    }
}

/// How a Q-table was trained.
public struct QLearningSummary: Sendable, Hashable, Codable {
    /// Passes over the training traces.
    public var passes: Int
    /// Learning rate α in (0, 1].
    public var learningRate: Double
    /// Discount γ per decision in [0, 1).
    public var discount: Double
    /// Exploration ε while training, in [0, 1].
    public var epsilon: Double
    /// Seed of the exploration.
    public var seed: UInt64
    /// Cost of the last (exploring) pass over the training traces.
    public var lastPassCost: Double
    /// Cost of the greedy table over the training traces, replayed after training.
    public var greedyCost: Double
    /// Costs.
    public var costFail: Double
    /// See ``costFail``.
    public var costReject: Double

    /// A summary from its fields verbatim.
    public init(passes: Int, learningRate: Double, discount: Double, epsilon: Double, seed: UInt64, lastPassCost: Double,
                greedyCost: Double, costFail: Double, costReject: Double) {
        self.passes = passes
        self.learningRate = learningRate
        self.discount = discount
        self.epsilon = epsilon
        self.seed = seed
        self.lastPassCost = lastPassCost
        self.greedyCost = greedyCost
        self.costFail = costFail
        self.costReject = costReject
    }
}

/// The rules: header (`kind` = `"qtable"`); known feature set; `stateSpace` = ``QStateSpace/id``
/// and `actions` = ``QStateSpace/actions`` (`unknownKind`, `featureMismatch`); `values` and
/// `visits` of ``QStateSpace/count`` rows of 3 (`lengthMismatch`); every number finite; extractor
/// constants, visits ≥ 0, passes ≥ 1, α in (0, 1], γ in [0, 1), ε in [0, 1], costs > 0, provenance.
extension QTableModelFile {
    /// Checks every rule and throws the first broken one, naming `source` and the field.
    public func validate(source: String = "<memory>") throws(ModelFileError) {
        do {
            try check()
        } catch {
            throw error.modelFileError(path: source)
        }
    }

    func check() throws(JSONTreeError) {
        typealias R = ModelFileRules
        try R.checkHeader(format: format, formatVersion: formatVersion, kind: kind, expected: Self.qtableKind)
        _ = try R.knownFeatureSet(featureSet)
        if stateSpace != QStateSpace.id { throw R.fail(.unknownKind, "stateSpace", "expected \"\(QStateSpace.id)\", found \"\(stateSpace)\"") }
        if actions != QStateSpace.actions {
            throw R.fail(.featureMismatch, "actions", "expected \(QStateSpace.actions), found \(actions)")
        }
        for (field, rows) in [("values", values.count), ("visits", visits.count)] where rows != QStateSpace.count {
            throw R.fail(.lengthMismatch, field, "expected \(QStateSpace.count) rows, one per state of \(QStateSpace.id), found \(rows)")
        }
        for (index, row) in values.enumerated() where row.count != actions.count {
            throw R.fail(.lengthMismatch, "values[\(index)]", "expected \(actions.count) values, one per action, found \(row.count)")
        }
        for (index, row) in visits.enumerated() where row.count != actions.count {
            throw R.fail(.lengthMismatch, "visits[\(index)]", "expected \(actions.count) counts, one per action, found \(row.count)")
        }
        for (s, row) in values.enumerated() {
            for (a, value) in row.enumerated() where !value.isFinite {
                throw R.fail(.nonFiniteNumber, "values[\(s)][\(a)]", "expected a finite number, found \(value)")
            }
        }
        for (field, value) in [("training.learningRate", training.learningRate), ("training.discount", training.discount),
                               ("training.epsilon", training.epsilon), ("training.lastPassCost", training.lastPassCost),
                               ("training.greedyCost", training.greedyCost), ("training.costFail", training.costFail),
                               ("training.costReject", training.costReject)] where !value.isFinite {
            throw R.fail(.nonFiniteNumber, field, "expected a finite number, found \(value)")
        }
        try R.check(extractor)
        for (s, row) in visits.enumerated() {
            for (a, count) in row.enumerated() { try R.require(count >= 0, "visits[\(s)][\(a)]", "a count ≥ 0", count) }
        }
        try R.require(training.passes >= 1, "training.passes", "an integer ≥ 1", training.passes)
        try R.require(training.learningRate > 0 && training.learningRate <= 1, "training.learningRate", "a number in (0, 1]", training.learningRate)
        try R.require(training.discount >= 0 && training.discount < 1, "training.discount", "a number in [0, 1)", training.discount)
        try R.require((0...1).contains(training.epsilon), "training.epsilon", "a probability in [0, 1]", training.epsilon)
        try R.require(training.costFail > 0, "training.costFail", "a number > 0", training.costFail)
        try R.require(training.costReject > 0, "training.costReject", "a number > 0", training.costReject)
        try R.check(provenance)
    }

    /// Reads, parses and validates the Q-table file at `path`.
    public static func load(path: String) throws(ModelFileError) -> QTableModelFile {
        try decode(try ModelDocumentIO.read(path: path), source: path)
    }

    /// Parses and validates a Q-table document held in memory.
    public static func decode(_ data: Data, source: String) throws(ModelFileError) -> QTableModelFile {
        let (tree, _) = try ModelDocumentIO.parse(data, source: source, kinds: [qtableKind])
        return try ModelDocumentIO.decode(QTableModelFile.self, from: tree, source: source) { (file) throws(JSONTreeError) in
            try file.check()
        }
    }

    /// Validates, then writes the canonical JSON to `path` atomically.
    public func write(toPath path: String) throws(ModelFileError) {
        try validate(source: path)
        try ModelDocumentIO.write(try ModelDocumentIO.encode(self, source: path), toPath: path)
    }
}
