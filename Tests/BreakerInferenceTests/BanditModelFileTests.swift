import BreakerCore
import Foundation
import Testing
@testable import BreakerInference

/// A valid bandit file: two arms, weights that prefer arm 1 when the recent failure share is high.
enum BanditFixture {
    static func file(epsilon: Double = 0, weights: [[Double]]? = nil) -> BanditModelFile {
        let count = FeatureSet.v2.count
        var prefersCautious = Array(repeating: 0.0, count: count + 1)
        prefersCautious[0] = 50   // failure_share_last_10, standardised with mean 0, scale 1
        prefersCautious[count] = -10
        return BanditModelFile(
            featureSet: .v2, extractor: FeatureExtractorConfiguration(),
            standardization: FeatureStandardization(means: Array(repeating: 0, count: count), scales: Array(repeating: 1, count: count)),
            arms: [BanditArm(failureRateThreshold: 75, windowCalls: 50, minimumCalls: 20, openWaitSeconds: 20),
                   BanditArm(failureRateThreshold: 25, windowCalls: 10, minimumCalls: 5, openWaitSeconds: 5)],
            weights: weights ?? [Array(repeating: 0, count: count + 1), prefersCautious],
            episodeSeconds: 30, exploration: BanditExploration(epsilon: epsilon, seed: 4),
            training: BanditTrainingSummary(algorithm: "linucb", ridge: 1, explorationParameter: 1, passes: 1, seed: 1, episodes: 100,
                                            reward: -50, greedyReward: -40, bestArmReward: -45, oracleReward: -30, costFail: 1, costReject: 1),
            provenance: ModelProvenance(traces: [ModelTraceFile(path: "t.csv", sha256: String(repeating: "ab", count: 32), rows: 10, bytes: 100)],
                                        validation: nil, rows: 100, positiveRate: 0, createdAt: "2026-12-04T00:00:00Z", tripwiseVersion: "test"))
    }
}

@Suite("Bandit model files and BanditPolicy")
struct BanditModelFileTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bandit-\(UUID().uuidString)-\(name)").path
    }

    @Test("a bandit file round-trips, and ModelFile.load dispatches on kind")
    func roundTrip() throws {
        let path = temporary("model.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = BanditFixture.file(epsilon: 0.1)
        try file.write(toPath: path)
        #expect(try BanditModelFile.load(path: path) == file)
        guard case .bandit(let loaded) = try ModelFile.load(path: path) else {
            Issue.record("dispatched to the wrong kind")
            return
        }
        #expect(loaded == file)
        #expect(throws: ModelFileError.self) { try LogisticModelFile.load(path: path) }
    }

    @Test("broken bandit files are refused naming the field")
    func refusals() {
        let cases: [(String, (inout BanditModelFile) -> Void, String)] = [
            ("arms", { $0.arms = [$0.arms[0]] }, "arms"),
            ("weights row", { $0.weights[1].removeLast() }, "weights[1]"),
            ("arm window", { $0.arms[1].windowCalls = 65 }, "arms[1]"),
            ("minimum above window", { $0.arms[0].minimumCalls = 51 }, "arms[0]"),
            ("episode", { $0.episodeSeconds = 0 }, "episodeSeconds"),
            ("episode too long to count in nanoseconds", { $0.episodeSeconds = 1e10 }, "episodeSeconds"),
            ("open wait too long to count in nanoseconds", { $0.arms[1].openWaitSeconds = 1e10 }, "arms[1]"),
            ("exploration", { $0.exploration.epsilon = 1.5 }, "exploration.epsilon"),
            ("algorithm", { $0.training.algorithm = "ucb9" }, "training.algorithm"),
            ("NaN weight", { $0.weights[0][3] = .nan }, "weights[0][3]"),
        ]
        for (name, edit, field) in cases {
            var file = BanditFixture.file()
            edit(&file)
            let error = #expect(throws: ModelFileError.self, "\(name)") { try file.validate(source: "m.json") }
            #expect(error?.field == field, "\(name): \(String(describing: error))")
            #expect(error?.description.hasPrefix("m.json: field '\(field)'") == true, "\(name)")
        }
    }

    @Test("an unknown kind is named with the kinds this build reads")
    func unknownKind() throws {
        let path = temporary("odd.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = String(decoding: try BanditFixture.file().encodedForTest(), as: UTF8.self)
            .replacingOccurrences(of: "\"kind\" : \"bandit\"", with: "\"kind\" : \"forest\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ModelFileError.self) { try ModelFile.load(path: path) }
        #expect(error?.code == .unknownKind)
        #expect(error?.message.contains("\"logistic\" or \"bandit\"") == true)
    }

    @Test("the policy picks its arm per episode from the features, and trips as that arm")
    func armChoice() throws {
        let model = try BanditModel(BanditFixture.file())
        let clock = ManualClock()
        var config = BreakerConfiguration()
        config.permittedCallsInHalfOpenState = 1
        let breaker = try CircuitBreaker(name: "api", configuration: config, policy: BanditPolicy(model: model), clock: clock)
        struct Down: Error {}
        // Episode 0 starts with no history: features 0, so arm 0 (75 % of 50, minimum 20) runs.
        // 19 failures do not trip it (minimum 20 calls).
        for _ in 0..<19 {
            clock.advance(by: .milliseconds(100))
            breaker.onError(Down(), duration: .milliseconds(5))
        }
        #expect(breaker.state == .closed)
        // Next episode: the last-10 failure share is 1, so the cautious arm 1 (25 % of 10, minimum 5) is
        // chosen; its window counts since the last state change, which the 19 failures already fill, so it
        // trips at once.
        clock.advance(by: .seconds(30))
        breaker.onError(Down(), duration: .milliseconds(5))
        #expect(breaker.state == .open)
        #expect(model.bestArm(FeatureVector(count: FeatureSet.v2.count)) == 0)
    }

    @Test("with exploration, the recorded choice probability is ε/K or 1 − ε + ε/K")
    func explorationProbability() throws {
        let model = try BanditModel(BanditFixture.file(epsilon: 0.5))
        var policy = BanditPolicy(model: model, stream: 1)
        var seen = Set<Double>()
        let metrics = BreakerMetrics(state: .closed, counts: CallCounts(), notPermitted: 0, consecutiveFailures: 0, minimumNumberOfCalls: 100)
        for episode in 0..<200 {
            _ = policy.evaluate(RecordedCall(failed: false, slow: false, duration: .milliseconds(1)), metrics: metrics,
                                at: BreakerInstant(nanoseconds: Int64(episode) * 30_000_000_000))
            seen.insert(policy.lastChoiceProbability)
        }
        #expect(seen == [0.25, 0.75])
    }
}

extension BanditModelFile {
    func encodedForTest() throws -> Data {
        try ModelDocumentIO.encode(self, source: "test")
    }
}
