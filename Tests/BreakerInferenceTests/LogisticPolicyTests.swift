import BreakerCore
import Foundation
import Synchronization
import Testing
@testable import BreakerInference

private struct DependencyDown: Error {}

@Suite("LogisticPolicy inside a breaker")
struct LogisticPolicyTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func config() -> BreakerConfiguration {
        var config = BreakerConfiguration()
        config.slidingWindow = .countBased(size: 20)
        config.minimumNumberOfCalls = 10
        config.waitDurationInOpenState = .seconds(5)
        config.permittedCallsInHalfOpenState = 3
        return config
    }

    /// Events of a breaker, collected thread-safely.
    final class Log: Sendable {
        let events = Mutex<[BreakerEvent]>([])
        var notices: [String] {
            events.withLock { $0.compactMap { if case .policyNotice(let m) = $0.kind { m } else { nil } } }
        }
        var trips: Int {
            events.withLock { $0.filter { if case .stateTransition(.closed, .open) = $0.kind { true } else { false } }.count }
        }
    }

    /// 20 calls/s: `healthy` seconds of successes, then failures until the breaker opens.
    func drive(_ breaker: CircuitBreaker, clock: ManualClock, healthySeconds: Int, failingSeconds: Int) {
        for step in 0..<((healthySeconds + failingSeconds) * 20) {
            clock.advance(by: .milliseconds(50))
            guard let permit = try? breaker.acquirePermit() else { continue }
            if step >= healthySeconds * 20 {
                breaker.onError(permit, DependencyDown(), duration: .milliseconds(3))
            } else {
                breaker.onSuccess(permit, duration: .milliseconds(20))
            }
        }
    }

    @Test("the committed model keeps a healthy dependency closed and trips on a failure burst")
    func tripsOnFailures() throws {
        let file = try LogisticModelFile.load(path: Self.repository.appendingPathComponent("models/logistic-next-call.json").path)
        let clock = ManualClock()
        let policy = LogisticPolicy(model: try LogisticModel(file))
        let breaker = try CircuitBreaker(name: "api", configuration: Self.config(), policy: policy, clock: clock)
        let log = Log()
        breaker.addListener { event in log.events.withLock { $0.append(event) } }
        drive(breaker, clock: clock, healthySeconds: 120, failingSeconds: 0)
        #expect(breaker.state == .closed)
        #expect(log.trips == 0)
        drive(breaker, clock: clock, healthySeconds: 0, failingSeconds: 5)
        #expect(log.trips >= 1)
        #expect(log.notices.isEmpty)
        #expect(breaker.callTotals.notPermitted > 0)
    }

    @Test("the README's lines load the committed model into a breaker, which needs no clock for it")
    func readmeLines() throws {
        let config = Self.config()
        let policy = LogisticPolicy.load(path: Self.repository.appendingPathComponent("models/logistic-next-call.json").path)
        let breaker = try CircuitBreaker(name: "payments", configuration: config, policy: policy)
        #expect(policy.model != nil && policy.fallbackReason == nil)
        #expect(!policy.requirements.contains(.clockOnOutcome) && !policy.requirements.contains(.admissionControl))
        #expect(breaker.state == .closed)
    }

    @Test("it waits for minimumNumberOfCalls before tripping, like the static policy")
    func minimumCalls() throws {
        let file = try LogisticModelFile.load(path: Self.repository.appendingPathComponent("models/logistic-next-call.json").path)
        let breaker = try CircuitBreaker(name: "api", configuration: Self.config(), policy: LogisticPolicy(model: try LogisticModel(file)),
                                         clock: ManualClock())
        // Nine failures in a row: the model says trip long before, but the window (minimum 10) is not full.
        for _ in 0..<9 { breaker.onError(DependencyDown(), duration: .milliseconds(3)) }
        #expect(breaker.state == .closed)
        breaker.onError(DependencyDown(), duration: .milliseconds(3))
        #expect(breaker.state == .open)
    }

    @Test("an unusable model falls back to the static thresholds and says so once")
    func fallback() throws {
        let missing = LogisticPolicy.load(path: "/nonexistent/model.json")
        #expect(missing.model == nil)
        #expect(missing.fallbackReason?.contains("/nonexistent/model.json") == true)
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "api", configuration: Self.config(), policy: missing, clock: clock)
        let reference = try CircuitBreaker(name: "ref", configuration: Self.config(), clock: ManualClock())
        let log = Log()
        breaker.addListener { event in log.events.withLock { $0.append(event) } }
        for index in 0..<30 {
            let failed = index % 3 != 0
            for b in [breaker, reference] {
                if failed { b.onError(DependencyDown(), duration: .zero) } else { b.onSuccess(duration: .zero) }
            }
            #expect(breaker.state == reference.state, "behaves exactly like the static policy")
        }
        #expect(log.notices.count == 1)
        #expect(log.notices.first?.contains("using the static thresholds") == true)
    }
}
