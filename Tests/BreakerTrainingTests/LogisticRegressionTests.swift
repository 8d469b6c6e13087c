import Foundation
import Testing
import TraceKit
@testable import BreakerTraining

// MARK: - An independent reference

/// A deliberately plain reference for `LogisticRegression`: its own standardisation (two-pass
/// population statistics, division by the standard deviation), Newton's method written with
/// naive loops over `[[Double]]`, its own Gaussian elimination with partial pivoting, step
/// halving only if the objective rises (and only while the gradient is above 1e-6), run until
/// the gradient's infinity norm is ≤ 1e-12.
/// It shares no code with the library (no BLAS, no blocks, no shards).
private enum ReferenceLogistic {
    struct Result {
        var weights: [Double]
        var intercept: Double
        var gradientNorm: Double
        var objective: Double
    }

    static func standardize(_ rows: [[Double]]) -> [[Double]] {
        let n = Double(rows.count)
        let d = rows[0].count
        var result = rows
        for j in 0..<d {
            var mean = 0.0
            for row in rows { mean += row[j] }
            mean /= n
            var variance = 0.0
            for row in rows { variance += (row[j] - mean) * (row[j] - mean) }
            var std = (variance / n).squareRoot()
            if std == 0 { std = 1 }
            for i in rows.indices { result[i][j] = (rows[i][j] - mean) / std }
        }
        return result
    }

