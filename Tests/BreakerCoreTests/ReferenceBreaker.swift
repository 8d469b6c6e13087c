import BreakerCore

/// A **test oracle**: an independent, deliberately naive model of resilience4j's circuit breaker,
/// written only from `shared/spec/breaker-scenarios.md` ("The rules, exactly", rules 1–16), not
/// from `BreakerStateMachine*.swift` or `CallWindow.swift`.
///
/// It trades speed for being obviously right:
/// - a metrics object keeps *every* outcome it recorded with its timestamp; the counts are
///   recomputed by scanning (the last N for a count window; `currentSecond - size < s` for a time
///   window, with `s = floor(t_ms / 1000)`), so eviction needs no bookkeeping;
/// - rates are computed in `Float` exactly as `Float(failed) * 100 / Float(buffered)` and compared
///   `>=` with `Float(threshold)`;
/// - time is whole milliseconds, moved only by ``advance(byMilliseconds:)``.
///
/// Out of scope (the differential test never exercises them): backoff (the open wait is
/// constant), `maxWaitDurationInHalfOpenState` (always zero), result classification, and
/// recording an outcome into the zero-size window that OPEN inherits from DISABLED or
/// FORCED_OPEN (resilience4j's `FixedSizeSlidingWindowMetrics(0)` throws `ArithmeticException`
/// there, so there is nothing to match; see ``wouldRecordIntoZeroSizeWindow``).
struct ReferenceBreaker {
    /// The configuration the oracle understands, in whole milliseconds.
    struct Configuration: CustomStringConvertible {
        enum Window: CustomStringConvertible {
            case count(size: Int)
            case time(seconds: Int)

            var description: String {
                switch self {
                case .count(let size): ".countBased(size: \(size))"
                case .time(let seconds): ".timeBased(seconds: \(seconds))"
                }
            }
        }

        var failureRateThreshold: Double
        var slowCallRateThreshold: Double
        var slowCallDurationMilliseconds: Int64
        var window: Window
        var minimumNumberOfCalls: Int
        var waitMilliseconds: Int64
        var permittedCallsInHalfOpenState: Int

        var description: String {
            "failureRateThreshold=\(failureRateThreshold) slowCallRateThreshold=\(slowCallRateThreshold) "
                + "slowCallDurationThreshold=\(slowCallDurationMilliseconds)ms slidingWindow=\(window) "
                + "minimumNumberOfCalls=\(minimumNumberOfCalls) waitDurationInOpenState=\(waitMilliseconds)ms "
                + "permittedCallsInHalfOpenState=\(permittedCallsInHalfOpenState) maxWaitDurationInHalfOpenState=0"
        }
    }

    /// One recorded outcome.
    struct Outcome {
        var atMilliseconds: Int64
        var failed: Bool
        var slow: Bool
    }

    /// resilience4j's `CircuitBreakerMetrics`: a window, its own minimum number of calls, and its
    /// own `notPermitted` counter.
    struct MetricsObject {
        enum Kind {
            /// The last `size` outcomes (size 0: the empty window of DISABLED / FORCED_OPEN).
            case count(size: Int)
            /// The outcomes of the last `seconds` whole seconds.
            case time(seconds: Int)
        }

        var kind: Kind
        var minimumNumberOfCalls: Int
        var outcomes: [Outcome] = []
        var notPermitted = 0

        /// The outcomes still in the window at `now` (rules 5 and 6).
        func live(now: Int64) -> [Outcome] {
            switch kind {
            case .count(let size):
                return Array(outcomes.suffix(size))
            case .time(let seconds):
                let currentSecond = ReferenceBreaker.floorSecond(now)
                return outcomes.filter { currentSecond - Int64(seconds) < ReferenceBreaker.floorSecond($0.atMilliseconds) }
            }
        }

        var isZeroSize: Bool {
            if case .count(0) = kind { return true }
            return false
        }
    }

    /// What ``CircuitBreaker/metrics`` exposes, field by field.
    struct Snapshot: Equatable, CustomStringConvertible {
        var failureRate: Double
        var slowCallRate: Double
        var bufferedCalls: Int
        var failedCalls: Int
        var successfulCalls: Int
        var slowCalls: Int
        var notPermittedCalls: Int

