import BreakerCore
import BreakerInference
import Foundation
import Synchronization
import TraceKit

/// Replays a trace through one breaker per target, event-driven as time runs in a service: a
/// call is admitted or refused at its start (`timestamp`) and its outcome is recorded at its
/// completion (`timestamp + latency_ms`), on a ``ManualClock`` that follows the trace's own
/// clock. Refused calls use the recorded outcome as the counterfactual; rows recorded as
/// `rejected` are excluded and counted.
///
/// Deterministic: the same trace, configuration and policy give the same result (randomised
/// policies and backoff jitter are seeded per target from `seed` and the target's name).
public enum TraceReplay {
    private struct InFlight: Comparable {
        var completesAt: Int64
        var sequence: Int
        var breaker: Int
        var permit: BreakerPermit
        var failed: Bool
        var latency: Int64
        var row: Int

        static func < (lhs: InFlight, rhs: InFlight) -> Bool {
            (lhs.completesAt, lhs.sequence) < (rhs.completesAt, rhs.sequence)
        }
    }

    private struct DependencyFailure: Error {}

    /// Shared between the replay loop and the breakers' listeners (which run synchronously on
    /// the replay's thread, inside the breaker calls the loop makes).
    private final class Log: Sendable {
        struct State {
            var transitions: [ReplayResult.Transition] = []
            var pendingReason: [Int: String] = [:]
            var currentRowHealthy: Int8 = -1
        }
        let state = Mutex(State())
    }

