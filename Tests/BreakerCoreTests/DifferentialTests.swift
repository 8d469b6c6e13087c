import Foundation
import Testing
@testable import BreakerCore

// Randomized differential test: `CircuitBreaker` against `ReferenceBreaker`, the oracle written
// from `shared/spec/breaker-scenarios.md`. Every seed draws a valid configuration and a sequence of
// operations; after every operation the state, the full metrics tuple and (for acquires) the
// permission must agree. A failing seed is replayed, shrunk to a short operation list, and printed
// with its configuration, the operation log and both sides, so it can be reproduced with
// `DifferentialTests.replay(seed:)`, or rerun with `DIFFERENTIAL_FIRST_SEED=<seed> DIFFERENTIAL_SEEDS=1`.

private struct DiffRecordedError: Error {}
private struct DiffIgnoredError: Error {}

// MARK: - Operations

/// How a call ends: `S`, `F`, `X` (ignored error) or a bare release.
enum DiffOutcome: CaseIterable, CustomStringConvertible {
    case success, failure, ignored, release

    var description: String {
        switch self {
        case .success: "S"
        case .failure: "F"
        case .ignored: "X"
        case .release: "release"
        }
    }
}

/// One step of a scenario, with every random choice already made, so a list replays exactly.
enum DiffOp: CustomStringConvertible {
    /// `tryAcquirePermission()`; if granted, the call is pending under `call`.
    case acquire(call: Int)
    /// The pending call `call` ends with `outcome` after `milliseconds` (skipped if it is not pending).
    case report(call: Int, DiffOutcome, milliseconds: Int64)
    /// `onSuccess`/`onError`/`releasePermission` without a preceding acquire.
    case bare(DiffOutcome, milliseconds: Int64)
    case advance(milliseconds: Int64)
    case transition(CircuitState)
    case reset
    /// Reads `state` then `metrics` (every step is compared anyway).
    case read

    var description: String {
        switch self {
        case .acquire(let call): "acquire(c\(call))"
        case .report(let call, let outcome, let ms): "report(c\(call), \(outcome), \(ms)ms)"
        case .bare(let outcome, let ms): "bare(\(outcome), \(ms)ms)"
        case .advance(let ms): "advance(\(ms)ms)"
        case .transition(let target): "transition(to: .\(target.rawValue))"
        case .reset: "reset()"
        case .read: "read"
        }
    }

    /// A coarse name for grouping mismatches.
    var kind: String {
        switch self {
        case .acquire: "acquire"
        case .report(_, let outcome, _): "report \(outcome)"
        case .bare(let outcome, _): "bare \(outcome)"
        case .advance: "advance"
        case .transition(let target): "transition to \(target)"
        case .reset: "reset"
        case .read: "read"
        }
    }
}

/// A disagreement between the core and the oracle after one operation.
struct DiffMismatch {
    var step: Int
    var op: DiffOp
    var stateBefore: CircuitState
    var fields: [String]
    var log: [String]
    var detail: String

    /// The kind of mismatch: the operation, the state it ran in, and the first field that differs
    /// (acquire result or transition legality first, then state, then the metrics).
    var signature: String { "\(op.kind) in \(stateBefore): \(fields.first ?? "?")" }
}

// MARK: - Harness

/// Drives one `CircuitBreaker` and one `ReferenceBreaker` in lockstep.
struct DifferentialHarness {
    let configuration: ReferenceBreaker.Configuration
    let clock = ManualClock()
    let breaker: CircuitBreaker
    var reference: ReferenceBreaker
    var pending: [Int] = []
    var log: [String] = []
    /// How often interesting situations occurred (automatic transitions, overlapping outcomes, …).
    var coverage: [String: Int] = [:]