        var description: String {
            "(failureRate \(failureRate), slowCallRate \(slowCallRate), buffered \(bufferedCalls), "
                + "failed \(failedCalls), successful \(successfulCalls), slow \(slowCalls), "
                + "notPermitted \(notPermittedCalls))"
        }
    }

    let configuration: Configuration
    private(set) var now: Int64 = 0
    private(set) var state: CircuitState = .closed
    private(set) var metricsObject: MetricsObject
    /// When OPEN was last entered (rule 8).
    private(set) var openedAt: Int64 = 0
    /// HALF_OPEN's permit counter (rules 7 and 11).
    private(set) var halfOpenPermits = 0

    init(configuration: Configuration) {
        self.configuration = configuration
        metricsObject = Self.closedMetrics(configuration)
    }

    static func floorSecond(_ milliseconds: Int64) -> Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    // MARK: Fresh metrics objects (rules 2, 7, 9, 13, 14)

    /// CLOSED and METRICS_ONLY: the configured window; the minimum is clamped to a count
    /// window's size, not to a time window's.
    static func closedMetrics(_ c: Configuration) -> MetricsObject {
        switch c.window {
        case .count(let size):
            MetricsObject(kind: .count(size: size), minimumNumberOfCalls: min(c.minimumNumberOfCalls, size))
        case .time(let seconds):
            MetricsObject(kind: .time(seconds: seconds), minimumNumberOfCalls: c.minimumNumberOfCalls)
        }
    }

    /// HALF_OPEN: a count window of `permitted`, minimum `min(minimumNumberOfCalls, permitted)`.
    static func halfOpenMetrics(_ c: Configuration) -> MetricsObject {
        MetricsObject(kind: .count(size: c.permittedCallsInHalfOpenState),
                      minimumNumberOfCalls: min(c.minimumNumberOfCalls, c.permittedCallsInHalfOpenState))
    }

    /// DISABLED and FORCED_OPEN: an empty window that never records.
    static func emptyMetrics() -> MetricsObject {
        MetricsObject(kind: .count(size: 0), minimumNumberOfCalls: 0)
    }

    // MARK: Reading

    /// The metrics as read now (reading applies time-window eviction: rule 6).
    var snapshot: Snapshot {
        let live = metricsObject.live(now: now)
        let buffered = live.count
        let failed = live.filter(\.failed).count
        let slow = live.filter(\.slow).count
        let ratesComputed = buffered > 0 && buffered >= metricsObject.minimumNumberOfCalls
        return Snapshot(
            failureRate: ratesComputed ? Double(Self.percent(failed, of: buffered)) : -1,
            slowCallRate: ratesComputed ? Double(Self.percent(slow, of: buffered)) : -1,
            bufferedCalls: buffered,
            failedCalls: failed,
            successfulCalls: buffered - failed,
            slowCalls: slow,
            notPermittedCalls: metricsObject.notPermitted)
    }

    /// Rule 3: `part * 100f / whole` in single precision.
    static func percent(_ part: Int, of whole: Int) -> Float {
        Float(part) * 100 / Float(whole)
    }

    /// The instant at which an acquire first succeeds in OPEN is `openDeadline + 1 ms`.
    var openDeadline: Int64 { openedAt + configuration.waitMilliseconds }

    /// Whether reporting a success or failure now would record into the zero-size window that
    /// OPEN inherited from DISABLED or FORCED_OPEN (undefined: resilience4j throws there).
    var wouldRecordIntoZeroSizeWindow: Bool {
        state == .open && metricsObject.isZeroSize
    }

    // MARK: Time

    mutating func advance(byMilliseconds milliseconds: Int64) {
        precondition(milliseconds >= 0)
        now += milliseconds
    }

    // MARK: Permission (rules 7, 8, 11, 12, 13, 14)

    mutating func tryAcquirePermission() -> Bool {
        switch state {
        case .closed, .metricsOnly, .disabled:
            return true
        case .forcedOpen:
            metricsObject.notPermitted += 1
            return false
        case .open:
            if now > openDeadline {
                enterHalfOpen()
                return takeHalfOpenPermit()
            }
            metricsObject.notPermitted += 1
            return false
        case .halfOpen:
            return takeHalfOpenPermit()
        }
    }

