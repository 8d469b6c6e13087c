import BreakerCore
import Foundation

/// A trained logistic model as a breaker's trip policy: every outcome recorded while CLOSED
/// feeds the online ``FeatureExtractor`` (the code that built the training rows), and the
/// breaker trips when the model's p(fail) exceeds its threshold τ, once the breaker's window
/// holds `minimumNumberOfCalls` calls (as the static policy requires). HALF_OPEN trials and the
/// open wait follow the static policy (``ThresholdPolicy`` with the breaker's configuration),
/// since the model was trained on decisions at outcomes in CLOSED.
///
/// Costs per call: the extractor's O(1) update (one `log1p`, a few multiply-adds), popcounts
/// and a 16-wide dot product — the logit is compared with logit(τ), so no sigmoid is
/// evaluated. No clock read (the features count calls, not seconds), nothing at admission
/// (admission stays the static breaker's lock-free path), no allocation, no BLAS.
///
/// If the model is unusable — it failed to load, or produces a non-finite logit — the policy
/// applies the static thresholds instead and says so once, through a
/// ``BreakerEvent/Kind/policyNotice(message:)`` event.
///
/// ```swift
/// let policy = LogisticPolicy.load(path: "models/logistic-next-call.json")
/// let breaker = try CircuitBreaker(name: "payments", configuration: config, policy: policy)
/// ```
///
/// Serving and training differ in one documented way: the extractor sees only admitted calls
/// (all of them while CLOSED, where the trip decision is made).
public struct LogisticPolicy: TripPolicy {
    /// The model, or `nil` when the policy runs on the static thresholds.
    public var model: LogisticModel? { active ? decision.model : nil }
    /// The model behind a reference, so the policy's inline part — what a breaker's existential
    /// box holds and mutates on every call — stays small.
    private let decision: Decision
    private var active: Bool
    /// Why the model is not used, when it is not.
    public private(set) var fallbackReason: String?
    private var extractor: FeatureExtractor
    private var fallback = ThresholdPolicy()
    private var pendingNotice: String?

    /// A policy running `model`.
    public init(model: LogisticModel) {
        decision = Decision(model)
        active = true
        extractor = model.makeExtractor()
    }

    /// A policy that applies the static thresholds and reports `reason` once.
    public init(fallbackReason reason: String) {
        decision = Decision(nil)
        active = false
        fallbackReason = reason
        pendingNotice = "learned policy unavailable (\(reason)); using the static thresholds"
        extractor = FeatureExtractor()
    }

    /// The model at `path`, or — if it cannot be loaded or validated — the static fallback,
    /// which reports why through a policy-notice event. Never throws: a service keeps its
    /// breaker whatever happens to the model file.
    public static func load(path: String) -> LogisticPolicy {
        do {
            let file = try LogisticModelFile.load(path: path)
            return LogisticPolicy(model: try LogisticModel(file))
        } catch {
            return LogisticPolicy(fallbackReason: "\(error)")
        }
    }

    /// Notices only: the model needs no clock and no say in admission.
    public var requirements: PolicyRequirements { [.reportsNotices] }

    /// Prepares the static fallback (also used for half-open trials).
    public mutating func prepare(configuration: BreakerConfiguration) {
        fallback.prepare(configuration: configuration)
    }

    /// Records the outcome and trips when p(fail) > τ and the breaker's window holds at least
    /// `minimumNumberOfCalls` calls — the static breaker's own guard, which here also keeps a
    /// model whose long windows still remember an incident from re-tripping right after
    /// half-open closes (the window restarts empty on every state change).
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        guard active else { return fallback.evaluate(call, metrics: metrics, at: now) }
        observe(call)
        let logit = LogisticModel.dot(decision.weights, extractor.features().storage) + decision.intercept
        guard logit.isFinite else {
            fallBack("the model produced a non-finite logit")
            return fallback.evaluate(call, metrics: metrics, at: now)
        }
        return logit > decision.thresholdLogit && metrics.hasRates ? .trip(.policy) : .stay
    }

    /// Keeps the features current; the static thresholds decide the trial.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        if active { observe(call) }
        return fallback.evaluateTrial(call, metrics: metrics, at: now)
    }

    /// The fallback notice, once.
    public mutating func takeNotice() -> String? {
        defer { pendingNotice = nil }
        return pendingNotice
    }

    @inline(__always)
    private mutating func observe(_ call: RecordedCall) {
        let latencyMs = Double(call.duration.nanosecondsClamped) * 1e-6
        extractor.recordOutcome(failed: call.failed, latencyMs: latencyMs)
    }

    private mutating func fallBack(_ reason: String) {
        active = false
        fallbackReason = reason
        pendingNotice = "learned policy unavailable (\(reason)); using the static thresholds"
    }
}

extension LogisticPolicy {
    /// The immutable part of a policy: the model and the numbers a decision reads.
    final class Decision: Sendable {
        let model: LogisticModel?
        let weights: SIMD16<Double>
        let intercept: Double
        let thresholdLogit: Double

        init(_ model: LogisticModel?) {
            self.model = model
            weights = model?.rawWeights ?? SIMD16()
            intercept = model?.rawIntercept ?? 0
            thresholdLogit = model?.thresholdLogit ?? .infinity
        }
    }
}
