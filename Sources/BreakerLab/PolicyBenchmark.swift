import BreakerCore
import BreakerInference
import TraceKit

/// The knobs of a ``PolicyBenchmark`` run.
public struct BenchmarkOptions: Sendable, Hashable {
    /// The prices of mistakes. Default (1, 1, 0).
    public var costs: BenchmarkCosts
    /// Seeds SRE throttling (per target, mixed with the target's name) and the bootstrap. Default 1.
    public var seed: UInt64
    /// Bootstrap block length, seconds (see ``BlockBootstrap``). Default 300.
    public var blockSeconds: Double
    /// Bootstrap replicates. Default 2,000.
    public var resamples: Int
    /// `hindsight`'s block length, seconds. Default 10.
    public var hindsightBlockSeconds: Double
    /// The grid static-best is chosen from. Default ``StaticGrid/standard``.
    public var grid: StaticGrid

    /// The defaults unless told otherwise.
    public init(costs: BenchmarkCosts = BenchmarkCosts(), seed: UInt64 = 1, blockSeconds: Double = 300,
                resamples: Int = 2_000, hindsightBlockSeconds: Double = 10, grid: StaticGrid = .standard) {
        self.costs = costs
        self.seed = seed
        self.blockSeconds = blockSeconds
        self.resamples = resamples
        self.hindsightBlockSeconds = hindsightBlockSeconds
        self.grid = grid
    }

    /// Checks ranges: costs (``BenchmarkCosts/validate()``), block lengths finite and > 0,
    /// resamples from 1 to 1,000,000.
    public func validate() throws(BenchmarkError) {
        try costs.validate()
        guard blockSeconds.isFinite, blockSeconds > 0 else {
            throw BenchmarkError(.usage, "block-seconds must be a positive number of seconds, not \(blockSeconds)")
        }
        guard hindsightBlockSeconds.isFinite, hindsightBlockSeconds > 0 else {
            throw BenchmarkError(.usage, "the hindsight block must be a positive number of seconds, not \(hindsightBlockSeconds)")
        }
        guard (1...1_000_000).contains(resamples) else {
            throw BenchmarkError(.usage, "resamples must be from 1 to 1000000, not \(resamples)")
        }
    }
}

