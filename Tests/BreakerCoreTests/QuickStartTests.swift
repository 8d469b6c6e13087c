import Testing
import BreakerCore

/// The README's quick start, compiled and run, so the documentation cannot drift from the API.
@Suite("README quick start")
struct QuickStartTests {
    struct Response: Sendable { let status: Int; static let cached = Response(status: 200) }
    struct PaymentDeclined: Error {}
    struct Client { func get(_ path: String) throws -> Response { Response(status: 503) } }

    @Test("execute, run, fallback and result classification as the README shows them")
    func quickStart() async throws {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 50)
        config.minimumNumberOfCalls = 20
        config.failureRateThreshold = 50
        config.waitDurationInOpenState = .seconds(10)
        config.openStateBackoff = .exponential(multiplier: 2, maximum: .seconds(120), jitter: 0.2)
        config.maxWaitDurationInHalfOpenState = .seconds(30)
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "payments", configuration: config, clock: clock)

        let receipt = try breaker.execute { "receipt-1" }
        let quote = try await breaker.run { () async throws -> Int in 42 }
        #expect(receipt == "receipt-1" && quote == 42)

        for _ in 0..<20 {
            _ = breaker.execute(classifyingResult: { $0.status >= 500 ? .failure : .success },
                                { Response(status: 503) },
                                fallback: { _ in .cached })
        }
        #expect(breaker.state == .open)
        let client = Client()
        // As in the README: a throwing operation, a non-throwing fallback, no `try`.
        let response = breaker.execute(classifyingResult: { $0.status >= 500 ? .failure : .success },
                                       { try client.get("/inventory") },
                                       fallback: { _ in .cached })
        #expect(response.status == 200, "an open breaker serves the fallback")
        do {
            _ = try breaker.execute { "never runs" }
            Issue.record("an open breaker must refuse")
        } catch let rejected as CallNotPermittedError {
            #expect(rejected.breakerName == "payments")
            #expect(rejected.state == .open)
            let wait = try #require(rejected.retryAfter)
            #expect(wait >= .seconds(8) && wait <= .seconds(12), "10 s ± 20 % jitter, got \(wait)")
        }
    }

    @Test("the two-step API for callers that time their own calls")
    func twoStep() throws {
        let clock = ManualClock()
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 2)
        let breaker = try CircuitBreaker(name: "inventory", configuration: config, clock: clock)
        for attempt in 0..<2 where breaker.tryAcquirePermission() {
            let start = clock.now()
            clock.advance(by: .milliseconds(30))
            if attempt == 0 {
                breaker.onSuccess(duration: clock.now() - start)
            } else {
                breaker.onError(PaymentDeclined(), duration: clock.now() - start)
            }
        }
        #expect(breaker.metrics.failureRate == 50)
        #expect(breaker.state == .open)
    }
}
