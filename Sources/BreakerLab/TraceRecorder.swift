import BreakerCore
import Synchronization
import TraceKit

/// Records the calls one or more breakers see as schema-v1 trace CSV (DESIGN.md, "Traces"),
/// so a service's real traffic can train and benchmark policies.
///
/// ```swift
/// let recorder = TraceRecorder(path: "/var/log/traces/payments.csv")
/// recorder.attach(to: paymentsBreaker)     // target = the breaker's name
/// …
/// recorder.close()                         // at shutdown: writes what is buffered
/// ```
///
/// **Rows.** One row per call the breaker saw, from its events:
/// * `.success(duration)`: outcome `success`;
/// * `.error(duration, error)`: outcome `timeout` when ``Configuration/isTimeout`` says so,
///   else `failure`; `error` = ``Configuration/errorName`` (by default the error's type name,
///   `result` for a returned value classified as a failure);
/// * `.notPermitted`: outcome `rejected`, latency 0, timestamp = now, empty `error` (the
///   call never ran; replay excludes such rows and reports how many);
/// * `.lateOutcome(failed, duration)` (the breaker had moved on and dropped the outcome):
///   `success` or `failure` with an empty `error`, unless
///   ``Configuration/recordsLateOutcomes`` is off — the call did reach the dependency.
///
/// `timestamp` is the call's start, `now() − duration` in Unix seconds (the event arrives at
/// completion, when the duration is known), `latency_ms` the duration the breaker recorded,
/// `target` the breaker's name. The outcome is the breaker's *classification*: an error the
/// configuration counts as a success is a `success` row.
///
/// Not calls, so not recorded: ignored errors (cancellation by default, `.ignore`
/// classifications: the caller gave up or said the outcome means nothing), permits released
/// without an outcome, and everything else (transitions, resets, threshold events). A
/// DISABLED breaker publishes no outcome events, so its calls are not recorded either.
///
/// Columns: `timestamp,target,latency_ms,outcome,error`, plus `propensity` when
/// ``Configuration/propensity`` is set. Numbers as ``TraceWriter`` writes them (microseconds).
///
/// **Order.** Rows are written in the order the events reach the recorder, which is
/// *completion* order, not start order: a slow call that started first is written after the
/// fast calls that finished before it, so `timestamp` is not sorted. ``TraceReader`` accepts
/// unsorted files (leave `requireTimeOrder` off) and ``TraceReplay`` sorts by start time.
///
/// **Buffering.** Rows are buffered in memory and written every ``Configuration/flushEvery``
/// rows, when the oldest buffered row is ``Configuration/flushInterval`` old at the next
/// event, on ``flush()`` and on ``close()``. The write happens on the thread whose event
/// triggered it, under the recorder's lock (no user code runs under that lock).
///
/// **Files.** `path` is the first file; each time a row would take the current file past
/// ``Configuration/maxFileBytes``, the file is finished and the next one started, each with
/// its own header: for `traces/api.csv` the files are `traces/api.csv`, `traces/api-1.csv`,
/// `traces/api-2.csv`, …; a path without a `.csv` extension gets `-1`, `-2`, … appended.
/// Concatenating the files' rows in that order gives every row in recording order.
/// ``Statistics/files`` lists them. Missing folders are created; existing files with those
/// names are truncated (give each run its own name, e.g. with a start time, so that no file of
/// an earlier run is mixed with this one's).
///
/// **Errors and losses.** Nothing is thrown into the breaker and nothing is lost silently:
/// the first file is opened at creation, and a file that cannot be created or written, or a
/// row the format refuses (a negative duration, a time out of range, a breaker with an empty
/// name), sets ``Statistics/lastError``, counts in
/// ``Statistics/errorCount`` and its rows in ``Statistics/droppedRows``. A failed write is
/// cut back off the file, so every file stays readable; the next flush tries again (a file
/// that could not be opened is opened again). After ``close()``, calls are counted in
/// ``Statistics/droppedRows`` (``Statistics/droppedAfterClose``).
public final class TraceRecorder: Sendable {
    /// The first file's path, as given.
    public let path: String
    /// The configuration.
    public let configuration: Configuration
    /// The optional columns written (`error`, and `propensity` when configured).
    let optionalColumns: Set<TraceColumn>

    struct State: Sendable {
        var output: RecorderOutput
        var pending: [TraceRecord] = []
        /// ``Configuration/now`` of the oldest buffered row.
        var oldestPending = 0.0
        var closed = false
        var statistics = Statistics()
    }

    let state: Mutex<State>

