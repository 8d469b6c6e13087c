/// What a policy needs from its breaker beyond the outcome and the metrics.
public struct PolicyRequirements: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt8
    /// Wraps bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Ask ``TripPolicy/shouldAdmit(at:metrics:)`` before every CLOSED admission (throttling
    /// policies); without it CLOSED admits on a lock-free fast path.
    public static let admissionControl = PolicyRequirements(rawValue: 1 << 0)
    /// Pass the current time to ``TripPolicy/shouldAdmit(at:metrics:)``.
    public static let clockOnAdmission = PolicyRequirements(rawValue: 1 << 1)
    /// Pass the current time with every recorded outcome.
    public static let clockOnOutcome = PolicyRequirements(rawValue: 1 << 2)
    /// Ask ``TripPolicy/takeNotice()`` after every decision and publish what it returns as a
    /// ``BreakerEvent/Kind/policyNotice(message:)`` event (e.g. a learned policy falling back).
    public static let reportsNotices = PolicyRequirements(rawValue: 1 << 3)
}
