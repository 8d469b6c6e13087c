import Foundation
import Testing
import TraceKit
@testable import BreakerTraining

@Suite("Off-policy estimators: IPS, SNIPS, doubly robust")
struct OffPolicyEstimatorTests {
    @Test("on three hand-made episodes the estimates equal their formulas")
    func handComputed() throws {
        // Arms 0/1; target always picks arm 1. Logged: (arm 1, μ 0.5, r 2), (arm 0, μ 0.5, r 10), (arm 1, μ 0.25, r -4).
        let log = OffPolicyEstimator.Log(features: [0, 1, 2], featureCount: 1, actions: [1, 0, 1], propensities: [0.5, 0.5, 0.25],
                                         rewards: [2, 10, -4], arms: 2)
        let estimate = try OffPolicyEstimator.estimate(log, targetProbabilities: { _ in [0, 1] }, resamples: 200)
        // w = [2, 0, 4]; IPS = (4 + 0 − 16) / 3; SNIPS = −12 / 6; ESS = 36 / 20.
        #expect(abs(estimate.ips.value - (-12.0 / 3)) < 1e-12)
        #expect(abs(estimate.snips.value - (-2)) < 1e-12)
        #expect(abs(estimate.effectiveSampleSize - 1.8) < 1e-12)
        #expect(estimate.supportedEpisodes == 2 && estimate.maxWeight == 4 && estimate.clippedEpisodes == 0)
        let clipped = try OffPolicyEstimator.estimate(log, targetProbabilities: { _ in [0, 1] }, clip: 3, resamples: 200)
        #expect(clipped.clippedEpisodes == 1)
        #expect(abs(clipped.ips.value - (4.0 + 0 - 12) / 3) < 1e-12)
    }

    /// A logged linear bandit: contexts x ~ N(0, I₂), three arms with linear mean rewards plus
    /// noise, logged by "arm 2, or a uniform arm with probability ε".
    static func logged(seed: UInt64, episodes: Int, epsilon: Double)
        -> (log: OffPolicyEstimator.Log, full: [[Double]], contexts: [[Double]]) {
        var random = TraceRandom(seed: seed)
        let truth: [[Double]] = [[1, 0, 0], [0, 1, 0], [-1, -1, 0.5]]
        var features: [Double] = [], actions: [Int] = [], propensities: [Double] = [], rewards: [Double] = []
        var full: [[Double]] = [], contexts: [[Double]] = []
        for _ in 0..<episodes {
            let x = [random.normal(), random.normal()]
            let r = truth.map { $0[0] * x[0] + $0[1] * x[1] + $0[2] + random.normal(standardDeviation: 0.5) }
            let explore = random.uniform() < epsilon
            let arm = explore ? random.index(below: 3) : 2
            features += x
            contexts.append(x)
            full.append(r)
            actions.append(arm)
            propensities.append(arm == 2 ? 1 - epsilon + epsilon / 3 : epsilon / 3)
            rewards.append(r[arm])
        }
        return (OffPolicyEstimator.Log(features: features, featureCount: 2, actions: actions, propensities: propensities,
                                       rewards: rewards, arms: 3), full, contexts)
    }

    @Test("the 95 % intervals of all three estimators cover the realised value of a different policy (seeded, 4 logs)")
    func coverage() throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let (log, full, contexts) = Self.logged(seed: seed, episodes: 3_000, epsilon: 0.5)
            // Target: the best arm by the true means (context-dependent), deterministic.
            func best(_ x: [Double]) -> Int {
                let means = [x[0], x[1], -x[0] - x[1] + 0.5]
                return means.firstIndex(of: means.max()!)!
            }
            let truth = zip(full, contexts).reduce(0.0) { $0 + $1.0[best($1.1)] } / Double(full.count)
            let estimate = try OffPolicyEstimator.estimate(log, targetProbabilities: { i in
                (0..<3).map { $0 == best(contexts[i]) ? 1.0 : 0.0 }
            }, seed: seed)
            for (name, interval) in [("IPS", estimate.ips), ("SNIPS", estimate.snips), ("DR", estimate.doublyRobust)] {
                #expect(interval.lower <= truth && truth <= interval.upper, "seed \(seed) \(name): \(interval) vs truth \(truth)")
                #expect(interval.lower <= interval.value && interval.value <= interval.upper)
            }
            // DR uses the reward model, so it is the tightest here.
            #expect(estimate.doublyRobust.upper - estimate.doublyRobust.lower < estimate.ips.upper - estimate.ips.lower)
            #expect(estimate.effectiveSampleSize > 100 && estimate.effectiveSampleSize < Double(log.count))
        }
    }

    @Test("bad logs are refused with the episode")
    func refusals() {
        let log = OffPolicyEstimator.Log(features: [0, 1], featureCount: 1, actions: [0, 1], propensities: [0.5, 0], rewards: [1, 1], arms: 2)
        let error = #expect(throws: BanditError.self) { try OffPolicyEstimator.estimate(log, targetProbabilities: { _ in [0.5, 0.5] }) }
        #expect(error?.message.contains("episode 1: propensity 0.0") == true)
        let fine = OffPolicyEstimator.Log(features: [0, 1], featureCount: 1, actions: [0, 1], propensities: [0.5, 0.5], rewards: [1, 1], arms: 2)
        #expect(throws: BanditError.self) { try OffPolicyEstimator.estimate(fine, targetProbabilities: { _ in [0.7, 0.7] }) }
        #expect(throws: BanditError.self) { try OffPolicyEstimator.estimate(fine, targetProbabilities: { _ in [0.5, 0.5] }, clip: 0.5) }
        // A target that never picks a logged arm: no weighted estimate exists (SNIPS would divide by 0).
        let never = #expect(throws: BanditError.self) {
            try OffPolicyEstimator.estimate(fine, targetProbabilities: { i in i == 0 ? [0, 1] : [1, 0] })
        }
        #expect(never?.message.contains("never chooses the arm logged") == true)
    }
}
