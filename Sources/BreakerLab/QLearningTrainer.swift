import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// Tabular Q-learning of a breaker's trip and half-open decisions by repeated replay of the
/// training traces.
///
/// Each pass replays every training trace through real breakers (static-best's open wait and
/// trial calls, chosen on the training traces as `bench` does) whose policy is the current table
/// exploring ε-greedily (``QTablePolicy`` with a ``QDecisionLog``). Then, per target and in time
/// order, each decision's reward is minus the cost (``BenchmarkCosts``: failed calls sent, false
/// rejects) of the calls that start after it and up to the target's next decision — the calls
/// its action governed — and the table is updated decision by decision:
/// `Q(s, a) += α · (r + γ · max over the next decision's allowed, already tried actions of
/// Q(s', ·) − Q(s, a))`, the last decision of a target (or one whose next state has no tried
/// action) using r alone. While exploring and when served, an untried action never beats a
/// tried one (``QTable``). The table is fixed during a pass (batch
/// Q-learning over replays). Deterministic for a seed.
public enum QLearningTrainer {
    /// What to train.
    public struct Request: Sendable {
        /// Training traces.
        public var traces: [TraceSource]
        /// Validation traces (the greedy table's cost is reported; never trained on).
        public var validation: [TraceSource] = []
        /// Passes (≥ 1).
        public var passes = 10
        /// α in (0, 1].
        public var learningRate = 0.1
        /// γ in [0, 1).
        public var discount = 0.9
        /// ε in [0, 1] (default 0.02: every decision explores, and a random trip is expensive).
        public var epsilon = 0.02
        /// Seed.
        public var seed: UInt64 = 1
        /// Costs.
        public var costs = BenchmarkCosts()
        /// Version for provenance.
        public var tripwiseVersion = "dev"
        /// The breaker settings every replay runs with (its open wait and trial calls matter);
        /// nil: static-best on the training traces, as `bench` runs model policies.
        public var base: StaticBreakerSettings?

        /// A request for `traces`.
        public init(traces: [TraceSource]) {
            self.traces = traces
        }
    }

    /// The trained file and the costs seen.
    public struct Result: Sendable {
        /// The model file.
        public var file: QTableModelFile
        /// The breaker settings the replays ran with.
        public var base: StaticBreakerSettings
        /// Cost of each pass (exploring).
        public var passCosts: [Double]
        /// Cost of the greedy table on the training traces.
        public var greedyCost: Double
        /// Cost of the greedy table on the validation traces, if any.
        public var validationCost: Double?
        /// Cost of static-best on the validation traces, if any.
        public var validationStaticBestCost: Double?
    }

    /// Trains; `progress` receives one line per pass.
    ///
    /// - Throws: ``BenchmarkError`` for invalid options or traces (`usage`) or failed replays (`data`).
    public static func train(_ request: Request, progress: (String) -> Void = { _ in }) throws(BenchmarkError) -> Result {
        guard !request.traces.isEmpty else { throw BenchmarkError(.usage, "no training traces") }
        guard request.passes >= 1 else { throw BenchmarkError(.usage, "passes must be at least 1, not \(request.passes)") }
        guard request.learningRate > 0, request.learningRate <= 1 else { throw BenchmarkError(.usage, "α must be in (0, 1], not \(request.learningRate)") }
        guard request.discount >= 0, request.discount < 1 else { throw BenchmarkError(.usage, "γ must be in [0, 1), not \(request.discount)") }
        guard (0...1).contains(request.epsilon) else { throw BenchmarkError(.usage, "ε must be in [0, 1], not \(request.epsilon)") }
        let base: StaticBreakerSettings
        if let given = request.base {
            base = given
        } else {
            base = try StaticGridSearch.rank(request.traces.map(\.trace), costs: request.costs).best.settings
            progress("static-best on the training traces (open wait and trial calls for every replay): \(base)")
        }
        let configuration = base.configuration
        if request.traces.rejectedRows > 0 {
            progress("left out \(request.traces.rejectedRows) training rows recorded as rejected (true outcome unknown)")
        }
        let actions = QTableAction.allCases.count
        var values = Array(repeating: 0.0, count: QStateSpace.count * actions)
        var visits = Array(repeating: 0, count: QStateSpace.count * actions)
        var passCosts: [Double] = []
        for pass in 0..<request.passes {
            let table = QTable(values: values, tried: visits.map { $0 > 0 })
            var passCost = 0.0
            for source in request.traces where source.trace.outcomes.contains(where: { $0 != .rejected }) {
                let log = QDecisionLog()
                let seed = request.seed &+ UInt64(pass) &* 0x9E37_79B9
                let replay: ReplayResult
                do {
                    replay = try TraceReplay.run(source.trace, configuration: configuration,
                                                 policy: .qlearning(table, epsilon: request.epsilon, log: log), seed: seed,
                                                 options: ReplayOptions(recordsDecisions: true))
                } catch {
                    throw BenchmarkError(.data, error.message)
                }
                passCost += request.costs.total(failedSent: replay.total.failedSent, falseRejects: replay.total.falseRejects,
                                                secondsOnFailedSent: replay.total.secondsOnFailedSent)
                update(&values, visits: &visits, decisions: log.all, trace: source.trace, replay: replay, seed: seed, request: request)
            }
            passCosts.append(passCost)
            progress(String(format: "pass %d: cost %.0f (exploring, ε = %@)", pass + 1, passCost, StaticBreakerSettings.number(request.epsilon)))
        }
        let table = QTable(values: values, tried: visits.map { $0 > 0 })
        let greedyCost = try cost(of: table, traces: request.traces.map(\.trace), configuration: configuration, costs: request.costs)
        var validationCost: Double?
        var validationStatic: Double?
        if !request.validation.isEmpty {
            validationCost = try cost(of: table, traces: request.validation.map(\.trace), configuration: configuration, costs: request.costs)
            validationStatic = try cost(of: nil, traces: request.validation.map(\.trace), configuration: configuration, costs: request.costs)
        }
        let provenance: ModelProvenance
        do {
            provenance = ModelProvenance(
                traces: try LogisticTrainer.provenance(request.traces),
                validation: request.validation.isEmpty ? nil : try LogisticTrainer.provenance(request.validation),
                rows: visits.reduce(0, +), positiveRate: 0,
                createdAt: UTCTimestamp.format(Date().timeIntervalSince1970.rounded()), tripwiseVersion: request.tripwiseVersion)
        } catch {
            throw BenchmarkError(.data, error.message)
        }
        let file = QTableModelFile(
            featureSet: FeatureExtractor.featureSet, extractor: FeatureExtractorConfiguration(),
            values: (0..<QStateSpace.count).map { Array(values[($0 * actions)..<(($0 + 1) * actions)]) },
            visits: (0..<QStateSpace.count).map { Array(visits[($0 * actions)..<(($0 + 1) * actions)]) },
            training: QLearningSummary(passes: request.passes, learningRate: request.learningRate, discount: request.discount,
                                       epsilon: request.epsilon, seed: request.seed, lastPassCost: passCosts.last ?? 0,
                                       greedyCost: greedyCost, costFail: request.costs.costFail, costReject: request.costs.costReject),
            provenance: provenance)
        return Result(file: file, base: base, passCosts: passCosts, greedyCost: greedyCost, validationCost: validationCost,
                      validationStaticBestCost: validationStatic)
    }

