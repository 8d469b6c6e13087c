import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import Testing
import TraceKit
@testable import BreakerLab

@Suite("Bandits by replay: episodes, rewards, and BanditPolicy as its arms' breakers")
struct BanditReplayTests {
    let trace = BenchFixtures.generated(.intermittent, seed: 31, duration: 900)
    let base = StaticBreakerSettings.resilience4jDefaults
    let arms = Array(BanditArm.standardGrid.prefix(4))

    @Test("every arm's rewards add up to minus the cost of replaying that arm's breaker over the whole trace")
    func rewardsAddUp() throws {
        let episodes = try BanditEpisodes.build(trace, arms: arms, base: base, episodeSeconds: 30)
        #expect(episodes.count > 20)
        for (a, arm) in arms.enumerated() {
            let replay = try TraceReplay.run(trace, configuration: BanditEpisodes.settings(for: arm, base: base).configuration, policy: .static)
            let total = (0..<episodes.count).reduce(0.0) { $0 + episodes.rewards[$1 * arms.count + a] }
            #expect(total == -Double(replay.total.failedSent + replay.total.falseRejects), "arm \(a)")
        }
        #expect(Set(episodes.keys.map { "\($0.target)/\($0.index)" }).count == episodes.count, "episodes are distinct")
    }

    @Test("a context is the extractor's features after every completion strictly before the episode's start")
    func contexts() throws {
        let episodes = try BanditEpisodes.build(trace, arms: arms, base: base, episodeSeconds: 30)
        let origin = trace.timestamps.min()!
        let width = FeatureSet.v2.count
        // Replay-clock nanoseconds, as TraceReplay computes them.
        func completion(_ row: Int) -> Int64 {
            Int64(((trace.timestamps[row] - origin) * 1e9).rounded()) + Int64((trace.latenciesMs[row] * 1e6).rounded())
        }
        for episode in stride(from: 0, to: episodes.count, by: max(1, episodes.count / 7)) {
            let key = episodes.keys[episode]
            let start = key.index * 30_000_000_000
            var rows = (0..<trace.count).filter { trace.targets.codes[$0] == key.target && completion($0) < start }
            rows.sort { (completion($0), $0) < (completion($1), $1) }
            var extractor = FeatureExtractor()
            for row in rows {
                extractor.recordOutcome(failed: trace.outcomes[row].isFailure, latencyMs: trace.latenciesMs[row])
            }
            #expect(Array(episodes.features[(episode * width)..<((episode + 1) * width)]) == extractor.features().array, "episode \(episode)")
        }
    }

    /// A bandit file over `arms` whose arm `favourite` always scores highest.
    func model(favouring favourite: Int) throws -> BanditModel {
        let count = FeatureSet.v2.count
        let weights = (0..<arms.count).map { a -> [Double] in
            var row = Array(repeating: 0.0, count: count + 1)
            row[count] = a == favourite ? 1_000 : 0
            return row
        }
        let file = BanditModelFile(
            featureSet: .v2, extractor: FeatureExtractorConfiguration(),
            standardization: FeatureStandardization(means: Array(repeating: 0, count: count), scales: Array(repeating: 1, count: count)),
            arms: arms, weights: weights, episodeSeconds: 30, exploration: BanditExploration(epsilon: 0, seed: 1),
            training: BanditTrainingSummary(algorithm: "linucb", ridge: 1, explorationParameter: 1, passes: 1, seed: 1, episodes: 0,
                                            reward: 0, greedyReward: 0, bestArmReward: 0, oracleReward: 0, costFail: 1, costReject: 1),
            provenance: ModelProvenance(traces: [], validation: nil, rows: 0, positiveRate: 0,
                                        createdAt: "2026-12-04T00:00:00Z", tripwiseVersion: "test"))
        return try BanditModel(file)
    }

    @Test("a bandit that always picks arm a decides every call exactly as arm a's static breaker")
    func fixedArmEqualsStaticBreaker() throws {
        for favourite in arms.indices {
            let settings = BanditEpisodes.settings(for: arms[favourite], base: base)
            let expected = try TraceReplay.run(trace, configuration: settings.configuration, policy: .static,
                                               options: ReplayOptions(recordsDecisions: true))
            let actual = try TraceReplay.run(trace, configuration: settings.configuration, policy: .bandit(try model(favouring: favourite)),
                                             options: ReplayOptions(recordsDecisions: true))
            #expect(actual.decisions == expected.decisions, "arm \(favourite): \(arms[favourite])")
            #expect(actual.transitions.count == expected.transitions.count)
            #expect(expected.total.rejected > 0, "the trace makes the breaker trip, so the test can fail")
        }
    }

    @Test("an exploring bandit in a service publishes its choices, so a TraceRecorder writes their probabilities as propensity")
    func recordsPropensity() throws {
        var file = BanditModelFile(
            featureSet: .v2, extractor: FeatureExtractorConfiguration(),
            standardization: FeatureStandardization(means: Array(repeating: 0, count: FeatureSet.v2.count),
                                                    scales: Array(repeating: 1, count: FeatureSet.v2.count)),
            arms: Array(arms.prefix(2)),
            weights: [Array(repeating: 0, count: FeatureSet.v2.count) + [1], Array(repeating: 0, count: FeatureSet.v2.count + 1)],
            episodeSeconds: 10, exploration: BanditExploration(epsilon: 0.5, seed: 3),
            training: BanditTrainingSummary(algorithm: "egreedy", ridge: 1, explorationParameter: 0.1, passes: 1, seed: 1, episodes: 0,
                                            reward: 0, greedyReward: 0, bestArmReward: 0, oracleReward: 0, costFail: 1, costReject: 1),
            provenance: ModelProvenance(traces: [], validation: nil, rows: 0, positiveRate: 0,
                                        createdAt: "2026-12-04T00:00:00Z", tripwiseVersion: "test"))
        file.exploration.epsilon = 0.5
        let model = try BanditModel(file)
        let choices = BanditChoices()
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "api", configuration: BreakerConfiguration(),
                                         policy: BanditPolicy(model: model, stream: 9, choices: choices), clock: clock)
        var recording = TraceRecorder.Configuration()
        recording.now = { 1_700_000_000 + Double(clock.now().nanoseconds) / 1e9 }
        recording.propensity = { _ in choices.current?.probability }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bandit-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = TraceRecorder(path: path, configuration: recording)
        _ = recorder.attach(to: breaker)
        var expected: [Double] = []
        for step in 0..<200 {  // 40 episodes of 10 s, 5 calls each
            clock.set(to: BreakerInstant(.seconds(2 * step)))
            breaker.onSuccess(duration: .milliseconds(3))
            expected.append(choices.current!.probability)
        }
        recorder.close()
        let logged = try TraceReader.read(path: path).trace
        #expect(logged.propensities == expected)
        #expect(Set(expected) == [0.25, 0.75], "ε = 0.5 over 2 arms: the best arm 0.75, the other 0.25")
        #expect(choices.current?.episode == Int64(2 * 199 / 10))
    }
}
