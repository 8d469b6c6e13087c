import COpenBLAS

/// The ridge-regression statistics of one bandit arm over d-dimensional contexts:
/// `A = λ·I + Σ x·xᵀ` and `b = Σ r·x` over the (context, reward) pairs the arm was updated with,
/// plus the Cholesky factor of `A` and the estimate `θ = A⁻¹·b`, kept current after every update.
///
/// Updates go through BLAS (`cblas_dsyr` for the rank-one update of `A`, `cblas_daxpy` for `b`)
/// and solves through LAPACK's Cholesky (`dpotrf_`, `dpotrs_`, shipped by OpenBLAS). `A` is
/// stored column-major, lower triangle meaningful. With λ > 0, `A` is symmetric positive
/// definite whatever the contexts, so the factorisation cannot fail on finite input; a failure
/// (non-finite contexts or rewards) is reported as ``BanditError``.
struct RidgeArmStatistics: Sendable {
    let dimension: Int
    /// `A`, column-major d × d (lower triangle).
    private(set) var gram: [Double]
    /// `b`.
    private(set) var moment: [Double]
    /// The lower Cholesky factor `L` of `A` (`A = L·Lᵀ`), column-major; the upper triangle is 0.
    private(set) var factor: [Double]
    /// `θ = A⁻¹·b`.
    private(set) var theta: [Double]
    /// Updates so far.
    private(set) var count = 0

    /// An arm with no data: `A = λ·I`, `b = 0`, `θ = 0`.
    init(dimension: Int, ridge: Double) {
        precondition(dimension > 0 && ridge > 0 && ridge.isFinite, "RidgeArmStatistics: d > 0 and λ > 0")
        self.dimension = dimension
        gram = Array(repeating: 0, count: dimension * dimension)
        for i in 0..<dimension { gram[i * dimension + i] = ridge }
        moment = Array(repeating: 0, count: dimension)
        factor = gram
        for i in 0..<dimension { factor[i * dimension + i] = ridge.squareRoot() }
        theta = Array(repeating: 0, count: dimension)
    }

    /// Adds one (context, reward) pair and refreshes the factor and θ.
    mutating func update(context: UnsafeBufferPointer<Double>, reward: Double) throws(BanditError) {
        precondition(context.count == dimension, "RidgeArmStatistics.update: context length")
        let n = blasint(dimension)
        gram.withUnsafeMutableBufferPointer { a in
            cblas_dsyr(CblasColMajor, CblasLower, n, 1, context.baseAddress, 1, a.baseAddress, n)
        }
        moment.withUnsafeMutableBufferPointer { b in
            cblas_daxpy(n, reward, context.baseAddress, 1, b.baseAddress, 1)
        }
        count += 1
        try refresh()
    }

    /// Recomputes `L` from `A` (dpotrf) and `θ` from `L` and `b` (dpotrs).
    private mutating func refresh() throws(BanditError) {
        var n = blasint(dimension)
        var lda = n
        var info: blasint = 0
        var uplo = CChar(UInt8(ascii: "L"))
        factor = gram
        factor.withUnsafeMutableBufferPointer { l in dpotrf_(&uplo, &n, l.baseAddress, &lda, &info, 1) }
        guard info == 0 else {
            throw BanditError("the ridge matrix of an arm is not positive definite (LAPACK dpotrf info \(info)); "
                              + "are the contexts or rewards finite?")
        }
        for column in 0..<dimension {
            for row in 0..<column { factor[column * dimension + row] = 0 }
        }
        theta = try solve(moment)
    }

    /// `A⁻¹·v` through the current factor (dpotrs).
    func solve(_ v: [Double]) throws(BanditError) -> [Double] {
        var result = v
        var n = blasint(dimension)
        var nrhs: blasint = 1
        var lda = n
        var ldb = n
        var info: blasint = 0
        var uplo = CChar(UInt8(ascii: "L"))
        factor.withUnsafeBufferPointer { l in
            result.withUnsafeMutableBufferPointer { b in
                dpotrs_(&uplo, &n, &nrhs, l.baseAddress, &lda, b.baseAddress, &ldb, &info, 1)
            }
        }
        guard info == 0, result.allSatisfy(\.isFinite) else {
            throw BanditError("solving an arm's ridge system failed (LAPACK dpotrs info \(info)); are the rewards finite?")
        }
        return result
    }

    /// `xᵀ·A⁻¹·x`, the squared width of the arm's confidence ellipsoid along `x`: ‖L⁻¹x‖².
    func confidenceWidthSquared(_ context: UnsafeBufferPointer<Double>) -> Double {
        var y = Array(context)
        factor.withUnsafeBufferPointer { l in
            y.withUnsafeMutableBufferPointer { v in
                cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, blasint(dimension), l.baseAddress,
                            blasint(dimension), v.baseAddress, 1)
            }
        }
        return y.reduce(0) { $0 + $1 * $1 }
    }

    /// A draw from N(θ, scale²·A⁻¹): θ + scale·L⁻ᵀ·z for standard normal `z`.
    func sample(standardNormal z: [Double], scale: Double) -> [Double] {
        var y = z
        factor.withUnsafeBufferPointer { l in
            y.withUnsafeMutableBufferPointer { v in
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, blasint(dimension), l.baseAddress,
                            blasint(dimension), v.baseAddress, 1)
            }
        }
        return zip(theta, y).map { $0 + scale * $1 }
    }
}