    /// Replays `trace` with `configuration` and `policy` for every target.
    ///
    /// The breakers' clock starts at the trace's first call (so any epoch works, 1970 or before
    /// included) and counts nanoseconds from there.
    ///
    /// With ``ReplayOptions/recordsDecisions`` the result also holds every row's
    /// ``ReplayDecision`` (``ReplayResult/decisions``); state changes and their times are always
    /// in ``ReplayResult/transitions``.
    ///
    /// - Throws: ``ReplayError`` when the configuration is invalid, or a time span or latency
    ///   is too large to count in nanoseconds (more than about 285 years).
    public static func run(_ trace: Trace, configuration: BreakerConfiguration, policy: ReplayPolicy,
                           seed: UInt64 = 1, options: ReplayOptions = ReplayOptions()) throws(ReplayError) -> ReplayResult {
        let started = ContinuousClock.now
        let clock = ManualClock(initialTime: .zero)
        let origin = trace.timestamps.min() ?? 0
        guard let span = trace.timestamps.max().map({ $0 - origin }), span.isFinite, span < 8e9 else {
            throw ReplayError("the trace spans more than 8e9 seconds (or holds a non-finite time); "
                              + "are its timestamps in milliseconds instead of seconds?")
        }
        let registry: BreakerRegistry
        do {
            registry = try BreakerRegistry(defaultConfiguration: configuration, clock: clock)
        } catch {
            throw ReplayError(error.message)
        }
        let log = Log()
        let names = trace.targets.values
        var breakers: [CircuitBreaker] = []
        for (index, name) in names.enumerated() {
            let targetSeed = targetSeed(name, seed: seed)
            var targetConfiguration = configuration
            if targetConfiguration.openStateBackoff.seed == nil {
                let b = configuration.openStateBackoff
                targetConfiguration.openStateBackoff = .exponential(multiplier: b.multiplier, maximum: b.maximum,
                                                                    jitter: b.jitter, seed: targetSeed)
            }
            let breaker: CircuitBreaker
            do {
                breaker = try registry.breaker(named: name, configuration: targetConfiguration,
                                               policy: policy.makePolicy(seed: targetSeed))
            } catch {
                throw ReplayError(error.message)
            }
            breaker.addListener { event in
                log.state.withLock { state in
                    switch event.kind {
                    case .failureRateExceeded(let rate):
                        state.pendingReason[index, default: ""] += Self.joiner(state.pendingReason[index])
                            + "failure rate \(Self.percent(rate)) ≥ \(Self.percent(configuration.failureRateThreshold))"
                    case .slowCallRateExceeded(let rate):
                        state.pendingReason[index, default: ""] += Self.joiner(state.pendingReason[index])
                            + "slow-call rate \(Self.percent(rate)) ≥ \(Self.percent(configuration.slowCallRateThreshold))"
                    case .stateTransition(let from, let to):
                        let reason = state.pendingReason.removeValue(forKey: index)
                            ?? Self.defaultReason(from: from, to: to, policy: policy)
                        let inside: Bool? = (from == .closed && to == .open && trace.healthy != nil && state.currentRowHealthy >= 0)
                            ? state.currentRowHealthy == 0 : nil
                        state.transitions.append(ReplayResult.Transition(
                            time: origin + Double(clock.now().nanoseconds) / 1e9, target: name, from: from.description,
                            to: to.description, reason: reason, insideIncident: inside))
                    default:
                        break
                    }
                }
            }
            breakers.append(breaker)
        }

        var order = Array(0..<trace.count)
        if !zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 }) {
            order.sort { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        }
        var counts = names.map { ReplayResult.TargetCounts(target: $0) }
        var inFlight = MinHeap<InFlight>()
        var excluded = 0
        var sequence = 0
        var decisions: [ReplayDecision] = options.recordsDecisions
            ? Array(repeating: .excluded, count: trace.count) : []
        let recordsDecisions = options.recordsDecisions

        func complete(until limit: Int64) {
            while let next = inFlight.min, next.completesAt <= limit {
                _ = inFlight.pop()
                clock.set(to: BreakerInstant(nanoseconds: next.completesAt))
                let healthy = trace.healthy?[next.row] ?? -1
                log.state.withLock { $0.currentRowHealthy = healthy }
                let breaker = breakers[next.breaker]
                if next.failed {
                    breaker.onError(next.permit, DependencyFailure(), duration: .nanoseconds(next.latency))
                } else {
                    breaker.onSuccess(next.permit, duration: .nanoseconds(next.latency))
                }
            }
        }

        for row in order {
            let outcome = trace.outcomes[row]
            if outcome == .rejected {
                excluded += 1
                continue
            }
            let start = Int64(((trace.timestamps[row] - origin) * 1e9).rounded())
            complete(until: start)
            clock.set(to: BreakerInstant(nanoseconds: start))
            let target = Int(trace.targets.codes[row])
            let failed = outcome.isFailure
            counts[target].calls += 1
            guard let permit = try? breakers[target].acquirePermit() else {
                if recordsDecisions { decisions[row] = .rejected }
                counts[target].rejected += 1
                if failed { counts[target].rejectedWouldFail += 1 } else { counts[target].falseRejects += 1 }
                continue
            }
            if recordsDecisions { decisions[row] = .admitted }
            counts[target].sent += 1
            if failed {
                counts[target].failedSent += 1
                counts[target].secondsOnFailedSent += trace.latenciesMs[row] / 1000
            }
            let latencyNanoseconds = (trace.latenciesMs[row] * 1e6).rounded()
            guard latencyNanoseconds >= 0, latencyNanoseconds < 1e18 else {
                throw ReplayError("row \(row + 1) of the trace has latency \(trace.latenciesMs[row]) ms, "
                                  + "beyond what replay can count (under 1e12 ms)")
            }
            let latency = Int64(latencyNanoseconds)
            inFlight.push(InFlight(completesAt: start &+ latency, sequence: sequence, breaker: target, permit: permit,
                                   failed: failed, latency: latency, row: row))
            sequence += 1
        }
        complete(until: .max)

        let transitions = log.state.withLock { $0.transitions }
        for transition in transitions where transition.from == "CLOSED" && transition.to == "OPEN" {
            if let index = names.firstIndex(of: transition.target) { counts[index].trips += 1 }
        }
        let elapsed = ContinuousClock.now - started
        let replayed = counts.reduce(0) { $0 + $1.calls }
        return ReplayResult(
            policy: policy.description, transitions: transitions,
            targets: counts.sorted { $0.target < $1.target }, excludedRejectedRows: excluded,
            nanosecondsPerCall: replayed == 0 ? 0 : elapsed.secondsAsDouble * 1e9 / Double(replayed),
            decisions: recordsDecisions ? decisions : nil)
    }

    static func defaultReason(from: CircuitState, to: CircuitState, policy: ReplayPolicy) -> String {
        switch (from, to) {
        case (.closed, .open):
            if case .consecutive(let threshold) = policy { return "\(threshold) consecutive failures" }
            if case .logistic(let model) = policy { return "model p(fail) > τ = \(model.threshold)" }
            return "policy tripped"
        case (.open, .halfOpen): return "open wait elapsed; trial call admitted"
        case (.halfOpen, .open): return "trial calls failed"
        case (.halfOpen, .closed): return "trial calls succeeded"
        default: return "transition"
        }
    }

    private static func joiner(_ existing: String?) -> String {
        (existing?.isEmpty ?? true) ? "" : " and "
    }

    static func percent(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) %" : String(format: "%.1f %%", value)
    }

    /// The seed of target `name`'s randomised policy and jitter in a replay seeded with `seed`
    /// (also the exploration stream of a ``BanditPolicy`` there).
    public static func targetSeed(_ name: String, seed: UInt64) -> UInt64 {
        BanditPolicy.stream(forTarget: name, seed: seed)
    }
}
