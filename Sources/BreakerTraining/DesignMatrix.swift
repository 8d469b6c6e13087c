/// A dense, row-major matrix of feature values: one row per example, one column per feature.
///
/// Built only through a throwing initialiser, so a `DesignMatrix` starts out with exactly
/// `rows × columns` values, all finite. `values` stays mutable for in-place work (for example
/// ``Standardization/apply(to:)``); code that mutates it must keep that invariant, and
/// ``LogisticRegression/fit(_:labels:options:progress:)`` re-checks both before training
/// (see ``validate(routine:)``).
public struct DesignMatrix: Sendable, Hashable {
    /// The number of rows (examples), ≥ 0.
    public let rows: Int
    /// The number of columns (features), ≥ 0.
    public let columns: Int
    /// The values, row-major: the value at `(row, column)` is `values[row * columns + column]`.
    public var values: [Double]

    /// A matrix of `rows × columns` values given row-major.
    ///
    /// - Throws: ``TrainingError`` with code `.invalidOption` when `rows` or `columns` is
    ///   negative or their product overflows, `.lengthMismatch` when `values.count` is not
    ///   `rows × columns`, and `.nonFiniteValue` naming the row and column of the first NaN or
    ///   infinite value (in row-major order).
    public init(rows: Int, columns: Int, values: [Double]) throws(TrainingError) {
        guard rows >= 0, columns >= 0 else {
            throw TrainingError(code: .invalidOption,
                                message: "DesignMatrix: rows and columns must be ≥ 0, got \(rows) × \(columns)")
        }
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow else {
            throw TrainingError(code: .invalidOption,
                                message: "DesignMatrix: \(rows) × \(columns) values do not fit in memory")
        }
        guard values.count == product else {
            throw TrainingError(code: .lengthMismatch,
                                message: "DesignMatrix: \(rows) rows × \(columns) columns need \(product) values, got \(values.count)")
        }
        self.rows = rows
        self.columns = columns
        self.values = values
        if let (row, column) = firstNonFinite() {
            throw Self.nonFinite(routine: "DesignMatrix", row: row, column: column,
                                 value: values[row * columns + column])
        }
    }

    /// A matrix from an array of rows, each with the same number of values.
    ///
    /// An empty array gives a 0 × 0 matrix.
    ///
    /// - Throws: ``TrainingError`` with code `.lengthMismatch` naming the first row whose length
    ///   differs from row 0's, or `.nonFiniteValue` naming the first non-finite value.
    public init(_ rowValues: [[Double]]) throws(TrainingError) {
        let columns = rowValues.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rowValues.count * columns)
        for (index, row) in rowValues.enumerated() {
            guard row.count == columns else {
                throw TrainingError(code: .lengthMismatch,
                                    message: "DesignMatrix: row \(index) has \(row.count) values, row 0 has \(columns)",
                                    row: index)
            }
            flat.append(contentsOf: row)
        }
        try self.init(rows: rowValues.count, columns: columns, values: flat)
    }

    /// The value at `row`, `column` (both 0-based; out of range traps).
    public subscript(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < rows && column >= 0 && column < columns,
                     "DesignMatrix: (\(row), \(column)) is outside \(rows) × \(columns)")
        return values[row * columns + column]
    }

    /// The values of row `row` (0-based; out of range traps).
    public func row(_ row: Int) -> ArraySlice<Double> {
        precondition(row >= 0 && row < rows, "DesignMatrix: row \(row) is outside 0..<\(rows)")
        return values[(row * columns)..<((row + 1) * columns)]
    }

    /// Checks the invariant that `values` may have lost through mutation: exactly
    /// `rows × columns` values, all finite.
    ///
    /// - Parameter routine: names the caller in the error message.
    /// - Throws: ``TrainingError`` `.lengthMismatch` or `.nonFiniteValue` (with row and column).
    public func validate(routine: String = "DesignMatrix") throws(TrainingError) {
        guard values.count == rows * columns else {
            throw TrainingError(code: .lengthMismatch,
                                message: "\(routine): \(rows) rows × \(columns) columns need \(rows * columns) values, got \(values.count)")
        }
        if let (row, column) = firstNonFinite() {
            throw Self.nonFinite(routine: routine, row: row, column: column, value: values[row * columns + column])
        }
    }

    /// The row and column of the first non-finite value in row-major order, if any.
    func firstNonFinite() -> (row: Int, column: Int)? {
        values.withUnsafeBufferPointer { buffer -> (row: Int, column: Int)? in
            // Fast scan in chunks (a sum of x·0 is NaN exactly when some x is NaN or ±∞),
            // then a precise one only inside a chunk that has a bad value.
            let chunk = 4096
            var start = 0
            while start < buffer.count {
                let end = min(start + chunk, buffer.count)
                var probe = 0.0
                for index in start..<end { probe += buffer[index] * 0 }
                if probe.isNaN {
                    for index in start..<end where !buffer[index].isFinite {
                        return (index / columns, index % columns)
                    }
                }
                start = end
            }
            return nil
        }
    }

    static func nonFinite(routine: String, row: Int, column: Int, value: Double) -> TrainingError {
        TrainingError(code: .nonFiniteValue,
                      message: "\(routine): value at row \(row), column \(column) is \(value); every value must be finite",
                      row: row, column: column)
    }
}
