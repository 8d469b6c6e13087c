import Synchronization
import Testing
@testable import BreakerCore

// Shared helpers for BreakerCore tests. Every helper is deterministic: breakers run on a
// `ManualClock` that moves only when a test advances it, so no test ever sleeps.

// MARK: - Errors

/// An error that the resilience4j base configuration (``BreakerConfiguration/resilienceBase()``)
/// classifies as `.ignore` (resilience4j's `ignoreExceptions`): never recorded, it releases the
/// permission instead.
struct IgnoredError: Error, Equatable {}

/// An ordinary error, recorded as a failure by every configuration that does not say otherwise.
struct RecordedError: Error, Equatable {}

// MARK: - Base configuration (R-BASE)

/// The instant at which resilience4j's `CircuitBreakerStateMachineTest` starts its fake clock:
/// 2019-01-01T12:00:00Z, as seconds since the Unix epoch.
let resilienceBaseStartTime: Duration = .seconds(1_546_344_000)

extension BreakerConfiguration {
    /// resilience4j's base configuration **R-BASE** from `shared/spec/breaker-scenarios.md`:
    /// thresholds 50 % (failure and slow-call), slow above 4 s, 4 half-open permits, 1 s
    /// maximum half-open wait, a 20 s time-based window, minimum 5 calls, a 5 s open wait, and
    /// ``IgnoredError`` ignored (every other error is a failure).
    ///
    /// Adjust a copy for scenarios that differ (`var c = BreakerConfiguration.resilienceBase()`).
    static func resilienceBase() -> BreakerConfiguration {
        var c = BreakerConfiguration()
        c.failureRateThreshold = 50
        c.slowCallRateThreshold = 50
        c.slowCallDurationThreshold = .seconds(4)
        c.permittedCallsInHalfOpenState = 4
        c.maxWaitDurationInHalfOpenState = .seconds(1)
        c.slidingWindow = .timeBased(seconds: 20)
        c.minimumNumberOfCalls = 5
        c.waitDurationInOpenState = .seconds(5)
        c.classifyError = { $0 is IgnoredError ? .ignore : .failure }
        return c
    }
}

/// A breaker under test with its manual clock and an event collector listening from creation.
struct BreakerFixture {
    /// The breaker, named `testName` unless told otherwise.
    let breaker: CircuitBreaker
    /// The breaker's clock; advance it to let time pass.
    let clock: ManualClock
    /// Every event the breaker published since it was created.
    let events: EventCollector
    /// The clock reading when the fixture was created.
    let start: BreakerInstant

    /// Creates a breaker on a fresh `ManualClock`.
    ///
    /// - Parameters:
    ///   - name: the breaker's name (`testName`, as in resilience4j's suite).
    ///   - configuration: R-BASE by default.
    ///   - startTime: the clock's initial reading; R-BASE's 2019-01-01T12:00:00Z by default.
    ///   - configure: changes applied to `configuration` before the breaker is created.
    init(name: String = "testName",
         configuration: BreakerConfiguration = .resilienceBase(),
         startTime: Duration = resilienceBaseStartTime,
         configure: (inout BreakerConfiguration) -> Void = { _ in }) throws {
        var configuration = configuration
        configure(&configuration)
        clock = ManualClock(initialTime: startTime)
        breaker = try CircuitBreaker(name: name, configuration: configuration, clock: clock)
        events = EventCollector(listeningTo: breaker)
        start = clock.now()
    }

    /// Sets the clock to `offset` after ``start`` (it never moves backwards).
    func setClock(toOffset offset: Duration) {
        let moved = clock.set(to: start + offset)
        precondition(moved, "the manual clock cannot move backwards")
    }
}

// MARK: - Outcomes in scenario notation

/// The outcome of one call, in the scenario notation of the spec: `S`, `F` and `X`.
enum ScenarioOutcome: Sendable, CustomStringConvertible {
    /// `S`: the call succeeded.
    case success
    /// `F`: the call failed with a recorded error (``RecordedError``).
    case failure
    /// `X`: the call failed with an ignored error (``IgnoredError``).
    case ignored

    var description: String {
        switch self {
        case .success: "S"
        case .failure: "F"
        case .ignored: "X"
        }
    }
}

extension CircuitBreaker {
    /// Reports `outcome` for the current state without asking for permission first, as
    /// resilience4j's tests call `onSuccess`/`onError` directly.
    func report(_ outcome: ScenarioOutcome, duration: Duration = .zero) {
        switch outcome {
        case .success: onSuccess(duration: duration)
        case .failure: onError(RecordedError(), duration: duration)
        case .ignored: onError(IgnoredError(), duration: duration)
        }
    }

    /// Asks for permission (``tryAcquirePermission()``) and, if granted, reports `outcome`.
    ///
    /// - Returns: whether the permission was granted; nothing is reported when it was not.
    @discardableResult
    func acquireAndReport(_ outcome: ScenarioOutcome, duration: Duration = .zero) -> Bool {
        guard tryAcquirePermission() else { return false }
        report(outcome, duration: duration)
        return true
    }

    /// Moves to HALF_OPEN by hand, through OPEN (CLOSED→HALF_OPEN is illegal), without
    /// moving the clock; the half-open episode starts with fresh metrics and all its permits.
    func transitionToHalfOpenThroughOpen() throws {
        try transition(to: .open)
        try transition(to: .halfOpen)
    }
}

