/// The decision rule stored in a model file: trip when the model's p(fail) **exceeds**
/// `threshold` (τ), and the costs τ came from.
///
/// Either τ is the cost ratio `costReject / (costFail + costReject)` (then `tunedOn` is nil),
/// or τ was tuned on held-out data (then `tunedOn` is `"validation"` — the per-row cost of the
/// validation rows — or `"validation-replay"` — the total cost of breakers replaying the
/// validation traces, as `tripwise bench` scores; never tuned on test data).
/// ``LogisticModelFile/validate(source:)`` enforces: τ in (0, 1), both costs finite and > 0,
/// `tunedOn` nil or one of ``tunedOnValues``, and when `tunedOn` is nil, τ equal to the cost ratio within
/// ``costRatioTolerance`` (relative).
public struct ModelDecision: Sendable, Hashable, Codable {
    /// τ: trip when p(fail) > τ. In (0, 1).
    public var threshold: Double
    /// The cost of sending a call that fails (any unit, the same as `costReject`); > 0.
    public var costFail: Double
    /// The cost of rejecting a call that would have succeeded; > 0.
    public var costReject: Double
    /// `"validation"` or `"validation-replay"` when τ was tuned on a validation split; nil when
    /// τ is the cost ratio.
    public var tunedOn: String?

    /// τ tuned on the validation rows' classification cost.
    public static let tunedOnValidation = "validation"
    /// τ tuned by replaying the validation traces through breakers (total cost).
    public static let tunedOnValidationReplay = "validation-replay"
    /// The values `tunedOn` may take besides nil.
    public static let tunedOnValues = [tunedOnValidation, tunedOnValidationReplay]
    /// The relative tolerance within which an untuned τ must equal the cost ratio (1e-9, so a
    /// hand-written `0.3333333333` is accepted for costs 2 and 1).
    public static let costRatioTolerance = 1e-9

    /// Creates a rule from its fields verbatim (no checks).
    public init(threshold: Double, costFail: Double, costReject: Double, tunedOn: String?) {
        self.threshold = threshold
        self.costFail = costFail
        self.costReject = costReject
        self.tunedOn = tunedOn
    }

    /// The untuned rule: τ = `costReject / (costFail + costReject)`, `tunedOn` nil.
    public init(costFail: Double, costReject: Double) {
        self.init(threshold: Self.costThreshold(costFail: costFail, costReject: costReject),
                  costFail: costFail, costReject: costReject, tunedOn: nil)
    }

    /// τ = `costReject / (costFail + costReject)`: the p(fail) above which the expected cost
    /// of sending (p·costFail) exceeds the expected cost of rejecting ((1 − p)·costReject).
    public static func costThreshold(costFail: Double, costReject: Double) -> Double {
        costReject / (costFail + costReject)
    }
}
