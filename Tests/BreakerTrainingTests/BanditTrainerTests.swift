import Foundation
import Testing
import TraceKit
@testable import BreakerTraining

@Suite("Contextual bandits: ridge statistics and the three algorithms")
struct BanditTrainerTests {
    /// Solves M·x = v by Gaussian elimination with partial pivoting: an independent reference.
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double] {
        var a = m
        var b = v
        let n = v.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) }!
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = Array(repeating: 0.0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    @Test("θ, A⁻¹x widths and the Cholesky factor agree with a plain reference to 1e-9 relative")
    func ridgeAgainstReference() throws {
        var random = TraceRandom(seed: 3)
        let d = 5, lambda = 0.7
        var arm = RidgeArmStatistics(dimension: d, ridge: lambda)
        var gram = (0..<d).map { i in (0..<d).map { j in i == j ? lambda : 0.0 } }
        var moment = Array(repeating: 0.0, count: d)
        for _ in 0..<200 {
            let x = (0..<d).map { _ in random.normal() }
            let r = random.normal(mean: 2, standardDeviation: 3)
            try x.withUnsafeBufferPointer { (context) throws(BanditError) in try arm.update(context: context, reward: r) }
            for i in 0..<d {
                moment[i] += r * x[i]
                for j in 0..<d { gram[i][j] += x[i] * x[j] }
            }
        }
        let theta = Self.solve(gram, moment)
        for i in 0..<d { #expect(abs(arm.theta[i] - theta[i]) <= 1e-9 * max(1, abs(theta[i])), "θ[\(i)]") }
        let probe = [0.3, -1.2, 0.5, 2.0, -0.1]
        let inverseProbe = Self.solve(gram, probe)
        let width = zip(probe, inverseProbe).reduce(0) { $0 + $1.0 * $1.1 }
        let computed = probe.withUnsafeBufferPointer { arm.confidenceWidthSquared($0) }
        #expect(abs(computed - width) <= 1e-9 * width)
        #expect(arm.count == 200)
    }

    @Test("Thompson draws have mean θ and covariance v²·A⁻¹ (seeded, 20,000 draws, 3 % tolerance)")
    func thompsonDraws() throws {
        var arm = RidgeArmStatistics(dimension: 2, ridge: 1)
        try [1.0, 0.5].withUnsafeBufferPointer { (x) throws(BanditError) in try arm.update(context: x, reward: 2) }
        try [0.0, 1.0].withUnsafeBufferPointer { (x) throws(BanditError) in try arm.update(context: x, reward: -1) }
        var random = TraceRandom(seed: 9)
        let n = 20_000
        var mean = [0.0, 0.0]
        var second = [[0.0, 0.0], [0.0, 0.0]]
        for _ in 0..<n {
            let draw = arm.sample(standardNormal: [random.normal(), random.normal()], scale: 2)
            for i in 0..<2 {
                mean[i] += draw[i] / Double(n)
                for j in 0..<2 { second[i][j] += (draw[i] - arm.theta[i]) * (draw[j] - arm.theta[j]) / Double(n) }
            }
        }
        // A = I + x₁x₁ᵀ + x₂x₂ᵀ; its inverse by the 2×2 formula, times v² = 4.
        let a: [[Double]] = [[2, 0.5], [0.5, 2.25]]
        let det = a[0][0] * a[1][1] - a[0][1] * a[1][0]
        let covariance = [[4 * a[1][1] / det, -4 * a[0][1] / det], [-4 * a[1][0] / det, 4 * a[0][0] / det]]
        for i in 0..<2 {
            #expect(abs(mean[i] - arm.theta[i]) < 0.03 * 2)
            for j in 0..<2 { #expect(abs(second[i][j] - covariance[i][j]) < 0.03 * covariance[0][0], "cov[\(i)][\(j)]") }
        }
    }

    /// Three arms whose expected reward is linear in a 2-feature context, with noise; the best
    /// arm depends on the context.
    static func linearProblem(episodes: Int, seed: UInt64) throws -> BanditDataset {
        var random = TraceRandom(seed: seed)
        let truth: [[Double]] = [[1, 0, 0], [0, 1, 0], [-1, -1, 0.5]]  // per arm: w₁, w₂, intercept
        var features: [Double] = []
        var rewards: [Double] = []
        for _ in 0..<episodes {
            let x = [random.normal(), random.normal()]
            features += x
            for arm in truth { rewards.append(arm[0] * x[0] + arm[1] * x[1] + arm[2] + random.normal(standardDeviation: 0.5)) }
        }
        return try BanditDataset(features: features, featureCount: 2, rewards: rewards, arms: 3)
    }

    @Test("every algorithm learns a context-dependent best arm: greedy earns ≥ 90 % of the oracle's edge over the best single arm",
          arguments: BanditAlgorithm.allCases)
    func learnsLinearProblem(algorithm: BanditAlgorithm) throws {
        let data = try Self.linearProblem(episodes: 4_000, seed: 1)
        var options = BanditTrainer.Options()
        options.algorithm = algorithm
        let fit = try BanditTrainer.train(data, options: options)
        let edge = fit.oracleReward - fit.bestArmReward
        #expect(edge > 500, "the problem rewards choosing by context")
        #expect(fit.greedyReward - fit.bestArmReward >= 0.9 * edge - 0.1 * abs(fit.oracleReward),
                "\(algorithm): greedy \(fit.greedyReward), best arm \(fit.bestArmReward), oracle \(fit.oracleReward)")
        #expect(fit.pulls.reduce(0, +) == data.count)
        #expect(try BanditTrainer.train(data, options: options).weights == fit.weights, "deterministic for a seed")
    }

    @Test("ε-greedy explores about ε of the time; bad options and data are refused with the field")
    func explorationAndRefusals() throws {
        let data = try Self.linearProblem(episodes: 3_000, seed: 2)
        var options = BanditTrainer.Options()
        options.algorithm = .egreedy
        options.epsilon = 1
        let uniform = try BanditTrainer.train(data, options: options)
        for pulls in uniform.pulls { #expect(abs(Double(pulls) / 3_000 - 1.0 / 3) < 0.04) }
        options.epsilon = 2
        #expect(throws: BanditError.self) { try BanditTrainer.train(data, options: options) }
        let error = #expect(throws: BanditError.self) {
            try BanditDataset(features: [0, .nan, 1, 2], featureCount: 2, rewards: [0, 0, 0, 0], arms: 2)
        }
        #expect(error?.message.contains("episode 0: feature 1") == true)
        #expect(throws: BanditError.self) { try BanditDataset(features: [0, 1], featureCount: 2, rewards: [0], arms: 2) }
    }
}
