/// Counts of recorded calls: the content of one window bucket, or a whole window's totals.
///
/// The four counters live in one `SIMD4<Int32>`, so adding or evicting a bucket is a single
/// vector operation and a snapshot reads them back in one load.
public struct CallCounts: Hashable, Sendable {
    @usableFromInline var storage: SIMD4<Int32>

    /// No calls.
    @inlinable
    public init() { storage = .zero }

    @inlinable
    init(storage: SIMD4<Int32>) { self.storage = storage }

    /// Recorded calls (successes and failures; ignored calls are never recorded).
    @inlinable public var calls: Int32 { storage[0] }
    /// Calls recorded as failures.
    @inlinable public var failed: Int32 { storage[1] }
    /// Calls slower than the slow-call threshold, failed or not.
    @inlinable public var slow: Int32 { storage[2] }
    /// Calls both slow and failed.
    @inlinable public var slowFailed: Int32 { storage[3] }

    @inlinable
    mutating func add(_ other: CallCounts) {
        storage &+= other.storage
    }

    @inlinable
    mutating func subtract(_ other: CallCounts) {
        storage &-= other.storage
    }

    /// One call with the given outcome.
    @inlinable
    static func single(failed: Bool, slow: Bool) -> CallCounts {
        let f: Int32 = failed ? 1 : 0
        let s: Int32 = slow ? 1 : 0
        return CallCounts(storage: SIMD4(1, f, s, f & s))
    }
}