    private mutating func takeHalfOpenPermit() -> Bool {
        if halfOpenPermits > 0 {
            halfOpenPermits -= 1
            return true
        }
        metricsObject.notPermitted += 1
        return false
    }

    /// Rule 11: adds a permit back in HALF_OPEN, unconditionally; no effect elsewhere.
    mutating func releasePermission() {
        if state == .halfOpen { halfOpenPermits += 1 }
    }

    // MARK: Outcomes (rules 1, 4, 7, 10, 11, 14)

    mutating func onSuccess(durationMilliseconds: Int64) {
        record(failed: false, durationMilliseconds: durationMilliseconds)
    }

    mutating func onFailure(durationMilliseconds: Int64) {
        record(failed: true, durationMilliseconds: durationMilliseconds)
    }

    /// Rule 11: an ignored error is never recorded; it releases the permission.
    mutating func onIgnoredError() {
        releasePermission()
    }

    private mutating func record(failed: Bool, durationMilliseconds: Int64) {
        let outcome = Outcome(atMilliseconds: now, failed: failed,
                              slow: durationMilliseconds > configuration.slowCallDurationMilliseconds)
        switch state {
        case .disabled, .forcedOpen:
            return
        case .open:
            precondition(!metricsObject.isZeroSize,
                         "undefined in resilience4j: recording into DISABLED/FORCED_OPEN's zero-size window")
            metricsObject.outcomes.append(outcome)
        case .metricsOnly:
            metricsObject.outcomes.append(outcome)
        case .closed:
            metricsObject.outcomes.append(outcome)
            if thresholdsCheck() == .exceeded { enterOpen() }
        case .halfOpen:
            metricsObject.outcomes.append(outcome)
            switch thresholdsCheck() {
            case .exceeded: enterOpen()
            case .below: enterFresh(.closed)
            case .belowMinimum: break
            }
        }
    }

    enum Check { case belowMinimum, exceeded, below }

    /// Rule 1: no decision while a rate is -1; otherwise either rate `>=` its threshold exceeds.
    private func thresholdsCheck() -> Check {
        let s = snapshot
        if s.failureRate == -1 || s.slowCallRate == -1 { return .belowMinimum }
        let failure = Self.percent(s.failedCalls, of: s.bufferedCalls)
        let slow = Self.percent(s.slowCalls, of: s.bufferedCalls)
        if failure >= Float(configuration.failureRateThreshold) || slow >= Float(configuration.slowCallRateThreshold) {
            return .exceeded
        }
        return .below
    }

    // MARK: Entering states (rules 8, 9, 15, 16)

    /// OPEN keeps the current metrics object unchanged (rule 9) and restarts the wait.
    private mutating func enterOpen() {
        state = .open
        openedAt = now
    }

    private mutating func enterHalfOpen() {
        state = .halfOpen
        metricsObject = Self.halfOpenMetrics(configuration)
        halfOpenPermits = configuration.permittedCallsInHalfOpenState
    }

    /// CLOSED, METRICS_ONLY, DISABLED, FORCED_OPEN start fresh metrics.
    private mutating func enterFresh(_ target: CircuitState) {
        state = target
        switch target {
        case .closed, .metricsOnly: metricsObject = Self.closedMetrics(configuration)
        case .disabled, .forcedOpen: metricsObject = Self.emptyMetrics()
        case .open, .halfOpen: preconditionFailure("not a fresh-metrics state")
        }
    }

    /// Rule 15, written out as its own table (not `CircuitState.canTransition`).
    static func isLegal(from: CircuitState, to: CircuitState) -> Bool {
        switch (from, to) {
        case (.closed, .halfOpen), (.metricsOnly, .open), (.metricsOnly, .halfOpen): false
        default: true
        }
    }

    /// Rule 15: returns false (and changes nothing) for an illegal transition; a transition to
    /// the current state recreates it.
    mutating func transition(to target: CircuitState) -> Bool {
        guard Self.isLegal(from: state, to: target) else { return false }
        switch target {
        case .open: enterOpen()
        case .halfOpen: enterHalfOpen()
        case .closed, .metricsOnly, .disabled, .forcedOpen: enterFresh(target)
        }
        return true
    }

    /// Rule 16: CLOSED with fresh metrics, from any state.
    mutating func reset() {
        enterFresh(.closed)
    }
}
