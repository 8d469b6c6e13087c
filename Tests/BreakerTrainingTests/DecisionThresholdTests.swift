import Testing
@testable import BreakerTraining

@Suite("DecisionThreshold")
struct DecisionThresholdTests {
    @Test("fromCosts: τ = c_reject / (c_fail + c_reject)")
    func fromCosts() throws {
        #expect(try DecisionThreshold.fromCosts(costFail: 1, costReject: 1) == 0.5)
        #expect(try DecisionThreshold.fromCosts(costFail: 9, costReject: 1) == 0.1)
        #expect(try DecisionThreshold.fromCosts(costFail: 1, costReject: 3) == 0.75)
        #expect(try DecisionThreshold.fromCosts(costFail: 1e308, costReject: 1e308) == 0.5)  // no overflow
        #expect(abs(try DecisionThreshold.fromCosts(costFail: 1e308, costReject: 1e307) - 1.0 / 11) < 1e-15)
    }

    @Test("fromCosts and tune refuse non-positive or non-finite costs",
          arguments: [0.0, -1.0, .nan, .infinity, -.infinity])
    func invalidCosts(bad: Double) {
        for (fail, reject) in [(bad, 1.0), (1.0, bad)] {
            do {
                _ = try DecisionThreshold.fromCosts(costFail: fail, costReject: reject)
                Issue.record("accepted costs \(fail), \(reject)")
            } catch {
                #expect(error.code == .invalidCost)
            }
            do {
                _ = try DecisionThreshold.tune(scores: [0.5], labels: [1], costFail: fail, costReject: reject)
                Issue.record("accepted costs \(fail), \(reject)")
            } catch {
                #expect(error.code == .invalidCost)
            }
        }
    }

    @Test("tune refuses the same bad data as the metrics")
    func invalidData() {
        func code(_ scores: [Double], _ labels: [Double]) -> ClassificationMetricsError.Code? {
            do {
                _ = try DecisionThreshold.tune(scores: scores, labels: labels, costFail: 1, costReject: 1)
                return nil
            } catch { return error.code }
        }
        #expect(code([], []) == .emptyInput)
        #expect(code([0.5], [1, 0]) == .lengthMismatch)
        #expect(code([.nan], [1]) == .nonFiniteScore)
        #expect(code([1.01], [1]) == .scoreOutOfRange)
        #expect(code([0.5], [3]) == .invalidLabel)
    }

    @Test("hand-computed cases: separable, single-class, the 0 and 1 edges, ties → largest τ")
    func handComputed() throws {
        let separable = try DecisionThreshold.tune(scores: [0.1, 0.4, 0.6, 0.9], labels: [0, 0, 1, 1], costFail: 1, costReject: 1)
        #expect(separable.threshold == 0.5 && separable.cost == 0)

        let allFail = try DecisionThreshold.tune(scores: [0.2, 0.7], labels: [1, 1], costFail: 1, costReject: 1)
        #expect(allFail.threshold == 0.1 && allFail.cost == 0)  // reject all: midpoint of 0 and 0.2

        let allSucceed = try DecisionThreshold.tune(scores: [0.2, 0.7], labels: [0, 0], costFail: 1, costReject: 1)
        #expect(allSucceed.threshold == 0.85 && allSucceed.cost == 0)  // reject none: midpoint of 0.7 and 1

        let topIsOne = try DecisionThreshold.tune(scores: [0.2, 1], labels: [0, 0], costFail: 1, costReject: 1)
        #expect(topIsOne.threshold == 1 && topIsOne.cost == 0)

        // A score of 0 can never be rejected with τ ≥ 0: the best is to reject only 0.5.
        let zeroFails = try DecisionThreshold.tune(scores: [0, 0.5], labels: [1, 1], costFail: 2, costReject: 1)
        #expect(zeroFails.threshold == 0.25 && zeroFails.cost == 2)

        // Every decision costs 1: reject all, reject 0.6 only, reject none. The largest τ wins.
        let ties = try DecisionThreshold.tune(scores: [0.3, 0.6], labels: [1, 0], costFail: 1, costReject: 1)
        #expect(ties.threshold == 0.8 && ties.cost == 1)

        // Asymmetric costs move the choice: with c_reject = 10 rejecting the success at 0.6 never
        // pays (reject all 10, reject > 0.3: 1 + 10, reject > 0.6: 2, reject none: 3).
        let costly = try DecisionThreshold.tune(
            scores: [0.3, 0.6, 0.6, 0.9], labels: [1, 1, 0, 1], costFail: 1, costReject: 10)
        #expect(costly.threshold == 0.75 && costly.cost == 2)
        let cheap = try DecisionThreshold.tune(
            scores: [0.3, 0.6, 0.6, 0.9], labels: [1, 1, 0, 1], costFail: 10, costReject: 1)
        #expect(cheap.threshold == 0.15 && cheap.cost == 1)
    }