    static func sigmoid(_ z: Double) -> Double { z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)) }

    static func objective(_ z: [[Double]], _ y: [Double], _ w: [Double], _ beta: [Double], _ b: Double,
                          _ lambda: Double) -> Double {
        var total = 0.0
        var weightSum = 0.0
        for i in z.indices {
            var eta = b
            for j in beta.indices { eta += z[i][j] * beta[j] }
            // log(1 + exp(eta)) − y·eta, stably
            let loss = (eta > 0 ? eta + log(1 + exp(-eta)) : log(1 + exp(eta))) - y[i] * eta
            total += w[i] * loss
            weightSum += w[i]
        }
        var norm = 0.0
        for value in beta { norm += value * value }
        return total / weightSum + lambda / 2 * norm
    }

    /// Gradient (β then b) of the objective on standardised rows `z`.
    static func gradient(_ z: [[Double]], _ y: [Double], _ w: [Double], _ beta: [Double], _ b: Double,
                         _ lambda: Double) -> [Double] {
        let d = beta.count
        var g = [Double](repeating: 0, count: d + 1)
        var weightSum = 0.0
        for i in z.indices {
            var eta = b
            for j in 0..<d { eta += z[i][j] * beta[j] }
            let r = w[i] * (sigmoid(eta) - y[i])
            for j in 0..<d { g[j] += r * z[i][j] }
            g[d] += r
            weightSum += w[i]
        }
        for k in 0...d { g[k] /= weightSum }
        for j in 0..<d { g[j] += lambda * beta[j] }
        return g
    }

    static func solve(_ a: [[Double]], _ rhs: [Double]) -> [Double] {
        var a = a
        var rhs = rhs
        let n = rhs.count
        for column in 0..<n {
            var pivot = column
            for row in (column + 1)..<n where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
            a.swapAt(column, pivot)
            rhs.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                rhs[row] -= factor * rhs[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = rhs[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    static func fit(rows: [[Double]], labels: [Double], lambda: Double,
                    classWeights: (negative: Double, positive: Double) = (1, 1)) -> Result {
        let z = standardize(rows)
        let d = rows[0].count
        let w = labels.map { $0 == 1 ? classWeights.positive : classWeights.negative }
        var beta = [Double](repeating: 0, count: d)
        var b = 0.0
        var g = gradient(z, labels, w, beta, b, lambda)
        for _ in 0..<200 {
            if g.map(abs).max()! <= 1e-12 { break }
            var h = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d + 1)
            var weightSum = 0.0
            for i in z.indices {
                var eta = b
                for j in 0..<d { eta += z[i][j] * beta[j] }
                let p = sigmoid(eta)
                let c = w[i] * p * (1 - p)
                let row = z[i] + [1]
                for j in 0...d { for k in 0...d { h[j][k] += c * row[j] * row[k] } }
                weightSum += w[i]
            }
            for j in 0...d { for k in 0...d { h[j][k] /= weightSum } }
            for j in 0..<d { h[j][j] += lambda }
            let step = solve(h, g.map { -$0 })
            // Step halving while far from the optimum; near it (‖g‖ ≤ 1e-6, where Newton
            // converges quadratically) full steps, since objective differences there fall
            // below the rounding of this plain sum.
            var t = 1.0
            let before = objective(z, labels, w, beta, b, lambda)
            while t > 1e-10, g.map(abs).max()! > 1e-6 {
                let trial = zip(beta, step).map { $0 + t * $1 }
                if objective(z, labels, w, trial, b + t * step[d], lambda) <= before { break }
                t /= 2
            }
            for j in 0..<d { beta[j] += t * step[j] }
            b += t * step[d]
            g = gradient(z, labels, w, beta, b, lambda)
        }
        return Result(weights: beta, intercept: b, gradientNorm: g.map(abs).max()!,
                      objective: objective(z, labels, w, beta, b, lambda))
    }
}

// MARK: - Seeded problems

/// A seeded problem: `rows` × `columns` features with distinct means and scales and some
/// correlation, labels Bernoulli(σ(linear predictor)), so the classes overlap.
private func problem(rows: Int, columns: Int, seed: UInt64, intercept: Double = -0.7,
                     strength: Double = 1) -> (rows: [[Double]], labels: [Double]) {
    var random = TraceRandom(seed: seed)
    var data: [[Double]] = []
    var labels: [Double] = []
    for _ in 0..<rows {
        var latent = (0..<columns).map { _ in random.normal() }
        for j in stride(from: columns - 1, to: 0, by: -1) { latent[j] += 0.5 * latent[j - 1] }
        var eta = intercept
        for j in 0..<columns { eta += strength * (j % 2 == 0 ? 1 : -1) / Double(j + 1) * latent[j] }
        var row = [Double](repeating: 0, count: columns)
        for j in 0..<columns {
            let scale: Double = [0.1, 1, 10][j % 3]
            row[j] = Double(j) * 7 - 3 + scale * latent[j]
        }
        data.append(row)
        labels.append(random.uniform() < 1 / (1 + exp(-eta)) ? 1 : 0)
    }
    return (data, labels)
}

/// The `TrainingError` that `body` throws, or nil if it throws nothing (or something else).
private func trainingError(_ body: () throws -> Void) -> TrainingError? {
    do { try body() } catch let error as TrainingError { return error } catch { return nil }
    return nil
}

private func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

// MARK: - Tests

@Suite("LogisticRegression")
struct LogisticRegressionTests {
    /// Agreement with the reference, absolute: |Δweight| and |Δintercept| ≤ 1e-8 (the weights
    /// are O(0.1–1)). The library runs to tolerance 1e-10 here so that its own stopping error
    /// (≈ H⁻¹·g) is far below the bound; the reference runs to 1e-12.
    static let agreement = 1e-8

    @Test("matches the independent reference (500 × 5)",
          arguments: [0.0, 1e-4, 1e-2, 1.0], [false, true])
    func matchesReference(lambda: Double, weighted: Bool) throws {
        let (rows, labels) = problem(rows: 500, columns: 5, seed: 0x10_6157 &+ UInt64(lambda * 1e4))
        let classWeights = weighted
            ? LogisticRegressionOptions.ClassWeights(negative: 0.7, positive: 2.5)
            : .unit
        var options = LogisticRegressionOptions(l2: lambda, tolerance: 1e-10, classWeights: classWeights)
        options.maxIterations = 50
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        let reference = ReferenceLogistic.fit(rows: rows, labels: labels, lambda: lambda,
                                              classWeights: (classWeights.negative, classWeights.positive))
        let weightError = maxAbsDifference(fit.weights, reference.weights)
        let interceptError = abs(fit.intercept - reference.intercept)
        print("reference agreement λ=\(lambda) weighted=\(weighted): max |Δw| = \(weightError), "
              + "|Δb| = \(interceptError), |Δf| = \(abs(fit.objective - reference.objective)), "
              + "iterations \(fit.iterations), gradient \(fit.gradientNorm) (reference \(reference.gradientNorm))")
        #expect(fit.converged)
        #expect(reference.gradientNorm <= 1e-12)
        #expect(weightError <= Self.agreement)
        #expect(interceptError <= Self.agreement)
        #expect(abs(fit.objective - reference.objective) <= 1e-12)
    }

    @Test("matches the reference with balanced class weights on imbalanced data")
    func balancedWeights() throws {
        let (rows, labels) = problem(rows: 600, columns: 4, seed: 77, intercept: -2.5)
        let weights = LogisticRegressionOptions.ClassWeights.balanced(labels: labels)
        let positives = labels.filter { $0 == 1 }.count
        #expect(weights.positive == 600.0 / (2 * Double(positives)))
        #expect(weights.negative == 600.0 / (2 * Double(600 - positives)))
        let options = LogisticRegressionOptions(l2: 1e-3, tolerance: 1e-10, classWeights: weights)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        let reference = ReferenceLogistic.fit(rows: rows, labels: labels, lambda: 1e-3,
                                              classWeights: (weights.negative, weights.positive))
        #expect(maxAbsDifference(fit.weights, reference.weights) <= Self.agreement)
        #expect(abs(fit.intercept - reference.intercept) <= Self.agreement)
    }

    @Test("many rows (several shards, run concurrently) match the reference")
    func shardedMatchesReference() throws {
        let (rows, labels) = problem(rows: 40_000, columns: 3, seed: 4242)
        #expect(LogisticPasses.shards(rows: 40_000).count > 1)
        let options = LogisticRegressionOptions(l2: 1e-4, tolerance: 1e-10)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        let reference = ReferenceLogistic.fit(rows: rows, labels: labels, lambda: 1e-4)
        let weightError = maxAbsDifference(fit.weights, reference.weights)
        print("reference agreement 40000 × 3: max |Δw| = \(weightError), |Δb| = \(abs(fit.intercept - reference.intercept))")
        #expect(weightError <= Self.agreement)
        #expect(abs(fit.intercept - reference.intercept) <= Self.agreement)
    }

    @Test("the gradient at the returned solution is within the tolerance (checked independently)",
          arguments: [1e-6, 1e-8])
    func gradientAtSolution(tolerance: Double) throws {
        let (rows, labels) = problem(rows: 800, columns: 6, seed: 9)
        let options = LogisticRegressionOptions(l2: 1e-3, tolerance: tolerance)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        #expect(fit.converged)
        #expect(fit.gradientNorm <= tolerance)
        // Recompute the gradient on the library's own standardisation, with naive loops.
        let z = rows.map { fit.standardization.apply($0) }
        let w = [Double](repeating: 1, count: rows.count)
        let g = ReferenceLogistic.gradient(z, labels, w, fit.weights, fit.intercept, 1e-3)
        #expect(g.map(abs).max()! <= tolerance + 1e-14)
        let objective = ReferenceLogistic.objective(z, labels, w, fit.weights, fit.intercept, 1e-3)
        #expect(abs(objective - fit.objective) <= 1e-13)
    }

    @Test("separable data converges when λ > 0, to finite weights that separate it")
    func separableWithPenalty() throws {
        var random = TraceRandom(seed: 31)
        var rows: [[Double]] = []
        var labels: [Double] = []
        for _ in 0..<400 {
            let a = random.normal()
            let b = random.normal()
            rows.append([a, b])
            labels.append(a + 0.5 * b > 0 ? 1 : 0)
        }
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels,
                                             options: LogisticRegressionOptions(l2: 1e-3))
        #expect(fit.converged)
        #expect(fit.weights.allSatisfy { $0.isFinite })
        // The penalty keeps the weights finite, so a few rows right at the boundary may fall
        // on the wrong side; nearly all are classified correctly.
        let correct = zip(rows, labels).filter { (fit.probability($0) > 0.5) == ($1 == 1) }.count
        #expect(correct >= 390)
        #expect(fit.weights[0] > 0 && fit.weights[1] > 0)
    }

    @Test("separable data with λ = 0 stops cleanly with finite numbers")
    func separableWithoutPenalty() throws {
        let rows: [[Double]] = (0..<50).map { [Double($0)] }
        let labels: [Double] = (0..<50).map { $0 < 25 ? 0 : 1 }
        let options = LogisticRegressionOptions(l2: 0, maxIterations: 40)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        #expect(fit.objective.isFinite && fit.objective >= 0 && fit.objective < 1e-3)
        #expect(fit.weights.allSatisfy { $0.isFinite } && fit.intercept.isFinite)
        #expect(fit.weights[0] > 0)
    }

    @Test("two fits of the same data are bit-identical", arguments: [300, 50_000])
    func deterministic(rows count: Int) throws {
        let (rows, labels) = problem(rows: count, columns: 5, seed: 5)
        let matrix = try DesignMatrix(rows)
        let first = try LogisticRegression.fit(matrix, labels: labels)
        let second = try LogisticRegression.fit(matrix, labels: labels)
        #expect(first == second)
        #expect(first.weights.map(\.bitPattern) == second.weights.map(\.bitPattern))
        #expect(first.intercept.bitPattern == second.intercept.bitPattern)
        #expect(first.objective.bitPattern == second.objective.bitPattern)
    }

    @Test("scaling or shifting a column does not change the predictions")
    func standardizationInvariance() throws {
        let (rows, labels) = problem(rows: 700, columns: 4, seed: 12)
        let moved = rows.map { row -> [Double] in
            var row = row
            row[1] = row[1] * 1000 + 5e4
            row[3] = row[3] * 1e-3 - 2
            return row
        }
        let options = LogisticRegressionOptions(l2: 1e-3, tolerance: 1e-11)
        let original = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        let transformed = try LogisticRegression.fit(try DesignMatrix(moved), labels: labels, options: options)
        #expect(maxAbsDifference(original.weights, transformed.weights) <= 1e-9)
        #expect(abs(original.intercept - transformed.intercept) <= 1e-9)
        var largest = 0.0
        for (row, movedRow) in zip(rows, moved) {
            largest = max(largest, abs(original.probability(row) - transformed.probability(movedRow)))
        }
        #expect(largest <= 1e-9)
    }

    @Test("the objective never rises from one iterate to the next; progress sees every iterate")
    func monotoneProgress() throws {
        let (rows, labels) = problem(rows: 500, columns: 5, seed: 99, strength: 3)
        var objectives: [Double] = []
        var seen: [Int] = []
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels) { iteration, objective, _ in
            seen.append(iteration)
            objectives.append(objective)
        }
        #expect(seen == Array(0...fit.iterations))
        for (before, after) in zip(objectives, objectives.dropFirst()) { #expect(after < before) }
        #expect(objectives.last == fit.objective)
    }

    @Test("maxIterations = 0 returns the intercept-only starting point, not converged")
    func noIterations() throws {
        let (rows, labels) = problem(rows: 200, columns: 3, seed: 3)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels,
                                             options: LogisticRegressionOptions(maxIterations: 0))
        #expect(fit.iterations == 0)
        #expect(!fit.converged)
        #expect(fit.weights == [0, 0, 0])
        let rate = labels.reduce(0, +) / Double(labels.count)
        #expect(abs(fit.intercept - log(rate / (1 - rate))) <= 1e-12)
        #expect(fit.gradientNorm > 1e-8)
    }

    @Test("no feature columns: the intercept alone, the log-odds of the positive rate")
    func interceptOnly() throws {
        let labels: [Double] = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0]
        let fit = try LogisticRegression.fit(try DesignMatrix(rows: 10, columns: 0, values: []), labels: labels)
        #expect(fit.converged && fit.iterations == 0 && fit.weights.isEmpty)
        #expect(abs(fit.intercept - log(3.0 / 7.0)) <= 1e-15)
        #expect(abs(fit.probability([]) - 0.3) <= 1e-15)
    }

    @Test("a duplicated column with λ = 0 (singular Hessian) still converges to the same predictions")
    func duplicatedColumn() throws {
        let (rows, labels) = problem(rows: 400, columns: 2, seed: 17)
        let doubled = rows.map { $0 + [$0[0]] }
        let options = LogisticRegressionOptions(l2: 0, tolerance: 1e-9)
        let fit = try LogisticRegression.fit(try DesignMatrix(doubled), labels: labels, options: options)
        let plain = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        // Only the sum of the twin weights is determined (the ridge fallback keeps the steps
        // finite; how the sum is split is left to rounding); predictions are.
        #expect(fit.converged)
        #expect(abs(fit.weights[0] + fit.weights[2] - plain.weights[0]) <= 1e-7)
        for row in rows.prefix(50) {
            #expect(abs(fit.probability(row + [row[0]]) - plain.probability(row)) <= 1e-8)
        }
    }

    @Test("finite values whose variance overflows are refused, naming the column")
    func overflowingColumn() throws {
        let matrix = try DesignMatrix([[1, 1e300], [2, -1e300], [3, 1e300], [4, 0]])
        let error = trainingError { _ = try LogisticRegression.fit(matrix, labels: [0, 1, 0, 1]) }
        #expect(error?.code == .nonFiniteValue && error?.column == 1)
    }

    @Test("a constant column gets weight 0 and does not disturb the solve")
    func constantColumn() throws {
        let (rows, labels) = problem(rows: 300, columns: 3, seed: 8)
        let padded = rows.map { $0 + [4.25] }
        let options = LogisticRegressionOptions(l2: 1e-3, tolerance: 1e-10)
        let fit = try LogisticRegression.fit(try DesignMatrix(padded), labels: labels, options: options)
        let plain = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels, options: options)
        #expect(fit.standardization.means[3] == 4.25 && fit.standardization.scales[3] == 1)
        #expect(fit.weights[3] == 0)
        #expect(maxAbsDifference(Array(fit.weights.prefix(3)), plain.weights) <= 1e-12)
    }

    // MARK: Errors

    @Test("errors: mismatched lengths, bad labels, one class, no rows, bad options")
    func errors() throws {
        let matrix = try DesignMatrix([[1, 2], [3, 4], [5, 7]])
        let code = trainingError
        #expect(code { _ = try LogisticRegression.fit(matrix, labels: [0, 1]) }?.code == .lengthMismatch)
        let badLabel = code { _ = try LogisticRegression.fit(matrix, labels: [0, 2, 1]) }
        #expect(badLabel?.code == .invalidLabel && badLabel?.row == 1)
        #expect(code { _ = try LogisticRegression.fit(matrix, labels: [0, 0.5, 1]) }?.code == .invalidLabel)
        #expect(code { _ = try LogisticRegression.fit(matrix, labels: [0, .nan, 1]) }?.row == 1)
        let single = code { _ = try LogisticRegression.fit(matrix, labels: [1, 1, 1]) }
        #expect(single?.code == .singleClass)
        #expect(single?.message.contains("both classes") == true)
        let empty = try DesignMatrix(rows: 0, columns: 2, values: [])
        #expect(code { _ = try LogisticRegression.fit(empty, labels: []) }?.code == .emptyData)
        #expect(code { _ = try LogisticRegression.fit(matrix, labels: [0, 1, 1], options: .init(l2: -1)) }?.code
                == .invalidOption)
        #expect(code {
            _ = try LogisticRegression.fit(matrix, labels: [0, 1, 1],
                                           options: .init(classWeights: .init(negative: 0, positive: 1)))
        }?.code == .invalidOption)
        #expect(code { _ = try LogisticRegression.fit(matrix, labels: [0, 1, 1], options: .init(tolerance: .nan)) }?
            .code == .invalidOption)
    }

    @Test("errors: non-finite values are reported with their row and column")
    func nonFinite() throws {
        let error = trainingError
        let nan = error { _ = try DesignMatrix(rows: 2, columns: 3, values: [1, 2, 3, 4, .nan, 6]) }
        #expect(nan?.code == .nonFiniteValue && nan?.row == 1 && nan?.column == 1)
        #expect(nan?.message.contains("row 1, column 1") == true)
        let infinite = error { _ = try DesignMatrix([[1, 2], [.infinity, 0]]) }
        #expect(infinite?.row == 1 && infinite?.column == 0)
        #expect(error { _ = try DesignMatrix(rows: 2, columns: 2, values: [1, 2, 3]) }?.code == .lengthMismatch)
        #expect(error { _ = try DesignMatrix([[1, 2], [3]]) }?.row == 1)

        // A NaN written after validation is still caught by fit.
        var matrix = try DesignMatrix([[1, 2], [3, 4], [5, 7], [0, 1]])
        matrix.values[5] = .nan
        let caught = error { _ = try LogisticRegression.fit(matrix, labels: [0, 1, 1, 0]) }
        #expect(caught?.code == .nonFiniteValue && caught?.row == 2 && caught?.column == 1)
        // …also in a column whose other values are all equal (min = max there).
        var constant = try DesignMatrix([[1, 2], [1, 4], [1, 7], [1, 1]])
        constant.values[4] = .nan
        let inConstant = error { _ = try LogisticRegression.fit(constant, labels: [0, 1, 1, 0]) }
        #expect(inConstant?.code == .nonFiniteValue && inConstant?.row == 2 && inConstant?.column == 0)
        var short = matrix
        short.values.removeLast()
        #expect(error { _ = try LogisticRegression.fit(short, labels: [0, 1, 1, 0]) }?.code == .lengthMismatch)
    }
}

