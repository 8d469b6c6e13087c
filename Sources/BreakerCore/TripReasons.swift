/// Why a policy trips; several reasons may hold at once.
public struct TripReasons: OptionSet, Hashable, Sendable {
    /// The bits.
    public let rawValue: UInt8
    /// Wraps bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The failure rate reached its threshold (a failure-rate-exceeded event is emitted).
    public static let failureRate = TripReasons(rawValue: 1 << 0)
    /// The slow-call rate reached its threshold (a slow-call-rate-exceeded event is emitted).
    public static let slowCallRate = TripReasons(rawValue: 1 << 1)
    /// Too many failures in a row.
    public static let consecutiveFailures = TripReasons(rawValue: 1 << 2)
    /// A learned or custom rule decided.
    public static let policy = TripReasons(rawValue: 1 << 3)
}