/// `tripwise bench`: replays every policy over the same held-out test trace and reports costs
/// with paired block-bootstrap intervals against static-best, gap closure towards hindsight,
/// and incident figures. DESIGN.md, "Benchmark methodology", is the specification; every figure
/// is defined on ``PolicyResult``.
///
/// The training trace is used for one thing only: choosing `static-best` from the grid
/// (``StaticGridSearch``). The validation trace, when given, is only used to report how the
/// chosen configuration ranks there. Nothing is fitted or tuned on the test trace.
public enum PolicyBenchmark {
    /// One policy's raw run on the test trace.
    struct Run {
        var decisions: [ReplayDecision]
        var timeline: PolicyTimeline
        var nanosecondsPerCall: Double
        var configuration: StaticBreakerSettings?
        var summary: String
    }

    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - policies: in report order (``BenchmarkPolicy/parseList(_:)``).
    ///   - train: the training trace; only replayed when a policy needs static-best.
    ///   - test: the held-out trace every policy is scored on.
    ///   - validation: optional; the static-best choice's rank on it is reported.
    ///   - files: the trace files' identities, copied into the result.
    /// - Throws: ``BenchmarkError``: `usage` for bad options, unusable model files, `oracle`
    ///   without a `healthy` column, an empty training trace when static-best is needed or an
    ///   empty test trace; `data` when a trace cannot be replayed.
    public static func run(policies: [BenchmarkPolicy], train: Trace, test: Trace, validation: Trace? = nil,
                           options: BenchmarkOptions = BenchmarkOptions(),
                           files: [BenchmarkTraceFile] = []) throws(BenchmarkError) -> BenchmarkResult {
        try options.validate()
        guard !policies.isEmpty else { throw BenchmarkError(.usage, "no policies to benchmark") }
        let excluded = test.outcomes.reduce(0) { $0 + ($1 == .rejected ? 1 : 0) }
        guard let origin = test.timestamps.min(), let end = test.timestamps.max(), excluded < test.count else {
            throw BenchmarkError(.usage, "the test trace has no calls with a known outcome to replay")
        }
        // Everything that can be refused is refused before any replay.
        var models: [String: ReplayPolicy] = [:]
        for case .model(let path) in policies where models[path] == nil {
            models[path] = try BenchmarkPolicy.loadModel(path: path)
        }
        if policies.contains(.oracle), test.healthy == nil {
            throw BenchmarkError(.usage, "policy 'oracle' needs a 'healthy' column, which the test trace does not have")
        }

        var selection: StaticBestSelection?
        if policies.contains(where: \.usesStaticBestConfiguration) {
            selection = try chooseStaticBest(train: train, validation: validation, options: options)
        }

        var order = Array(0..<test.count)
        if !zip(test.timestamps, test.timestamps.dropFirst()).allSatisfy({ $0 <= $1 }) {
            order.sort { (test.timestamps[$0], $0) < (test.timestamps[$1], $1) }
        }
        var runs: [Run] = []
        for policy in policies {
            runs.append(try run(policy, test: test, order: order, options: options, staticBest: selection, models: models))
        }

        // Counts and per-block costs from the decisions.
        let spanSeconds = end - origin
        let blocks = BlockBootstrap.blockCount(spanSeconds: spanSeconds, blockSeconds: options.blockSeconds)
        var tallies: [Tally] = []
        var blockCosts: [[Double]] = []
        for run in runs {
            var tally = Tally()
            var costs = [Double](repeating: 0, count: blocks)
            for row in 0..<test.count {
                let decision = run.decisions[row]
                if decision == .excluded { continue }
                let admitted = decision == .admitted
                let failed = test.outcomes[row].isFailure
                tally.add(admitted: admitted, failed: failed, latencyMs: test.latenciesMs[row])
                let block = min(blocks - 1, Int(((test.timestamps[row] - origin) / options.blockSeconds).rounded(.down)))
                costs[block] += options.costs.cost(admitted: admitted, failed: failed, latencyMs: test.latenciesMs[row])
            }
            tallies.append(tally)
            blockCosts.append(costs)
        }
        let reference = policies.firstIndex(of: .staticBest)
        let hindsightIndex = policies.firstIndex(of: .hindsight)
        let intervals = BlockBootstrap.intervals(blockCosts: blockCosts, reference: reference,
                                                 resamples: options.resamples, seed: options.seed ^ 0x626f_6f74_7374_7270)
        let truth = IncidentGroundTruth(trace: test)
        let hours = max(spanSeconds, 1e-9) / 3600

        var results: [PolicyResult] = []
        for (index, policy) in policies.enumerated() {
            let tally = tallies[index]
            let cost = tally.cost(options.costs)
            let referenceCost = reference.map { tallies[$0].cost(options.costs) }
            var gapClosure: Double?
            if let referenceCost, let hindsightIndex {
                let denominator = referenceCost - tallies[hindsightIndex].cost(options.costs)
                if denominator != 0 { gapClosure = (referenceCost - cost) / denominator }
            }
            let figures = truth?.score(runs[index].timeline)
            results.append(PolicyResult(
                policy: policy.description, summary: runs[index].summary, clairvoyant: policy.isClairvoyant,
                configuration: runs[index].configuration,
                calls: tally.calls, sent: tally.sent, rejected: tally.rejected, failedSent: tally.failedSent,
                rejectedWouldFail: tally.rejectedWouldFail, falseRejects: tally.falseRejects,
                secondsOnFailedSent: tally.secondsOnFailedSent, totalCost: cost,
                totalCostCI95: intervals.totals[index],
                costDeltaVsStaticBest: referenceCost.map { cost - $0 },
                costDeltaCI95: intervals.differences?[index],
                gapClosure: gapClosure,
                incidents: figures?.incidents, detectionDelay: figures?.detectionDelay,
                recoveryDelay: figures?.recoveryDelay,
                trips: figures?.trips ?? runs[index].timeline.changes.reduce(0) { $0 + $1.filter(\.isTrip).count },
                falseTrips: figures?.falseTrips, falseTripsPerHealthyHour: figures?.falseTripsPerHealthyHour,
                stateChangesPerHour: Double(runs[index].timeline.count) / hours,
                decisionNanosecondsPerCall: runs[index].nanosecondsPerCall))
        }

        var result = BenchmarkResult(
            traces: files, costs: options.costs, seed: options.seed, blockSeconds: options.blockSeconds, blocks: blocks,
            resamples: options.resamples, hindsightBlockSeconds: options.hindsightBlockSeconds,
            testStart: origin, testEnd: end, excludedRejectedRows: excluded, incidents: truth?.incidents.count, incidentRuns: truth?.runs,
            healthyHours: truth.map { $0.healthySeconds / 3600 }, staticBest: selection, policies: results,
            notes: notes(policies: policies, options: options, selection: selection, test: test))
        let failures = test.outcomes.reduce(0) { $0 + ($1.isFailure ? 1 : 0) }
        if (truth?.incidents.count ?? 0) < Self.fewIncidents || failures < Self.fewFailures {
            result.notes.append("Small sample: the test trace holds \(truth.map { "\($0.incidents.count) incidents and " } ?? "")\(failures) failed calls. "
                                + "With fewer than \(Self.fewIncidents) incidents or \(Self.fewFailures) failures, differences between policies "
                                + "are a handful of calls and rest on one or two events: this comparison decides nothing.")
        }
        if let truth {
            result.incidentTimelines = IncidentTimeline.make(truth: truth, test: test, policyNames: results.map(\.policy),
                                                             timelines: runs.map(\.timeline))
        }
        var diagnostics: [ModelDiagnostics] = []
        for case .model(let path) in policies where !diagnostics.contains(where: { $0.policy == BenchmarkPolicy.model(path: path).description }) {
            guard case .logistic? = models[path] else { continue }  // ROC and calibration: probability models only
            diagnostics.append(ModelDiagnostics.make(policy: BenchmarkPolicy.model(path: path).description, path: path, test: test))
        }
        if !diagnostics.isEmpty { result.modelDiagnostics = diagnostics }
        return result
    }

