/// Client-side adaptive throttling from Google's SRE book ("Handling Overload"): the breaker
/// never opens; instead, while CLOSED, it sheds each call with probability
/// `min(maxRejectionProbability, max(0, (requests − K·accepts) / (requests + 1)))`, where
/// `requests` counts the calls attempted (shed ones included) and `accepts` the calls that
/// succeeded over the trailing `window`, in 1-second buckets.
///
/// `K = 2` (the default) sheds once fewer than half the calls succeed; a smaller K sheds
/// sooner. The random draws come from a generator seeded with `seed`: with an explicit seed a
/// replay of the same calls makes the same decisions; `nil` (the default) seeds from the
/// system's random source so instances shed independently. A call whose error is ignored
/// (e.g. cancelled) is taken out of `requests` again: it is evidence of neither health nor
/// overload. A shed call is counted in
/// `notPermittedCalls` and rejected with `retryAfter == .zero`.
public struct AdaptiveThrottlingPolicy: TripPolicy {
    /// The accepts multiplier K (> 0).
    public let multiplier: Double
    /// The cap on the rejection probability, in [0, 1].
    public let maxRejectionProbability: Double
    /// The trailing span over which requests and accepts are counted (whole seconds, ≥ 1).
    public let windowSeconds: Int
    private var random: SeededRandom
    private var history: RequestHistory

    /// Creates a throttling policy with SRE's defaults: K = 2, a 2-minute window, the rejection
    /// probability capped at 0.9.
    public init(multiplier: Double = 2, windowSeconds: Int = 120,
                maxRejectionProbability: Double = 0.9, seed: UInt64? = nil) {
        self.multiplier = multiplier.isFinite && multiplier > 0 ? multiplier : 2
        self.windowSeconds = max(windowSeconds, 1)
        self.maxRejectionProbability = min(max(maxRejectionProbability, 0), 1)
        random = SeededRandom(seed: seed ?? UInt64.random(in: .min ... .max))
        history = RequestHistory(seconds: self.windowSeconds)
    }

    /// Needs a decision and the time at every admission, and the time at every outcome.
    public var requirements: PolicyRequirements { [.admissionControl, .clockOnAdmission, .clockOnOutcome] }

    /// The probability with which the next call would be shed at `now`.
    public mutating func rejectionProbability(at now: BreakerInstant) -> Double {
        history.advance(to: now.second)
        let requests = Double(history.totalRequests)
        let accepts = Double(history.totalAccepts)
        let p = max(0, (requests - multiplier * accepts) / (requests + 1))
        return min(p, maxRejectionProbability)
    }

    /// Counts the request and sheds it with the current rejection probability.
    public mutating func shouldAdmit(at now: BreakerInstant?, metrics: BreakerMetrics) -> Bool {
        guard let now else { return true }
        let p = rejectionProbability(at: now)
        history.addRequest()
        if p <= 0 { return true }
        return random.nextUnitInterval() >= p
    }

    /// Counts successes as accepts; never trips.
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        if !call.failed, let now {
            history.advance(to: now.second)
            history.addAccept()
        }
        return .stay
    }

    /// Takes an admitted call whose outcome was ignored back out of the requests.
    public mutating func callWasIgnored(at now: BreakerInstant?) {
        if let now { history.advance(to: now.second) }
        history.removeRequest()
    }

    /// Only reached after a manual transition: the first trial decides.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        call.failed ? .reopen(.policy) : .close
    }
}

/// Requests and accepts per whole second over a trailing span, with running totals.
private struct RequestHistory: Sendable {
    private var requests: [Int32]
    private var accepts: [Int32]
    private var head = 0
    private var headSecond: Int64 = .min
    private(set) var totalRequests: Int64 = 0
    private(set) var totalAccepts: Int64 = 0

    init(seconds: Int) {
        requests = Array(repeating: 0, count: seconds)
        accepts = Array(repeating: 0, count: seconds)
    }

    mutating func advance(to second: Int64) {
        if headSecond == .min {
            headSecond = second
            return
        }
        guard second > headSecond else { return }
        let size = requests.count
        let steps = min(second - headSecond, Int64(size))
        for _ in 0..<Int(steps) {
            head = head + 1 == size ? 0 : head + 1
            totalRequests -= Int64(requests[head])
            totalAccepts -= Int64(accepts[head])
            requests[head] = 0
            accepts[head] = 0
        }
        headSecond = second
    }

    mutating func addRequest() {
        requests[head] += 1
        totalRequests += 1
    }

    /// Removes one request, from the newest bucket that has one (the call may have been
    /// admitted seconds ago); nothing if the request has already left the window.
    mutating func removeRequest() {
        guard totalRequests > 0 else { return }
        let size = requests.count
        var index = head
        for _ in 0..<size {
            if requests[index] > 0 {
                requests[index] -= 1
                totalRequests -= 1
                return
            }
            index = index == 0 ? size - 1 : index - 1
        }
    }

    mutating func addAccept() {
        accepts[head] += 1
        totalAccepts += 1
    }
}
