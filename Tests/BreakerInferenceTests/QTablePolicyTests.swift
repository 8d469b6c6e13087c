import BreakerCore
import Foundation
import Testing
@testable import BreakerInference

@Suite("Q-table states, files and policy")
struct QTablePolicyTests {
    func features(share: Double = 0, streak: Int = 0, latency: Double = 0) -> FeatureVector {
        var x = FeatureVector(count: FeatureSet.v2.count)
        x[FeatureSet.v2.names.firstIndex(of: "failure_share_last_10")!] = share
        x[FeatureSet.v2.names.firstIndex(of: "log1p_consecutive_failures")!] = log1p(Double(streak))
        x[FeatureSet.v2.names.firstIndex(of: "log_latency_short_vs_baseline")!] = latency
        return x
    }

    @Test("every bin combination maps to a distinct state in range, as documented")
    func states() {
        #expect(FeatureSet.v2.names[QStateSpace.share] == "failure_share_last_10")
        #expect(FeatureSet.v2.names[QStateSpace.streak] == "log1p_consecutive_failures")
        #expect(FeatureSet.v2.names[QStateSpace.latency] == "log_latency_short_vs_baseline")
        #expect(QStateSpace.streakEdges == (log1p(0.5), log1p(1.5), log1p(4.5)))
        var seen = Set<Int>()
        for share in [0, 0.1, 0.4, 0.7, 1.0] {
            for streak in [0, 1, 3, 9] {
                for latency in [0.0, 1.0, 2.0] {
                    for halfOpen in [false, true] {
                        let s = QStateSpace.index(features(share: share, streak: streak, latency: latency), halfOpen: halfOpen)
                        #expect((0..<QStateSpace.count).contains(s))
                        #expect(QStateSpace.isHalfOpen(s) == halfOpen)
                        seen.insert(s)
                    }
                }
            }
        }
        #expect(seen.count == QStateSpace.count)
        #expect(QStateSpace.index(features(share: 0.2, streak: 2, latency: 0.5), halfOpen: false) == ((1 * 4 + 2) * 3 + 1) * 2)
        #expect(QStateSpace.index(features(streak: 4), halfOpen: true) == QStateSpace.index(features(streak: 2), halfOpen: true))
        #expect(QStateSpace.index(features(streak: 5), halfOpen: true) != QStateSpace.index(features(streak: 4), halfOpen: true))
    }

    /// A table that trips whenever the last-10 failure share is above 0.5; in HALF_OPEN it waits
    /// while it may (stay is worth most), then closes after a success and reopens after a failure.
    static func table() -> QTable {
        var values = Array(repeating: 0.0, count: QStateSpace.count * 3)
        for state in 0..<QStateSpace.count {
            let shareBin = state / 24
            let streakBin = (state / 6) % 4
            if QStateSpace.isHalfOpen(state) {
                values[state * 3 + QTableAction.stay.rawValue] = 5
                values[state * 3 + QTableAction.close.rawValue] = streakBin == 0 ? 1 : -5
                values[state * 3 + QTableAction.trip.rawValue] = streakBin == 0 ? -5 : 1
            } else {
                values[state * 3 + QTableAction.trip.rawValue] = shareBin >= 3 ? 1 : -1
            }
        }
        return QTable(values: values)
    }

