/// One bin of a calibration (reliability) table: the rows whose predicted probability fell in
/// `[lowerBound, upperBound)` — the last bin is closed, `[0.9, 1.0]`, so a score of exactly 1
/// belongs to it.
///
/// Bin edges are `Double(k) / 10` for k = 0…10, and a score `s` belongs to bin `k` exactly when
/// `Double(k) / 10 ≤ s < Double(k + 1) / 10` (as `Double` comparisons; the last bin also takes
/// `s = 1`). So a score written as the literal `0.3` lands in bin 3, not bin 2.
public struct CalibrationBin: Codable, Sendable, Hashable {
    /// The bin's inclusive lower edge, `Double(k) / 10`.
    public let lowerBound: Double
    /// The bin's upper edge, `Double(k + 1) / 10`: exclusive, except for the last bin (1.0), which includes it.
    public let upperBound: Double
    /// Rows whose score fell in this bin, whatever their weight (0 for an empty bin).
    public let count: Int
    /// Σ weights of those rows (equals `count` when no weights were given).
    public let weight: Double
    /// The weighted mean score Σ wᵢ·sᵢ / Σ wᵢ of the bin's rows; `nil` when `weight` is 0
    /// (an empty bin, or one holding only zero-weight rows).
    public let meanPredicted: Double?
    /// The weighted fraction of the bin's rows labelled 1, Σ wᵢ·yᵢ / Σ wᵢ; `nil` when `weight` is 0.
    public let observedRate: Double?

    /// Creates a bin from its figures verbatim (no checks).
    public init(
        lowerBound: Double, upperBound: Double, count: Int, weight: Double,
        meanPredicted: Double?, observedRate: Double?
    ) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.count = count
        self.weight = weight
        self.meanPredicted = meanPredicted
        self.observedRate = observedRate
    }

    /// The number of equal-width bins over [0, 1]: 10.
    public static let binCount = 10

    /// The index (0…9) of the bin holding `score` (a probability in [0, 1]), per the edge rule
    /// stated on the type.
    public static func binIndex(of score: Double) -> Int {
        var index = min(max(Int(score * Double(binCount)), 0), binCount - 1)
        // `score * 10` can round across an edge; settle it against the edges themselves.
        if index < binCount - 1, score >= Double(index + 1) / Double(binCount) {
            index += 1
        } else if index > 0, score < Double(index) / Double(binCount) {
            index -= 1
        }
        return index
    }
}
