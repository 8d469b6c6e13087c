/// One arm of a bandit over breaker configurations: a static count-window breaker.
///
/// The breaker it stands for trips when, with at least ``minimumCalls`` calls in its window of
/// the last ``windowCalls`` calls (counted since the last state change, as resilience4j resets
/// its window), the failure rate reaches ``failureRateThreshold`` percent (compared in single
/// precision, as resilience4j compares); it then stays open ``openWaitSeconds``. No slow-call rule.
public struct BanditArm: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Failure-rate threshold, percent, in (0, 100].
    public var failureRateThreshold: Double
    /// Count-window size, calls, in 1…64.
    public var windowCalls: Int
    /// Minimum calls before the rate counts, in 1…windowCalls.
    public var minimumCalls: Int
    /// Open wait, seconds, > 0.
    public var openWaitSeconds: Double

    /// An arm from its fields verbatim (no checks; model-file validation checks).
    public init(failureRateThreshold: Double, windowCalls: Int, minimumCalls: Int, openWaitSeconds: Double) {
        self.failureRateThreshold = failureRateThreshold
        self.windowCalls = windowCalls
        self.minimumCalls = minimumCalls
        self.openWaitSeconds = openWaitSeconds
    }

    /// The default grid, 12 arms: failure-rate threshold {25, 50, 75} % × count window {10, 50}
    /// calls (minimum 10 calls) × open wait {5, 20} s — the static grid's main dimensions.
    public static let standardGrid: [BanditArm] = {
        var arms: [BanditArm] = []
        for threshold in [25.0, 50, 75] {
            for window in [10, 50] {
                for wait in [5.0, 20] {
                    arms.append(BanditArm(failureRateThreshold: threshold, windowCalls: window, minimumCalls: 10, openWaitSeconds: wait))
                }
            }
        }
        return arms
    }()

    /// Whether every field is in range.
    public var isValid: Bool {
        failureRateThreshold > 0 && failureRateThreshold <= 100 && (1...64).contains(windowCalls)
            && (1...windowCalls).contains(minimumCalls) && openWaitSeconds.isFinite && openWaitSeconds > 0
    }

    /// E.g. `failure ≥ 50 % of 10 calls (min 10), open 5 s`.
    public var description: String {
        func n(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
        return "failure ≥ \(n(failureRateThreshold)) % of \(windowCalls) calls (min \(minimumCalls)), open \(n(openWaitSeconds)) s"
    }
}