    /// Creates a recorder writing to `path` (see the type's documentation for the names of
    /// later files) and opens the first file. Does not throw: if the file cannot be created,
    /// ``lastError`` says why and the next flush tries again.
    ///
    /// - Precondition: `configuration.flushEvery ≥ 1`, `configuration.maxFileBytes ≥ 1`.
    public init(path: String, configuration: Configuration = Configuration()) {
        precondition(configuration.flushEvery >= 1, "flushEvery must be at least 1")
        precondition(configuration.maxFileBytes >= 1, "maxFileBytes must be at least 1")
        self.path = path
        self.configuration = configuration
        optionalColumns = configuration.propensity == nil ? [.error] : [.error, .propensity]
        var output = RecorderOutput(basePath: path, header: Self.header(optionalColumns),
                                    maxFileBytes: configuration.maxFileBytes)
        var statistics = Statistics()
        if let error = output.openFile() { statistics.note(error, droppingRows: 0) }
        statistics.files = output.files
        state = Mutex(State(output: output, statistics: statistics))
    }

    deinit {
        close()
    }

    /// Registers a listener on `breaker` that records its calls (``record(_:)``), with
    /// target = `breaker.name`. Attach any number of breakers; their rows share the files.
    /// To stop, pass the token to `breaker.removeListener(_:)`. The listener keeps the recorder
    /// alive as long as the breaker; a recorder that goes away unclosed closes itself.
    @discardableResult
    public func attach(to breaker: CircuitBreaker) -> ListenerToken {
        breaker.addListener { [self] event in record(event) }
    }

    /// Records `event` if it is a call (see the type's documentation), with target =
    /// `event.breakerName`. What ``attach(to:)`` registers; call it directly to feed events
    /// from a listener of your own.
    public func record(_ event: BreakerEvent) {
        // User closures (clock, classifiers, propensity) run here, outside the lock.
        guard let (row, now, propensityValid) = row(for: event) else { return }
        state.withLockChecked(owner: self) { state in
            state.statistics.calls += 1
            if state.closed {
                state.statistics.droppedAfterClose += 1
                state.statistics.droppedRows += 1
                return
            }
            if !propensityValid { state.statistics.invalidPropensities += 1 }
            if state.pending.isEmpty { state.oldestPending = now }
            state.pending.append(row)
            state.statistics.pendingRows = state.pending.count
            let due = state.pending.count >= configuration.flushEvery
                || configuration.flushInterval.map { now - state.oldestPending >= $0 } ?? false
            if due { writePending(&state) }
        }
    }

    /// Writes the buffered rows to the file now (without `fsync`). Errors are reported in
    /// ``statistics``, never thrown.
    public func flush() {
        state.withLockChecked(owner: self) { state in
            writePending(&state)
        }
    }

    /// Writes the buffered rows and closes the file. Idempotent; later calls are counted in
    /// ``Statistics/droppedRows`` (and ``Statistics/droppedAfterClose``), not written.
    public func close() {
        state.withLockChecked(owner: self) { state in
            guard !state.closed else { return }
            writePending(&state)
            if let error = state.output.finishFile() { state.statistics.note(error, droppingRows: 0) }
            state.closed = true
        }
    }

    /// A consistent snapshot of the counts, the files and the last error.
    public var statistics: Statistics {
        state.withLockChecked(owner: self) { $0.statistics }
    }

    /// Calls that will never be written (after ``close()``, or lost to an error).
    public var droppedRows: Int { statistics.droppedRows }

    /// The most recent error met while writing; `nil` if none.
    public var lastError: TraceError? { statistics.lastError }

    /// Every file created so far, in order.
    public var files: [String] { statistics.files }

    /// The row for a call event, the wall-clock time it was made at, and whether its propensity
    /// was valid; `nil` for events that are not calls.
    func row(for event: BreakerEvent) -> (TraceRecord, now: Double, propensityValid: Bool)? {
        let outcome: TraceOutcome
        let duration: Duration
        var error: String?
        switch event.kind {
        case .success(let elapsed):
            outcome = .success
            duration = elapsed
        case .error(let elapsed, let thrown):
            outcome = configuration.isTimeout(thrown) ? .timeout : .failure
            duration = elapsed
            error = configuration.errorName(thrown)
        case .notPermitted:
            outcome = .rejected
            duration = .zero
        case .lateOutcome(let failed, let elapsed):
            guard configuration.recordsLateOutcomes else { return nil }
            outcome = failed ? .failure : .success
            duration = elapsed
        default:
            // Ignored errors, transitions, resets, threshold and policy notices: not calls.
            return nil
        }
        let seconds = duration.secondsAsDouble
        var propensity: Double?
        var propensityValid = true
        if let probability = configuration.propensity?(event) {
            if probability > 0, probability <= 1 {
                propensity = probability
            } else {
                propensityValid = false
            }
        }
        let now = configuration.now()
        let row = TraceRecord(timestamp: now - seconds, target: event.breakerName,
                              latencyMs: seconds * 1000, outcome: outcome, error: error, propensity: propensity)
        return (row, now, propensityValid)
    }

    /// The header line of files with `optionalColumns`, as ``TraceWriter`` writes it.
    static func header(_ optionalColumns: Set<TraceColumn>) -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = TraceWriter(optionalColumns: optionalColumns) { bytes.append(contentsOf: $0) }
        do {
            try writer.finish()
        } catch {
            // A writer with a sink and no rows has nothing that can fail.
            preconditionFailure("an in-memory TraceWriter failed: \(error)")
        }
        return bytes
    }
}
