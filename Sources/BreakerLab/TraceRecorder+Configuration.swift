import BreakerCore
import Foundation

extension TraceRecorder {
    /// How a ``TraceRecorder`` turns breaker events into rows and when it writes them.
    ///
    /// Every closure here is user code: the recorder calls it on the thread that delivered the
    /// event, *outside* its own lock (and the breaker calls listeners outside its lock), so a
    /// slow closure slows only that call, and a closure may read anything it likes.
    public struct Configuration: Sendable {
        /// Rows kept in memory before they are written out (≥ 1). Default 512 (about 40 KB).
        /// The write happens on the thread whose event filled the buffer.
        public var flushEvery: Int = 512

        /// Buffered rows are also written when the oldest of them is at least this many seconds
        /// old (by ``now``) as the next event arrives; `nil` turns the age limit off. There is no
        /// timer: an idle recorder holds its rows until the next event, ``TraceRecorder/flush()``
        /// or ``TraceRecorder/close()``. Default 5 s.
        public var flushInterval: Double? = 5

        /// A file is finished, and the next one started, before a row would take it past this
        /// many bytes (header included; ≥ 1). A file exceeds it only when the header and one
        /// row alone do. Default 64 MiB. See ``TraceRecorder`` for the file names.
        public var maxFileBytes: Int = 64 << 20

        /// Whether an error is a timeout: its row's outcome is then `timeout` instead of
        /// `failure` (both are failures to the breaker and to replay). Default
        /// ``TraceRecorder/errorTypeNameContainsTimeout(_:)``.
        public var isTimeout: @Sendable (any Error) -> Bool = TraceRecorder.errorTypeNameContainsTimeout

        /// The `error` cell of a failure or timeout row. Default ``TraceRecorder/shortErrorName(_:)``
        /// (the error's type name, `result` for a result classified as a failure). Return
        /// stable, low-cardinality names (`http_503`, `connect_refused`): the column is a type,
        /// not a message.
        public var errorName: @Sendable (any Error) -> String = TraceRecorder.shortErrorName

        /// The `propensity` cell: the probability that the recording policy admitted this call,
        /// for off-policy evaluation. When set, the files get a `propensity` column; `nil`
        /// (default) leaves the column out.
        ///
        /// The closure sees the event of each recorded call (`.success`, `.error`,
        /// `.notPermitted`, `.lateOutcome`) and returns the admission probability, or `nil` when
        /// unknown (an empty cell). The schema accepts (0, 1] only: return `nil` for a call that
        /// was refused with certainty (probability 0). Any other value outside (0, 1] is
        /// written as an empty cell and counted in ``Statistics/invalidPropensities``.
        ///
        /// BreakerCore does not publish the admission probability of a randomised policy yet
        /// (``AdaptiveThrottlingPolicy``'s rejection probability lives inside the breaker's
        /// state machine and is not on its events), so for now the closure must get it from
        /// somewhere it knows, e.g. a deterministic breaker admits every call in CLOSED (1).
        public var propensity: (@Sendable (BreakerEvent) -> Double?)? = nil

        /// Whether an outcome that arrived late (the call was admitted before the breaker
        /// changed state, so the breaker dropped it, ``BreakerEvent/Kind/lateOutcome(failed:duration:)``)
        /// is recorded as a call. Default `true`: the call was admitted and did reach the
        /// dependency; such calls cluster exactly around state changes, the part of a trace that
        /// matters most; and a replay admits every call the recording admitted only if they are
        /// there (policies that count admissions, like SRE throttling, see them). A replay
        /// drops them as late again, for the same reason the breaker did. Such a row has outcome
        /// `success` or `failure` (never `timeout`) and an empty `error` cell, because the event
        /// carries no error; it is the only kind of failure row without an error type.
        public var recordsLateOutcomes: Bool = true

        /// The wall clock, in Unix seconds. Default `Date().timeIntervalSince1970`; tests and
        /// simulations pass a deterministic one. Read once per recorded call, at the event.
        public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

        /// The defaults.
        public init() {}
    }

    /// The default timeout classifier: whether the error's type name (`String(describing:
    /// type(of: error))`) contains `Timeout` (case-sensitive), e.g. `TimeoutError`,
    /// `UpstreamTimeout`, `ConnectTimeoutError`.
    @Sendable
    public static func errorTypeNameContainsTimeout(_ error: any Error) -> Bool {
        String(describing: type(of: error)).contains("Timeout")
    }

    /// The default `error` cell: `result` for a ``ResultRecordedAsFailureError`` (a returned
    /// value classified as a failure), otherwise the error's type name,
    /// `String(describing: type(of: error))`, e.g. `HTTP503Error`.
    @Sendable
    public static func shortErrorName(_ error: any Error) -> String {
        if error is ResultRecordedAsFailureError { return "result" }
        return String(describing: type(of: error))
    }
}
