/// One bin of a reliability table in a model file: the rows whose predicted probability fell
/// in `[lower, upper)` (the last bin also holds `upper`), as plain numbers.
///
/// ``LogisticModelFile/validate(source:)`` enforces: `0 ≤ lower ≤ upper ≤ 1`, `count` ≥ 0,
/// and `meanPredicted` / `observedRate`, when present, finite and in [0, 1].
public struct ModelCalibrationBin: Sendable, Hashable, Codable {
    /// The bin's inclusive lower edge.
    public var lower: Double
    /// The bin's upper edge (exclusive, except for the last bin).
    public var upper: Double
    /// Rows whose prediction fell in the bin, whatever their weight.
    public var count: Int
    /// The (weighted) mean prediction of the bin's rows; nil when the bin carries no weight.
    public var meanPredicted: Double?
    /// The (weighted) fraction of the bin's rows labelled 1; nil when the bin carries no weight.
    public var observedRate: Double?

    /// Creates a bin from its figures verbatim (no checks).
    public init(lower: Double, upper: Double, count: Int, meanPredicted: Double?, observedRate: Double?) {
        self.lower = lower
        self.upper = upper
        self.count = count
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }
}