    init(configuration: ReferenceBreaker.Configuration) {
        self.configuration = configuration
        var config = BreakerConfiguration()
        config.failureRateThreshold = configuration.failureRateThreshold
        config.slowCallRateThreshold = configuration.slowCallRateThreshold
        config.slowCallDurationThreshold = .milliseconds(configuration.slowCallDurationMilliseconds)
        switch configuration.window {
        case .count(let size): config.slidingWindow = .countBased(size: size)
        case .time(let seconds): config.slidingWindow = .timeBased(seconds: seconds)
        }
        config.minimumNumberOfCalls = configuration.minimumNumberOfCalls
        config.waitDurationInOpenState = .milliseconds(configuration.waitMilliseconds)
        config.openStateBackoff = .constant
        config.permittedCallsInHalfOpenState = configuration.permittedCallsInHalfOpenState
        config.maxWaitDurationInHalfOpenState = .zero
        config.classifyError = { $0 is DiffIgnoredError ? .ignore : .failure }
        do {
            breaker = try CircuitBreaker(name: "diff", configuration: config, clock: clock)
        } catch {
            fatalError("the generator drew an invalid configuration: \(error) for \(configuration)")
        }
        reference = ReferenceBreaker(configuration: configuration)
    }

    /// Whether `op` can run now; ops that became meaningless after shrinking, and recording into
    /// the zero-size window (undefined in resilience4j), are skipped.
    func isApplicable(_ op: DiffOp) -> Bool {
        switch op {
        case .report(let call, let outcome, _):
            guard pending.contains(call) else { return false }
            return !(outcome.records && reference.wouldRecordIntoZeroSizeWindow)
        case .bare(let outcome, _):
            return !(outcome.records && reference.wouldRecordIntoZeroSizeWindow)
        default:
            return true
        }
    }

    /// Runs `op` on both sides and compares; returns the mismatch, if any.
    mutating func apply(_ op: DiffOp, step: Int) -> DiffMismatch? {
        let stateBefore = reference.state
        let notPermittedBefore = reference.snapshot.notPermittedCalls
        var fields: [String] = []
        var extra = ""
        switch op {
        case .acquire(let call):
            let expected = reference.tryAcquirePermission()
            let actual = breaker.tryAcquirePermission()
            if expected != actual { fields.append("acquire"); extra = "acquire: reference \(expected), core \(actual)" }
            if expected && actual { pending.append(call) }
            extra = extra.isEmpty ? "-> \(actual)" : extra
        case .report(let call, let outcome, let ms):
            pending.removeAll { $0 == call }
            deliver(outcome, ms)
        case .bare(let outcome, let ms):
            deliver(outcome, ms)
        case .advance(let ms):
            clock.advance(by: .milliseconds(ms))
            reference.advance(byMilliseconds: ms)
        case .transition(let target):
            let expected = reference.transition(to: target)
            var actual = true
            do { try breaker.transition(to: target) } catch { actual = false }
            if expected != actual {
                fields.append("transition legality")
                extra = "legal: reference \(expected), core \(actual)"
            } else {
                extra = actual ? "ok" : "illegal (threw)"
            }
        case .reset:
            reference.reset()
            breaker.reset()
        case .read:
            break
        }
        let coreState = breaker.state
        let core = breaker.metrics
        let expected = reference.snapshot
        if coreState != reference.state { fields.append("state") }
        let actual = ReferenceBreaker.Snapshot(
            failureRate: core.failureRate, slowCallRate: core.slowCallRate, bufferedCalls: core.bufferedCalls,
            failedCalls: core.failedCalls, successfulCalls: core.successfulCalls, slowCalls: core.slowCalls,
            notPermittedCalls: core.notPermittedCalls)
        for (name, e, a) in [
            ("failureRate", "\(expected.failureRate)", "\(actual.failureRate)"),
            ("slowCallRate", "\(expected.slowCallRate)", "\(actual.slowCallRate)"),
            ("bufferedCalls", "\(expected.bufferedCalls)", "\(actual.bufferedCalls)"),
            ("failedCalls", "\(expected.failedCalls)", "\(actual.failedCalls)"),
            ("successfulCalls", "\(expected.successfulCalls)", "\(actual.successfulCalls)"),
            ("slowCalls", "\(expected.slowCalls)", "\(actual.slowCalls)"),
            ("notPermittedCalls", "\(expected.notPermittedCalls)", "\(actual.notPermittedCalls)"),
        ] where e != a {
            fields.append(name)
        }
        noteCoverage(op, before: stateBefore, notPermittedBefore: notPermittedBefore)
        let line = "#\(step) t=\(reference.now)ms \(op) \(extra) => ref \(reference.state) \(expected)"
        log.append(line)
        guard !fields.isEmpty else { return nil }
        let detail = """
            mismatch in \(fields.joined(separator: ", ")) after step #\(step) \(op) (state before: \(stateBefore))
              reference: \(reference.state) \(expected)
              core:      \(coreState) \(actual)\(extra.isEmpty ? "" : "\n  " + extra)
            """
        return DiffMismatch(step: step, op: op, stateBefore: stateBefore, fields: fields, log: log, detail: detail)
    }

