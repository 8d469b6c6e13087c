/// A kind of synthetic trace the generator can produce: what goes wrong, and how.
///
/// The raw value is the kebab-case name used on the command line (`tripwise generate
/// --scenario sudden-outage`) and in manifests. Every family shares the same targets, regions
/// and background (log-normal latencies per target, ~0.5–1 % background errors, Poisson
/// arrivals); they differ in the incidents laid over it.
public enum ScenarioFamily: String, CaseIterable, Sendable, Hashable, Codable {
    /// Steady traffic, background errors only, no incident.
    case baseline
    /// One target fails 60–100 % of calls, fast (`connect_refused`, `http_503`), for 3–8 minutes.
    case suddenOutage = "sudden-outage"
    /// One target's errors and latency ramp up over 3–6 minutes, hold, then recover.
    case gradualDegradation = "gradual-degradation"
    /// One target flaps: 10–30 s of failures, 20–60 s healthy, repeated for ~8–12 minutes.
    case intermittent
    /// One target slows to a large fraction of its timeout for 4–8 minutes, without errors;
    /// calls that reach the timeout end as `timeout`.
    case latencyBrownout = "latency-brownout"
    /// One target has an outage, then its traffic surges 3–5× right after recovery, briefly
    /// overloading it (elevated errors and latency).
    case thunderingHerd = "thundering-herd"
    /// Every target fails in one of the regions for 3–8 minutes; the other regions are healthy.
    case regionalOutage = "regional-outage"
    /// Traffic follows hour-of-day and day-of-week (UTC) over at least a day, at a low rate,
    /// with one small outage during working hours.
    case diurnal

    /// One sentence describing the family.
    public var summary: String {
        switch self {
        case .baseline: "steady traffic with ~0.5–1 % background errors and no incident"
        case .suddenOutage: "one target fails 60–100 % of calls, fast (connect_refused, http_503), for minutes"
        case .gradualDegradation: "one target's latency and errors creep up over minutes, hold, then recover"
        case .intermittent: "one target flaps between failing and healthy every few tens of seconds"
        case .latencyBrownout: "one target becomes slow without errors; some calls reach its timeout"
        case .thunderingHerd: "an outage, then a 3–5× traffic surge after recovery that briefly overloads the target"
        case .regionalOutage: "every target fails in one of three regions; the other regions stay healthy"
        case .diurnal: "traffic follows hour-of-day and day-of-week over a day or more, with a small outage"
        }
    }

    /// The duration a ``ScenarioSpec`` gets when none is given, in seconds: 15 minutes
    /// (20 for `gradual-degradation`, one day for `diurnal`).
    public var defaultDuration: Double {
        switch self {
        case .gradualDegradation: 20 * 60
        case .diurnal: 86_400
        default: 15 * 60
        }
    }

    /// The mean call rate (all targets together, calls per second) a ``ScenarioSpec`` gets when
    /// none is given: 12, or 0.2 for `diurnal` (whose rate is the mean over a weekday), so a
    /// day of it stays small.
    public var defaultRate: Double {
        self == .diurnal ? 0.2 : 12
    }

    /// The shortest duration the generator accepts, in seconds: 2 minutes (1 hour for
    /// `diurnal`). Incidents shrink to fit short scenarios.
    public var minimumDuration: Double {
        self == .diurnal ? 3_600 : 120
    }

    /// The family named `name` (its raw value), or `nil`.
    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// Every family's name, comma-separated, in declaration order (for messages).
    public static var allNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
