import Foundation

/// A Q-table ready to run: ``QStateSpace/count`` × 3 action values, immutable and shared by
/// reference between the policies built from it.
public final class QTable: Sendable, Hashable {
    /// Row-major `states × 3` values.
    public let values: [Double]
    /// The extractor constants the states are binned from.
    public let extractorConfiguration: FeatureExtractorConfiguration

    /// A table from row-major values (``QStateSpace/count`` × 3, finite).
    public init(values: [Double], extractorConfiguration: FeatureExtractorConfiguration = FeatureExtractorConfiguration()) {
        precondition(values.count == QStateSpace.count * QTableAction.allCases.count && values.allSatisfy(\.isFinite),
                     "QTable: \(QStateSpace.count) × 3 finite values")
        self.values = values
        self.extractorConfiguration = extractorConfiguration
    }

    /// The runtime table of a validated file.
    public convenience init(_ file: QTableModelFile) throws(ModelFileError) {
        try file.validate()
        self.init(values: file.values.flatMap { $0 }, extractorConfiguration: file.extractor)
    }

    /// The value of `action` in `state`.
    @inline(__always)
    public func value(_ state: Int, _ action: QTableAction) -> Double {
        values[state * 3 + action.rawValue]
    }

    /// The best allowed action in `state` (the first of `allowed` among equal values).
    public func best(_ state: Int, allowed: [QTableAction]) -> QTableAction {
        var best = allowed[0]
        for action in allowed.dropFirst() where value(state, action) > value(state, best) { best = action }
        return best
    }

    /// The largest allowed value in `state`.
    public func maxValue(_ state: Int, allowed: [QTableAction]) -> Double {
        allowed.map { value(state, $0) }.max() ?? 0
    }

    /// Equal when the values and constants are.
    public static func == (lhs: QTable, rhs: QTable) -> Bool {
        lhs === rhs || (lhs.values == rhs.values && lhs.extractorConfiguration == rhs.extractorConfiguration)
    }

    /// Hashes the values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }
}