    private mutating func noteCoverage(_ op: DiffOp, before: CircuitState, notPermittedBefore: Int) {
        let after = reference.state
        switch op {
        case .acquire, .report, .bare:
            if before != after { coverage["automatic \(before)->\(after)", default: 0] += 1 }
        default: break
        }
        switch op {
        case .report(_, let outcome, _) where outcome.records && before == .open,
             .bare(let outcome, _) where outcome.records && before == .open:
            coverage["outcome recorded in OPEN", default: 0] += 1
        case .acquire where before == .open && reference.now == reference.openDeadline:
            coverage["acquire exactly at the open deadline", default: 0] += 1
        case .acquire where before == .halfOpen && reference.snapshot.notPermittedCalls > notPermittedBefore:
            coverage["half-open acquire rejected", default: 0] += 1
        case .transition(let target) where target == before:
            coverage["self-transition", default: 0] += 1
        default: break
        }
        if after == .halfOpen && reference.halfOpenPermits > configuration.permittedCallsInHalfOpenState {
            coverage["half-open permits above permitted", default: 0] += 1
        }
        if reference.snapshot.failureRate >= 0 { coverage["rates computed", default: 0] += 1 }
    }

    private mutating func deliver(_ outcome: DiffOutcome, _ ms: Int64) {
        switch outcome {
        case .success:
            reference.onSuccess(durationMilliseconds: ms)
            breaker.onSuccess(duration: .milliseconds(ms))
        case .failure:
            reference.onFailure(durationMilliseconds: ms)
            breaker.onError(DiffRecordedError(), duration: .milliseconds(ms))
        case .ignored:
            reference.onIgnoredError()
            breaker.onError(DiffIgnoredError(), duration: .milliseconds(ms))
        case .release:
            reference.releasePermission()
            breaker.releasePermission()
        }
    }

    /// Replays `ops` from a fresh pair; returns the first mismatch.
    static func run(_ configuration: ReferenceBreaker.Configuration, _ ops: [DiffOp]) -> DiffMismatch? {
        var harness = DifferentialHarness(configuration: configuration)
        for (index, op) in ops.enumerated() where harness.isApplicable(op) {
            if let mismatch = harness.apply(op, step: index) { return mismatch }
        }
        return nil
    }
}

extension DiffOutcome {
    /// Whether the outcome is recorded (S and F) rather than released (X and release).
    var records: Bool { self == .success || self == .failure }
}

// MARK: - Generation

