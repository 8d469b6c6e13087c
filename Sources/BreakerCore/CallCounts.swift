/// Counts of recorded calls: the content of one window bucket, or a whole window's totals.
public struct CallCounts: Hashable, Sendable {
    /// Recorded calls (successes and failures; ignored calls are never recorded).
    public var calls: Int32 = 0
    /// Calls recorded as failures.
    public var failed: Int32 = 0
    /// Calls slower than the slow-call threshold, failed or not.
    public var slow: Int32 = 0
    /// Calls both slow and failed.
    public var slowFailed: Int32 = 0

    /// No calls.
    public init() {}

    @inlinable
    mutating func add(_ other: CallCounts) {
        calls &+= other.calls
        failed &+= other.failed
        slow &+= other.slow
        slowFailed &+= other.slowFailed
    }

    @inlinable
    mutating func subtract(_ other: CallCounts) {
        calls &-= other.calls
        failed &-= other.failed
        slow &-= other.slow
        slowFailed &-= other.slowFailed
    }

    @inlinable
    static func single(failed: Bool, slow: Bool) -> CallCounts {
        var counts = CallCounts()
        counts.calls = 1
        counts.failed = failed ? 1 : 0
        counts.slow = slow ? 1 : 0
        counts.slowFailed = failed && slow ? 1 : 0
        return counts
    }
}
