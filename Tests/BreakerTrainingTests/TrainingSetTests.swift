import BreakerInference
import Testing
import TraceKit
@testable import BreakerTraining

@Suite("TrainingSet: replaying traces through the online extractor")
struct TrainingSetTests {
    /// Two targets, a call every 0.5 s each, failures in a burst for "a".
    static func trace(flipAfter cut: Double? = nil) -> Trace {
        var trace = Trace(optionalColumns: [.healthy])
        var random = TraceRandom(seed: 5)
        for index in 0..<800 {
            let t = 1_700_000_000 + Double(index) * 0.25
            let target = index % 2 == 0 ? "a" : "b"
            let burst = target == "a" && index > 300 && index < 420
            var failed = burst ? random.bernoulli(0.8) : random.bernoulli(0.03)
            var latency = ((failed ? 900 : 30) + random.uniform() * 20 * 1000).rounded() / 1000
            if let cut, t > cut || t + latency / 1000 > cut {  // calls not yet completed at the cut
                failed.toggle()
                latency = (latency * 3).rounded()
            }
            trace.append(TraceRecord(timestamp: t, target: target, latencyMs: latency,
                                     outcome: failed ? .failure : .success, healthy: !burst))
        }
        return trace
    }

    @Test("no feature reads the future: changing every call not completed by time c leaves rows up to c unchanged")
    func noLeakage() throws {
        let cut = 1_700_000_000 + 100.0
        let original = try TrainingSet(trace: Self.trace())
        let altered = try TrainingSet(trace: Self.trace(flipAfter: cut))
        let width = original.featureSet.count
        var compared = 0
        for row in 0..<original.count where original.times[row] <= cut {
            #expect(altered.times[row] == original.times[row])
            #expect(Array(altered.featureRow(row)) == Array(original.featureRow(row)), "row \(row) at \(original.times[row])")
            compared += 1
        }
        #expect(compared > 100)
        #expect(original.features.count == original.count * width)
        // The future does change later rows (the test can fail).
        #expect(altered.features != original.features)
    }

    @Test("labels: the next call of the same target within the horizon; the rest counted, not dropped")
    func labels() throws {
        var trace = Trace()
        for (t, target, outcome) in [(0.0, "a", TraceOutcome.success), (1, "b", .failure), (2, "a", .failure),
                                     (3, "a", .rejected), (20, "a", .success)] {
            trace.append(TraceRecord(timestamp: 1_000 + t, target: target, latencyMs: 100, outcome: outcome))
        }
        let set = try TrainingSet(trace: trace, horizonSeconds: 5)
        // Completions: a@0.1 → next a starts at 2 (fails) → 1; b@1.1 → no next b → unlabelled;
        // a@2.1 → next a at 20 > 7.1 → unlabelled; a@20.1 → none → unlabelled.
        #expect(set.labels == [1])
        #expect(set.times == [1_000.1])
        #expect(set.unlabelledRows == 3)
        #expect(set.excludedRejectedRows == 1)
        #expect(set.count + set.unlabelledRows + set.excludedRejectedRows == trace.count)
    }

    @Test("window-fails: 1 when more calls starting within the horizon fail than succeed, by brute force")
    func windowFailsLabel() throws {
        let trace = Self.trace()
        let horizon = 2.0
        let set = try TrainingSet(trace: trace, horizonSeconds: horizon, label: .windowFails)
        // Independent reference: for each row, scan every call of its target.
        var labelled = 0
        for row in 0..<set.count {
            let t = set.times[row]
            let target = set.targetNames[Int(set.targets[row])]
            var failures = 0, successes = 0
            for call in 0..<trace.count where trace.targets.values[Int(trace.targets.codes[call])] == target {
                let start = trace.timestamps[call]
                guard start > t, start <= t + horizon else { continue }
                if trace.outcomes[call].isFailure { failures += 1 } else { successes += 1 }
            }
            #expect(failures + successes > 0, "a labelled row has calls in its window")
            #expect(set.labels[row] == (failures > successes ? 1 : 0), "row \(row) at \(t): \(failures) failures, \(successes) successes")
            labelled += 1
        }
        #expect(labelled > 700)
        #expect(set.labels.filter { $0 == 1 }.count > 20 && set.positiveRate < 0.3, "the burst is labelled, the quiet stretches are not")
    }

    @Test("the healthy label uses ground truth and needs the column")
    func healthyLabel() throws {
        let set = try TrainingSet(trace: Self.trace(), label: .healthy)
        #expect(set.positiveRate > 0.05 && set.positiveRate < 0.2)
        var plain = Trace()
        plain.append(TraceRecord(timestamp: 1, target: "a", latencyMs: 1, outcome: .success))
        #expect(throws: TrainingSetError.self) { try TrainingSet(trace: plain, label: .healthy) }
        #expect(throws: TrainingSetError.self) { try TrainingSet(trace: plain, horizonSeconds: 0) }
    }

    @Test("rows are in time order and deterministic")
    func ordering() throws {
        let a = try TrainingSet(trace: Self.trace())
        let b = try TrainingSet(trace: Self.trace())
        #expect(a.times == a.times.sorted())
        #expect(a.features == b.features && a.labels == b.labels)
    }
}
