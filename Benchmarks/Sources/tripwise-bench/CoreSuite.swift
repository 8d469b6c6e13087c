import BreakerCore
import BreakerInference
import Foundation
import Synchronization

/// The breaker's per-call cost against one `ContinuousClock.now` read, the DESIGN.md
/// baseline: acquire + record must stay within 2 × the clock read.
///
/// Every breaker row uses a real breaker with a count-based window of 100 and the default
/// minimum of 100 calls, so after the warm-up the policy evaluates the rates on every
/// outcome. One call in ten fails (10 %, below the 50 % threshold), so the breaker never trips
/// but the failure path is part of the cost; each row checks afterwards that its breaker is
/// still CLOSED and rejected nothing.
struct CoreSuite: BenchmarkSuite {
    let name = "core"
    let summary = "breaker acquire/record/execute cost vs. one ContinuousClock.now read"
    let defaultIterations = 3_000_000

    /// The baseline row every ratio divides by.
    static let baseline = "clock.now"
    /// The row the DESIGN.md ratio target applies to, and its limit.
    static let acquireRecord = "breaker.acquire+record"
    static let acquireRecordLimit = 2.0
    /// The protected no-op call and resilience4j's figure for the same loop on this machine.
    static let executeNoOp = "breaker.execute(no-op)"
    static let resilience4jExecuteNanoseconds = 62.0
    /// The learned-policy row and its DESIGN.md limit (× clock.now).
    static let acquireRecordLogistic = "breaker.acquire+record (logistic policy)"
    static let acquireRecordLogisticLimit = 3.0
    /// The committed model the learned-policy row runs, relative to the repository root.
    static let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/logistic-next-call.json").path

    func run(_ harness: Harness) throws -> SuiteReport {
        let measurements = try harness.measure(try benchmarks())
        let baseline = measurements.first { $0.name == Self.baseline }
        let results = measurements.map { SuiteReport.Result($0, baseline: baseline) }
        var targets: [SuiteReport.Target] = []
        if let baseline, let row = measurements.first(where: { $0.name == Self.acquireRecord }) {
            let ratio = row.median / baseline.median
            targets.append(SuiteReport.Target(
                name: Self.acquireRecord, limitRatio: Self.acquireRecordLimit,
                ratio: ratio.rounded(toPlaces: 3), source: "× \(Self.baseline)",
                met: ratio <= Self.acquireRecordLimit))
        }
        if let baseline, let row = measurements.first(where: { $0.name == Self.acquireRecordLogistic }) {
            let ratio = row.median / baseline.median
            targets.append(SuiteReport.Target(
                name: Self.acquireRecordLogistic, limitRatio: Self.acquireRecordLogisticLimit,
                ratio: ratio.rounded(toPlaces: 3), source: "× \(Self.baseline)",
                met: ratio <= Self.acquireRecordLogisticLimit))
        }
        if let row = measurements.first(where: { $0.name == Self.executeNoOp }) {
            targets.append(SuiteReport.Target(
                name: Self.executeNoOp, limitNanoseconds: Self.resilience4jExecuteNanoseconds,
                medianNanoseconds: row.median.rounded(toPlaces: 2),
                source: "resilience4j's same loop on this machine, DESIGN.md",
                met: row.median <= Self.resilience4jExecuteNanoseconds))
        }
        return SuiteReport(
            suite: name, runs: harness.runs, iterations: harness.iterations,
            results: results, targets: targets,
            notes: ["baseline: clock.now = one ContinuousClock.now read passed to an @inline(never) blackHole"])
    }

    /// The rows, in report order.
    func benchmarks() throws -> [Benchmark] {
        [
            clockNow(),
            mutexLock(),
            try acquireRecord(Self.acquireRecord),
            try acquireRecordTwoThreads(),
            try permitRecord(),
            try executeNoOp(),
            try acquireRecord("breaker.acquire+record (consecutive policy)",
                              policy: ConsecutiveFailuresPolicy(threshold: 5)),
            try acquireRecord("breaker.acquire+record (successes only)", failureMix: false),
            try acquireRecord(Self.acquireRecordLogistic, policy: logisticPolicy()),
            try logisticFeaturesAlone(),
        ]
    }

    /// The committed next-call model as a live policy (one feature update and one dot product per outcome).
    func logisticPolicy() throws -> LogisticPolicy {
        let file = try LogisticModelFile.load(path: Self.modelPath)
        return LogisticPolicy(model: try LogisticModel(file))
    }
}

// MARK: - Rows

extension CoreSuite {
    /// One `ContinuousClock.now` read: the unit every ratio is expressed in.
    func clockNow() -> Benchmark {
        .singleThreaded(Self.baseline) { n in
            let clock = ContinuousClock()
            repeatOperation(n) { _ in blackHole(clock.now) }
        }
    }

