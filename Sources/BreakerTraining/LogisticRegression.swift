import Foundation

/// L2-regularised binary logistic regression on standardised features, solved by Newton's
/// method (IRLS) with a backtracking line search, the heavy lifting in OpenBLAS.
///
/// See ``LogisticRegressionOptions`` for the objective and ``fit(_:labels:options:progress:)``
/// for the guarantees.
public enum LogisticRegression {
    /// Fits p(y = 1 | x) = σ(standardise(x)·β + b) to `labels` by minimising
    ///
    ///     f(β, b) = (1/W) · Σ_i w_i · logloss_i  +  (λ/2) · ‖β‖²
    ///
    /// (see ``LogisticRegressionOptions``), with the standardisation fitted on `X` by
    /// ``Standardization/fit(_:)``.
    ///
    /// **Method.** Start at β = 0 and b = log(W₊ / W₋), the optimum of the intercept alone
    /// (W₊, W₋: the classes' total weights). Each iteration computes the gradient g and the
    /// Hessian H (`cblas_dgemv`, `cblas_dsyrk`, blocks of 1,024 rows standardised on the fly),
    /// solves H·Δ = −g by Cholesky (if H is numerically singular — possible only with λ = 0 —
    /// a ridge μ·I is added, from 10⁻¹² × the largest diagonal entry upwards, which keeps Δ a
    /// descent direction), and takes the largest step t ∈ {1, ½, ¼, …, 2⁻⁴⁰} that satisfies
    /// Armijo's condition f(θ + tΔ) − f(θ) ≤ 10⁻⁴ · t · gᵀΔ. The objective therefore
    /// decreases strictly at every accepted step.
    ///
    /// **Convergence rule.** Converged when ‖g‖_∞ ≤ `options.tolerance` at the current
    /// iterate (checked before every step, including at the start). Otherwise it stops, with
    /// `converged == false`, after `options.maxIterations` steps, or when the line search
    /// finds no acceptable step (the objective cannot be decreased further in floating point,
    /// typically with ‖g‖_∞ within a few orders of magnitude of 10⁻¹⁶).
    ///
    /// **Result.** Always the last accepted iterate, with its exact objective and gradient
    /// norm: when not converged, the lowest objective reached and the gradient there.
    /// `iterations` counts accepted steps.
    ///
    /// **Determinism.** The same input gives a bit-identical result on every run on the same
    /// machine and libraries, whatever the number of cores: work is split into shards that
    /// depend only on the row count, partial sums are added in a fixed order, and OpenBLAS is
    /// held at one thread for the duration of the fit (see `OpenBLASThreading`; it is restored
    /// afterwards — other BLAS users in the process are single-threaded meanwhile).
    ///
    /// **Objective reported.** The starting objective in closed form plus the accepted steps'
    /// changes, each summed row by row from log1p(π·expm1(Δ)) terms (see `LogisticMath`),
    /// which are accurate relative to the change itself; this agrees with a direct evaluation
    /// to within its rounding (~1e-16 relative) and lets the line search resolve decreases far
    /// below the objective's own rounding.
    ///
    /// **Cost.** Standardisation: two reads of `X`. Per iteration: two reads of `X`
    /// (derivatives, with one exp per row; direction) and, per line-search trial (usually
    /// one), one expm1 and one log1p per row. Memory beyond `X`: 4 doubles per row plus at
    /// most ~4.5 MB of scratch; no standardised copy of `X` is made. The shards run on all
    /// cores through `DispatchQueue.concurrentPerform`, which blocks the calling thread until
    /// the fit is done.
    ///
    /// - Parameters:
    ///   - X: the raw features, one row per example.
    ///   - labels: one label per row, each exactly 0 or 1.
    ///   - options: λ, tolerance, iteration limit, class weights.
    ///   - progress: called on the calling thread once per iterate (0 = the starting point)
    ///     with the objective and ‖g‖_∞ there, before the convergence check.
    /// - Throws: ``TrainingError``: `.invalidOption` (an option out of range), `.emptyData`
    ///   (no rows), `.lengthMismatch` (`X.values` or `labels` of the wrong length),
    ///   `.invalidLabel` (first label not exactly 0 or 1, with its row), `.singleClass` (every
    ///   label the same: the unpenalised intercept would diverge, whatever λ),
    ///   `.nonFiniteValue` (first NaN/±∞ in `X`, with its row and column, or a column whose
    ///   statistics overflow). Nothing is trained when it throws.
    public static func fit(
        _ X: DesignMatrix, labels: [Double], options: LogisticRegressionOptions = .init(),
        progress: ((_ iteration: Int, _ objective: Double, _ gradientNorm: Double) -> Void)? = nil
    ) throws(TrainingError) -> LogisticFit {
        try options.validate()
        let rows = X.rows
        let columns = X.columns
        guard rows > 0 else {
            throw TrainingError(code: .emptyData, message: "LogisticRegression: the design matrix has no rows")
        }
        guard X.values.count == rows * columns else {
            throw TrainingError(code: .lengthMismatch,
                                message: "LogisticRegression: \(rows) rows × \(columns) columns need \(rows * columns) values, got \(X.values.count)")
        }
        guard labels.count == rows else {
            throw TrainingError(code: .lengthMismatch,
                                message: "LogisticRegression: \(labels.count) labels for \(rows) rows")
        }
        var positives = 0
        for (row, label) in labels.enumerated() {
            if label == 1 {
                positives += 1
            } else if label != 0 {
                throw TrainingError(code: .invalidLabel,
                                    message: "LogisticRegression: label at row \(row) is \(label); labels must be 0 or 1",
                                    row: row)
            }
        }
        guard positives > 0, positives < rows else {
            throw TrainingError(
                code: .singleClass,
                message: "LogisticRegression: all \(rows) labels are \(positives > 0 ? 1 : 0); both classes are needed "
                    + "(with one class the unpenalised intercept has no finite optimum, whatever λ)")
        }
        let standardization = Standardization.fit(X)
        if !standardization.isUsable {
            // A NaN or infinity somewhere (values was mutated after validation), or an overflow.
            try X.validate(routine: "LogisticRegression")
            let column = standardization.means.indices.first {
                !standardization.means[$0].isFinite || !standardization.scales[$0].isFinite
            } ?? 0
            throw TrainingError(code: .nonFiniteValue,
                                message: "LogisticRegression: column \(column)'s mean or standard deviation overflows; "
                                    + "rescale that feature", column: column)
        }
        let negatives = rows - positives
        return X.values.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                OpenBLASThreading.withSingleThread {
                    let workspace = LogisticWorkspace(
                        x: x.baseAddress, labels: y.baseAddress!,
                        rows: rows, columns: columns, standardization: standardization,
                        classWeights: options.classWeights)
                    return newton(workspace: workspace, standardization: standardization,
                                  positiveWeight: Double(positives) * options.classWeights.positive,
                                  negativeWeight: Double(negatives) * options.classWeights.negative,
                                  options: options, progress: progress)
                }
            }
        }
    }
}
