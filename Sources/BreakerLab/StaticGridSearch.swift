import BreakerCore
import Foundation
import TraceKit

/// The grid `static-best` is chosen from, and the search over it.
///
/// The grid is the full product of these levels, in this nesting order (outermost first):
///
/// | dimension | levels |
/// |---|---|
/// | failure-rate threshold | 25, 50, 75 % |
/// | slow-call rule (rate threshold, duration) | off; ≥ 50 % of calls slower than 300 ms; ≥ 80 % slower than 1 s |
/// | sliding window | count 10, count 50, time 10 s, time 30 s |
/// | minimum number of calls | 5, 20 (capped at a count window's size, where resilience4j caps it anyway) |
/// | open wait | 5 s, 20 s |
/// | half-open trial calls | 1, 5 |
///
/// 3 · 3 · 4 · 2 · 2 · 2 = 288 configurations. The slow-call rule varies its two parameters
/// together (three levels rather than a 2 × 2 product plus "off") to keep the grid under 300
/// replays; the windows span about 4 s to 40 s of history at the standard suite's per-target
/// rates (≈ 2.4 calls/s), and count windows keep working at the diurnal segments' 0.04 calls/s.
public struct StaticGrid: Sendable, Hashable {
    /// Failure-rate thresholds, percent.
    public var failureRateThresholds: [Double]
    /// Slow-call rules as (rate threshold %, duration ms); (100, ``StaticBreakerSettings/slowRuleOffMs``) is off.
    public var slowCallRules: [SlowCallRule]
    /// Sliding windows as (kind, size).
    public var windows: [Window]
    /// Minimum numbers of calls.
    public var minimumCalls: [Int]
    /// Open waits, seconds.
    public var openWaitsSeconds: [Double]
    /// Half-open trial calls.
    public var halfOpenPermits: [Int]

    /// A slow-call rule level.
    public struct SlowCallRule: Sendable, Hashable {
        /// Rate threshold, percent.
        public var rateThreshold: Double
        /// Duration, milliseconds.
        public var durationMs: Double
        /// A level.
        public init(rateThreshold: Double, durationMs: Double) {
            self.rateThreshold = rateThreshold
            self.durationMs = durationMs
        }
        /// No slow-call rule.
        public static let off = SlowCallRule(rateThreshold: 100, durationMs: StaticBreakerSettings.slowRuleOffMs)
    }

    /// A window level.
    public struct Window: Sendable, Hashable {
        /// `count` or `time`.
        public var kind: String
        /// Calls or seconds.
        public var size: Int
        /// A level.
        public init(kind: String, size: Int) {
            self.kind = kind
            self.size = size
        }
    }

    /// A grid from its levels.
    public init(failureRateThresholds: [Double], slowCallRules: [SlowCallRule], windows: [Window],
                minimumCalls: [Int], openWaitsSeconds: [Double], halfOpenPermits: [Int]) {
        self.failureRateThresholds = failureRateThresholds
        self.slowCallRules = slowCallRules
        self.windows = windows
        self.minimumCalls = minimumCalls
        self.openWaitsSeconds = openWaitsSeconds
        self.halfOpenPermits = halfOpenPermits
    }

    /// The documented 288-configuration grid (see the type's documentation).
    public static let standard = StaticGrid(
        failureRateThresholds: [25, 50, 75],
        slowCallRules: [.off, SlowCallRule(rateThreshold: 50, durationMs: 300), SlowCallRule(rateThreshold: 80, durationMs: 1000)],
        windows: [Window(kind: "count", size: 10), Window(kind: "count", size: 50),
                  Window(kind: "time", size: 10), Window(kind: "time", size: 30)],
        minimumCalls: [5, 20], openWaitsSeconds: [5, 20], halfOpenPermits: [1, 5])

    /// Every configuration, in nesting order (the order ties are broken in).
    public var candidates: [StaticBreakerSettings] {
        var all: [StaticBreakerSettings] = []
        for failure in failureRateThresholds {
            for slow in slowCallRules {
                for window in windows {
                    for minimum in minimumCalls {
                        for wait in openWaitsSeconds {
                            for permits in halfOpenPermits {
                                all.append(StaticBreakerSettings(
                                    failureRateThreshold: failure, slowCallRateThreshold: slow.rateThreshold,
                                    slowCallDurationMs: slow.durationMs, windowKind: window.kind, windowSize: window.size,
                                    minimumNumberOfCalls: window.kind == "count" ? min(minimum, window.size) : minimum,
                                    waitDurationInOpenStateSeconds: wait,
                                    permittedCallsInHalfOpenState: permits))
                            }
                        }
                    }
                }
            }
        }
        return all
    }

