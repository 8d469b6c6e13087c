extension BreakerConfiguration {
    /// Checks every field against its documented range.
    ///
    /// - Throws: ``BreakerError`` with code ``BreakerError/Code/invalidConfiguration`` and a
    ///   message naming the first offending field, its value and the allowed range.
    public func validate() throws(BreakerError) {
        try Self.requirePercent("failureRateThreshold", failureRateThreshold)
        try Self.requirePercent("slowCallRateThreshold", slowCallRateThreshold)
        if slowCallDurationThreshold <= .zero {
            throw .invalid("slowCallDurationThreshold", slowCallDurationThreshold, "it must be greater than zero")
        }
        switch slidingWindow {
        case .countBased(let size) where size < 1 || size > Self.maximumWindowSize:
            throw .invalid("slidingWindow size", size,
                           "a count-based window must hold from 1 to \(Self.maximumWindowSize) calls")
        case .timeBased(let seconds) where seconds < 1 || seconds > Self.maximumWindowSize:
            throw .invalid("slidingWindow seconds", seconds,
                           "a time-based window must span from 1 to \(Self.maximumWindowSize) seconds")
        default: break
        }
        if minimumNumberOfCalls < 1 {
            throw .invalid("minimumNumberOfCalls", minimumNumberOfCalls, "it must be at least 1")
        }
        if waitDurationInOpenState < .zero {
            throw .invalid("waitDurationInOpenState", waitDurationInOpenState, "it must not be negative")
        }
        if permittedCallsInHalfOpenState < 1 {
            throw .invalid("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState,
                           "a half-open breaker needs at least 1 trial call to decide")
        }
        if maxWaitDurationInHalfOpenState < .zero {
            throw .invalid("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState,
                           "it must not be negative (zero waits for all trial calls)")
        }
        if stateAfterMaxWaitInHalfOpenState != .open && stateAfterMaxWaitInHalfOpenState != .closed {
            throw .invalid("stateAfterMaxWaitInHalfOpenState", stateAfterMaxWaitInHalfOpenState,
                           "it must be OPEN or CLOSED")
        }
        try openStateBackoff.validate(base: waitDurationInOpenState)
    }

    /// The largest window accepted, in calls or seconds: a window holds 16 bytes per slot, so
    /// this bounds one breaker's window at 16 MB (and a time window at 11.5 days).
    public static let maximumWindowSize = 1_000_000

    private static func requirePercent(_ field: String, _ value: Double) throws(BreakerError) {
        guard value > 0, value <= 100 else {
            throw .invalid(field, value, "it must be a percentage greater than 0 and at most 100")
        }
    }

    /// The effective minimum number of calls in CLOSED and METRICS_ONLY: capped at the window
    /// size for count-based windows, the configured value for time-based windows.
    @inlinable
    public var effectiveMinimumNumberOfCalls: Int {
        switch slidingWindow {
        case .countBased(let size): min(minimumNumberOfCalls, size)
        case .timeBased: minimumNumberOfCalls
        }
    }

    /// The effective minimum number of calls in HALF_OPEN: `min(minimumNumberOfCalls, permittedCallsInHalfOpenState)`.
    @inlinable
    public var effectiveHalfOpenMinimumNumberOfCalls: Int {
        min(minimumNumberOfCalls, permittedCallsInHalfOpenState)
    }
}
