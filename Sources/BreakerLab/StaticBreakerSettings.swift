import BreakerCore

/// A static (resilience4j-style) breaker configuration as plain, encodable numbers: what the
/// benchmark reports for `static-best`, `r4j-default` and `hystrix-default`, and what every
/// breaker policy in a benchmark ran with.
///
/// Fields not listed keep ``BreakerConfiguration``'s defaults: constant open-state backoff, no
/// maximum wait in half-open, every error a failure.
public struct StaticBreakerSettings: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Failure rate in percent at or above which the breaker trips.
    public var failureRateThreshold: Double
    /// Slow-call rate in percent at or above which the breaker trips; 100 with a huge
    /// ``slowCallDurationMs`` means the slow-call rule is effectively off.
    public var slowCallRateThreshold: Double
    /// A call slower than this (milliseconds) is slow.
    public var slowCallDurationMs: Double
    /// `count` (the last N outcomes) or `time` (the last N whole seconds).
    public var windowKind: String
    /// N: calls for a count window, seconds for a time window.
    public var windowSize: Int
    /// Outcomes buffered before any rate is computed (capped at the size of a count window).
    public var minimumNumberOfCalls: Int
    /// Seconds the breaker stays OPEN before the next call may move it to HALF_OPEN.
    public var waitDurationInOpenStateSeconds: Double
    /// Trial calls in HALF_OPEN before a verdict.
    public var permittedCallsInHalfOpenState: Int

    /// The duration that stands for "no slow-call rule": one year.
    public static let slowRuleOffMs: Double = 365 * 86_400 * 1000

    /// Creates settings from their fields verbatim.
    public init(failureRateThreshold: Double, slowCallRateThreshold: Double = 100,
                slowCallDurationMs: Double = StaticBreakerSettings.slowRuleOffMs,
                windowKind: String, windowSize: Int, minimumNumberOfCalls: Int,
                waitDurationInOpenStateSeconds: Double, permittedCallsInHalfOpenState: Int) {
        self.failureRateThreshold = failureRateThreshold
        self.slowCallRateThreshold = slowCallRateThreshold
        self.slowCallDurationMs = slowCallDurationMs
        self.windowKind = windowKind
        self.windowSize = windowSize
        self.minimumNumberOfCalls = minimumNumberOfCalls
        self.waitDurationInOpenStateSeconds = waitDurationInOpenStateSeconds
        self.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState
    }

    /// The settings of `configuration` (its backoff, half-open wait and classifiers are not kept).
    public init(_ configuration: BreakerConfiguration) {
        failureRateThreshold = configuration.failureRateThreshold
        slowCallRateThreshold = configuration.slowCallRateThreshold
        slowCallDurationMs = Double(configuration.slowCallDurationThreshold.nanosecondsClamped) / 1e6
        switch configuration.slidingWindow {
        case .countBased(let size): windowKind = "count"; windowSize = size
        case .timeBased(let seconds): windowKind = "time"; windowSize = seconds
        }
        minimumNumberOfCalls = configuration.minimumNumberOfCalls
        waitDurationInOpenStateSeconds = Double(configuration.waitDurationInOpenState.nanosecondsClamped) / 1e9
        permittedCallsInHalfOpenState = configuration.permittedCallsInHalfOpenState
    }

    /// Whether a slow-call rule can trip the breaker (threshold below 100 % or a duration
    /// shorter than a year).
    public var hasSlowCallRule: Bool {
        slowCallRateThreshold < 100 || slowCallDurationMs < Self.slowRuleOffMs
    }

    /// The breaker configuration these settings stand for.
    public var configuration: BreakerConfiguration {
        var configuration = BreakerConfiguration()
        configuration.failureRateThreshold = failureRateThreshold
        configuration.slowCallRateThreshold = slowCallRateThreshold
        configuration.slowCallDurationThreshold = .nanoseconds(Int64((slowCallDurationMs * 1e6).rounded()))
        configuration.slidingWindow = windowKind == "time" ? .timeBased(seconds: windowSize) : .countBased(size: windowSize)
        configuration.minimumNumberOfCalls = minimumNumberOfCalls
        configuration.waitDurationInOpenState = .nanoseconds(Int64((waitDurationInOpenStateSeconds * 1e9).rounded()))
        configuration.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState
        return configuration
    }

    /// The same settings as `tripwise replay --set` arguments, to reproduce a run.
    public var replaySettings: [String] {
        [
            "failureRateThreshold=\(Self.number(failureRateThreshold))",
            "slowCallRateThreshold=\(Self.number(slowCallRateThreshold))",
            "slowCallDurationThreshold=\(Self.number(slowCallDurationMs))ms",
            "slidingWindow=\(windowKind):\(windowSize)",
            "minimumNumberOfCalls=\(minimumNumberOfCalls)",
            "waitDurationInOpenState=\(Self.number(waitDurationInOpenStateSeconds))s",
            "permittedCallsInHalfOpenState=\(permittedCallsInHalfOpenState)",
        ]
    }

    /// E.g. `failure ≥ 50 %, slow rule off, count window 20, minimum 5 calls, open 5 s, 1 trial call`.
    public var description: String {
        let slow = hasSlowCallRule
            ? "slow ≥ \(Self.number(slowCallRateThreshold)) % of calls > \(Self.number(slowCallDurationMs)) ms"
            : "slow rule off"
        let window = windowKind == "time" ? "time window \(windowSize) s" : "count window \(windowSize)"
        return "failure ≥ \(Self.number(failureRateThreshold)) %, \(slow), \(window), minimum \(minimumNumberOfCalls) calls, "
            + "open \(Self.number(waitDurationInOpenStateSeconds)) s, \(permittedCallsInHalfOpenState) trial call"
            + (permittedCallsInHalfOpenState == 1 ? "" : "s")
    }

    /// resilience4j's defaults (``BreakerConfiguration/init()``): 50 %, slow ≥ 100 % of calls
    /// over 60 s, count window 100, minimum 100, open 60 s, 10 trial calls.
    public static let resilience4jDefaults = StaticBreakerSettings(BreakerConfiguration())

    /// Hystrix's defaults mapped to this breaker: a 10-second rolling window
    /// (`metrics.rollingStats.timeInMilliseconds`), at least 20 requests
    /// (`circuitBreaker.requestVolumeThreshold`), 50 % errors (`errorThresholdPercentage`),
    /// 5 s asleep (`sleepWindowInMilliseconds`), then one trial request; Hystrix has no
    /// slow-call rule (timeouts count as failures), so it is off.
    public static let hystrixDefaults = StaticBreakerSettings(
        failureRateThreshold: 50, windowKind: "time", windowSize: 10, minimumNumberOfCalls: 20,
        waitDurationInOpenStateSeconds: 5, permittedCallsInHalfOpenState: 1)

    package static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