/// Draws configurations and operations from a seeded SplitMix64 (`SeededRandom`).
struct DifferentialGenerator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &random) }
    mutating func chance(_ p: Double) -> Bool { random.nextUnitInterval() < p }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    static let thresholds: [Double] = [10, 25, 33.3, 50, 66.7, 100]

    mutating func configuration() -> ReferenceBreaker.Configuration {
        let window: ReferenceBreaker.Configuration.Window =
            chance(0.5) ? .count(size: int(1...10)) : .time(seconds: int(1...5))
        let slow: Int64 = chance(0.5) ? Int64(int(1...3)) * 1000 : int64(1000...3000)
        let wait: Int64 = chance(0.5) ? Int64(int(1...10)) * 500 : int64(500...5000)
        return ReferenceBreaker.Configuration(
            failureRateThreshold: pick(Self.thresholds),
            slowCallRateThreshold: pick(Self.thresholds),
            slowCallDurationMilliseconds: slow,
            window: window,
            minimumNumberOfCalls: int(1...12),
            waitMilliseconds: wait,
            permittedCallsInHalfOpenState: int(1...5))
    }

    mutating func duration(slowThreshold: Int64) -> Int64 {
        switch int(0...9) {
        case 0: slowThreshold
        case 1: slowThreshold + 1
        case 2: 0
        default: int64(0...4000)
        }
    }

    mutating func outcome(failureBias: Double) -> DiffOutcome {
        let roll = random.nextUnitInterval()
        if roll < 0.08 { return .ignored }
        if roll < 0.13 { return .release }
        return chance(failureBias) ? .failure : .success
    }

    /// The next operation for the harness's current situation.
    mutating func op(for harness: DifferentialHarness, nextCall: inout Int, failureBias: Double) -> DiffOp {
        let reference = harness.reference
        let slowThreshold = harness.configuration.slowCallDurationMilliseconds
        while true {
            let roll = int(0...99)
            let candidate: DiffOp
            switch roll {
            case 0..<27:
                candidate = .acquire(call: nextCall)
            case 27..<49:
                guard !harness.pending.isEmpty else { continue }
                // Mostly the oldest pending calls, sometimes any: some calls stay pending for long.
                let index = chance(0.6) ? 0 : int(0...harness.pending.count - 1)
                candidate = .report(call: harness.pending[index], outcome(failureBias: failureBias),
                                    milliseconds: duration(slowThreshold: slowThreshold))
            case 49..<56:
                candidate = .bare(outcome(failureBias: failureBias), milliseconds: duration(slowThreshold: slowThreshold))
            case 56..<80:
                candidate = .advance(milliseconds: int64(0...3000))
            case 80..<88:
                // Boundaries: the open deadline (exactly, and one past), the next whole second,
                // and the instant the oldest live call of a time window is evicted.
                var targets: [Int64] = [(reference.now / 1000 + 1) * 1000]
                if reference.state == .open {
                    targets += [reference.openDeadline, reference.openDeadline + 1]
                }
                if case .time(let size) = harness.configuration.window,
                   let oldest = reference.metricsObject.live(now: reference.now).first {
                    targets.append((ReferenceBreaker.floorSecond(oldest.atMilliseconds) + Int64(size)) * 1000)
                }
                let target = pick(targets)
                candidate = .advance(milliseconds: max(0, target - reference.now))
            case 88..<95:
                candidate = .transition(pick([.closed, .closed, .open, .open, .open, .halfOpen, .halfOpen,
                                              .halfOpen, .disabled, .forcedOpen, .metricsOnly]))
            case 95..<97:
                candidate = .reset
            default:
                candidate = .read
            }
            guard harness.isApplicable(candidate) else { continue }
            if case .acquire = candidate { nextCall += 1 }
            return candidate
        }
    }

    /// Generates and runs one scenario of `count` operations; returns the ops that ran and the
    /// first mismatch, if any.
    static func scenario(seed: UInt64, count: Int)
        -> (ReferenceBreaker.Configuration, [DiffOp], DiffMismatch?, [String: Int]) {
        var generator = DifferentialGenerator(seed: seed)
        let configuration = generator.configuration()
        let failureBias = 0.15 + 0.6 * generator.random.nextUnitInterval()
        var harness = DifferentialHarness(configuration: configuration)
        var ops: [DiffOp] = []
        var nextCall = 0
        for step in 0..<count {
            let op = generator.op(for: harness, nextCall: &nextCall, failureBias: failureBias)
            ops.append(op)
            if let mismatch = harness.apply(op, step: step) { return (configuration, ops, mismatch, harness.coverage) }
            harness.coverage["steps ending in \(harness.reference.state)", default: 0] += 1
        }
        return (configuration, ops, nil, harness.coverage)
    }
}

// MARK: - Shrinking