    @Test("tune agrees with brute force over a fine grid and over every candidate, on tied random data",
          arguments: [1, 2, 3, 10, 50, 400, 2_000])
    func bruteForce(count: Int) throws {
        for (seed, costs) in [(UInt64(1), (1.0, 1.0)), (2, (5.0, 1.0)), (3, (1.0, 4.0)), (4, (2.5, 0.75))] {
            for weighted in [false, true] {
                let rows = MetricsReference.tiedRows(count: count, seed: seed &* 1_000_003 &+ UInt64(count), weighted: weighted)
                if let weights = rows.weights, weights.allSatisfy({ $0 == 0 }) { continue }
                let (costFail, costReject) = costs
                let tuned = try DecisionThreshold.tune(
                    scores: rows.scores, labels: rows.labels, weights: rows.weights,
                    costFail: costFail, costReject: costReject)
                func bruteCost(_ tau: Double) -> Double {
                    MetricsReference.cost(threshold: tau, rows.scores, rows.labels, rows.weights,
                                          costFail: costFail, costReject: costReject)
                }
                let context = "n=\(count) seed=\(seed) weighted=\(weighted)"
                #expect(abs(bruteCost(tuned.threshold) - tuned.cost) <= 1e-12, "\(context)")
                #expect(tuned.threshold >= 0 && tuned.threshold <= 1)

                // Grid 0, 0.001, …, 1 meets every interval between the 0.05-grid scores (and τ < the
                // lowest score whenever that is positive), so its minimum is the true minimum.
                let grid = (0...1000).map { Double($0) / 1000 }
                let gridCosts = grid.map(bruteCost)
                let minimum = gridCosts.min()!
                #expect(abs(tuned.cost - minimum) <= 1e-12, "\(context)")
                // Tie rule: the largest minimising grid τ makes the same decisions as the tuned τ.
                let largest = grid[gridCosts.lastIndex { abs($0 - minimum) <= 1e-12 }!]
                #expect(rows.scores.allSatisfy { ($0 > largest) == ($0 > tuned.threshold) }, "\(context)")

                // Every candidate (midpoints of adjacent distinct values of {0} ∪ scores ∪ {1}, and 1),
                // largest τ on ties: must be exactly the tuned answer.
                let present = rows.scores.indices.filter { MetricsReference.weight(rows.weights, $0) > 0 }.map { rows.scores[$0] }
                let values = Set(present + [0, 1]).sorted()
                var candidates = zip(values, values.dropFirst()).map { ($0 + $1) / 2 }
                if present.contains(1) { candidates.append(1) }
                var best: (Double, Double)? = nil
                for tau in candidates.sorted() where best == nil || bruteCost(tau) <= best!.1 + 1e-12 {
                    best = (tau, bruteCost(tau))
                }
                #expect(best!.0 == tuned.threshold, "\(context)")

                // Tuning never does worse on this data than the cost-derived τ.
                let bayes = try DecisionThreshold.fromCosts(costFail: costFail, costReject: costReject)
                #expect(tuned.cost <= bruteCost(bayes) + 1e-12, "\(context)")
            }
        }
    }

    @Test("integer weights give the threshold and cost of duplicated rows")
    func weightsEqualDuplication() throws {
        let rows = MetricsReference.tiedRows(count: 300, seed: 8080, weighted: true)
        let weights = rows.weights!.map { Double(Int($0 * 4) % 4) }
        var scores = [Double](), labels = [Double]()
        for i in rows.scores.indices {
            for _ in 0..<Int(weights[i]) {
                scores.append(rows.scores[i])
                labels.append(rows.labels[i])
            }
        }
        let weighted = try DecisionThreshold.tune(
            scores: rows.scores, labels: rows.labels, weights: weights, costFail: 3, costReject: 1)
        let duplicated = try DecisionThreshold.tune(scores: scores, labels: labels, costFail: 3, costReject: 1)
        #expect(weighted.threshold == duplicated.threshold)
        #expect(weighted.cost == duplicated.cost)
    }
}
