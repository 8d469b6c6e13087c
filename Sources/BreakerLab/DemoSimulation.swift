import BreakerCore
import Foundation
import Synchronization

/// The simulation behind `tripwise demo`: a ``DemoScenario`` replayed against one breaker on a
/// ``ManualClock``, event-driven as in a service — a call is admitted or refused when it
/// starts and its outcome is recorded when it completes (start + latency), so the breaker
/// never learns an outcome early. Every call's fate is drawn whether or not it is sent, so
/// "without the breaker" is the same traffic with every call sent.
///
/// Deterministic: the same scenario (seed included) yields the same ``DemoRun``. Runs in
/// milliseconds: nothing sleeps.
public enum DemoSimulation {
    private struct Pending {
        var completesAt: BreakerInstant
        var permit: BreakerPermit
        var failed: Bool
        var latency: Duration
    }

    private struct DependencyError: Error {}

    /// Replays `scenario` and reports the timeline and the per-phase counts.
    ///
    /// - Throws: ``BreakerError`` if the scenario's breaker configuration is invalid.
    public static func run(_ scenario: DemoScenario) throws(BreakerError) -> DemoRun {
        let clock = ManualClock()
        let breaker = try CircuitBreaker(name: "dependency", configuration: scenario.configuration, clock: clock)
        let transitions = Mutex<[DemoRun.Transition]>([])
        breaker.addListener { event in
            guard case .stateTransition(let from, let to) = event.kind else { return }
            let at = clock.now().offset
            let phase = scenario.phaseIndex(at: at).map { scenario.phases[$0].name } ?? "end"
            transitions.withLock { $0.append(DemoRun.Transition(at: at, from: from, to: to, phase: phase)) }
        }

        var random = SeededRandom(seed: scenario.seed)
        var tallies = scenario.phases.map { DemoRun.PhaseTally(name: $0.name) }
        var pending: [Pending] = []  // sorted by completion time, latest first
        let end = BreakerInstant(scenario.totalDuration)
        var now = BreakerInstant.zero

        func complete(until limit: BreakerInstant) {
            while let next = pending.last, next.completesAt <= limit {
                pending.removeLast()
                clock.set(to: next.completesAt)
                if next.failed {
                    breaker.onError(next.permit, DependencyError(), duration: next.latency)
                } else {
                    breaker.onSuccess(next.permit, duration: next.latency)
                }
            }
        }

        while true {
            let gap = -log(1 - random.nextUnitInterval()) / max(scenario.callsPerSecond, 1e-9)
            now = now + .nanoseconds(Int64((gap * 1e9).rounded()))
            guard now < end, let phaseIndex = scenario.phaseIndex(at: now.offset) else { break }
            let phase = scenario.phases[phaseIndex]
            let fails = random.nextUnitInterval() < phase.failureProbability
            let latency = fails ? phase.failureLatency : phase.latency

            complete(until: now)
            clock.set(to: now)
            tallies[phaseIndex].calls += 1
            if fails {
                tallies[phaseIndex].failingCalls += 1
                tallies[phaseIndex].timeOnFailedWithout += latency
            }
            guard let permit = try? breaker.acquirePermit() else {
                tallies[phaseIndex].rejected += 1
                if !fails { tallies[phaseIndex].falseRejects += 1 }
                continue
            }
            tallies[phaseIndex].sent += 1
            if fails {
                tallies[phaseIndex].failedSent += 1
                tallies[phaseIndex].timeOnFailedSent += latency
            }
            let call = Pending(completesAt: now + latency, permit: permit, failed: fails, latency: latency)
            let index = pending.firstIndex { $0.completesAt <= call.completesAt } ?? pending.endIndex
            pending.insert(call, at: index)
        }
        complete(until: BreakerInstant(nanoseconds: .max))
        return DemoRun(scenario: scenario, transitions: transitions.withLock { $0 }, phases: tallies)
    }
}
