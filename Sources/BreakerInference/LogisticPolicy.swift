import BreakerCore
import Foundation

/// A trained logistic model as a breaker's trip policy: every outcome recorded while CLOSED
/// feeds the online ``FeatureExtractor`` (the code that built the training rows), and the
/// breaker trips when the model's p(fail) exceeds its threshold τ. HALF_OPEN trials and the
/// open wait follow the static policy (``ThresholdPolicy`` with the breaker's configuration),
/// since the model was trained on decisions at outcomes in CLOSED.
///
/// Costs per call: a 16-wide dot product, one `exp`, and the extractor's O(1) updates; no
/// allocation, no BLAS. It needs the clock at admission (arrivals feed the throughput and
/// in-flight features) and at outcomes.
///
/// If the model is unusable — it failed to load, or produces a non-finite probability — the
/// policy applies the static thresholds instead and says so once, through a
/// ``BreakerEvent/Kind/policyNotice(message:)`` event.
///
/// ```swift
/// let file = try LogisticModelFile.load(path: "models/logistic-next-call.json")
/// let policy = LogisticPolicy(model: try LogisticModel(file), clock: SystemClock.shared)
/// let breaker = try CircuitBreaker(name: "payments", configuration: config, policy: policy)
/// ```
///
/// Serving and training differ in two documented ways: the extractor sees only admitted
/// calls (all of them while CLOSED, where the trip decision is made), and a call counts as a
/// timeout when it failed and took longer than the configuration's slow-call threshold (a
/// trace says `timeout` explicitly).
public struct LogisticPolicy: TripPolicy {
    /// The model, or `nil` when the policy runs on the static thresholds.
    public private(set) var model: LogisticModel?
    /// Why the model is not used, when it is not.
    public private(set) var fallbackReason: String?
    private var extractor: FeatureExtractor
    private var fallback = ThresholdPolicy()
    private let unixTimeAtClockZero: Double
    private var pendingNotice: String?

    /// A policy running `model`; `unixTimeAtClockZero` maps the breaker clock's instants to
    /// wall-clock Unix seconds (for the calendar features).
    public init(model: LogisticModel, unixTimeAtClockZero: Double) {
        self.model = model
        extractor = model.makeExtractor()
        self.unixTimeAtClockZero = unixTimeAtClockZero
    }

    /// A policy running `model` with a ``SystemClock`` (the breaker must use the same clock).
    public init(model: LogisticModel, clock: SystemClock) {
        self.init(model: model, unixTimeAtClockZero: clock.unixTimeAtOrigin)
    }

    /// A policy that applies the static thresholds and reports `reason` once.
    public init(fallbackReason reason: String) {
        model = nil
        fallbackReason = reason
        pendingNotice = "learned policy unavailable (\(reason)); using the static thresholds"
        extractor = FeatureExtractor()
        unixTimeAtClockZero = 0
    }

    /// The model at `path`, or — if it cannot be loaded or validated — the static fallback,
    /// which reports why through a policy-notice event. Never throws: a service keeps its
    /// breaker whatever happens to the model file.
    public static func load(path: String, clock: SystemClock = .shared) -> LogisticPolicy {
        do {
            let file = try LogisticModelFile.load(path: path)
            return LogisticPolicy(model: try LogisticModel(file), clock: clock)
        } catch {
            return LogisticPolicy(fallbackReason: "\(error)")
        }
    }

    /// With a model: admission decisions (to count arrivals), the clock at admission and at
    /// outcomes, notices. Without: notices only.
    public var requirements: PolicyRequirements {
        model == nil ? [.reportsNotices] : [.admissionControl, .clockOnAdmission, .clockOnOutcome, .reportsNotices]
    }

    /// Prepares the static fallback (also used for half-open trials).
    public mutating func prepare(configuration: BreakerConfiguration) {
        fallback.prepare(configuration: configuration)
    }

    @inline(__always)
    private func unix(_ now: BreakerInstant?) -> Double? {
        now.map { unixTimeAtClockZero + Double($0.nanoseconds) * 1e-9 }
    }

    /// Counts the arrival; never sheds a call.
    public mutating func shouldAdmit(at now: BreakerInstant?, metrics: BreakerMetrics) -> Bool {
        if model != nil, let time = unix(now) { extractor.recordArrival(at: time) }
        return true
    }

    /// Records the outcome and trips when p(fail) > τ.
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        guard let model, let time = unix(now) else { return fallback.evaluate(call, metrics: metrics, at: now) }
        observe(call, at: time)
        let probability = model.probability(extractor.features(at: time))
        guard probability.isFinite else {
            fallBack("the model produced a non-finite probability")
            return fallback.evaluate(call, metrics: metrics, at: now)
        }
        return probability > model.threshold ? .trip(.policy) : .stay
    }

    /// Keeps the features current; the static thresholds decide the trial.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        if model != nil, let time = unix(now) { observe(call, at: time) }
        return fallback.evaluateTrial(call, metrics: metrics, at: now)
    }

    /// Feeds "time since the last state change".
    public mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?) {
        if let time = unix(now) { extractor.recordStateChange(at: time) }
    }

    /// The fallback notice, once.
    public mutating func takeNotice() -> String? {
        defer { pendingNotice = nil }
        return pendingNotice
    }

    private mutating func observe(_ call: RecordedCall, at time: Double) {
        let latencyMs = call.duration.secondsAsDouble * 1e3
        extractor.recordOutcome(failed: call.failed, timedOut: call.failed && call.slow, latencyMs: latencyMs, at: time)
    }

    private mutating func fallBack(_ reason: String) {
        model = nil
        fallbackReason = reason
        pendingNotice = "learned policy unavailable (\(reason)); using the static thresholds"
    }
}