    /// Ranks the grid on `train` (and, for the report only, on `validation`).
    static func chooseStaticBest(train: Trace, validation: Trace?, options: BenchmarkOptions) throws(BenchmarkError) -> StaticBestSelection {
        guard train.outcomes.contains(where: { $0 != .rejected }) else {
            throw BenchmarkError(.usage, "static-best needs a training trace with calls to replay; the training trace has none")
        }
        let ranking = try StaticGridSearch.rank(train, grid: options.grid, costs: options.costs, seed: options.seed)
        var selection = StaticBestSelection(
            chosen: ranking.best.settings, replaySettings: ranking.best.settings.replaySettings, grid: options.grid.summary,
            gridSize: ranking.candidates.count, trainCost: ranking.best.totalCost,
            topOnTrain: Array(ranking.candidates.prefix(5)))
        if let validation, validation.outcomes.contains(where: { $0 != .rejected }) {
            let onValidation = try StaticGridSearch.rank(validation, grid: options.grid, costs: options.costs, seed: options.seed)
            selection.validationRank = onValidation.rank(ofGridIndex: ranking.best.gridIndex)
            selection.validationCost = onValidation.candidates.first { $0.gridIndex == ranking.best.gridIndex }?.totalCost
            selection.bestValidationCost = onValidation.best.totalCost
        }
        return selection
    }

