/// How a recorded call ended, as the `outcome` column spells it.
public enum TraceOutcome: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The call succeeded.
    case success = 0
    /// The call failed with an error (see the `error` column).
    case failure = 1
    /// The call timed out; a failure whose latency is the timeout.
    case timeout = 2
    /// A breaker in the recording refused the call: its true outcome is unknown, so replay
    /// excludes it (and says how many it excluded).
    case rejected = 3

    /// The spelling in the CSV: `success`, `failure`, `timeout`, `rejected`.
    public var description: String {
        switch self {
        case .success: "success"
        case .failure: "failure"
        case .timeout: "timeout"
        case .rejected: "rejected"
        }
    }

    /// Parses the CSV spelling (exact, lowercase); `nil` for anything else.
    public init?(spelling: some StringProtocol) {
        switch spelling {
        case "success": self = .success
        case "failure": self = .failure
        case "timeout": self = .timeout
        case "rejected": self = .rejected
        default: return nil
        }
    }

    /// Whether a breaker counts this outcome as a failure (`failure` and `timeout`).
    public var isFailure: Bool { self == .failure || self == .timeout }
}