/// Shrinks a failing operation list while the *same kind* of mismatch (``DiffMismatch/signature``)
/// remains: first reports of acquired calls become bare outcomes where that keeps the mismatch,
/// then chunks of operations are removed greedily.
func shrinkDifferential(_ configuration: ReferenceBreaker.Configuration, _ ops: [DiffOp],
                        signature: String, budget: Int = 3000) -> [DiffOp] {
    var runs = 0
    func failing(_ candidate: [DiffOp]) -> [DiffOp]? {
        runs += 1
        guard let m = DifferentialHarness.run(configuration, candidate), m.signature == signature else { return nil }
        return Array(candidate.prefix(m.step + 1))
    }
    var current = failing(ops) ?? ops
    for index in current.indices.reversed() where runs < budget && index < current.count {
        guard case .report(_, let outcome, let ms) = current[index] else { continue }
        var candidate = current
        candidate[index] = .bare(outcome, milliseconds: ms)
        if let shorter = failing(candidate) { current = shorter }
    }
    var chunk = max(1, current.count / 2)
    while runs < budget {
        var removedAny = false
        var start = 0
        while start < current.count && runs < budget {
            var candidate = current
            candidate.removeSubrange(start..<min(start + chunk, current.count))
            if let shorter = failing(candidate) {
                current = shorter
                removedAny = true
            } else {
                start += chunk
            }
        }
        if chunk == 1 && !removedAny { break }
        if !removedAny || chunk > 1 { chunk = max(1, chunk / 2) }
    }
    return current
}

// MARK: - Tests

@Suite("Differential: CircuitBreaker vs. the spec oracle")
struct DifferentialTests {
    /// 1000 seeds by default; `DIFFERENTIAL_SEEDS=n` (and `DIFFERENTIAL_FIRST_SEED=k`) explore more.
    static let seeds: Range<UInt64> = {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["DIFFERENTIAL_SEEDS"].flatMap(UInt64.init) ?? 1000
        let first = environment["DIFFERENTIAL_FIRST_SEED"].flatMap(UInt64.init) ?? 0
        return first..<first + count
    }()
    /// 300 operations per seed by default; `DIFFERENTIAL_OPERATIONS=n` runs longer scenarios.
    static let operationsPerSeed: Int =
        ProcessInfo.processInfo.environment["DIFFERENTIAL_OPERATIONS"].flatMap(Int.init) ?? 300