    /// The learned part of the logistic row without a breaker: one extractor update, the
    /// features and the logit per call.
    func logisticFeaturesAlone() throws -> Benchmark {
        let model = try LogisticModel(LogisticModelFile.load(path: Self.modelPath))
        return .singleThreaded("logistic extractor update + features + logit (no breaker)") { n in
            var extractor = model.makeExtractor()
            var trips = 0
            repeatOperation(n) { i in
                extractor.recordOutcome(failed: i % 10 == 9, latencyMs: 1)
                if model.logit(extractor.features()) > model.thresholdLogit { trips += 1 }
            }
            blackHole(trips)
        }
    }

    /// One uncontended `Mutex<Int>` increment: the floor of anything that takes the breaker's lock.
    func mutexLock() -> Benchmark {
        let counter = Counter()
        return .singleThreaded("mutex.lock") { n in
            repeatOperation(n) { _ in counter.value.withLock { $0 &+= 1 } }
        }
    }

    /// `tryAcquirePermission()` then `onSuccess(duration:)`, or `onError` every tenth call
    /// when `failureMix` is set.
    func acquireRecord(_ name: String, policy: any TripPolicy = ThresholdPolicy(),
                       failureMix: Bool = true) throws -> Benchmark {
        let breaker = try makeBreaker(name, policy: policy)
        let rejected = Counter()
        return .singleThreaded(name, check: { verify(breaker, rejected: rejected) }) { n in
            let duration = Duration.milliseconds(1)
            let failure: any Error = SimulatedFailure()
            repeatOperation(n) { i in
                if breaker.tryAcquirePermission() {
                    if failureMix && i % 10 == 9 {
                        breaker.onError(failure, duration: duration)
                    } else {
                        breaker.onSuccess(duration: duration)
                    }
                } else {
                    rejected.increment()
                }
            }
        }
    }

    /// The acquire+record row from two threads hammering one breaker; wall-clock time per
    /// operation over both threads' operations.
    func acquireRecordTwoThreads() throws -> Benchmark {
        let breaker = try makeBreaker("acquire+record, 2 threads")
        let rejected = Counter()
        return .multiThreaded("breaker.acquire+record (2 threads)", threads: 2,
                              check: { verify(breaker, rejected: rejected) }) { n in
            let duration = Duration.milliseconds(1)
            let failure: any Error = SimulatedFailure()
            repeatOperation(n) { i in
                if breaker.tryAcquirePermission() {
                    if i % 10 == 9 {
                        breaker.onError(failure, duration: duration)
                    } else {
                        breaker.onSuccess(duration: duration)
                    }
                } else {
                    rejected.increment()
                }
            }
        }
    }

    /// `acquirePermit()` then `onSuccess(permit, duration:)` (or `onError(permit, ...)` every tenth call).
    func permitRecord() throws -> Benchmark {
        let breaker = try makeBreaker("permit+record")
        let rejected = Counter()
        return .singleThreaded("breaker.permit+record", check: { verify(breaker, rejected: rejected) }) { n in
            let duration = Duration.milliseconds(1)
            let failure: any Error = SimulatedFailure()
            repeatOperation(n) { i in
                do {
                    let permit = try breaker.acquirePermit()
                    if i % 10 == 9 {
                        breaker.onError(permit, failure, duration: duration)
                    } else {
                        breaker.onSuccess(permit, duration: duration)
                    }
                } catch {
                    rejected.increment()
                }
            }
        }
    }

    /// The whole protected no-op call: acquire, two clock reads around the call, record.
    func executeNoOp() throws -> Benchmark {
        let breaker = try makeBreaker("execute")
        let rejected = Counter()
        return .singleThreaded(Self.executeNoOp, check: { verify(breaker, rejected: rejected) }) { n in
            repeatOperation(n) { _ in
                do {
                    try breaker.execute { blackHole(0) }
                } catch {
                    rejected.increment()
                }
            }
        }
    }
}

// MARK: - Fixtures

extension CoreSuite {
    /// A breaker on `SystemClock` with a count-based window of 100 (resilience4j's defaults
    /// otherwise: 50 % failure threshold, minimum 100 calls), never tripped by a 10 % failure mix.
    func makeBreaker(_ name: String, policy: any TripPolicy = ThresholdPolicy()) throws -> CircuitBreaker {
        var configuration = BreakerConfiguration()
        configuration.slidingWindow = .countBased(size: 100)
        configuration.minimumNumberOfCalls = 100
        configuration.failureRateThreshold = 50
        return try CircuitBreaker(name: name, configuration: configuration, policy: policy, clock: SystemClock())
    }

    /// Nil if `breaker` stayed CLOSED and admitted every call, else what went wrong.
    func verify(_ breaker: CircuitBreaker, rejected: Counter) -> String? {
        let metrics = breaker.metrics
        if breaker.state != .closed { return "the breaker left CLOSED (now \(breaker.state))" }
        let refused = rejected.value.withLock { $0 }
        if refused > 0 || metrics.notPermittedCalls > 0 {
            return "\(Swift.max(refused, metrics.notPermittedCalls)) calls were rejected"
        }
        return nil
    }
}

/// A lock-protected count shared with the benchmark closures.
final class Counter: Sendable {
    let value = Mutex<Int>(0)

    func increment() {
        value.withLock { $0 &+= 1 }
    }
}

/// The error recorded as a failure by the failure mix.
struct SimulatedFailure: Error {}
