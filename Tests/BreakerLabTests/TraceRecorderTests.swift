import BreakerCore
import Dispatch
import Foundation
import Synchronization
import Testing
import TraceKit
@testable import BreakerLab

private struct HTTP503Error: Error {}
private struct UpstreamTimeout: Error {}
private struct Flaky: Error {}

/// A fresh folder under the temporary directory.
private func temporaryFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("trace-recorder-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// A deterministic service: a ``ManualClock`` for the breaker, and a wall clock that is
/// `epoch` plus the same reading, so a call's recorded start is its acquire instant.
private final class FakeService: Sendable {
    static let epoch = 1_700_000_000.0
    let clock = ManualClock()
    let breaker: CircuitBreaker
    /// Every transition the breaker made, with its wall-clock time.
    let log = TransitionLog()
    var transitions: [TransitionLog.Entry] { log.entries.withLock { $0 } }

    init(configuration: BreakerConfiguration) throws {
        breaker = try CircuitBreaker(name: "payments", configuration: configuration, clock: clock)
        breaker.addListener { [clock, log] event in
            if case .stateTransition(let from, let to) = event.kind {
                let time = Self.epoch + Double(clock.now().nanoseconds) / 1e9
                log.entries.withLock { $0.append(TransitionLog.Entry(from: from.description, to: to.description, time: time)) }
            }
        }
    }

    /// The wall clock to give the recorder.
    var wallClock: @Sendable () -> Double {
        { [clock] in Self.epoch + Double(clock.now().nanoseconds) / 1e9 }
    }

    static func instant(_ offset: Duration) -> BreakerInstant { BreakerInstant(offset) }
}

private final class TransitionLog: Sendable {
    struct Entry: Sendable {
        var from: String
        var to: String
        var time: Double
    }
    let entries = Mutex<[Entry]>([])
}

/// One call of a script: when it starts, how long it takes, and what it throws (nil: succeeds).
private struct ScriptedCall {
    var start: Duration
    var latency: Duration
    var error: (any Error)?

    /// What a recording of this call must hold when it was admitted, in microseconds.
    func expectedRow(rejected: Bool) -> ExpectedRow {
        let start = Int64(start.secondsAsDouble * 1e6 + 0.5)
        if rejected { return ExpectedRow(startMicros: start, latencyMicros: 0, outcome: .rejected) }
        let outcome: TraceOutcome = error == nil ? .success : (error is UpstreamTimeout ? .timeout : .failure)
        return ExpectedRow(startMicros: start, latencyMicros: Int64(latency.secondsAsDouble * 1e6 + 0.5), outcome: outcome)
    }
}

private struct ExpectedRow: Hashable, Comparable {
    var startMicros: Int64
    var latencyMicros: Int64
    var outcome: TraceOutcome

    static func < (lhs: ExpectedRow, rhs: ExpectedRow) -> Bool {
        (lhs.startMicros, lhs.latencyMicros, lhs.outcome.rawValue) < (rhs.startMicros, rhs.latencyMicros, rhs.outcome.rawValue)
    }

    init(startMicros: Int64, latencyMicros: Int64, outcome: TraceOutcome) {
        self.startMicros = startMicros
        self.latencyMicros = latencyMicros
        self.outcome = outcome
    }

    /// A recorded row, relative to the fake service's epoch.
    init(_ record: TraceRecord) {
        startMicros = Int64(((record.timestamp - FakeService.epoch) * 1e6).rounded())
        latencyMicros = Int64((record.latencyMs * 1e3).rounded())
        outcome = record.outcome
    }
}

/// What a scripted run did, as the driver saw it.
private struct ScriptRun {
    var expected: [ExpectedRow] = []
    var admitted = 0
    var rejected = 0
    var lateFailures = 0
}

extension FakeService {
    /// Runs `calls` as a service with concurrent calls does: each call acquires a permit at its
    /// start and reports its outcome with that permit at its completion (start + latency), so
    /// calls overlap and complete out of start order. Completions due at or before a start are
    /// delivered first. No two events of the scripts below share an instant.
    func run(_ calls: [ScriptedCall]) -> ScriptRun {
        struct InFlight {
            var completesAt: Duration
            var sequence: Int
            var permit: BreakerPermit
            var call: ScriptedCall
            var row: Int
        }
        var run = ScriptRun()
        var inFlight: [InFlight] = []
        func complete(until limit: Duration) {
            inFlight.sort { ($0.completesAt, $0.sequence) < ($1.completesAt, $1.sequence) }
            while let next = inFlight.first, next.completesAt <= limit {
                inFlight.removeFirst()
                clock.set(to: Self.instant(next.completesAt))
                let lateBefore = breaker.callTotals.late
                if let error = next.call.error {
                    breaker.onError(next.permit, error, duration: next.call.latency)
                    if breaker.callTotals.late > lateBefore {
                        // A late outcome carries no error, so it cannot be told to be a timeout.
                        run.lateFailures += 1
                        run.expected[next.row].outcome = .failure
                    }
                } else {
                    breaker.onSuccess(next.permit, duration: next.call.latency)
                }
            }
        }
        for (sequence, call) in calls.sorted(by: { $0.start < $1.start }).enumerated() {
            complete(until: call.start)
            clock.set(to: Self.instant(call.start))
            do {
                let permit = try breaker.acquirePermit()
                inFlight.append(InFlight(completesAt: call.start + call.latency, sequence: sequence,
                                         permit: permit, call: call, row: run.expected.count))
                run.admitted += 1
                run.expected.append(call.expectedRow(rejected: false))
            } catch {
                run.rejected += 1
                run.expected.append(call.expectedRow(rejected: true))
            }
        }
        complete(until: .seconds(1_000_000))
        return run
    }

    /// Sequential calls through `execute`, which times each call on the breaker's clock: call
    /// `k` starts at `start + k·spacing` and takes `latency`.
    func executeHealthy(count: Int, start: Duration, spacing: Duration, latency: Duration) throws -> ScriptRun {
        var run = ScriptRun()
        for index in 0..<count {
            let call = ScriptedCall(start: start + spacing * index, latency: latency, error: nil)
            clock.set(to: Self.instant(call.start))
            _ = try breaker.execute { clock.advance(by: latency) }
            run.admitted += 1
            run.expected.append(call.expectedRow(rejected: false))
        }
        return run
    }
}

/// The scripted incident: calls every 100 ms from 1.2 s to 20 s; between 1.2 s and 8 s they fail,
/// alternating an HTTP 503 after 5 ms and a timeout after 250 ms (which overlaps later calls and
/// completes after them); otherwise they succeed after 20 ms. One slow success starts at 1.23 s
/// and takes 1.234 s, so it completes after the trip (a late outcome).
private func incidentScript() -> [ScriptedCall] {
    var calls: [ScriptedCall] = []
    for index in 12..<200 {
        let start = Duration.milliseconds(100 * index)
        if index < 80 {
            calls.append(index % 2 == 0
                ? ScriptedCall(start: start, latency: .milliseconds(250), error: UpstreamTimeout())
                : ScriptedCall(start: start, latency: .milliseconds(5), error: HTTP503Error()))
        } else {
            calls.append(ScriptedCall(start: start, latency: .milliseconds(20), error: nil))
        }
    }
    calls.append(ScriptedCall(start: .milliseconds(1_230), latency: .milliseconds(1_234), error: nil))
    return calls
}

private func incidentConfiguration() -> BreakerConfiguration {
    var config = BreakerConfiguration()
    config.slidingWindow = .countBased(size: 10)
    config.minimumNumberOfCalls = 10
    config.failureRateThreshold = 50
    config.waitDurationInOpenState = .seconds(5)
    config.permittedCallsInHalfOpenState = 3
    return config
}

/// Reads `path`, asking the reader to skip bad rows so that any would be counted.
private func readAll(_ path: String) throws -> Trace {
    var options = TraceReadOptions()
    options.skipBadRows = true
    let result = try TraceReader.read(path: path, options: options)
    #expect(result.skippedRowCount == 0, "\(path): \(result.skippedExamples)")
    return result.trace
}

private func records(_ trace: Trace) -> [TraceRecord] {
    (0..<trace.count).map { trace.record(at: $0) }
}

@Suite("Trace recorder")
struct TraceRecorderTests {
    /// Records the scripted incident: 12 healthy calls through `execute`, then the incident.
    private func recordIncident(recorders: [TraceRecorder.Configuration], paths: [String])
        throws -> (FakeService, [TraceRecorder], ScriptRun) {
        let service = try FakeService(configuration: incidentConfiguration())
        let recorders = zip(paths, recorders).map { path, configuration in
            var configuration = configuration
            configuration.now = service.wallClock
            let recorder = TraceRecorder(path: path, configuration: configuration)
            recorder.attach(to: service.breaker)
            return recorder
        }
        let healthy = try service.executeHealthy(count: 12, start: .zero, spacing: .milliseconds(100),
                                                 latency: .milliseconds(20))
        let incident = service.run(incidentScript())
        var run = healthy
        run.expected += incident.expected
        run.admitted += incident.admitted
        run.rejected += incident.rejected
        run.lateFailures = incident.lateFailures
        for recorder in recorders { recorder.close() }
        return (service, recorders, run)
    }

    @Test("a recorded incident reads back whole: exactly the calls made, matching the breaker's totals")
    func recordsExactlyTheCalls() throws {
        let folder = try temporaryFolder()
        let path = folder + "/payments.csv"
        let withoutLate = folder + "/payments-admitted.csv"
        var noLate = TraceRecorder.Configuration()
        noLate.recordsLateOutcomes = false
        let (service, recorders, run) = try recordIncident(recorders: [.init(), noLate], paths: [path, withoutLate])
        let totals = service.breaker.callTotals

        // The script really exercised every path: trips, rejections, late outcomes, recovery.
        let transitions = service.transitions.map { "\($0.from)->\($0.to)" }
        #expect(transitions == ["CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED"])
        #expect(totals.notPermitted > 50)
        #expect(totals.late > 1)
        #expect(run.lateFailures > 0 && run.lateFailures < Int(totals.late), "both late failures and a late success")

        let trace = try readAll(path)
        let rows = records(trace)
        let stats = recorders[0].statistics
        #expect(stats.rowsWritten == rows.count)
        #expect(stats.calls == rows.count && stats.droppedRows == 0 && stats.pendingRows == 0 && stats.errorCount == 0)
        #expect(stats.files == [path])

        // Exactly the calls made: the same (start, latency, outcome) multiset, to the microsecond.
        let difference = rows.map(ExpectedRow.init).sorted().difference(from: run.expected.sorted())
        #expect(difference.isEmpty, "\(Array(difference))")
        #expect(rows.count == run.expected.count)
        #expect(rows.allSatisfy { $0.target == "payments" })

        // The breaker's own totals. Late rows are the only failures without an error type.
        func count(_ outcome: TraceOutcome) -> Int { rows.filter { $0.outcome == outcome }.count }
        let typedFailures = rows.filter { $0.outcome.isFailure && $0.error != nil }.count
        let lateFailures = rows.filter { $0.outcome == .failure && $0.error == nil }.count
        #expect(count(.rejected) == Int(totals.notPermitted))
        #expect(typedFailures == Int(totals.failed))
        #expect(lateFailures == run.lateFailures)
        #expect(count(.success) == Int(totals.successful) + Int(totals.late) - lateFailures)
        #expect(rows.count == Int(totals.successful + totals.failed + totals.late + totals.notPermitted))
        #expect(rows.allSatisfy { $0.outcome != .rejected || $0.latencyMs == 0 })
        #expect(Set(rows.compactMap(\.error)) == ["HTTP503Error", "UpstreamTimeout"])
        #expect(rows.filter { $0.outcome == .timeout }.allSatisfy { $0.error == "UpstreamTimeout" })

        // Without late outcomes: one row per success, failure and rejection the breaker counted.
        let admittedOnly = records(try readAll(withoutLate))
        #expect(admittedOnly.filter { $0.outcome == .success }.count == Int(totals.successful))
        #expect(admittedOnly.filter { $0.outcome.isFailure }.count == Int(totals.failed))
        #expect(admittedOnly.filter { $0.outcome == .rejected }.count == Int(totals.notPermitted))

        // Completion order, not start order: the file is unsorted, and the reader accepted it.
        #expect(trace.timestamps != trace.timestamps.sorted())
    }

    /// Replaying the recording with the same configuration and policy must make the same
    /// decisions. Asserted precisely:
    /// * every admitted row (outcome ≠ `rejected`) is admitted again (`rejected == 0`,
    ///   `sent == calls == admitted rows`), the `rejected` rows are exactly the ones excluded,
    ///   and the same failed calls are sent;
    /// * the same state transitions, in the same order, at the same times (within 10 µs; the
    ///   files keep microseconds and Unix-second doubles near 1.7e9 hold about 0.24 µs), hence
    ///   the same trips at the same times.
    ///
    /// Why they must match: the breaker is a deterministic function of its configuration and of
    /// the sequence of (acquire at t, outcome with duration d at t') it is given. Each admitted
    /// row holds its acquire instant (`timestamp = now − duration` = the start) and its duration,
    /// so replay — which acquires at `timestamp` and reports at `timestamp + latency_ms` with the
    /// permit, completions first at equal instants — feeds the same sequence (no two events of
    /// the script share an instant, so order is not left to ties; the clocks share the origin of
    /// the first call, which keeps time-window buckets aligned). The excluded `rejected` rows
    /// changed nothing in the recording: a refused acquire in OPEN or in a HALF_OPEN without
    /// permits alters neither state nor window (the acquire that ends an OPEN wait is admitted,
    /// so it is an admitted row). Late rows are replayed as admitted calls whose outcomes are
    /// late again, for the same reason (the state changed between their start and completion),
    /// so they decide nothing in either run. This holds for deterministic policies; a randomised
    /// one (SRE throttling) draws differently once its refused calls are excluded.
    @Test("replaying the recording with the same configuration makes the same decisions")
    func replayReproducesDecisions() throws {
        let folder = try temporaryFolder()
        let path = folder + "/payments.csv"
        let (service, _, run) = try recordIncident(recorders: [.init()], paths: [path])
        let trace = try readAll(path)
        let result = try TraceReplay.run(trace, configuration: incidentConfiguration(), policy: .static)

        let admittedRows = trace.outcomes.filter { $0 != .rejected }.count
        #expect(admittedRows == run.admitted)
        #expect(result.excludedRejectedRows == run.rejected)
        #expect(result.total.calls == admittedRows)
        #expect(result.total.sent == admittedRows)
        #expect(result.total.rejected == 0, "every call the recording admitted is admitted again")
        #expect(result.total.failedSent == trace.outcomes.filter(\.isFailure).count)

        let original = service.transitions
        #expect(result.transitions.map { "\($0.from)->\($0.to)" } == original.map { "\($0.from)->\($0.to)" })
        for (replayed, recorded) in zip(result.transitions, original) {
            #expect(abs(replayed.time - recorded.time) < 1e-5, "\(replayed) vs \(recorded)")
        }
        #expect(result.total.trips == original.filter { $0.from == "CLOSED" && $0.to == "OPEN" }.count)
    }

    @Test("rotation: several files, each within the limit, whose rows together are the recording")
    func rotation() throws {
        let folder = try temporaryFolder()
        var rotating = TraceRecorder.Configuration()
        rotating.maxFileBytes = 1_024
        rotating.flushEvery = 7
        let (_, recorders, _) = try recordIncident(recorders: [rotating, .init()],
                                                   paths: [folder + "/rot.csv", folder + "/whole.csv"])
        let files = recorders[0].files
        #expect(files.count > 5)
        #expect(files == (0..<files.count).map { $0 == 0 ? folder + "/rot.csv" : folder + "/rot-\($0).csv" })
        var joined: [TraceRecord] = []
        for file in files {
            let size = try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(size <= 1_024, "\(file) holds \(size) bytes")
            joined += records(try readAll(file))
        }
        let whole = records(try readAll(folder + "/whole.csv"))
        #expect(joined == whole)
        #expect(recorders[0].statistics.rowsWritten == whole.count)
        #expect(!FileManager.default.fileExists(atPath: folder + "/rot-\(files.count).csv"))
        #expect(RecorderOutput.path(base: "traces/api", index: 2) == "traces/api-2")
    }

    @Test("rows are buffered: written every flushEvery rows, when old, and on flush()")
    func buffering() throws {
        let folder = try temporaryFolder()
        let service = try FakeService(configuration: BreakerConfiguration())
        var configuration = TraceRecorder.Configuration()
        configuration.flushEvery = 3
        configuration.flushInterval = 10
        configuration.now = service.wallClock
        let path = folder + "/buffered.csv"
        let recorder = TraceRecorder(path: path, configuration: configuration)
        recorder.attach(to: service.breaker)

        _ = try service.executeHealthy(count: 2, start: .zero, spacing: .seconds(1), latency: .milliseconds(3))
        #expect(try readAll(path).count == 0, "header only")
        #expect(recorder.statistics.pendingRows == 2)
        _ = try service.executeHealthy(count: 1, start: .seconds(2), spacing: .zero, latency: .milliseconds(3))
        #expect(try readAll(path).count == 3)
        _ = try service.executeHealthy(count: 1, start: .seconds(3), spacing: .zero, latency: .milliseconds(3))
        #expect(try readAll(path).count == 3)
        // 11 s after the buffered row: the age limit writes both.
        _ = try service.executeHealthy(count: 1, start: .seconds(14), spacing: .zero, latency: .milliseconds(3))
        #expect(try readAll(path).count == 5)
        _ = try service.executeHealthy(count: 1, start: .seconds(15), spacing: .zero, latency: .milliseconds(3))
        recorder.flush()
        #expect(try readAll(path).count == 6)
        #expect(recorder.statistics.pendingRows == 0)
    }

    @Test("what a row holds for each kind of event")
    func rowsPerEvent() throws {
        let folder = try temporaryFolder()
        var breakerConfiguration = BreakerConfiguration()
        breakerConfiguration.classifyError = { $0 is Flaky ? .ignore : .failure }
        let service = try FakeService(configuration: breakerConfiguration)
        var configuration = TraceRecorder.Configuration()
        configuration.now = service.wallClock
        configuration.propensity = { event in
            switch event.kind {
            case .notPermitted: nil
            case .error(_, let error) where error is HTTP503Error: 2   // invalid: written empty, counted
            default: 0.5
            }
        }
        let path = folder + "/kinds.csv"
        let recorder = TraceRecorder(path: path, configuration: configuration)
        recorder.attach(to: service.breaker)
        let breaker = service.breaker
        let clock = service.clock

        clock.set(to: BreakerInstant(.seconds(1)))
        _ = try breaker.execute { clock.advance(by: .milliseconds(12)) }
        clock.set(to: BreakerInstant(.seconds(2)))
        #expect(throws: HTTP503Error.self) { try breaker.execute { clock.advance(by: .milliseconds(7)); throw HTTP503Error() } }
        clock.set(to: BreakerInstant(.seconds(3)))
        #expect(throws: UpstreamTimeout.self) { try breaker.execute { clock.advance(by: .seconds(2)); throw UpstreamTimeout() } }
        clock.set(to: BreakerInstant(.seconds(6)))
        #expect(throws: Flaky.self) { try breaker.execute { clock.advance(by: .milliseconds(1)); throw Flaky() } }
        clock.set(to: BreakerInstant(.seconds(7)))
        #expect(throws: CancellationError.self) { try breaker.execute { throw CancellationError() } }
        clock.set(to: BreakerInstant(.seconds(8)))
        let status = try breaker.execute(classifyingResult: { $0 == 503 ? .failure : .success }) {
            clock.advance(by: .milliseconds(4))
            return 503
        }
        #expect(status == 503)
        try breaker.transitionToOpen(for: .seconds(60))
        clock.set(to: BreakerInstant(.seconds(9)))
        #expect(throws: CallNotPermittedError.self) { try breaker.execute {} }
        recorder.close()

        let result = try TraceReader.read(path: path)
        #expect(result.trace.columns == [.timestamp, .target, .latencyMs, .outcome, .error, .propensity])
        let rows = records(result.trace)
        let epoch = FakeService.epoch
        #expect(rows == [
            TraceRecord(timestamp: epoch + 1, target: "payments", latencyMs: 12, outcome: .success, propensity: 0.5),
            TraceRecord(timestamp: epoch + 2, target: "payments", latencyMs: 7, outcome: .failure, error: "HTTP503Error"),
            TraceRecord(timestamp: epoch + 3, target: "payments", latencyMs: 2_000, outcome: .timeout,
                        error: "UpstreamTimeout", propensity: 0.5),
            TraceRecord(timestamp: epoch + 8, target: "payments", latencyMs: 4, outcome: .failure, error: "result",
                        propensity: 0.5),
            TraceRecord(timestamp: epoch + 9, target: "payments", latencyMs: 0, outcome: .rejected),
        ], "ignored errors (Flaky, cancellation) are not calls")
        #expect(recorder.statistics.invalidPropensities == 1)
        #expect(recorder.statistics.errorCount == 0)
    }

    @Test("close() writes what is buffered; later calls are counted as dropped, never written")
    func closeCountsDrops() throws {
        let folder = try temporaryFolder()
        let service = try FakeService(configuration: BreakerConfiguration())
        var configuration = TraceRecorder.Configuration()
        configuration.now = service.wallClock
        let path = folder + "/closed.csv"
        let recorder = TraceRecorder(path: path, configuration: configuration)
        recorder.attach(to: service.breaker)
        _ = try service.executeHealthy(count: 4, start: .zero, spacing: .seconds(1), latency: .milliseconds(2))
        recorder.close()
        #expect(try readAll(path).count == 4)
        _ = try service.executeHealthy(count: 3, start: .seconds(10), spacing: .seconds(1), latency: .milliseconds(2))
        recorder.close()
        recorder.flush()
        let stats = recorder.statistics
        #expect(try readAll(path).count == 4)
        #expect(stats.droppedRows == 3 && stats.droppedAfterClose == 3 && recorder.droppedRows == 3)
        #expect(stats.calls == 7 && stats.rowsWritten == 4 && stats.pendingRows == 0)
        #expect(stats.errorCount == 0 && stats.lastError == nil)
    }

    @Test("an unwritable folder is reported in lastError and counted, never thrown into the breaker")
    func writeErrorsAreReported() throws {
        let folder = try temporaryFolder()
        // A regular file where a folder should be: not creatable, even as root.
        let blocker = folder + "/blocker"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        let service = try FakeService(configuration: BreakerConfiguration())
        var configuration = TraceRecorder.Configuration()
        configuration.now = service.wallClock
        configuration.flushEvery = 2
        let recorder = TraceRecorder(path: blocker + "/sub/trace.csv", configuration: configuration)
        #expect(recorder.lastError?.code == .io)
        #expect(recorder.lastError?.file == blocker + "/sub/trace.csv")
        recorder.attach(to: service.breaker)

        _ = try service.executeHealthy(count: 5, start: .zero, spacing: .seconds(1), latency: .milliseconds(2))
        service.clock.set(to: BreakerInstant(.seconds(9)))
        #expect(throws: HTTP503Error.self) { try service.breaker.execute { throw HTTP503Error() } }
        recorder.close()

        let stats = recorder.statistics
        #expect(service.breaker.callTotals.successful == 5 && service.breaker.callTotals.failed == 1)
        #expect(stats.calls == 6 && stats.rowsWritten == 0 && stats.droppedRows == 6 && stats.droppedAfterClose == 0)
        #expect(stats.errorCount == 4, "the open at creation, then one per flush (at 2, 4 and 6 rows)")
        #expect(stats.files.isEmpty)
        #expect(stats.lastError?.message.contains("cannot create the folder") == true)
    }

    @Test("a row the format refuses (a negative duration) is dropped and reported; the file stays readable")
    func refusedRows() throws {
        let folder = try temporaryFolder()
        let service = try FakeService(configuration: BreakerConfiguration())
        var configuration = TraceRecorder.Configuration()
        configuration.now = service.wallClock
        let path = folder + "/refused.csv"
        let recorder = TraceRecorder(path: path, configuration: configuration)
        recorder.attach(to: service.breaker)
        service.breaker.onSuccess(duration: .milliseconds(5))
        service.breaker.onSuccess(duration: .milliseconds(-5))
        service.breaker.onSuccess(duration: .milliseconds(6))
        recorder.close()
        let stats = recorder.statistics
        #expect(try readAll(path).latenciesMs == [5, 6])
        #expect(stats.droppedRows == 1 && stats.errorCount == 1)
        #expect(stats.lastError?.code == .outOfRange && stats.lastError?.column == "latency_ms")
        #expect(stats.lastError?.line == nil)
    }

    @Test("concurrent calls from several threads are all recorded, with the real clocks")
    func concurrentCalls() throws {
        let folder = try temporaryFolder()
        var breakerConfiguration = BreakerConfiguration()
        breakerConfiguration.minimumNumberOfCalls = 1_000_000  // never trips
        let breaker = try CircuitBreaker(name: "search/query, v2", configuration: breakerConfiguration)
        var configuration = TraceRecorder.Configuration()
        configuration.flushEvery = 64
        configuration.maxFileBytes = 16 << 10
        let path = folder + "/concurrent.csv"
        let recorder = TraceRecorder(path: path, configuration: configuration)
        recorder.attach(to: breaker)
        let threads = 4
        let callsPerThread = 2_000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in 0..<callsPerThread {
                _ = try? breaker.execute { () throws -> Void in
                    if (index + thread) % 5 == 0 { throw HTTP503Error() }
                }
            }
        }
        recorder.close()
        var rows: [TraceRecord] = []
        for file in recorder.files { rows += records(try readAll(file)) }
        let totals = breaker.callTotals
        #expect(recorder.files.count > 1)
        #expect(rows.count == threads * callsPerThread)
        #expect(rows.filter { $0.outcome == .failure }.count == Int(totals.failed))
        #expect(rows.allSatisfy { $0.target == "search/query, v2" })
        #expect(recorder.statistics.rowsWritten == rows.count && recorder.droppedRows == 0)
    }
}
