import Foundation

/// The Newton/IRLS iteration behind ``LogisticRegression/fit(_:labels:options:progress:)``.
extension LogisticRegression {
    /// Armijo's sufficient-decrease constant.
    static let armijo = 1e-4
    /// Line-search trials per iteration (step 1, ½, …, 2⁻⁽ᵗʳⁱᵃˡˢ⁻¹⁾).
    static let lineSearchTrials = 41

    /// Runs the iteration on a prepared workspace; `positiveWeight` and `negativeWeight` are
    /// the classes' total weights W₊ and W₋ (both > 0).
    static func newton(
        workspace: LogisticWorkspace, standardization: Standardization,
        positiveWeight: Double, negativeWeight: Double, options: LogisticRegressionOptions,
        progress: ((Int, Double, Double) -> Void)?
    ) -> LogisticFit {
        let passes = workspace.passes
        let d = passes.columns
        let m = d + 1
        let shardCount = passes.shards.count
        let totalWeight = positiveWeight + negativeWeight
        let lambda = options.l2

        var weights = [Double](repeating: 0, count: d)
        var intercept = log(positiveWeight / negativeWeight)

        // Starting point: η = b for every row; its objective in closed form.
        passes.eta.update(repeating: intercept, count: passes.rows)
        var objective = (positiveWeight * LogisticMath.softplus(-intercept)
            + negativeWeight * LogisticMath.softplus(intercept)) / totalWeight

        var iterations = 0
        var converged = false
        var gradientNorm = Double.infinity
        while true {
            // Gradient and Hessian at the current iterate.
            let current = workspace.passes
            current.forEachShard { current.accumulateDerivatives(shard: $0) }
            var gradient = [Double](repeating: 0, count: m)
            var hessian = [Double](repeating: 0, count: m * m)
            for shard in 0..<shardCount {
                let g = current.gradientPartials + shard * m
                let h = current.hessianPartials + shard * m * m
                for k in 0..<m { gradient[k] += g[k] }
                for i in 0..<m {
                    for j in i..<m { hessian[i * m + j] += h[i * m + j] }
                }
            }
            for k in 0..<m { gradient[k] /= totalWeight }
            for j in 0..<d { gradient[j] += lambda * weights[j] }
            for i in 0..<m {
                for j in i..<m {
                    let value = hessian[i * m + j] / totalWeight + (i == j && i < d ? lambda : 0)
                    hessian[i * m + j] = value
                    hessian[j * m + i] = value
                }
            }
            gradientNorm = gradient.reduce(0) { max($0, abs($1)) }
            progress?(iterations, objective, gradientNorm)
            if gradientNorm <= options.tolerance {
                converged = true
                break
            }
            if iterations >= options.maxIterations { break }

            // Newton direction, with a ridge only if H is numerically singular.
            guard let step = newtonStep(hessian: hessian, gradient: gradient, size: m) else { break }
            var slope = 0.0
            for k in 0..<m { slope += gradient[k] * step[k] }
            guard slope < 0, slope.isFinite else { break }
            for k in 0..<m { current.direction[k] = step[k] }
            current.forEachShard { current.applyDirection(shard: $0) }

            // Backtracking line search on the exact objective change.
            var accepted: Double?
            var t = 1.0
            var objectiveChange = 0.0
            for _ in 0..<lineSearchTrials {
                let trialStep = t
                current.forEachShard { current.evaluateTrial(shard: $0, step: trialStep) }
                var penaltyChange = 0.0
                for j in 0..<d { penaltyChange += t * step[j] * (2 * weights[j] + t * step[j]) }
                let change = sumPartials(current, shardCount) / totalWeight + lambda / 2 * penaltyChange
                if change <= armijo * t * slope {
                    accepted = t
                    objectiveChange = change
                    break
                }
                t *= 0.5
            }
            guard let t = accepted else { break }
            workspace.acceptTrial()
            for j in 0..<d { weights[j] += t * step[j] }
            intercept += t * step[d]
            objective += objectiveChange
            iterations += 1
        }
        return LogisticFit(weights: weights, intercept: intercept, standardization: standardization,
                           iterations: iterations, converged: converged, objective: objective,
                           gradientNorm: gradientNorm)
    }

    /// The shards' partial sums Σ w·(ℓ' − ℓ), added in shard order.
    private static func sumPartials(_ passes: LogisticPasses, _ shards: Int) -> Double {
        var sum = 0.0
        for shard in 0..<shards { sum += passes.sumPartials[shard] }
        return sum
    }

    /// −H⁻¹·g by Cholesky; if H is not numerically positive definite, −(H + μI)⁻¹·g for the
    /// smallest μ = 10⁻¹²·10²ᵏ × max diag (k = 0…8) that factors. Nil if none does.
    static func newtonStep(hessian: [Double], gradient: [Double], size m: Int) -> [Double]? {
        let negative = gradient.map { -$0 }
        if let step = choleskySolve(hessian, size: m, rhs: negative) { return step }
        var largest = 0.0
        for i in 0..<m { largest = max(largest, abs(hessian[i * m + i])) }
        guard largest > 0, largest.isFinite else { return nil }
        var ridge = 1e-12 * largest
        for _ in 0...8 {
            var shifted = hessian
            for i in 0..<m { shifted[i * m + i] += ridge }
            if let step = choleskySolve(shifted, size: m, rhs: negative) { return step }
            ridge *= 100
        }
        return nil
    }
}