    /// Below this many incidents (or ``fewFailures`` failed calls) in the test trace, the
    /// result carries a small-sample warning.
    static let fewIncidents = 10
    /// See ``fewIncidents``.
    static let fewFailures = 200

    /// Replays or computes one policy on the test trace.
    static func run(_ policy: BenchmarkPolicy, test: Trace, order: [Int], options: BenchmarkOptions,
                    staticBest: StaticBestSelection?, models: [String: ReplayPolicy]) throws(BenchmarkError) -> Run {
        func stateless(_ summary: String, _ make: () throws(BenchmarkError) -> [ReplayDecision]) throws(BenchmarkError) -> Run {
            let started = ContinuousClock.now
            let decisions = try make()
            let elapsed = ContinuousClock.now - started
            let calls = decisions.reduce(0) { $0 + ($1 == .excluded ? 0 : 1) }
            return Run(decisions: decisions, timeline: PolicyTimeline(decisions: decisions, trace: test, order: order),
                       nanosecondsPerCall: calls == 0 ? 0 : nanoseconds(elapsed) / Double(calls),
                       configuration: nil, summary: summary)
        }
        func breaker(_ settings: StaticBreakerSettings, _ replayPolicy: ReplayPolicy, _ summary: String,
                     reportConfiguration: Bool = true) throws(BenchmarkError) -> Run {
            let replay: ReplayResult
            do {
                replay = try TraceReplay.run(test, configuration: settings.configuration, policy: replayPolicy,
                                             seed: options.seed, options: ReplayOptions(recordsDecisions: true))
            } catch {
                throw BenchmarkError(.data, "policy '\(policy)': \(error.message)")
            }
            let decisions = replay.decisions ?? []
            let timeline = reportConfiguration
                ? PolicyTimeline(replay: replay, trace: test)
                : PolicyTimeline(decisions: decisions, trace: test, order: order)
            return Run(decisions: decisions, timeline: timeline, nanosecondsPerCall: replay.nanosecondsPerCall,
                       configuration: reportConfiguration ? settings : nil, summary: summary)
        }
        switch policy {
        case .never:
            return try stateless("no breaker: every call admitted") {
                test.outcomes.map { $0 == .rejected ? .excluded : .admitted }
            }
        case .oracle:
            return try stateless("clairvoyant reference: rejects exactly the calls with healthy = 0") { () throws(BenchmarkError) in
                try ClairvoyantBaselines.oracle(test)
            }
        case .hindsight:
            let rule = options.costs == BenchmarkCosts() ? "more of them fail than succeed" : "admitting them costs more than refusing them"
            return try stateless("clairvoyant reference: rejects a target's \(StaticBreakerSettings.number(options.hindsightBlockSeconds)) s "
                                 + "block of calls exactly when \(rule)") {
                ClairvoyantBaselines.hindsight(test, costs: options.costs, blockSeconds: options.hindsightBlockSeconds)
            }
        case .resilience4jDefault:
            return try breaker(.resilience4jDefaults, .static, "static breaker, resilience4j defaults")
        case .hystrixDefault:
            return try breaker(.hystrixDefaults, .static, "static breaker, Hystrix defaults mapped")
        case .staticBest:
            let chosen = try require(staticBest).chosen
            return try breaker(chosen, .static, "static breaker, cheapest of the grid on the training trace")
        case .sre(let k):
            return try breaker(.resilience4jDefaults, .sre(multiplier: k),
                               "Google SRE adaptive throttling, K = \(StaticBreakerSettings.number(k)), 120 s window, "
                               + "rejection probability ≤ 0.9 (never opens)", reportConfiguration: false)
        case .consecutive(let n):
            let chosen = try require(staticBest).chosen
            return try breaker(chosen, .consecutive(threshold: n),
                               "trips after \(n) consecutive failures; open wait and trial calls of static-best")
        case .model(let path):
            guard let replayPolicy = models[path] else { throw BenchmarkError(.usage, "policy 'model:\(path)': model not loaded") }
            let chosen = try require(staticBest).chosen
            switch replayPolicy {
            case .bandit(let model):
                return try breaker(chosen, replayPolicy,
                                   "bandit model (\(model.arms.count) arms, \(StaticBreakerSettings.number(Double(model.episodeNanoseconds) / 1e9)) s episodes"
                                   + (model.epsilon > 0 ? ", exploring with ε = \(StaticBreakerSettings.number(model.epsilon))" : "")
                                   + "); trial calls of static-best", reportConfiguration: false)
            case .logistic(let model):
                return try breaker(chosen, replayPolicy,
                                   "logistic model (\(model.featureSet.id), trips when p(fail) > τ = \(String(format: "%.4f", model.threshold))); "
                                   + "open wait, trial calls and slow-call duration of static-best")
            case .qtable:
                return try breaker(chosen, replayPolicy, "Q-table (\(QStateSpace.id)): trips, closes and reopens by learned action values; "
                                   + "open wait and trial calls of static-best")
            default:
                return try breaker(chosen, replayPolicy, "model")
            }
        }
    }