@Suite("LogisticMath")
struct LogisticMathTests {
    @Test("sigmoid and softplus stay finite and accurate at extreme log-odds")
    func extremes() {
        #expect(LogisticMath.sigmoid(800) == 1)
        #expect(LogisticMath.sigmoid(-800) == 0)
        #expect(abs(LogisticMath.sigmoid(-30) - exp(-30) / (1 + exp(-30))) <= 1e-15 * exp(-30))
        #expect(LogisticMath.softplus(800) == 800)
        #expect(abs(LogisticMath.softplus(-40) - exp(-40)) <= 1e-15 * exp(-40))
        #expect(abs(LogisticMath.softplus(0) - log(2)) <= 1e-16)
    }

    @Test("lossChange equals softplus(v + u) − softplus(v), and resolves tiny steps",
          arguments: [-30.0, -3, -0.5, 0, 0.5, 3, 30])
    func lossChange(v: Double) {
        let pi = LogisticMath.sigmoid(v)
        for u in [-50.0, -2, -1e-3, 1e-3, 2, 50, 1_000] {
            let direct = LogisticMath.softplus(v + u) - LogisticMath.softplus(v)
            let change = LogisticMath.lossChange(wrongProbability: pi, signedStep: u, signedLogOdds: v)
            // The direct difference is the reference where the change is large; for small
            // changes it is the less accurate of the two, by up to eps·softplus(v).
            #expect(abs(change - direct) <= 1e-14 * max(1, abs(v), abs(direct)))
        }
        // A step of 1e-12 changes the loss by ≈ π·1e-12: the direct difference of two losses
        // keeps only a few digits of it, lossChange keeps them all.
        let tiny = LogisticMath.lossChange(wrongProbability: pi, signedStep: 1e-12, signedLogOdds: v)
        #expect(abs(tiny - pi * 1e-12) <= 1e-12 * pi * 1e-12 + 1e-300)
    }
}

