extension Duration {
    /// This duration in whole nanoseconds (truncated toward zero), clamped to `Int64`'s range.
    @inlinable
    package var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds > 0 ? .max : .min }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds > 0 ? .max : .min }
        return sum
    }

    /// This duration in seconds as a `Double` (for reporting; not exact beyond 2⁵³ ns).
    @inlinable
    package var secondsAsDouble: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