    @Test("the policy trips, waits while trials are due, then reopens or closes as its table says")
    func policy() throws {
        struct Down: Error {}
        let clock = ManualClock()
        var config = BreakerConfiguration()
        config.waitDurationInOpenState = .seconds(5)
        config.permittedCallsInHalfOpenState = 2
        let breaker = try CircuitBreaker(name: "q", configuration: config, policy: QTablePolicy(table: Self.table()), clock: clock)
        for _ in 0..<5 { breaker.onSuccess(duration: .milliseconds(1)) }
        for _ in 0..<5 { breaker.onError(Down(), duration: .milliseconds(1)) }
        #expect(breaker.state == .closed, "share 0.5 is not above 0.5")
        breaker.onError(Down(), duration: .milliseconds(1))
        #expect(breaker.state == .open, "share 0.6 trips")
        clock.advance(by: .seconds(6))
        let first = try breaker.acquirePermit()
        let second = try breaker.acquirePermit()
        breaker.onSuccess(first, duration: .milliseconds(1))
        #expect(breaker.state == .halfOpen, "one of two trial outcomes in: stay is allowed and worth most")
        breaker.onError(second, Down(), duration: .milliseconds(1))
        #expect(breaker.state == .open, "both in, stay is not allowed; after a failure, reopen")
        clock.advance(by: .seconds(6))
        let third = try breaker.acquirePermit()
        let fourth = try breaker.acquirePermit()
        breaker.onError(third, Down(), duration: .milliseconds(1))
        #expect(breaker.state == .halfOpen)
        breaker.onSuccess(fourth, duration: .milliseconds(1))
        #expect(breaker.state == .closed, "both in, the last a success: close")
        #expect(QTableAction.allowed(halfOpen: true, trialsDue: false) == [.close, .trip])
        #expect(QTableAction.allowed(halfOpen: false, trialsDue: true) == [.stay, .trip])
    }

    @Test("an action never tried has no value: it never beats a tried one, and a state with nothing tried takes the first allowed action")
    func untriedActions() {
        var values = Array(repeating: 0.0, count: QStateSpace.count * 3)
        var tried = Array(repeating: false, count: QStateSpace.count * 3)
        values[5 * 3 + QTableAction.close.rawValue] = -3  // state 5 (HALF_OPEN): only close tried, and it cost
        tried[5 * 3 + QTableAction.close.rawValue] = true
        values[8 * 3 + QTableAction.trip.rawValue] = -1   // state 8 (CLOSED): only trip tried
        tried[8 * 3 + QTableAction.trip.rawValue] = true
        let table = QTable(values: values, tried: tried)
        #expect(table.best(5, allowed: QTableAction.allowed(halfOpen: true, trialsDue: true)) == .close)
        #expect(table.best(8, allowed: QTableAction.allowed(halfOpen: false, trialsDue: true)) == .trip)
        #expect(table.best(10, allowed: QTableAction.allowed(halfOpen: false, trialsDue: true)) == .stay, "nothing tried: the first allowed")
        #expect(table.maxValue(10, allowed: [.stay, .trip]) == 0)
        #expect(table.value(8, .stay) == -.infinity)
    }

    @Test("Q-table files round-trip and broken ones are refused naming the field")
    func files() throws {
        let values = (0..<QStateSpace.count).map { s in [Double(s), -1, 0.5] }
        let visits = (0..<QStateSpace.count).map { _ in [1, 0, 2] }
        var file = QTableModelFile(featureSet: .v2, extractor: FeatureExtractorConfiguration(), values: values, visits: visits,
                                   training: QLearningSummary(passes: 3, learningRate: 0.1, discount: 0.9, epsilon: 0.02, seed: 1,
                                                              lastPassCost: 10, greedyCost: 5, costFail: 1, costReject: 1),
                                   provenance: ModelProvenance(traces: [], validation: nil, rows: 0, positiveRate: 0,
                                                               createdAt: "2026-12-04T00:00:00Z", tripwiseVersion: "test"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("q-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try file.write(toPath: path)
        #expect(try QTableModelFile.load(path: path) == file)
        guard case .qtable = try ModelFile.load(path: path) else {
            Issue.record("dispatched to the wrong kind")
            return
        }
        #expect(try QTable(file).value(7, .close) == 0.5)
        file.values[3] = [1, 2]
        #expect(throws: ModelFileError.self) { try file.validate() }
        file.values[3] = [1, .infinity, 2]
        let error = #expect(throws: ModelFileError.self) { try file.validate() }
        #expect(error?.field == "values[3][1]")
        file.values[3] = [1, 2, 3]
        file.training.discount = 1
        #expect((#expect(throws: ModelFileError.self) { try file.validate() })?.field == "training.discount")
    }
}
