/// The sliding window behind a breaker's rates: a ring of buckets with running totals, so
/// recording an outcome and reading the totals are O(1) (a time window that skips ahead clears
/// at most `size` buckets).
///
/// - Count-based: one bucket per call; the ring holds the last `size` outcomes.
/// - Time-based: one bucket per whole second of the clock, keyed by that absolute second
///   (`floor(t / 1 s)` from the clock's origin, as resilience4j keys by epoch second). A call in
///   second `s` counts while `current − size < s`; it is evicted exactly when the clock reaches
///   `(s + size)` seconds.
package struct CallWindow: Sendable {
    package enum Kind: Sendable, Hashable { case count, time }

    package let kind: Kind
    package let size: Int
    @usableFromInline var buckets: [CallCounts]
    /// Count-based: index of the next slot to overwrite. Time-based: index of `headSecond`'s bucket.
    @usableFromInline var head: Int = 0
    /// Time-based: the absolute second of the newest bucket.
    @usableFromInline var headSecond: Int64 = 0
    /// Totals over the window.
    package private(set) var totals = CallCounts()

    package init(_ configuration: BreakerConfiguration.SlidingWindow) {
        switch configuration {
        case .countBased(let size): self.init(kind: .count, size: size)
        case .timeBased(let seconds): self.init(kind: .time, size: seconds)
        }
    }

    package init(kind: Kind, size: Int) {
        self.kind = kind
        self.size = max(size, 1)
        buckets = Array(repeating: CallCounts(), count: self.size)
    }

    /// Whether recording or reading needs the current time.
    package var needsTime: Bool { kind == .time }

    /// Records one outcome. `now` is required for time-based windows and ignored otherwise.
    @inlinable
    package mutating func record(failed: Bool, slow: Bool, at now: BreakerInstant?) {
        let call = CallCounts.single(failed: failed, slow: slow)
        switch kind {
        case .count:
            totals.subtract(buckets[head])
            buckets[head] = call
            head += 1
            if head == size { head = 0 }
        case .time:
            if let now { moveTo(second: now.second) }
            buckets[head].add(call)
        }
        totals.add(call)
    }

    /// Evicts time-based buckets that have left the window at `now`; no effect on count windows.
    @inlinable
    package mutating func advance(to now: BreakerInstant) {
        if kind == .time { moveTo(second: now.second) }
    }

    @usableFromInline
    mutating func moveTo(second: Int64) {
        guard second > headSecond else { return }  // the clock is monotonic; never move back
        let steps = second - headSecond
        if steps >= Int64(size) {
            for index in buckets.indices { buckets[index] = CallCounts() }
            totals = CallCounts()
            head = Int(second % Int64(size))
            if head < 0 { head += size }
        } else {
            for _ in 0..<Int(steps) {
                head += 1
                if head == size { head = 0 }
                totals.subtract(buckets[head])
                buckets[head] = CallCounts()
            }
        }
        headSecond = second
    }
}
