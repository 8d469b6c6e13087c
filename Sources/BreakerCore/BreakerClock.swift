/// A monotonic time source for breakers.
///
/// A breaker reads its clock at most once per operation, outside its lock, and only when the
/// decision needs the time (an OPEN breaker's wait, a time-based window, a call's duration).
/// Conformers must be monotonic: `now()` never returns an earlier instant than a previous call.
public protocol BreakerClock: Sendable, AnyObject {
    /// The current instant, never earlier than any instant returned before.
    func now() -> BreakerInstant
}

/// The production clock: `ContinuousClock` (monotonic, keeps counting while the machine
/// sleeps), read as nanoseconds since this clock object was created.
public final class SystemClock: BreakerClock {
    private let origin: ContinuousClock.Instant
    private let clock = ContinuousClock()

    /// Creates a clock whose origin is the moment of creation.
    public init() {
        origin = clock.now
    }

    /// A process-wide shared instance, used by breakers created without an explicit clock.
    public static let shared = SystemClock()

    /// The time elapsed since this clock was created.
    @inlinable
    public func now() -> BreakerInstant {
        BreakerInstant(nanoseconds: elapsedNanoseconds())
    }

    @usableFromInline
    func elapsedNanoseconds() -> Int64 {
        (clock.now - origin).nanosecondsClamped
    }
}
