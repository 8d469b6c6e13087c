/// A point on a breaker clock: a signed count of nanoseconds since the clock's origin.
///
/// Breakers compare and subtract instants only from the same clock. The origin is the
/// clock's own: zero for a fresh ``ManualClock``, an arbitrary fixed point for
/// ``SystemClock``. Time-based sliding windows bucket calls by whole seconds counted from
/// that origin, as resilience4j buckets them by whole epoch seconds.
public struct BreakerInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the clock's origin.
    public var nanoseconds: Int64

    /// Creates the instant `nanoseconds` after the clock's origin.
    @inlinable
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The clock's origin.
    public static let zero = BreakerInstant(nanoseconds: 0)

    /// Creates the instant `offset` after the clock's origin, truncated to whole nanoseconds.
    @inlinable
    public init(_ offset: Duration) {
        self.nanoseconds = offset.nanosecondsClamped
    }

    /// The offset of this instant from the clock's origin.
    @inlinable
    public var offset: Duration { .nanoseconds(nanoseconds) }

    /// The whole second (counted from the clock's origin) this instant falls in: `floor(t / 1 s)`.
    @inlinable
    public var second: Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds + 1) / 1_000_000_000 - 1
    }

    /// Whether `lhs` is earlier than `rhs`.
    @inlinable
    public static func < (lhs: BreakerInstant, rhs: BreakerInstant) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }

    /// The instant `duration` later, saturating at the representable range.
    @inlinable
    public static func + (lhs: BreakerInstant, rhs: Duration) -> BreakerInstant {
        let (sum, overflow) = lhs.nanoseconds.addingReportingOverflow(rhs.nanosecondsClamped)
        if overflow { return BreakerInstant(nanoseconds: rhs > .zero ? .max : .min) }
        return BreakerInstant(nanoseconds: sum)
    }

    /// The time from `rhs` to `lhs` (negative when `lhs` is earlier).
    @inlinable
    public static func - (lhs: BreakerInstant, rhs: BreakerInstant) -> Duration {
        .nanoseconds(lhs.nanoseconds &- rhs.nanoseconds)
    }

    /// The offset from the origin, e.g. `12.5 s`.
    public var description: String { offset.description }
}