    private static func require(_ selection: StaticBestSelection?) throws(BenchmarkError) -> StaticBestSelection {
        guard let selection else { throw BenchmarkError(.usage, "static-best was not chosen") }
        return selection
    }

    static func nanoseconds(_ duration: Duration) -> Double {
        duration.secondsAsDouble * 1e9
    }

    static func notes(policies: [BenchmarkPolicy], options: BenchmarkOptions, selection: StaticBestSelection?,
                      test: Trace) -> [String] {
        let hasHealthy = test.healthy != nil
        var notes = [
            "Refused calls are scored with their recorded outcome as the counterfactual: valid for traces recorded without a breaker.",
            "Intervals: 95 % percentile intervals of a paired block bootstrap (\(StaticBreakerSettings.number(options.blockSeconds)) s blocks "
                + "of the test trace, \(options.resamples) replicates, every policy summed over the same drawn blocks).",
        ]
        if policies.contains(where: \.isClairvoyant) {
            notes.append("oracle and hindsight see the future (ground truth, or the outcomes of the calls they decide): references, not deployable policies.")
        }
        if policies.contains(.hindsight) {
            notes.append("hindsight is the cheapest policy that decides each target's block as a whole; a causal breaker can beat it "
                         + "inside a block by switching mid-block, so it is a practical floor, not a strict one.")
        }
        if policies.contains(where: { if case .model = $0 { return true } else { return false } }) {
            notes.append("Model breakers run with static-best's trial calls (and, for logistic models and Q-tables, its open wait). "
                         + "Their features see only the calls the breaker admits, and count a failure as a timeout by its latency, "
                         + "in training and serving alike.")
        }
        if policies.contains(where: { if case .sre = $0 { return true } else { return false } }) {
            notes.append("sre:K never opens: its trips and state changes are runs of shed calls (a run starts at a shed call and ends at the next admitted one).")
        }
        if !hasHealthy {
            notes.append("The test trace has no 'healthy' column: incident, detection, recovery and false-trip figures are not available.")
        }
        return notes
    }
}

/// Counts of one policy's decisions.
struct Tally {
    var calls = 0
    var sent = 0
    var rejected = 0
    var failedSent = 0
    var rejectedWouldFail = 0
    var falseRejects = 0
    var secondsOnFailedSent = 0.0

    mutating func add(admitted: Bool, failed: Bool, latencyMs: Double) {
        calls += 1
        if admitted {
            sent += 1
            if failed {
                failedSent += 1
                secondsOnFailedSent += latencyMs / 1000
            }
        } else {
            rejected += 1
            if failed { rejectedWouldFail += 1 } else { falseRejects += 1 }
        }
    }

    func cost(_ costs: BenchmarkCosts) -> Double {
        costs.total(failedSent: failedSent, falseRejects: falseRejects, secondsOnFailedSent: secondsOnFailedSent)
    }
}
