import BreakerCore
import BreakerLab

/// `--set key=value` for breaker configurations: the keys are ``BreakerConfiguration``'s
/// property names, so a setting reads like the Swift it stands for.
///
/// | key | value |
/// |---|---|
/// | `failureRateThreshold`, `slowCallRateThreshold` | percent, e.g. `40` |
/// | `slowCallDurationThreshold`, `waitDurationInOpenState`, `maxWaitDurationInHalfOpenState` | a duration, e.g. `2s`, `500ms` |
/// | `slidingWindow` | `count:N` or `time:SECONDS` |
/// | `minimumNumberOfCalls`, `permittedCallsInHalfOpenState` | an integer |
/// | `stateAfterMaxWaitInHalfOpenState` | `open` or `closed` |
/// | `openStateBackoff` | `constant` or `exponential:MULTIPLIER[:MAXIMUM[:JITTER]]`, e.g. `exponential:2:120s:0.2` |
/// | `consecutiveFailures` | N, for `--policy consecutive` (default 5) |
/// | `sreMultiplier` | K, for `--policy sre` (default 2) |
///
/// The result is validated as the breaker validates it, so a value out of range is refused
/// with the breaker's own message.
public struct BreakerSettings: Sendable {
    /// The configuration built so far.
    public var configuration = BreakerConfiguration()
    /// Failures in a row that trip the consecutive policy.
    public var consecutiveFailures = 5
    /// The SRE throttling multiplier K.
    public var sreMultiplier = 2.0

    /// Every key `apply` understands.
    public static let keys = [
        "failureRateThreshold", "slowCallRateThreshold", "slowCallDurationThreshold", "slidingWindow",
        "minimumNumberOfCalls", "waitDurationInOpenState", "openStateBackoff", "permittedCallsInHalfOpenState",
        "maxWaitDurationInHalfOpenState", "stateAfterMaxWaitInHalfOpenState", "consecutiveFailures", "sreMultiplier",
    ]

    /// resilience4j's defaults.
    public init() {}

    /// Applies `key=value` settings in order, then validates the configuration.
    ///
    /// - Throws: ``CLIUsageError`` naming the setting and what it accepts.
    public init(settings: [String], option: String = "--set") throws(CLIUsageError) {
        for setting in settings { try apply(setting, option: option) }
        do {
            try configuration.validate()
        } catch {
            throw CLIUsageError("\(option): \(error.message)")
        }
    }

    /// Applies one `key=value`.
    public mutating func apply(_ setting: String, option: String = "--set") throws(CLIUsageError) {
        guard let equals = setting.firstIndex(of: "=") else {
            throw CLIUsageError.invalidValue(setting, for: option, expected: "key=value, e.g. failureRateThreshold=40")
        }
        let key = String(setting[..<equals])
        let value = String(setting[setting.index(after: equals)...])
        func number(_ expected: String) throws(CLIUsageError) -> Double {
            guard let number = Double(value), number.isFinite else {
                throw CLIUsageError.invalidValue(value, for: "\(option) \(key)", expected: expected)
            }
            return number
        }
        func integer() throws(CLIUsageError) -> Int {
            guard let number = Int(value) else {
                throw CLIUsageError.invalidValue(value, for: "\(option) \(key)", expected: "a whole number")
            }
            return number
        }
        func duration() throws(CLIUsageError) -> Duration {
            try DurationText.duration(value, for: "\(option) \(key)", allowingZero: true)
        }
        switch key {
        case "failureRateThreshold": configuration.failureRateThreshold = try number("a percentage in (0, 100]")
        case "slowCallRateThreshold": configuration.slowCallRateThreshold = try number("a percentage in (0, 100]")
        case "slowCallDurationThreshold": configuration.slowCallDurationThreshold = try duration()
        case "waitDurationInOpenState": configuration.waitDurationInOpenState = try duration()
        case "maxWaitDurationInHalfOpenState": configuration.maxWaitDurationInHalfOpenState = try duration()
        case "minimumNumberOfCalls": configuration.minimumNumberOfCalls = try integer()
        case "permittedCallsInHalfOpenState": configuration.permittedCallsInHalfOpenState = try integer()
        case "consecutiveFailures": consecutiveFailures = try integer()
        case "sreMultiplier": sreMultiplier = try number("a positive number, e.g. 2")
        case "slidingWindow":
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let size = Int(parts[1]) else {
                throw CLIUsageError.invalidValue(value, for: "\(option) \(key)", expected: "count:N or time:SECONDS")
            }
            switch parts[0] {
            case "count": configuration.slidingWindow = .countBased(size: size)
            case "time": configuration.slidingWindow = .timeBased(seconds: size)
            default: throw CLIUsageError.invalidValue(value, for: "\(option) \(key)", expected: "count:N or time:SECONDS")
            }
        case "stateAfterMaxWaitInHalfOpenState":
            switch value.lowercased() {
            case "open": configuration.stateAfterMaxWaitInHalfOpenState = .open
            case "closed": configuration.stateAfterMaxWaitInHalfOpenState = .closed
            default: throw CLIUsageError.invalidValue(value, for: "\(option) \(key)", expected: "open or closed")
            }
        case "openStateBackoff":
            configuration.openStateBackoff = try Self.backoff(value, option: "\(option) \(key)")
        default:
            throw CLIUsageError.invalidValue(key, for: option, expected: "one of " + Self.keys.joined(separator: ", "))
        }
    }

    private static func backoff(_ value: String, option: String) throws(CLIUsageError) -> OpenStateBackoff {
        let expected = "constant or exponential:MULTIPLIER[:MAXIMUM[:JITTER]], e.g. exponential:2:120s:0.2"
        if value == "constant" { return .constant }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == "exponential", (2...4).contains(parts.count), let multiplier = Double(parts[1]) else {
            throw CLIUsageError.invalidValue(value, for: option, expected: expected)
        }
        var maximum: Duration?
        if parts.count >= 3 {
            guard let parsed = DurationText.duration(parts[2]) else {
                throw CLIUsageError.invalidValue(value, for: option, expected: expected)
            }
            maximum = parsed
        }
        var jitter = 0.0
        if parts.count == 4 {
            guard let parsed = Double(parts[3]) else { throw CLIUsageError.invalidValue(value, for: option, expected: expected) }
            jitter = parsed
        }
        return .exponential(multiplier: multiplier, maximum: maximum, jitter: jitter)
    }

    /// The replay policy named `name` (`static`, `consecutive`, `sre`), with this object's parameters.
    public func policy(named name: String) throws(CLIUsageError) -> ReplayPolicy {
        switch name {
        case "static": return .static
        case "consecutive":
            guard consecutiveFailures >= 1 else {
                throw CLIUsageError.invalidValue(String(consecutiveFailures), for: "--set consecutiveFailures", expected: "at least 1")
            }
            return .consecutive(threshold: consecutiveFailures)
        case "sre":
            guard sreMultiplier > 0 else {
                throw CLIUsageError.invalidValue(String(sreMultiplier), for: "--set sreMultiplier", expected: "a positive number")
            }
            return .sre(multiplier: sreMultiplier)
        default:
            throw CLIUsageError.invalidValue(name, for: "--policy", expected: "static, consecutive or sre")
        }
    }
}
