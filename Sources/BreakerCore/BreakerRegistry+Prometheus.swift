extension BreakerRegistry {
    /// All breakers' metrics in the Prometheus text exposition format (version 0.0.4), one
    /// `name` label per breaker, metric names modelled on resilience4j's Micrometer binding:
    ///
    /// - `tripwise_breaker_state{name,state}`: 1 for the current state, 0 for the others;
    /// - `tripwise_breaker_buffered_calls{name,kind="successful|failed"}`;
    /// - `tripwise_breaker_slow_calls{name,kind="successful|failed"}`;
    /// - `tripwise_breaker_failure_rate{name}` and `tripwise_breaker_slow_call_rate{name}`, in
    ///   percent, −1 below the minimum number of calls;
    /// - `tripwise_breaker_not_permitted_calls{name}`: rejections counted by the current metrics
    ///   object (it restarts at zero when the state's metrics are renewed, so it is a gauge);
    /// - `tripwise_breaker_calls_total{name,kind="successful|failed|ignored|not_permitted|late"}`:
    ///   counters over the breaker's lifetime (``BreakerCallTotals``), for `rate()`.
    public func prometheusText() -> String {
        let breakers = allBreakers
        let snapshots = breakers.map { ($0.name, $0.metrics) }
        var out = ""
        func family(_ metric: String, _ help: String, _ body: (String, BreakerMetrics) -> Void) {
            out += "# HELP \(metric) \(help)\n# TYPE \(metric) gauge\n"
            for (name, metrics) in snapshots { body(name, metrics) }
        }
        family("tripwise_breaker_state", "1 for the breaker's current state, 0 otherwise.") { name, m in
            for state in CircuitState.allCases {
                out += "tripwise_breaker_state{name=\"\(Self.escape(name))\",state=\"\(state.metricLabel)\"} \(state == m.state ? 1 : 0)\n"
            }
        }
        family("tripwise_breaker_buffered_calls", "Calls in the sliding window, by outcome.") { name, m in
            out += "tripwise_breaker_buffered_calls{name=\"\(Self.escape(name))\",kind=\"successful\"} \(m.successfulCalls)\n"
            out += "tripwise_breaker_buffered_calls{name=\"\(Self.escape(name))\",kind=\"failed\"} \(m.failedCalls)\n"
        }
        family("tripwise_breaker_slow_calls", "Slow calls in the sliding window, by outcome.") { name, m in
            out += "tripwise_breaker_slow_calls{name=\"\(Self.escape(name))\",kind=\"successful\"} \(m.slowSuccessfulCalls)\n"
            out += "tripwise_breaker_slow_calls{name=\"\(Self.escape(name))\",kind=\"failed\"} \(m.slowFailedCalls)\n"
        }
        family("tripwise_breaker_failure_rate", "Failure rate in percent; -1 below the minimum number of calls.") { name, m in
            out += "tripwise_breaker_failure_rate{name=\"\(Self.escape(name))\"} \(Self.number(m.failureRate))\n"
        }
        family("tripwise_breaker_slow_call_rate", "Slow-call rate in percent; -1 below the minimum number of calls.") { name, m in
            out += "tripwise_breaker_slow_call_rate{name=\"\(Self.escape(name))\"} \(Self.number(m.slowCallRate))\n"
        }
        family("tripwise_breaker_not_permitted_calls", "Calls rejected since the current metrics object was created.") { name, m in
            out += "tripwise_breaker_not_permitted_calls{name=\"\(Self.escape(name))\"} \(m.notPermittedCalls)\n"
        }
        out += "# HELP tripwise_breaker_calls_total Calls seen over the breaker's lifetime, by outcome.\n"
        out += "# TYPE tripwise_breaker_calls_total counter\n"
        for breaker in breakers {
            let totals = breaker.callTotals
            let label = Self.escape(breaker.name)
            for (kind, value) in [("successful", totals.successful), ("failed", totals.failed), ("ignored", totals.ignored),
                                  ("not_permitted", totals.notPermitted), ("late", totals.late)] {
                out += "tripwise_breaker_calls_total{name=\"\(label)\",kind=\"\(kind)\"} \(value)\n"
            }
        }
        return out
    }

    /// Escapes a label value: backslash, double quote and line feed, as the format requires.
    static func escape(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A sample value: integers without a fraction, others in Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
