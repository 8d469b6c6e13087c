import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import Testing
import TraceKit
@testable import BreakerLab

@Suite("Q-learning by replay")
struct QLearningTests {
    @Test("one update step follows the formula with rewards attributed to the decision governing each call")
    func updateStep() throws {
        // One target; calls at 0, 1, 2, 3 s (all fail, 100 ms). Decisions at 0.1 s (state 0, trip) and 2.1 s (state 24, stay).
        var trace = Trace()
        for t in 0..<4 { trace.append(TraceRecord(timestamp: 1_000 + Double(t), target: "a", latencyMs: 100, outcome: .failure)) }
        let seed: UInt64 = 5
        let stream = TraceReplay.targetSeed("a", seed: seed)
        let decisions = [QDecision(stream: stream, nanoseconds: 100_000_000, state: 0, action: .trip, allowsStay: true),
                         QDecision(stream: stream, nanoseconds: 2_100_000_000, state: 24, action: .stay, allowsStay: true)]
        // Decisions per row as a replay would record them: rows 1, 2 rejected after the trip, row 3 admitted.
        let replay = ReplayResult(policy: "test", transitions: [], targets: [], excludedRejectedRows: 0, nanosecondsPerCall: 0,
                                  decisions: [.admitted, .rejected, .rejected, .admitted])
        var values = Array(repeating: 0.0, count: QStateSpace.count * 3)
        values[24 * 3 + QTableAction.trip.rawValue] = -2  // next state's best allowed value stays 0 (stay)
        var visits = Array(repeating: 0, count: QStateSpace.count * 3)
        var request = QLearningTrainer.Request(traces: [])
        request.learningRate = 0.5
        request.discount = 0.9
        QLearningTrainer.update(&values, visits: &visits, decisions: decisions, trace: trace, replay: replay, seed: seed, request: request)
        // Decision 1 governs rows 1 and 2 (rejected failures: cost 0): Q(0, trip) = 0.5 · (0 + 0.9 · max(0, −2)) = 0.
        #expect(values[0 * 3 + QTableAction.trip.rawValue] == 0)
        // Decision 2 governs row 3 (a failure sent: cost 1) and is last: Q(24, stay) = 0.5 · (−1) = −0.5.
        #expect(values[24 * 3 + QTableAction.stay.rawValue] == -0.5)
        #expect(visits[0 * 3 + QTableAction.trip.rawValue] == 1 && visits[24 * 3 + QTableAction.stay.rawValue] == 1)
        // Row 0 precedes every decision and is attributed to none.
    }

    @Test("on outages, the learned greedy table costs less than never tripping, and training is deterministic")
    func learnsOutages() throws {
        let trace = BenchFixtures.generated(.suddenOutage, seed: 61, duration: 1_800)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("q-\(UUID().uuidString).csv").path
        try TraceWriter.write(trace, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var request = QLearningTrainer.Request(traces: [TraceSource(path: path, trace: trace, bytes: 0)])
        request.passes = 6
        request.epsilon = 0.05
        request.base = BenchFixtures.singleGrid.candidates[0]  // open 5 s, one trial call
        let result = try QLearningTrainer.train(request)
        let never = trace.outcomes.filter(\.isFailure).count
        #expect(result.greedyCost < Double(never) * 0.9, "greedy \(result.greedyCost) vs never-trip \(never)")
        #expect(result.file.visits.flatMap { $0 }.reduce(0, +) > 1_000)
        let again = try QLearningTrainer.train(request)
        #expect(again.file.values == result.file.values)
    }
}
