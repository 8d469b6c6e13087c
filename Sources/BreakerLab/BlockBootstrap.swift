import BreakerCore

/// Paired block-bootstrap confidence intervals for total costs.
///
/// **Why blocks.** A policy's mistakes are serially correlated: one trip rejects every call for
/// the open wait, one incident produces minutes of failures, one slow window delays detection
/// for many calls. Resampling single calls would treat those as independent draws and give
/// intervals far too narrow. Resampling whole stretches of time keeps each stretch's internal
/// dependence; the stretches must be longer than the dependence (open waits ≤ 60 s, windows
/// ≤ a minute, incidents a few minutes), hence blocks of 5 minutes by default. Blocks that cut
/// an incident in two are still correlated with their neighbours, so the intervals are, if
/// anything, somewhat too narrow; longer blocks widen them at the price of fewer blocks.
///
/// **Procedure.** The trace's span is cut into consecutive blocks of `blockSeconds`, aligned to
/// its first call (empty blocks included: they are stretches of time with zero cost). Each of
/// `resamples` replicates draws as many blocks as there are, uniformly with replacement, from a
/// generator seeded with `seed` (``SeededRandom``); a policy's replicate total is the sum of
/// its costs over the drawn blocks. Every policy is summed over the **same** drawn blocks
/// (paired), so a difference between two policies is computed on identical stretches of
/// traffic. The interval is the percentile interval: the ⌈2.5 %·R⌉-th and ⌈97.5 %·R⌉-th
/// smallest replicate values (nearest rank).
public enum BlockBootstrap {
    /// A two-sided interval.
    public struct Interval: Sendable, Hashable, Codable {
        /// Lower bound.
        public var lower: Double
        /// Upper bound.
        public var upper: Double
        /// An interval.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
        /// Whether `value` lies within the bounds (inclusive).
        public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
    }

    /// What ``intervals(blockCosts:reference:resamples:seed:confidence:)`` returns, one entry per policy.
    public struct Intervals: Sendable, Hashable {
        /// Interval of each policy's total cost.
        public var totals: [Interval]
        /// Interval of (policy − reference) total cost, paired; `nil` without a reference.
        public var differences: [Interval]?
    }

    /// The block index of each time: `floor((time − origin) / blockSeconds)`.
    public static func blockCount(spanSeconds: Double, blockSeconds: Double) -> Int {
        max(1, Int((max(spanSeconds, 0) / blockSeconds).rounded(.down)) + 1)
    }

    /// Percentile intervals from `blockCosts[policy][block]`.
    ///
    /// - Parameters:
    ///   - reference: the policy index differences are taken against (static-best), if any.
    ///   - confidence: 0.95 for the 95 % interval.
    public static func intervals(blockCosts: [[Double]], reference: Int?, resamples: Int = 2_000,
                                 seed: UInt64 = 1, confidence: Double = 0.95) -> Intervals {
        let policies = blockCosts.count
        let blocks = blockCosts.first?.count ?? 0
        guard policies > 0, blocks > 0, resamples > 0 else {
            let zero = Interval(lower: 0, upper: 0)
            return Intervals(totals: Array(repeating: zero, count: policies),
                             differences: reference == nil ? nil : Array(repeating: zero, count: policies))
        }
        var random = SeededRandom(seed: seed)
        var totals = [[Double]](repeating: [Double](repeating: 0, count: resamples), count: policies)
        var differences = [[Double]](repeating: [Double](repeating: 0, count: resamples), count: policies)
        var counts = [Int](repeating: 0, count: blocks)
        for replicate in 0..<resamples {
            for index in counts.indices { counts[index] = 0 }
            for _ in 0..<blocks {
                // Unbiased to within blocks / 2⁶⁴, and independent of the standard library's algorithms.
                counts[Int(random.next().multipliedFullWidth(by: UInt64(blocks)).high)] += 1
            }
            for policy in 0..<policies {
                var sum = 0.0
                let costs = blockCosts[policy]
                for block in 0..<blocks where counts[block] > 0 { sum += Double(counts[block]) * costs[block] }
                totals[policy][replicate] = sum
            }
            if let reference {
                for policy in 0..<policies {
                    differences[policy][replicate] = totals[policy][replicate] - totals[reference][replicate]
                }
            }
        }
        let tail = (1 - confidence) / 2
        func interval(_ values: [Double]) -> Interval {
            let sorted = values.sorted()
            // Nearest rank; the 1e-9 keeps 0.025 · 2000 at rank 50 despite (1 − 0.95) / 2 rounding up.
            let lowerRank = max(1, Int((tail * Double(sorted.count) - 1e-9).rounded(.up)))
            let upperRank = min(sorted.count, Int(((1 - tail) * Double(sorted.count) - 1e-9).rounded(.up)))
            return Interval(lower: sorted[lowerRank - 1], upper: sorted[upperRank - 1])
        }
        return Intervals(totals: totals.map(interval), differences: reference == nil ? nil : differences.map(interval))
    }
}
