#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A monotonic time source for breakers.
///
/// A breaker reads its clock at most once per operation, outside its lock, and only when the
/// decision needs the time (an OPEN breaker's wait, a time-based window, a call's duration).
/// Conformers must be monotonic: `now()` never returns an earlier instant than a previous call.
public protocol BreakerClock: Sendable, AnyObject {
    /// The current instant, never earlier than any instant returned before.
    func now() -> BreakerInstant
}

/// The production clock: the same source as `ContinuousClock` (monotonic, keeps counting while
/// the machine sleeps), read as nanoseconds since this clock object was created.
///
/// On Linux it reads `CLOCK_BOOTTIME` (what `ContinuousClock` reads) directly, which spares
/// the 128-bit `Duration` arithmetic of going through `ContinuousClock.Instant`; elsewhere it
/// goes through `ContinuousClock`.
public final class SystemClock: BreakerClock {
    #if canImport(Glibc) || canImport(Musl)
    private let origin: Int64
    #else
    private let origin: ContinuousClock.Instant
    #endif

    /// Creates a clock whose origin is the moment of creation.
    public init() {
        #if canImport(Glibc) || canImport(Musl)
        origin = Self.bootTimeNanoseconds()
        #else
        origin = ContinuousClock.now
        #endif
    }

    /// A process-wide shared instance, used by breakers created without an explicit clock.
    public static let shared = SystemClock()

    /// The time elapsed since this clock was created.
    public func now() -> BreakerInstant {
        #if canImport(Glibc) || canImport(Musl)
        return BreakerInstant(nanoseconds: Self.bootTimeNanoseconds() &- origin)
        #else
        return BreakerInstant(nanoseconds: (ContinuousClock.now - origin).nanosecondsClamped)
        #endif
    }

    #if canImport(Glibc) || canImport(Musl)
    @inline(__always)
    private static func bootTimeNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_BOOTTIME, &time)
        return Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
    #endif
}