@Suite("Standardization")
struct StandardizationTests {
    @Test("means and population standard deviations match a plain two-pass computation")
    func matchesTwoPass() throws {
        let (rows, _) = problem(rows: 2_500, columns: 4, seed: 2)
        let fitted = Standardization.fit(try DesignMatrix(rows))
        for j in 0..<4 {
            let mean = rows.reduce(0) { $0 + $1[j] } / 2_500
            let std = (rows.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / 2_500).squareRoot()
            #expect(abs(fitted.means[j] - mean) <= 1e-12 * max(1, abs(mean)))
            #expect(abs(fitted.scales[j] - std) <= 1e-12 * std)
        }
    }

    @Test("a large offset does not swamp a small spread")
    func largeOffset() throws {
        let rows = (0..<1000).map { [1e9 + Double($0 % 10) * 1e-3] }
        let fitted = Standardization.fit(try DesignMatrix(rows))
        // The stored values are 1e9 + (k·1e-3 rounded to 1e9's grid); subtracting 1e9 is exact,
        // so the expected std comes from small numbers (population std ≈ 1e-3·√8.25).
        let offsets = rows.map { $0[0] - 1e9 }
        let mean = offsets.reduce(0, +) / 1000
        let std = (offsets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 1000).squareRoot()
        #expect(abs(std - 1e-3 * 8.25.squareRoot()) <= 1e-6)
        #expect(abs(fitted.scales[0] - std) <= 1e-9 * std)
        #expect(abs(fitted.means[0] - (1e9 + mean)) <= 1e-14 * 1e9)
    }