// MARK: - Metrics tuple

/// The metrics tuple **M = (failureRate, successful, buffered, failed, notPermitted)** that
/// resilience4j's suite asserts, comparable as a whole so a mismatch prints both tuples.
struct MetricsTuple: Equatable, CustomStringConvertible {
    var failureRate: Double
    var successful: Int
    var buffered: Int
    var failed: Int
    var notPermitted: Int

    /// The tuple written out, e.g. `MetricsTuple(-1, 0, 3, 3, 0)`.
    init(_ failureRate: Double, _ successful: Int, _ buffered: Int, _ failed: Int, _ notPermitted: Int) {
        self.failureRate = failureRate
        self.successful = successful
        self.buffered = buffered
        self.failed = failed
        self.notPermitted = notPermitted
    }

    /// The tuple of a metrics snapshot.
    init(_ metrics: BreakerMetrics) {
        self.init(metrics.failureRate, metrics.successfulCalls, metrics.bufferedCalls,
                  metrics.failedCalls, metrics.notPermittedCalls)
    }

    var description: String {
        let rate = failureRate == failureRate.rounded() ? String(Int(failureRate)) : String(failureRate)
        return "(\(rate), \(successful), \(buffered), \(failed), \(notPermitted))"
    }
}

/// Expects the breaker's current metrics (read once, with eviction and any due half-open
/// expiry applied) to equal M = (failureRate, successful, buffered, failed, notPermitted).
func expectMetrics(_ breaker: CircuitBreaker,
                   _ failureRate: Double, _ successful: Int, _ buffered: Int, _ failed: Int, _ notPermitted: Int,
                   _ comment: Comment? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = MetricsTuple(breaker.metrics)
    let expected = MetricsTuple(failureRate, successful, buffered, failed, notPermitted)
    #expect(actual == expected, comment, sourceLocation: sourceLocation)
}

// MARK: - Events

/// The kind of a ``BreakerEvent`` without its payload, for counting and filtering
/// (``BreakerEvent/Kind`` carries errors and is not `Equatable`).
enum EventTag: Hashable, Sendable {
    case success, error, ignoredError, notPermitted, stateTransition, reset
    case failureRateExceeded, slowCallRateExceeded, lateOutcome, policyNotice
}

/// A state change as published in a `.stateTransition` event.
struct StateTransition: Hashable, Sendable, CustomStringConvertible {
    var from: CircuitState
    var to: CircuitState

    init(_ from: CircuitState, _ to: CircuitState) {
        self.from = from
        self.to = to
    }

    var description: String { "\(from)->\(to)" }
}

extension BreakerEvent.Kind {
    /// The payload-free kind of the event.
    var tag: EventTag {
        switch self {
        case .success: .success
        case .error: .error
        case .ignoredError: .ignoredError
        case .notPermitted: .notPermitted
        case .stateTransition: .stateTransition
        case .reset: .reset
        case .failureRateExceeded: .failureRateExceeded
        case .slowCallRateExceeded: .slowCallRateExceeded
        case .lateOutcome: .lateOutcome
        case .policyNotice: .policyNotice
        }
    }

    /// The transition of a `.stateTransition` event, else `nil`.
    var transition: StateTransition? {
        if case .stateTransition(let from, let to) = self { return StateTransition(from, to) }
        return nil
    }

    /// The rejection of a `.notPermitted` event, else `nil`.
    var rejection: CallNotPermittedError? {
        if case .notPermitted(let rejection) = self { return rejection }
        return nil
    }

    /// The rate of a `.failureRateExceeded` event, else `nil`.
    var exceededFailureRate: Double? {
        if case .failureRateExceeded(let rate) = self { return rate }
        return nil
    }

    /// The rate of a `.slowCallRateExceeded` event, else `nil`.
    var exceededSlowCallRate: Double? {
        if case .slowCallRateExceeded(let rate) = self { return rate }
        return nil
    }
}

/// Collects every event of a breaker, thread-safely, in delivery order.
///
/// ```swift
/// let events = EventCollector(listeningTo: breaker)
/// ...
/// #expect(events.count(of: .failureRateExceeded) == 1)
/// #expect(events.transitions == [StateTransition(.closed, .open)])
/// ```
final class EventCollector: Sendable {
    private let storage = Mutex<[BreakerEvent]>([])

    /// Registers the collector as a listener of `breaker`; it sees every later event.
    init(listeningTo breaker: CircuitBreaker) {
        breaker.addListener { [self] event in
            storage.withLock { $0.append(event) }
        }
    }

    /// The events collected so far.
    var all: [BreakerEvent] { storage.withLock { $0 } }

    /// The kinds of the events collected so far.
    var kinds: [BreakerEvent.Kind] { all.map(\.kind) }

    /// The payload-free kinds of the events collected so far.
    var tags: [EventTag] { kinds.map(\.tag) }

    /// How many collected events have the kind `tag`.
    func count(of tag: EventTag) -> Int { kinds.count { $0.tag == tag } }

    /// The state transitions collected so far, in order.
    var transitions: [StateTransition] { kinds.compactMap(\.transition) }

    /// The rejections collected so far, in order.
    var rejections: [CallNotPermittedError] { kinds.compactMap(\.rejection) }

    /// Forgets the events collected so far (e.g. those of a test's setup).
    func removeAll() { storage.withLock { $0.removeAll() } }
}