    @Test("randomized scenarios agree with the reference after every operation")
    func randomizedScenariosAgree() {
        var failures: [(seed: UInt64, configuration: ReferenceBreaker.Configuration, ops: [DiffOp], mismatch: DiffMismatch)] = []
        var coverage: [String: Int] = [:]
        var operations = 0
        for seed in Self.seeds {
            let (configuration, ops, mismatch, seen) =
                DifferentialGenerator.scenario(seed: seed, count: Self.operationsPerSeed)
            operations += ops.count
            coverage.merge(seen, uniquingKeysWith: +)
            if let mismatch { failures.append((seed, configuration, ops, mismatch)) }
        }
        print("[differential] \(Self.seeds.count) seeds, \(operations) operations compared; coverage: "
              + coverage.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
        guard !failures.isEmpty else { return }

        // Group by kind of mismatch; shrink and print one example per kind.
        var groups: [String: [UInt64]] = [:]
        for failure in failures { groups[failure.mismatch.signature, default: []].append(failure.seed) }
        print("[differential] \(failures.count) of \(Self.seeds.count) seeds disagree, \(groups.count) kinds:")
        var shown = Set<String>()
        for failure in failures where !shown.contains(failure.mismatch.signature) && shown.count < 8 {
            let signature = failure.mismatch.signature
            shown.insert(signature)
            let seeds = groups[signature]!
            let minimal = shrinkDifferential(failure.configuration, failure.ops, signature: signature)
            let shrunk = DifferentialHarness.run(failure.configuration, minimal)
            let header = """
                ── \(signature)  (seeds: \(seeds.prefix(12).map(String.init).joined(separator: ", "))\(seeds.count > 12 ? ", …" : ""))
                seed \(failure.seed); configuration: \(failure.configuration)
                first mismatch: \(failure.mismatch.detail)
                """
            let repro = """
                shrunk to \(minimal.count) operations: \(minimal.map(\.description).joined(separator: "; "))
                shrunk log:
                \(shrunk?.log.joined(separator: "\n") ?? "(no longer fails)")
                \(shrunk?.detail ?? "")
                """
            print("""
                \(header)
                operation log up to the failing step:
                \(failure.mismatch.log.joined(separator: "\n"))
                \(repro)
                """)
            Issue.record("\(header)\n\(repro)")
        }
        for (signature, seeds) in groups.sorted(by: { $0.key < $1.key }) where !shown.contains(signature) {
            Issue.record("differential mismatch \(signature) (seeds \(seeds.prefix(12)))")
        }
    }

    /// Prints the full log of one seed (for reproducing a reported failure).
    static func replay(seed: UInt64) {
        let (configuration, ops, mismatch, _) = DifferentialGenerator.scenario(seed: seed, count: operationsPerSeed)
        print("seed \(seed): \(configuration)")
        if let mismatch {
            print(mismatch.log.joined(separator: "\n"))
            print(mismatch.detail)
        } else {
            print("no mismatch in \(ops.count) operations")
        }
    }

    // The oracle itself, checked against scenarios of the spec (M = failureRate, successful,
    // buffered, failed, notPermitted) before it is trusted to judge the core.

    static func rBase(window: ReferenceBreaker.Configuration.Window = .time(seconds: 20)) -> ReferenceBreaker.Configuration {
        .init(failureRateThreshold: 50, slowCallRateThreshold: 50, slowCallDurationMilliseconds: 4000,
              window: window, minimumNumberOfCalls: 5, waitMilliseconds: 5000, permittedCallsInHalfOpenState: 4)
    }

    static func tuple(_ r: ReferenceBreaker) -> [Double] {
        let s = r.snapshot
        return [s.failureRate, Double(s.successfulCalls), Double(s.bufferedCalls), Double(s.failedCalls),
                Double(s.notPermittedCalls)]
    }

    @Test("the oracle reproduces the spec's scenarios R4, R5, R6, R8, R12, R14, R16, R23, R24")
    func oracleMatchesSpecScenarios() {
        // R4: F, F, F → CLOSED (−1,0,3,3,0); S; S → OPEN (60,2,5,3,0); acquire → false → np 1.
        var r = ReferenceBreaker(configuration: Self.rBase())
        for _ in 0..<3 { r.onFailure(durationMilliseconds: 0) }
        #expect(r.state == .closed && Self.tuple(r) == [-1, 0, 3, 3, 0])
        r.onSuccess(durationMilliseconds: 0)
        #expect(r.state == .closed && Self.tuple(r) == [-1, 1, 4, 3, 0])
        r.onSuccess(durationMilliseconds: 0)
        #expect(r.state == .open && Self.tuple(r) == [60, 2, 5, 3, 0])
        var granted = r.tryAcquirePermission()
        #expect(!granted && Self.tuple(r) == [60, 2, 5, 3, 1])

        // R5: S@0 S@1 S@2 F@3 F@4 → CLOSED; F@5 → OPEN.
        r = ReferenceBreaker(configuration: Self.rBase())
        for failed in [false, false, false, true, true] {
            failed ? r.onFailure(durationMilliseconds: 0) : r.onSuccess(durationMilliseconds: 0)
            r.advance(byMilliseconds: 1000)
        }
        #expect(r.state == .closed)
        r.onFailure(durationMilliseconds: 0)
        #expect(r.state == .open)

        // R6: slow rate alone opens.
        r = ReferenceBreaker(configuration: Self.rBase())
        r.onFailure(durationMilliseconds: 5000); r.onSuccess(durationMilliseconds: 5000)
        r.onFailure(durationMilliseconds: 100); r.onSuccess(durationMilliseconds: 100)
        #expect(r.state == .closed)
        r.onSuccess(durationMilliseconds: 5000)
        #expect(r.state == .open && r.snapshot.slowCalls == 3 && r.snapshot.slowCallRate == 60)

        // R8 / rule 8: at exactly openedAt + wait the acquire is rejected; 1 ms later granted.
        r = ReferenceBreaker(configuration: Self.rBase())
        var legal = r.transition(to: .open)
        granted = r.tryAcquirePermission()
        #expect(legal && !granted)
        r.advance(byMilliseconds: 5000)
        granted = r.tryAcquirePermission()
        #expect(!granted && r.state == .open && Self.tuple(r) == [-1, 0, 0, 0, 2])
        r.advance(byMilliseconds: 1)
        granted = r.tryAcquirePermission()
        #expect(granted && r.state == .halfOpen && Self.tuple(r) == [-1, 0, 0, 0, 0])

        // R12: HALF_OPEN F, F, S, F → OPEN (75,1,4,3,0).
        legal = r.transition(to: .halfOpen)
        #expect(legal)
        r.onFailure(durationMilliseconds: 0); r.onFailure(durationMilliseconds: 0)
        r.onSuccess(durationMilliseconds: 0); r.onFailure(durationMilliseconds: 0)
        #expect(r.state == .open && Self.tuple(r) == [75, 1, 4, 3, 0])

        // R14: HALF_OPEN F, S, S, S → CLOSED, fresh; next S → (−1,1,1,0,0).
        legal = r.transition(to: .halfOpen)
        #expect(legal)
        r.onFailure(durationMilliseconds: 0)
        for _ in 0..<3 { r.onSuccess(durationMilliseconds: 0) }
        #expect(r.state == .closed && Self.tuple(r) == [-1, 0, 0, 0, 0])
        r.onSuccess(durationMilliseconds: 0)
        #expect(Self.tuple(r) == [-1, 1, 1, 0, 0])

        // R16: X ×4 after acquires in HALF_OPEN keep the permits; then S ×3 half-open, 4th closes.
        legal = r.transition(to: .open) && r.transition(to: .halfOpen)
        #expect(legal)
        for _ in 0..<4 {
            granted = r.tryAcquirePermission()
            #expect(granted)
            r.onIgnoredError()
        }
        #expect(r.state == .halfOpen && Self.tuple(r) == [-1, 0, 0, 0, 0])
        for _ in 0..<3 { r.onSuccess(durationMilliseconds: 0) }
        #expect(r.state == .halfOpen && Self.tuple(r) == [-1, 3, 3, 0, 0])
        r.onSuccess(durationMilliseconds: 0)
        #expect(r.state == .closed)

        // R23: count window 4: F, S, S, S → 25 %; S → 0 % (the F is evicted).
        var c = Self.rBase(window: .count(size: 4))
        c.minimumNumberOfCalls = 1
        c.failureRateThreshold = 100
        r = ReferenceBreaker(configuration: c)
        r.onFailure(durationMilliseconds: 0)
        for _ in 0..<3 { r.onSuccess(durationMilliseconds: 0) }
        #expect(r.snapshot.bufferedCalls == 4 && r.snapshot.failureRate == 25)
        r.onSuccess(durationMilliseconds: 0)
        #expect(r.snapshot.bufferedCalls == 4 && r.snapshot.failureRate == 0)

        // R24: 5 s time window; the second-0 bucket drops out at t = 5000.
        c = Self.rBase(window: .time(seconds: 5))
        c.minimumNumberOfCalls = 100
        r = ReferenceBreaker(configuration: c)
        let script: [(at: Int64, failed: Bool)] = [(0, true), (100, false), (200, false), (1200, false), (2200, false),
                                                    (3200, true), (4200, false), (5200, false), (6200, false)]
        var totals: [Int] = []
        for call in script {
            r.advance(byMilliseconds: call.at + 100 - r.now)
            call.failed ? r.onFailure(durationMilliseconds: 100) : r.onSuccess(durationMilliseconds: 100)
            totals.append(r.snapshot.bufferedCalls)
        }
        #expect(totals == [1, 2, 3, 4, 5, 6, 7, 5, 5])
        r.advance(byMilliseconds: 11_300 - r.now)
        r.onSuccess(durationMilliseconds: 100)
        #expect(r.snapshot.bufferedCalls == 1)

        // Rule 6 example: 2 s window, calls at 0 and 999 both drop out at 2000.
        c = Self.rBase(window: .time(seconds: 2))
        r = ReferenceBreaker(configuration: c)
        r.onSuccess(durationMilliseconds: 0); r.advance(byMilliseconds: 999); r.onSuccess(durationMilliseconds: 0)
        r.advance(byMilliseconds: 1000)
        #expect(r.snapshot.bufferedCalls == 2)
        r.advance(byMilliseconds: 1)
        #expect(r.snapshot.bufferedCalls == 0)
    }
}
