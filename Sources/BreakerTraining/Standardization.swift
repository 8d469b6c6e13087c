/// Per-column centring and scaling: the standardised value of `x` in column `j` is
/// `(x − means[j]) · (1 / scales[j])`.
///
/// The reciprocal is rounded once per column and the same expression is used everywhere
/// (``apply(to:)``, ``apply(_:)-([Double])``, and inside ``LogisticRegression``'s solver), so a
/// row standardised for prediction is bit-for-bit the row the model was trained on.
///
/// ``fit(_:)`` uses the population standard deviation (divisor n, as scikit-learn's
/// `StandardScaler`), and gives a constant column mean = its value and scale 1, so that column
/// standardises to exactly 0.
public struct Standardization: Sendable, Hashable, Codable {
    /// The value subtracted from each column.
    public var means: [Double]
    /// The value each centred column is divided by (as a multiplication by its reciprocal);
    /// positive and finite when produced by ``fit(_:)`` on finite data.
    public var scales: [Double]

    /// A standardisation with the given per-column means and scales (same count; not checked
    /// here, ``apply(to:)`` and friends trap on a mismatch).
    public init(means: [Double], scales: [Double]) {
        self.means = means
        self.scales = scales
    }

    /// The standardisation that changes nothing: means 0, scales 1.
    public static func identity(columns: Int) -> Standardization {
        Standardization(means: Array(repeating: 0, count: columns), scales: Array(repeating: 1, count: columns))
    }

    /// The number of columns this standardisation applies to.
    public var columns: Int { means.count }

    /// The per-column means and population standard deviations of `X`.
    ///
    /// Two passes over the rows, each in blocks of 1,024 rows whose partial sums are added
    /// to the column totals (so rounding error grows with the number of blocks, not of rows):
    /// the first gives the means and each column's minimum and maximum, the second the
    /// corrected two-pass variance `(Σ(x−μ)² − (Σ(x−μ))²/n) / n` (Chan, Golub & LeVeque),
    /// which stays accurate when the mean is large compared with the spread.
    ///
    /// - A column whose values are all equal gets mean = that value exactly and scale 1.
    /// - A matrix with no rows gets means 0 and scales 1.
    /// - Non-finite values (possible only if `values` was mutated after validation), or finite
    ///   values so large that their sums overflow, give non-finite means or scales;
    ///   ``LogisticRegression`` checks for that and reports the offending value.
    /// - Deterministic: the same matrix always gives bit-identical results.
    public static func fit(_ X: DesignMatrix) -> Standardization {
        let rows = X.rows
        let columns = X.columns
        precondition(X.values.count == rows * columns, "Standardization.fit: values.count != rows × columns")
        guard rows > 0, columns > 0 else { return .identity(columns: columns) }
        let block = 1024
        var sums = [Double](repeating: 0, count: columns)
        var minimums = [Double](repeating: .infinity, count: columns)
        var maximums = [Double](repeating: -.infinity, count: columns)
        var deviations = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        var partial = [Double](repeating: 0, count: columns)
        var partialSquares = [Double](repeating: 0, count: columns)
        var means = [Double](repeating: 0, count: columns)
        X.values.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            partial.withUnsafeMutableBufferPointer { partial in
                sums.withUnsafeMutableBufferPointer { sums in
                    minimums.withUnsafeMutableBufferPointer { low in
                        maximums.withUnsafeMutableBufferPointer { high in
                            var start = 0
                            while start < rows {
                                let end = min(start + block, rows)
                                for j in 0..<columns { partial[j] = 0 }
                                for i in start..<end {
                                    let row = x + i * columns
                                    for j in 0..<columns {
                                        let value = row[j]
                                        partial[j] += value
                                        low[j] = Swift.min(low[j], value)
                                        high[j] = Swift.max(high[j], value)
                                    }
                                }
                                for j in 0..<columns { sums[j] += partial[j] }
                                start = end
                            }
                        }
                    }
                }
            }
            for j in 0..<columns {
                // Constant only when the sum is finite too: NaN slips through min/max.
                let constant = minimums[j] == maximums[j] && sums[j].isFinite
                means[j] = constant ? minimums[j] : sums[j] / Double(rows)
            }
            means.withUnsafeBufferPointer { mean in
                partial.withUnsafeMutableBufferPointer { partial in
                    partialSquares.withUnsafeMutableBufferPointer { partialSquares in
                        deviations.withUnsafeMutableBufferPointer { deviations in
                            squares.withUnsafeMutableBufferPointer { squares in
                                var start = 0
                                while start < rows {
                                    let end = min(start + block, rows)
                                    for j in 0..<columns {
                                        partial[j] = 0
                                        partialSquares[j] = 0
                                    }
                                    for i in start..<end {
                                        let row = x + i * columns
                                        for j in 0..<columns {
                                            let centred = row[j] - mean[j]
                                            partial[j] += centred
                                            partialSquares[j] += centred * centred
                                        }
                                    }
                                    for j in 0..<columns {
                                        deviations[j] += partial[j]
                                        squares[j] += partialSquares[j]
                                    }
                                    start = end
                                }
                            }
                        }
                    }
                }
            }
        }
        var scales = [Double](repeating: 1, count: columns)
        let count = Double(rows)
        for j in 0..<columns where minimums[j] != maximums[j] || !means[j].isFinite {
            let variance = Swift.max(0, (squares[j] - deviations[j] * deviations[j] / count) / count)
            let scale = variance.squareRoot()
            scales[j] = scale > 0 || !scale.isFinite ? scale : 1
        }
        return Standardization(means: means, scales: scales)
    }

    /// Whether every mean is finite and every scale finite and positive.
    public var isUsable: Bool {
        means.allSatisfy(\.isFinite) && scales.allSatisfy { $0.isFinite && $0 > 0 }
    }

    /// The reciprocals `1 / scales[j]`, the factors every `apply` multiplies by.
    public var inverseScales: [Double] { scales.map { 1 / $0 } }

    /// Standardises every row of `X` in place.
    ///
    /// - Precondition: `columns == X.columns` (traps otherwise).
    public func apply(to X: inout DesignMatrix) {
        precondition(columns == X.columns, "Standardization.apply: \(columns) columns, matrix has \(X.columns)")
        let columns = self.columns
        guard columns > 0 else { return }
        let inverse = inverseScales
        means.withUnsafeBufferPointer { mean in
            inverse.withUnsafeBufferPointer { inverse in
                X.values.withUnsafeMutableBufferPointer { values in
                    var index = 0
                    while index < values.count {
                        for j in 0..<columns {
                            values[index + j] = (values[index + j] - mean[j]) * inverse[j]
                        }
                        index += columns
                    }
                }
            }
        }
    }

    /// The standardised copy of one raw row.
    ///
    /// - Precondition: `row.count == columns` (traps otherwise).
    public func apply(_ row: [Double]) -> [Double] {
        precondition(row.count == columns, "Standardization.apply: row has \(row.count) values, expected \(columns)")
        var result = row
        for j in 0..<columns {
            result[j] = (row[j] - means[j]) * (1 / scales[j])
        }
        return result
    }

    /// Standardises `row` into `output` without allocating.
    ///
    /// - Precondition: `row.count == columns` and `output.count >= columns` (traps otherwise).
    public func apply(_ row: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>) {
        precondition(row.count == columns && output.count >= columns,
                     "Standardization.apply: row has \(row.count) values, expected \(columns)")
        for j in 0..<columns {
            output[j] = (row[j] - means[j]) * (1 / scales[j])
        }
    }
}
