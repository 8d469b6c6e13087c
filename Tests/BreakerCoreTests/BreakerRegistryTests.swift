import Testing
@testable import BreakerCore

@Suite("Registry and Prometheus exposition")
struct BreakerRegistryTests {
    @Test("one breaker per name; a different breaker under a taken name is refused")
    func namedBreakers() throws {
        let registry = try BreakerRegistry(clock: ManualClock())
        let payments = try registry.breaker(named: "payments")
        #expect(try registry.breaker(named: "payments") === payments)
        #expect(try registry.breaker(named: "search") !== payments)
        try registry.register(payments)  // same instance: fine
        let impostor = try CircuitBreaker(name: "payments", clock: ManualClock())
        let error = #expect(throws: BreakerError.self) { try registry.register(impostor) }
        #expect(error?.code == .duplicateName)
        #expect(registry.allBreakers.map(\.name) == ["payments", "search"])
        #expect(registry.remove(named: "search") != nil)
        #expect(registry.existingBreaker(named: "search") == nil)
    }

    @Test("an invalid per-breaker configuration is refused")
    func invalidConfiguration() throws {
        let registry = try BreakerRegistry(clock: ManualClock())
        var bad = BreakerConfiguration()
        bad.permittedCallsInHalfOpenState = 0
        #expect(throws: BreakerError.self) { try registry.breaker(named: "x", configuration: bad) }
        #expect(registry.allBreakers.isEmpty)
    }

    @Test("text exposition: HELP/TYPE per family, one series per breaker, escaped labels")
    func prometheusText() throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 4)
        config.minimumNumberOfCalls = 4
        let registry = try BreakerRegistry(defaultConfiguration: config, clock: ManualClock())
        let payments = try registry.breaker(named: "payments")
        let odd = try registry.breaker(named: "we\"ird\\name\n")
        struct E: Error {}
        payments.onSuccess(duration: .zero)
        for _ in 0..<3 { payments.onError(E(), duration: .zero) }
        _ = payments.tryAcquirePermission()
        odd.onSuccess(duration: .zero)
        let text = registry.prometheusText()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("tripwise_breaker_state{name=\"payments\",state=\"open\"} 1"))
        #expect(lines.contains("tripwise_breaker_state{name=\"payments\",state=\"closed\"} 0"))
        #expect(lines.contains("tripwise_breaker_failure_rate{name=\"payments\"} 75"))
        #expect(lines.contains("tripwise_breaker_buffered_calls{name=\"payments\",kind=\"failed\"} 3"))
        #expect(lines.contains("tripwise_breaker_not_permitted_calls{name=\"payments\"} 1"))
        #expect(lines.contains("tripwise_breaker_failure_rate{name=\"we\\\"ird\\\\name\\n\"} -1"))
        #expect(lines.filter { $0.hasPrefix("# TYPE ") }.count == 7)
        #expect(lines.contains("# TYPE tripwise_breaker_calls_total counter"))
        #expect(lines.contains("tripwise_breaker_calls_total{name=\"payments\",kind=\"failed\"} 3"))
        #expect(lines.contains("tripwise_breaker_calls_total{name=\"payments\",kind=\"not_permitted\"} 1"))
        for line in lines where !line.hasPrefix("#") {
            // name{labels} value — every sample line has exactly one space before its value
            let parts = line.split(separator: "} ")
            #expect(parts.count == 2 && Double(parts[1]) != nil, "malformed sample: \(line)")
        }
    }
}
