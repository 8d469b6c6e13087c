import Foundation

/// A Q-table ready to run: ``QStateSpace/count`` × 3 action values, immutable and shared by
/// reference between the policies built from it.
///
/// An action never tried in a state has no estimate; it is worth −∞ here (``value(_:_:)``), so
/// it never beats one that was tried, and a state where nothing was tried falls back to the
/// first allowed action (stay in CLOSED, close in HALF_OPEN). Every real reward is ≤ 0, so an
/// untried action's stored 0 would otherwise always win.
public final class QTable: Sendable, Hashable {
    /// Row-major `states × 3` values as stored (0 for untried actions).
    public let values: [Double]
    /// Row-major `states × 3`: whether the action was tried in the state.
    public let tried: [Bool]
    /// What decisions read: `values`, or −∞ where not tried.
    private let effective: [Double]
    /// The extractor constants the states are binned from.
    public let extractorConfiguration: FeatureExtractorConfiguration

    /// A table from row-major values (``QStateSpace/count`` × 3, finite) and which of them were
    /// tried (default: all).
    public init(values: [Double], tried: [Bool]? = nil,
                extractorConfiguration: FeatureExtractorConfiguration = FeatureExtractorConfiguration()) {
        let size = QStateSpace.count * QTableAction.allCases.count
        precondition(values.count == size && values.allSatisfy(\.isFinite) && (tried?.count ?? size) == size,
                     "QTable: \(QStateSpace.count) × 3 finite values")
        self.values = values
        self.tried = tried ?? Array(repeating: true, count: size)
        effective = zip(values, self.tried).map { $1 ? $0 : -.infinity }
        self.extractorConfiguration = extractorConfiguration
    }

    /// The runtime table of a validated file (an action with 0 visits is untried).
    public convenience init(_ file: QTableModelFile) throws(ModelFileError) {
        try file.validate()
        self.init(values: file.values.flatMap { $0 }, tried: file.visits.flatMap { $0 }.map { $0 > 0 },
                  extractorConfiguration: file.extractor)
    }

    /// The value of `action` in `state`: −∞ when it was never tried.
    @inline(__always)
    public func value(_ state: Int, _ action: QTableAction) -> Double {
        effective[state * 3 + action.rawValue]
    }

    /// The best allowed action in `state` (the first of `allowed` among equal values).
    public func best(_ state: Int, allowed: [QTableAction]) -> QTableAction {
        var best = allowed[0]
        for action in allowed.dropFirst() where value(state, action) > value(state, best) { best = action }
        return best
    }

    /// The largest value of a tried allowed action in `state`, or 0 when none was tried.
    public func maxValue(_ state: Int, allowed: [QTableAction]) -> Double {
        Self.maxTriedValue(state, allowed: allowed, values: values) { tried[$0] }
    }

    /// The rule of ``maxValue(_:allowed:)`` over row-major `values` and a `tried` predicate on
    /// their indices, for a table still being learned.
    public static func maxTriedValue(_ state: Int, allowed: [QTableAction], values: [Double], tried: (Int) -> Bool) -> Double {
        var best = -Double.infinity
        for action in allowed where tried(state * 3 + action.rawValue) { best = max(best, values[state * 3 + action.rawValue]) }
        return best.isFinite ? best : 0
    }

    /// Equal when the values and constants are.
    public static func == (lhs: QTable, rhs: QTable) -> Bool {
        lhs === rhs || (lhs.values == rhs.values && lhs.tried == rhs.tried && lhs.extractorConfiguration == rhs.extractorConfiguration)
    }

    /// Hashes the values.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }
}
