import BreakerCore
import Testing
@testable import BreakerLab

@Suite("tripwise demo simulation")
struct DemoSimulationTests {
    @Test("the same seed gives the same run; another seed a different one")
    func deterministic() throws {
        let first = try DemoSimulation.run(.standard(seed: 7))
        let again = try DemoSimulation.run(.standard(seed: 7))
        let other = try DemoSimulation.run(.standard(seed: 8))
        #expect(first.transitions == again.transitions)
        #expect(first.phases == again.phases)
        #expect(first.renderText() == again.renderText())
        #expect(first.phases != other.phases)
    }

    @Test("the breaker stays out of the way while healthy and sheds the outage", arguments: [1, 42, 99] as [UInt64])
    func protects(seed: UInt64) throws {
        let run = try DemoSimulation.run(.standard(seed: seed))
        let healthy = run.phases[0]
        let down = run.phases[2]
        #expect(healthy.rejected == 0)
        #expect(healthy.sent == healthy.calls)
        #expect(down.failingCalls == down.calls)
        #expect(Double(down.failedSent) < 0.05 * Double(down.calls), "only probes reach a dead dependency")
        #expect(run.total.failedSent < run.total.failingCalls / 4)
        #expect(run.transitions.first?.from == .closed)
        #expect(run.transitions.last?.to == .closed, "the breaker closes again after recovery")
        // Conservation: every call is either sent or rejected.
        for phase in run.phases {
            #expect(phase.sent + phase.rejected == phase.calls)
            #expect(phase.failedSent <= phase.failingCalls)
        }
    }

    @Test("the timeline is in time order and every transition is legal")
    func timeline() throws {
        let run = try DemoSimulation.run(.standard())
        #expect(!run.transitions.isEmpty)
        #expect(run.transitions.map(\.at) == run.transitions.map(\.at).sorted())
        var state = CircuitState.closed
        for transition in run.transitions {
            #expect(transition.from == state)
            #expect([CircuitState.open, .halfOpen, .closed].contains(transition.to))
            state = transition.to
        }
        let text = run.renderText()
        #expect(text.contains("State timeline:"))
        #expect(text.contains("CLOSED -> OPEN"))
        #expect(text.contains("Failed calls sent to the dependency: \(run.total.failingCalls) without the breaker, \(run.total.failedSent) with it"))
    }
}