    @Test("a constant column keeps its exact value as mean and gets scale 1")
    func constantColumn() throws {
        let fitted = Standardization.fit(try DesignMatrix((0..<777).map { [0.1, Double($0)] }))
        #expect(fitted.means[0] == 0.1)
        #expect(fitted.scales[0] == 1)
        #expect(fitted.apply([0.1, 5])[0] == 0)
    }

    @Test("apply(to:), apply(row) and apply(into:) agree bit for bit")
    func applyAgrees() throws {
        let (rows, _) = problem(rows: 50, columns: 3, seed: 21)
        var matrix = try DesignMatrix(rows)
        let fitted = Standardization.fit(matrix)
        fitted.apply(to: &matrix)
        var output = [Double](repeating: 0, count: 3)
        for (index, row) in rows.enumerated() {
            let single = fitted.apply(row)
            #expect(Array(matrix.row(index)) == single)
            row.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { fitted.apply(input, into: $0) }
            }
            #expect(output == single)
        }
        // Standardised columns have mean ≈ 0 and population std ≈ 1.
        let again = Standardization.fit(matrix)
        for j in 0..<3 {
            #expect(abs(again.means[j]) <= 1e-12)
            #expect(abs(again.scales[j] - 1) <= 1e-12)
        }
    }

    @Test("Codable round trip of a fit")
    func codable() throws {
        let (rows, labels) = problem(rows: 200, columns: 2, seed: 1)
        let fit = try LogisticRegression.fit(try DesignMatrix(rows), labels: labels)
        let decoded = try JSONDecoder().decode(LogisticFit.self, from: try JSONEncoder().encode(fit))
        #expect(decoded == fit)
        let raw = fit.unstandardized()
        for row in rows.prefix(20) {
            var z = raw.intercept
            for j in row.indices { z += raw.weights[j] * row[j] }
            #expect(abs(z - fit.logOdds(row)) <= 1e-9)
        }
    }
}
