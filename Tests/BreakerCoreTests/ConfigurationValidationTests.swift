import Testing
@testable import BreakerCore

@Suite("Bad configuration is refused with an error naming the field")
struct ConfigurationValidationTests {
    static let cases: [(String, @Sendable (inout BreakerConfiguration) -> Void)] = [
        ("failureRateThreshold", { $0.failureRateThreshold = 0 }),
        ("failureRateThreshold", { $0.failureRateThreshold = 100.5 }),
        ("failureRateThreshold", { $0.failureRateThreshold = .nan }),
        ("slowCallRateThreshold", { $0.slowCallRateThreshold = -1 }),
        ("slowCallDurationThreshold", { $0.slowCallDurationThreshold = .zero }),
        ("slidingWindow size", { $0.slidingWindow = .countBased(size: 0) }),
        ("slidingWindow size", { $0.slidingWindow = .countBased(size: -5) }),
        ("slidingWindow seconds", { $0.slidingWindow = .timeBased(seconds: 0) }),
        ("slidingWindow size", { $0.slidingWindow = .countBased(size: 999_999_999_999) }),
        ("slidingWindow seconds", { $0.slidingWindow = .timeBased(seconds: 100_000_000) }),
        ("minimumNumberOfCalls", { $0.minimumNumberOfCalls = 0 }),
        ("waitDurationInOpenState", { $0.waitDurationInOpenState = .seconds(-1) }),
        ("permittedCallsInHalfOpenState", { $0.permittedCallsInHalfOpenState = 0 }),
        ("maxWaitDurationInHalfOpenState", { $0.maxWaitDurationInHalfOpenState = .seconds(-2) }),
        ("stateAfterMaxWaitInHalfOpenState", { $0.stateAfterMaxWaitInHalfOpenState = .forcedOpen }),
        ("openStateBackoff.multiplier", { $0.openStateBackoff = .exponential(multiplier: 0.5) }),
        ("openStateBackoff.jitter", { $0.openStateBackoff = .exponential(jitter: 1.5) }),
        ("openStateBackoff.maximum", { $0.openStateBackoff = .exponential(maximum: .seconds(1)) }),
    ]

    @Test("each out-of-range field", arguments: 0..<cases.count)
    func refused(index: Int) {
        let (field, mutate) = Self.cases[index]
        var config = BreakerConfiguration()
        mutate(&config)
        let error = #expect(throws: BreakerError.self) {
            _ = try CircuitBreaker(name: "bad", configuration: config, clock: ManualClock())
        }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message.contains(field) == true, "message should name \(field): \(error?.message ?? "")")
    }

    @Test("resilience4j's defaults are valid and are what BreakerConfiguration() holds")
    func defaults() throws {
        let config = BreakerConfiguration()
        try config.validate()
        #expect(config.failureRateThreshold == 50)
        #expect(config.slowCallRateThreshold == 100)
        #expect(config.slowCallDurationThreshold == .seconds(60))
        #expect(config.slidingWindow == .countBased(size: 100))
        #expect(config.minimumNumberOfCalls == 100)
        #expect(config.waitDurationInOpenState == .seconds(60))
        #expect(config.permittedCallsInHalfOpenState == 10)
        #expect(config.maxWaitDurationInHalfOpenState == .zero)
    }

    @Test("minimum number of calls is capped at a count window's size, not a time window's")
    func effectiveMinimum() {
        var config = BreakerConfiguration()
        config.minimumNumberOfCalls = 50
        config.slidingWindow = .countBased(size: 10)
        #expect(config.effectiveMinimumNumberOfCalls == 10)
        config.slidingWindow = .timeBased(seconds: 10)
        #expect(config.effectiveMinimumNumberOfCalls == 50)
        config.permittedCallsInHalfOpenState = 4
        #expect(config.effectiveHalfOpenMinimumNumberOfCalls == 4)
    }

    @Test("illegal manual transitions throw and change nothing")
    func illegalTransitions() throws {
        let breaker = try CircuitBreaker(name: "t", clock: ManualClock())
        breaker.onSuccess(duration: .zero)
        let error = #expect(throws: BreakerError.self) { try breaker.transition(to: .halfOpen) }
        #expect(error?.code == .illegalStateTransition)
        #expect(breaker.state == .closed)
        #expect(breaker.metrics.bufferedCalls == 1)
        try breaker.transition(to: .metricsOnly)
        #expect(throws: BreakerError.self) { try breaker.transition(to: .open) }
        #expect(throws: BreakerError.self) { try breaker.transition(to: .halfOpen) }
        #expect(throws: BreakerError.self) { try breaker.transitionToOpen(for: .seconds(1)) }
        #expect(breaker.state == .metricsOnly)
    }
}