    /// One pass's Q-updates from the decisions logged while replaying `trace`.
    static func update(_ values: inout [Double], visits: inout [Int], decisions: [QDecision], trace: Trace, replay: ReplayResult,
                       seed: UInt64, request: Request) {
        guard let rowDecisions = replay.decisions, let origin = trace.timestamps.min() else { return }
        let names = trace.targets.values
        var targetOfStream: [UInt64: Int] = [:]
        for (index, name) in names.enumerated() { targetOfStream[TraceReplay.targetSeed(name, seed: seed)] = index }
        var byTarget = Array(repeating: [QDecision](), count: names.count)
        for decision in decisions {
            if let target = targetOfStream[decision.stream] { byTarget[target].append(decision) }
        }
        // Rewards: each call's cost goes to the last decision of its target at or before its start.
        var rewards = byTarget.map { Array(repeating: 0.0, count: $0.count) }
        var cursor = Array(repeating: -1, count: names.count)
        let order = zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 })
            ? Array(0..<trace.count)
            : (0..<trace.count).sorted { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        for row in order where rowDecisions[row] != .excluded {
            let target = Int(trace.targets.codes[row])
            let start = Int64(((trace.timestamps[row] - origin) * 1e9).rounded())
            let list = byTarget[target]
            while cursor[target] + 1 < list.count, list[cursor[target] + 1].nanoseconds <= start { cursor[target] += 1 }
            guard cursor[target] >= 0 else { continue }  // before the first decision: every policy admits
            rewards[target][cursor[target]] -= request.costs.cost(admitted: rowDecisions[row] == .admitted,
                                                                  failed: trace.outcomes[row].isFailure, latencyMs: trace.latenciesMs[row])
        }
        let actions = QTableAction.allCases.count
        for (target, list) in byTarget.enumerated() {
            for (k, decision) in list.enumerated() {
                var futureValue = 0.0
                if k + 1 < list.count {
                    // The best tried action of the next state (untried ones have no estimate).
                    let next = list[k + 1].state
                    let allowed = QTableAction.allowed(halfOpen: QStateSpace.isHalfOpen(next), trialsDue: list[k + 1].allowsStay)
                    futureValue = QTable.maxTriedValue(next, allowed: allowed, values: values) { visits[$0] > 0 }
                }
                let index = decision.state * actions + decision.action.rawValue
                values[index] += request.learningRate * (rewards[target][k] + request.discount * futureValue - values[index])
                visits[index] += 1
            }
        }
    }

    /// Total cost of the greedy `table` (or, with nil, static-best's thresholds) over `traces`.
    static func cost(of table: QTable?, traces: [Trace], configuration: BreakerConfiguration, costs: BenchmarkCosts) throws(BenchmarkError) -> Double {
        var total = 0.0
        for trace in traces where trace.outcomes.contains(where: { $0 != .rejected }) {
            do {
                let replay = try TraceReplay.run(trace, configuration: configuration, policy: table.map { .qtable($0) } ?? .static)
                total += costs.total(failedSent: replay.total.failedSent, falseRejects: replay.total.falseRejects,
                                     secondsOnFailedSent: replay.total.secondsOnFailedSent)
            } catch {
                throw BenchmarkError(.data, error.message)
            }
        }
        return total
    }
}
