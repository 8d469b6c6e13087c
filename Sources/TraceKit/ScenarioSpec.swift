/// Everything that determines a synthetic trace: the family, the seed, the time span, the mean
/// call rate, and the targets and regions. ``TraceGenerator/generate(_:)`` turns equal specs
/// into byte-identical traces.
public struct ScenarioSpec: Sendable, Hashable {
    /// What goes wrong.
    public var family: ScenarioFamily
    /// The seed; every random choice (incident placement, arrivals, outcomes) derives from it.
    public var seed: UInt64
    /// The first instant of the trace, in Unix seconds.
    public var start: Double
    /// The length of the trace, in seconds: calls start in `[start, start + duration)`.
    public var duration: Double
    /// Mean calls per second over all targets of the healthy background traffic, before
    /// incident surges. For `diurnal`, the mean over a weekday (hours vary from 0.25× to 1.75×
    /// it, Saturdays are 0.6×, Sundays 0.5×).
    public var rate: Double
    /// The dependencies called.
    public var targets: [TargetProfile]
    /// The regions calls come from.
    public var regions: [RegionProfile]

    /// 2025-01-06T00:00:00Z (a Monday): where a spec starts unless told otherwise.
    public static let defaultStart: Double = 1_736_121_600

    /// The longest duration accepted: 31 days.
    public static let maximumDuration: Double = 31 * 86_400
    /// The highest rate accepted: 10 000 calls per second.
    public static let maximumRate: Double = 10_000
    /// The most calls a spec may ask for on average (`rate × duration`): 10 million (about
    /// 600 MB of CSV; the generator holds a trace in memory).
    public static let maximumExpectedCalls: Double = 10_000_000

    /// Creates a spec. `duration` and `rate` default to the family's
    /// ``ScenarioFamily/defaultDuration`` and ``ScenarioFamily/defaultRate``.
    public init(family: ScenarioFamily, seed: UInt64 = 1, start: Double = ScenarioSpec.defaultStart,
                duration: Double? = nil, rate: Double? = nil,
                targets: [TargetProfile] = TargetProfile.standard,
                regions: [RegionProfile] = RegionProfile.standard) {
        self.family = family
        self.seed = seed
        self.start = start
        self.duration = duration ?? family.defaultDuration
        self.rate = rate ?? family.defaultRate
        self.targets = targets
        self.regions = regions
    }

    /// The end of the trace (exclusive), in Unix seconds.
    public var end: Double { start + duration }

    /// Checks that the generator can produce this spec.
    ///
    /// - Throws: ``ScenarioSpecError`` naming the first bad field: `start` not finite, before
    ///   1970 or after 2100; `duration` below the family's ``ScenarioFamily/minimumDuration``
    ///   or above ``maximumDuration``; `rate` not in (0, ``maximumRate``] or asking for more
    ///   than ``maximumExpectedCalls``; `targets` or `regions` empty, with duplicate or empty
    ///   names, or with non-positive shares, latencies or timeouts.
    public func validate() throws(ScenarioSpecError) {
        guard start.isFinite, start >= 0, start <= 4_102_444_800 else {
            throw ScenarioSpecError(.start, "start must be Unix seconds between 1970 and 2100, not \(Self.format(start))")
        }
        guard duration.isFinite, duration >= family.minimumDuration, duration <= Self.maximumDuration else {
            throw ScenarioSpecError(.duration, "duration of \(family.rawValue) must be from \(Int(family.minimumDuration)) s to 31 days, not \(Self.format(duration)) s")
        }
        guard rate.isFinite, rate > 0, rate <= Self.maximumRate else {
            throw ScenarioSpecError(.rate, "rate must be more than 0 and at most 10000 calls per second, not \(Self.format(rate))")
        }
        guard rate * duration <= Self.maximumExpectedCalls else {
            throw ScenarioSpecError(.rate, "rate × duration asks for \(Int(rate * duration)) calls; at most 10000000 are allowed")
        }
        guard !targets.isEmpty, Set(targets.map(\.name)).count == targets.count,
              targets.allSatisfy({ !$0.name.isEmpty }) else {
            throw ScenarioSpecError(.targets, "targets must be non-empty with distinct, non-empty names")
        }
        for target in targets {
            let valid = target.share.isFinite && target.share > 0
                && target.medianLatencyMs.isFinite && target.medianLatencyMs > 0
                && target.latencySigma.isFinite && target.latencySigma >= 0
                && target.timeoutMs.isFinite && target.timeoutMs > target.medianLatencyMs
                && target.backgroundErrorRate >= 0 && target.backgroundErrorRate < 1
            guard valid else {
                throw ScenarioSpecError(.targets, "target \(target.name): share, median latency and timeout must be positive and finite, timeout above the median, sigma ≥ 0, error rate in [0, 1)")
            }
        }
        guard !regions.isEmpty, Set(regions.map(\.name)).count == regions.count,
              regions.allSatisfy({ !$0.name.isEmpty && $0.share.isFinite && $0.share > 0
                  && $0.latencyFactor.isFinite && $0.latencyFactor > 0 }) else {
            throw ScenarioSpecError(.regions, "regions must be non-empty with distinct, non-empty names, positive shares and latency factors")
        }
    }

    /// `value` as written by a person: `30` rather than `30.0`, shortest form otherwise.
    static func format(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
