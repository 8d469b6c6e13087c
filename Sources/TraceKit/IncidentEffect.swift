/// The error types the generator writes in the `error` column.
enum SyntheticError: String, Sendable, CaseIterable {
    case http503 = "http_503"
    case http500 = "http_500"
    case connectRefused = "connect_refused"
    case timeout
}

/// A function of time that is linear between its points and `neutral` outside
/// `[first point, last point)`.
struct PiecewiseLinear: Sendable {
    var points: [(time: Double, value: Double)]
    var neutral: Double

    /// `value` on `[start, end)`, `neutral` elsewhere.
    static func constant(_ value: Double, from start: Double, to end: Double, neutral: Double) -> PiecewiseLinear {
        PiecewiseLinear(points: [(start, value), (end, value)], neutral: neutral)
    }

    static func none(_ neutral: Double) -> PiecewiseLinear {
        PiecewiseLinear(points: [], neutral: neutral)
    }

    func value(at time: Double) -> Double {
        guard let first = points.first, let last = points.last, time >= first.time, time < last.time else {
            return neutral
        }
        var index = 1
        while points[index].time <= time { index += 1 }
        let (t0, v0) = points[index - 1]
        let (t1, v1) = points[index]
        guard t1 > t0 else { return v1 }
        return v0 + (v1 - v0) * (time - t0) / (t1 - t0)
    }

    /// The largest value the function takes.
    var maximum: Double { points.map(\.value).reduce(neutral, max) }
}

/// How one incident changes calls: what the generator applies to a call of `target` (from
/// `region`, when set) starting inside `[start, end)`, plus an optional traffic multiplier for
/// the target that may outlast the window (a surge's tail).
struct IncidentEffect: Sendable {
    var target: Int
    var region: Int?
    var start: Double
    var end: Double
    /// Probability that a call fails because of this incident.
    var failure: PiecewiseLinear
    /// Multiplies the median latency of calls that do not fail fast.
    var latencyFactor: PiecewiseLinear = .none(1)
    /// Added to the target's log-latency sigma inside the window.
    var extraSigma: Double = 0
    /// Error types of the failures this incident causes, with weights.
    var errors: [(error: SyntheticError, weight: Double)] = []
    /// Whether `http_503` failures return quickly (a few ms) instead of at normal latency.
    var fastFailures = true
    /// Whether background errors are switched off inside the window (a brownout slows calls
    /// but does not error).
    var suppressesBackgroundErrors = false
    /// Multiplies the target's traffic (all regions); `nil` for none.
    var rateFactor: PiecewiseLinear?

    func applies(target: Int, region: Int, at time: Double) -> Bool {
        self.target == target && (self.region == nil || self.region == region) && time >= start && time < end
    }
}
