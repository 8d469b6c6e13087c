/// The settings of a breaker and its static policy, named and defaulted as in resilience4j's
/// `CircuitBreakerConfig`, so a resilience4j configuration carries over field by field.
///
/// A configuration is a plain value: set fields, then hand it to ``CircuitBreaker``, whose
/// initializer validates it (``validate()``) and refuses an out-of-range value with a
/// ``BreakerError`` naming the field.
public struct BreakerConfiguration: Sendable {
    /// How the closed-state window holds outcomes.
    public enum SlidingWindow: Sendable, Hashable, CustomStringConvertible {
        /// The last `size` recorded outcomes.
        case countBased(size: Int)
        /// The outcomes of the last `seconds` whole seconds of the clock, in 1-second buckets.
        case timeBased(seconds: Int)

        /// E.g. `countBased(size: 100)`.
        public var description: String {
            switch self {
            case .countBased(let size): "countBased(size: \(size))"
            case .timeBased(let seconds): "timeBased(seconds: \(seconds))"
            }
        }
    }

    /// Failure rate in percent at or above which the breaker trips (0 < value ≤ 100). Default 50.
    public var failureRateThreshold: Double = 50
    /// Slow-call rate in percent at or above which the breaker trips (0 < value ≤ 100). Default 100.
    public var slowCallRateThreshold: Double = 100
    /// A call is slow when its duration is strictly greater than this (> 0). Default 60 s.
    public var slowCallDurationThreshold: Duration = .seconds(60)
    /// The closed-state window. Default `.countBased(size: 100)`.
    public var slidingWindow: SlidingWindow = .countBased(size: 100)
    /// Outcomes needed before any rate is computed (≥ 1). For count-based windows the minimum is
    /// capped at the window size; in half-open at ``permittedCallsInHalfOpenState``. Default 100.
    public var minimumNumberOfCalls: Int = 100
    /// How long the breaker stays OPEN before the next acquire may move it to HALF_OPEN (≥ 0).
    /// The first opening waits exactly this long; ``openStateBackoff`` grows later ones. Default 60 s.
    public var waitDurationInOpenState: Duration = .seconds(60)
    /// Growth of the open wait per consecutive opening. Default ``OpenStateBackoff/constant``.
    public var openStateBackoff: OpenStateBackoff = .constant
    /// Trial calls permitted in HALF_OPEN (≥ 1). Default 10.
    public var permittedCallsInHalfOpenState: Int = 10
    /// The longest a breaker stays HALF_OPEN waiting for its trial calls to report (≥ 0); zero
    /// waits for all of them. Checked lazily on the next operation, so a breaker whose trial
    /// calls never report is never stuck. Default zero.
    public var maxWaitDurationInHalfOpenState: Duration = .zero
    /// Where a HALF_OPEN breaker goes when ``maxWaitDurationInHalfOpenState`` runs out: `.open`
    /// (default) or `.closed` (resilience4j's `transitionToStateAfterWaitDuration`).
    public var stateAfterMaxWaitInHalfOpenState: CircuitState = .open
    /// Counts thrown errors: `.failure` (default for every error), `.success` or `.ignore`.
    public var classifyError: @Sendable (any Error) -> CallClassification = { _ in .failure }
    /// When true (default), a `CancellationError` is ignored before ``classifyError`` is asked:
    /// a caller giving up is not evidence that the dependency is failing.
    public var ignoresCancellation: Bool = true
    /// Counts returned values, e.g. `{ ($0 as? HTTPResponse)?.status == 503 ? .failure : .success }`.
    /// `nil` (default) counts every returned value as a success. A per-call classifier passed to
    /// `execute`/`run` takes precedence.
    public var classifyResult: (@Sendable (Any) -> CallClassification)? = nil

    /// resilience4j's defaults.
    public init() {}

    /// The classification of `error`, honouring ``ignoresCancellation``.
    @inlinable
    public func classification(of error: any Error) -> CallClassification {
        if ignoresCancellation, error is CancellationError { return .ignore }
        return classifyError(error)
    }
}
