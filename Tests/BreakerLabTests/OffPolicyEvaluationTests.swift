import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import Testing
import TraceKit
@testable import BreakerLab

@Suite("Off-policy evaluation of bandits on traces recorded behind an exploring bandit")
struct OffPolicyEvaluationTests {
    static func model(_ name: String, epsilon: Double? = nil, seed: UInt64? = nil) throws -> BanditModel {
        var file = try BanditModelFile.load(path: BenchFixtures.packageRoot.appendingPathComponent("models/\(name).json").path)
        if let epsilon { file.exploration.epsilon = epsilon }
        if let seed { file.exploration.seed = seed }
        return try BanditModel(file)
    }

    /// Eight generated scenarios back to back, an hour apart: outages, intermittent failures,
    /// gradual degradations, a latency brownout and a regional outage.
    static func rawTrace() -> Trace {
        var trace = Trace(optionalColumns: [.healthy])
        let families: [ScenarioFamily] = [.suddenOutage, .intermittent, .gradualDegradation, .suddenOutage,
                                          .latencyBrownout, .intermittent, .regionalOutage, .gradualDegradation]
        for (index, family) in families.enumerated() {
            let part = BenchFixtures.generated(family, seed: 51 + UInt64(index), start: ScenarioSpec.defaultStart + Double(index) * 3_600,
                                               duration: 3_000)
            for row in 0..<part.count { trace.append(part.record(at: row)) }
        }
        return trace
    }

    @Test("recorded behind an exploring bandit, the log re-derives its arms, contexts and propensities")
    func rederives() throws {
        let raw = Self.rawTrace()
        let logging = try Self.model("bandit-thompson", epsilon: 1, seed: 7)
        let recording = try OffPolicyEvaluation.record(raw, behind: logging, base: .resilience4jDefaults)
        #expect(recording.logged.count == raw.count)
        #expect(recording.logged.outcomes.contains(.rejected), "the logging breakers refuse calls")
        let (log, contexts, mismatched) = try OffPolicyEvaluation.log(from: recording.logged, logging: logging)
        #expect(contexts == recording.contexts, "contexts re-derived from the logged trace alone")
        #expect(mismatched == 0, "every row's propensity is its episode's")
        #expect(log.count > 300)
        #expect(Set(log.actions).count == logging.arms.count, "uniform logging tries every arm")
        // The observed reward of each episode is minus the cost of the arm it logged.
        for e in 0..<log.count { #expect(log.rewards[e] == -recording.costs[e * recording.arms + log.actions[e]]) }
    }

    /// Recorded behind a uniformly exploring bandit (ε = 1) with 10 different seeds, each
    /// estimator's 95 % interval must cover the candidate's true cost in at least 8 of the 10
    /// logs (nominal: 9.5), for two candidates. Deterministic: the seeds are fixed.
    @Test("every estimator's interval covers the candidate's true cost in at least 8 of 10 logs")
    func coversTruth() throws {
        let raw = Self.rawTrace()
        let base = StaticBreakerSettings.resilience4jDefaults
        let arms = try Self.model("bandit-thompson").arms
        let decisions = try BanditEpisodes.replayArms(raw, arms: arms, base: base, seed: 1)
        for candidateName in ["bandit-linucb", "bandit-egreedy"] {
            let candidate = try Self.model(candidateName)
            var covered = ["IPS": 0, "SNIPS": 0, "DR": 0]
            for loggingSeed in 1...10 as ClosedRange<UInt64> {
                let logging = try Self.model("bandit-thompson", epsilon: 1, seed: loggingSeed)
                let recording = try OffPolicyEvaluation.record(raw, behind: logging, decisions: decisions, costs: BenchmarkCosts(), seed: 1)
                let truth = recording.trueMeanCost(of: candidate)
                let estimate = try OffPolicyEvaluation.evaluate(candidate, logged: recording.logged, logging: logging, resamples: 1_000).estimate
                for (name, interval) in [("IPS", estimate.ips), ("SNIPS", estimate.snips), ("DR", estimate.doublyRobust)]
                where -interval.upper <= truth && truth <= -interval.lower {
                    covered[name, default: 0] += 1
                }
                #expect(estimate.effectiveSampleSize > 10)
            }
            for (name, count) in covered { #expect(count >= 8, "\(candidateName) \(name): covered in \(count) of 10") }
        }
    }

    @Test("a trace not recorded behind the logging model is refused, naming the line")
    func mismatch() throws {
        let raw = BenchFixtures.generated(.suddenOutage, seed: 53, duration: 600)
        let logging = try Self.model("bandit-thompson", epsilon: 0.5, seed: 7)
        let recording = try OffPolicyEvaluation.record(raw, behind: logging, base: .resilience4jDefaults)
        let other = try Self.model("bandit-thompson", epsilon: 0.5, seed: 8)
        let error = #expect(throws: BenchmarkError.self) { try OffPolicyEvaluation.log(from: recording.logged, logging: other) }
        #expect(error?.message.contains("rows disagree") == true && error?.message.contains("line ") == true)
        #expect(throws: BenchmarkError.self) { try OffPolicyEvaluation.log(from: raw, logging: logging) }  // no propensity column
    }
}
