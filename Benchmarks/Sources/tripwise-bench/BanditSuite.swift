import BreakerCore
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// Bandits and Q-tables: the per-call cost of a breaker running the committed bandit model
/// (`models/bandit-thompson.json`) and Q-table (`models/qtable.json`), against DESIGN.md's
/// target (≤ 3 × one `ContinuousClock.now` per acquire+record, as for the logistic policy), and
/// training throughput of each bandit algorithm in episodes per second.
///
/// The policy rows run `--iterations` operations per run like `core` (the same loop: acquire,
/// then success, or failure every tenth call, on `SystemClock`). The training rows play a
/// seeded problem of ``trainingEpisodes`` episodes × 12 arms × 11 context dimensions (10
/// features and the intercept; rewards linear in the context plus noise) per run, whatever
/// `--iterations` says, and report nanoseconds per episode.
struct BanditSuite: BenchmarkSuite {
    let name = "bandit"
    let summary = "bandit policy inside a breaker (× clock.now) and LinUCB / Thompson / ε-greedy training (episodes/s)"
    let defaultIterations = 3_000_000

    static let trainingEpisodes = 20_000
    static let policyRow = "breaker.acquire+record (bandit policy)"
    static let qtableRow = "breaker.acquire+record (Q-table policy)"
    static let qtablePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/qtable.json").path
    static let policyLimit = 3.0
    static let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/bandit-thompson.json").path

    func run(_ harness: Harness) throws -> SuiteReport {
        let core = CoreSuite()
        let model = try BanditModel(BanditModelFile.load(path: Self.modelPath))
        let policyRows = [
            core.clockNow(),
            try core.acquireRecord(CoreSuite.acquireRecord),
            try core.acquireRecord(Self.policyRow, policy: BanditPolicy(model: model)),
            try core.acquireRecord(Self.qtableRow, policy: QTablePolicy(table: QTable(QTableModelFile.load(path: Self.qtablePath)))),
        ]
        let measured = try harness.measure(policyRows)
        let baseline = measured.first { $0.name == CoreSuite.baseline }
        var results = measured.map { SuiteReport.Result($0, baseline: baseline) }
        var targets: [SuiteReport.Target] = []
        for name in [Self.policyRow, Self.qtableRow] {
            guard let baseline, let row = measured.first(where: { $0.name == name }) else { continue }
            let ratio = row.median / baseline.median
            targets.append(SuiteReport.Target(name: name, limitRatio: Self.policyLimit, ratio: ratio.rounded(toPlaces: 3),
                                              source: "× \(CoreSuite.baseline)", met: ratio <= Self.policyLimit))
        }
        var training = harness
        training.iterations = Self.trainingEpisodes
        let dataset = try Self.problem(episodes: Self.trainingEpisodes)
        let trainingRows = BanditAlgorithm.allCases.map { algorithm in
            Benchmark.singleThreaded("bandit.train \(algorithm.rawValue) (per episode)") { _ in
                var options = BanditTrainer.Options()
                options.algorithm = algorithm
                blackHole(try! BanditTrainer.train(dataset, options: options).reward)
            }
        }
        for measurement in try training.measure(trainingRows) {
            var row = SuiteReport.Result(measurement, baseline: nil)
            row.throughputOperationsPerSecond = (1e9 / measurement.median).rounded()
            results.append(row)
        }
        return SuiteReport(suite: name, runs: harness.runs, iterations: harness.iterations, results: results, targets: targets,
                           notes: ["baseline: clock.now = one ContinuousClock.now read passed to an @inline(never) blackHole",
                                   "bandit.train rows: ns per episode over \(Self.trainingEpisodes) episodes × 12 arms × 11 dimensions; "
                                   + "the ops/s column is episodes per second"])
    }

    /// A seeded linear problem: 12 arms whose rewards are linear in 10 standard-normal features, plus noise.
    static func problem(episodes: Int) throws -> BanditDataset {
        var random = TraceRandom(seed: 17)
        let arms = 12, features = 10
        let truth = (0..<arms).map { _ in (0...features).map { _ in random.normal() } }
        var x: [Double] = []
        var rewards: [Double] = []
        x.reserveCapacity(episodes * features)
        rewards.reserveCapacity(episodes * arms)
        for _ in 0..<episodes {
            let context = (0..<features).map { _ in random.normal() }
            x += context
            for arm in truth {
                rewards.append(zip(arm, context + [1]).reduce(0) { $0 + $1.0 * $1.1 } + random.normal())
            }
        }
        return try BanditDataset(features: x, featureCount: features, rewards: rewards, arms: arms)
    }
}
