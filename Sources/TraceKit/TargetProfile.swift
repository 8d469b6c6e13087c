/// One synthetic dependency: its share of the traffic, its healthy latency distribution
/// (log-normal), its client timeout and its background error rate.
public struct TargetProfile: Sendable, Hashable, Codable {
    /// The `target` column value, e.g. `payments`.
    public var name: String
    /// Relative weight of this target in the traffic (shares are normalised over all targets).
    public var share: Double
    /// Median latency of a healthy call, in milliseconds.
    public var medianLatencyMs: Double
    /// Standard deviation of the log latency (the log-normal's sigma).
    public var latencySigma: Double
    /// The client's timeout in milliseconds: a call that would take longer ends as `timeout`
    /// with exactly this latency.
    public var timeoutMs: Double
    /// Probability that a call fails when the target is healthy (background noise).
    public var backgroundErrorRate: Double

    /// Creates a profile.
    public init(name: String, share: Double, medianLatencyMs: Double, latencySigma: Double,
                timeoutMs: Double, backgroundErrorRate: Double) {
        self.name = name
        self.share = share
        self.medianLatencyMs = medianLatencyMs
        self.latencySigma = latencySigma
        self.timeoutMs = timeoutMs
        self.backgroundErrorRate = backgroundErrorRate
    }

    /// The five standard targets: `payments`, `search`, `inventory`, `auth`, `recommendations`,
    /// with medians from 6 to 120 ms, timeouts from 250 ms to 2 s and background error rates
    /// from 0.5 % to 1 %.
    public static let standard: [TargetProfile] = [
        TargetProfile(name: "payments", share: 0.20, medianLatencyMs: 120, latencySigma: 0.35,
                      timeoutMs: 2_000, backgroundErrorRate: 0.006),
        TargetProfile(name: "search", share: 0.25, medianLatencyMs: 35, latencySigma: 0.50,
                      timeoutMs: 800, backgroundErrorRate: 0.008),
        TargetProfile(name: "inventory", share: 0.20, medianLatencyMs: 18, latencySigma: 0.30,
                      timeoutMs: 500, backgroundErrorRate: 0.005),
        TargetProfile(name: "auth", share: 0.20, medianLatencyMs: 6, latencySigma: 0.25,
                      timeoutMs: 250, backgroundErrorRate: 0.007),
        TargetProfile(name: "recommendations", share: 0.15, medianLatencyMs: 80, latencySigma: 0.60,
                      timeoutMs: 2_000, backgroundErrorRate: 0.010),
    ]
}
