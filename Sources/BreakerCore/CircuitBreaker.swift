import Synchronization

/// A circuit breaker guarding one dependency, with resilience4j's semantics.
///
/// The decision logic is a pure state machine held in a `Mutex`; the clock is read outside the
/// lock, at most once per operation and only when the decision needs it; listeners and user
/// code never run under the lock. In CLOSED (without admission control), DISABLED and
/// METRICS_ONLY, admission is a single atomic load.
///
/// ```swift
/// var config = BreakerConfiguration()
/// config.slidingWindow = .countBased(size: 20)
/// config.minimumNumberOfCalls = 10
/// let breaker = try CircuitBreaker(name: "payments", configuration: config)
/// let receipt = try breaker.execute { try payments.charge(order) }
/// ```
public final class CircuitBreaker: Sendable {
    /// The breaker's name: the dependency it guards. Rejections and events carry it.
    public let name: String
    /// The validated configuration.
    public let configuration: BreakerConfiguration
    /// The clock that times calls and opening waits.
    public let clock: any BreakerClock

    let machine: Mutex<BreakerStateMachine>
    /// `generation << 1 | 1` while every acquire is granted without the machine, else `generation << 1`.
    let admission: Atomic<UInt64>
    let listeners = ListenerList()
    let recordNeedsClock: Bool
    /// ``BreakerConfiguration/slowCallDurationThreshold`` in nanoseconds, for calls the breaker times itself.
    @usableFromInline let slowCallNanoseconds: Int64

    /// Creates a breaker in CLOSED.
    ///
    /// - Parameters:
    ///   - name: the dependency guarded; one breaker per dependency.
    ///   - configuration: validated here; resilience4j's defaults when omitted.
    ///   - policy: decides when to trip; ``ThresholdPolicy`` (resilience4j's) by default.
    ///   - clock: ``SystemClock/shared`` by default; a ``ManualClock`` in tests and simulations.
    /// - Throws: ``BreakerError`` (`invalidConfiguration`) naming the offending field.
    public init(name: String, configuration: BreakerConfiguration = BreakerConfiguration(),
                policy: any TripPolicy = ThresholdPolicy(),
                clock: any BreakerClock = SystemClock.shared) throws(BreakerError) {
        try configuration.validate()
        self.name = name
        self.configuration = configuration
        self.clock = clock
        let machine = BreakerStateMachine(configuration: configuration, policy: policy)
        recordNeedsClock = machine.requirements.contains(.clockOnOutcome) || machine.metrics.window.needsTime
        slowCallNanoseconds = configuration.slowCallDurationThreshold.nanosecondsClamped
        admission = Atomic(Self.admissionWord(machine))
        self.machine = Mutex(machine)
    }

    static func admissionWord(_ machine: borrowing BreakerStateMachine) -> UInt64 {
        machine.generation << 1 | (machine.admitsEveryCall ? 1 : 0)
    }

    /// Runs `body` on the state machine under the lock and republishes the admission word.
    @inline(__always)
    func withMachine<T>(_ body: (inout BreakerStateMachine) -> T) -> T {
        machine.withLockChecked(owner: self) { machine in
            let result = body(&machine)
            let word = Self.admissionWord(machine)
            if admission.load(ordering: .relaxed) != word {
                admission.store(word, ordering: .releasing)
            }
            return result
        }
    }
}