    /// One line per dimension, for reports.
    public var summary: String {
        func n(_ v: Double) -> String { StaticBreakerSettings.number(v) }
        let slow = slowCallRules.map { $0 == .off ? "off" : "≥ \(n($0.rateThreshold)) % > \(n($0.durationMs)) ms" }
        return "failure-rate threshold {\(failureRateThresholds.map(n).joined(separator: ", "))} %; "
            + "slow-call rule {\(slow.joined(separator: "; "))}; "
            + "window {\(windows.map { "\($0.kind):\($0.size)" }.joined(separator: ", "))}; "
            + "minimum calls {\(minimumCalls.map(String.init).joined(separator: ", "))}; "
            + "open wait {\(openWaitsSeconds.map { n($0) + " s" }.joined(separator: ", "))}; "
            + "half-open trial calls {\(halfOpenPermits.map(String.init).joined(separator: ", "))} "
            + "(\(candidates.count) configurations)"
    }
}

/// Replays every configuration of a ``StaticGrid`` over one trace (the training trace, for
/// `static-best`) and ranks them by total cost.
public enum StaticGridSearch {
    /// One configuration's figures on the searched trace.
    public struct Candidate: Sendable, Hashable, Codable {
        /// The configuration.
        public var settings: StaticBreakerSettings
        /// Its position in the grid's nesting order.
        public var gridIndex: Int
        /// Total cost (``BenchmarkCosts``) on the searched trace.
        public var totalCost: Double
        /// Failed calls it sent.
        public var failedSent: Int
        /// Calls it refused that would have succeeded.
        public var falseRejects: Int
    }

    /// Every candidate, sorted by total cost, then grid order: the first is the choice.
    public struct Ranking: Sendable, Hashable {
        /// Candidates from best to worst.
        public var candidates: [Candidate]
        /// The lowest-cost configuration (the earliest in grid order among equals).
        public var best: Candidate { candidates[0] }
        /// The 1-based rank of the configuration at `gridIndex`.
        public func rank(ofGridIndex gridIndex: Int) -> Int? {
            candidates.firstIndex { $0.gridIndex == gridIndex }.map { $0 + 1 }
        }
    }

    /// Replays `trace` once per configuration of `grid` (the static threshold policy, one
    /// breaker per target) on all cores, and ranks the configurations by total cost under
    /// `costs`. Deterministic: the ranking does not depend on scheduling.
    ///
    /// - Throws: ``BenchmarkError`` (`data`) when the trace cannot be replayed, (`usage`) for
    ///   an empty grid or a grid configuration the breaker refuses.
    public static func rank(_ trace: Trace, grid: StaticGrid = .standard, costs: BenchmarkCosts = BenchmarkCosts(),
                            seed: UInt64 = 1) throws(BenchmarkError) -> Ranking {
        let settings = grid.candidates
        guard !settings.isEmpty else { throw BenchmarkError(.usage, "the static grid is empty") }
        for candidate in settings {
            do {
                try candidate.configuration.validate()
            } catch {
                throw BenchmarkError(.usage, "grid configuration \(candidate) is invalid: \(error.message)")
            }
        }
        var candidates = try ParallelReplays.map(settings.count) { (index) throws(ReplayError) in
            let replay = try TraceReplay.run(trace, configuration: settings[index].configuration, policy: .static, seed: seed)
            let total = replay.total
            return Candidate(settings: settings[index], gridIndex: index,
                             totalCost: costs.total(failedSent: total.failedSent, falseRejects: total.falseRejects,
                                                    secondsOnFailedSent: total.secondsOnFailedSent),
                             failedSent: total.failedSent, falseRejects: total.falseRejects)
        }
        candidates.sort { ($0.totalCost, $0.gridIndex) < ($1.totalCost, $1.gridIndex) }
        return Ranking(candidates: candidates)
    }

    /// Ranks `grid` by its total cost summed over several traces (each replayed on its own, as
    /// ``rank(_:grid:costs:seed:)`` does); traces without calls are skipped.
    ///
    /// - Throws: as ``rank(_:grid:costs:seed:)``, and (`usage`) when no trace has calls.
    public static func rank(_ traces: [Trace], grid: StaticGrid = .standard, costs: BenchmarkCosts = BenchmarkCosts(),
                            seed: UInt64 = 1) throws(BenchmarkError) -> Ranking {
        let usable = traces.filter { $0.outcomes.contains { $0 != .rejected } }
        guard let first = usable.first else {
            throw BenchmarkError(.usage, "the grid search needs a trace with calls to replay")
        }
        var byIndex = Dictionary(uniqueKeysWithValues: try rank(first, grid: grid, costs: costs, seed: seed).candidates.map { ($0.gridIndex, $0) })
        for trace in usable.dropFirst() {
            for candidate in try rank(trace, grid: grid, costs: costs, seed: seed).candidates {
                byIndex[candidate.gridIndex]?.totalCost += candidate.totalCost
                byIndex[candidate.gridIndex]?.failedSent += candidate.failedSent
                byIndex[candidate.gridIndex]?.falseRejects += candidate.falseRejects
            }
        }
        let candidates = byIndex.values.sorted { ($0.totalCost, $0.gridIndex) < ($1.totalCost, $1.gridIndex) }
        return Ranking(candidates: candidates)
    }
}
