/// The (d+1)×(d+1) Newton system, solved by a plain Cholesky factorisation in Swift.
///
/// The system is tiny (17 × 17 for 16 features): a LAPACK call would cost more in overhead
/// than the ~1,600 flops of the factorisation, and Swift keeps it deterministic and free of
/// a LAPACKE dependency.
extension LogisticRegression {
    /// Solves `matrix · x = rhs` for a symmetric positive-definite `matrix` (m × m, row-major,
    /// both triangles filled), or returns nil when a pivot is not clearly positive: ≤
    /// `relativePivotFloor` × the largest diagonal entry, or not finite.
    static func choleskySolve(_ matrix: [Double], size m: Int, rhs: [Double],
                              relativePivotFloor: Double = 1e-13) -> [Double]? {
        precondition(matrix.count == m * m && rhs.count == m, "choleskySolve: shape mismatch")
        var largest = 0.0
        for i in 0..<m { largest = max(largest, matrix[i * m + i]) }
        guard largest > 0, largest.isFinite else { return nil }
        let floor = relativePivotFloor * largest
        // Lower factor L, row-major: matrix = L·Lᵀ.
        var l = [Double](repeating: 0, count: m * m)
        for j in 0..<m {
            var pivot = matrix[j * m + j]
            for k in 0..<j { pivot -= l[j * m + k] * l[j * m + k] }
            guard pivot.isFinite, pivot > floor else { return nil }
            let diagonal = pivot.squareRoot()
            l[j * m + j] = diagonal
            for i in (j + 1)..<m {
                var sum = matrix[i * m + j]
                for k in 0..<j { sum -= l[i * m + k] * l[j * m + k] }
                l[i * m + j] = sum / diagonal
            }
        }
        // L·y = rhs, then Lᵀ·x = y.
        var x = rhs
        for i in 0..<m {
            var sum = x[i]
            for k in 0..<i { sum -= l[i * m + k] * x[k] }
            x[i] = sum / l[i * m + i]
        }
        for i in stride(from: m - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<m { sum -= l[k * m + i] * x[k] }
            x[i] = sum / l[i * m + i]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
