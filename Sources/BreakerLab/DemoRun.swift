import BreakerCore

/// What `tripwise demo` observed: the breaker's state timeline and, per phase, what the
/// dependency saw with and without the breaker.
public struct DemoRun: Sendable {
    /// One state change of the breaker.
    public struct Transition: Sendable, Hashable {
        /// Time since the start of the simulation.
        public var at: Duration
        /// The state left.
        public var from: CircuitState
        /// The state entered.
        public var to: CircuitState
        /// The dependency phase at that moment.
        public var phase: String
    }

    /// Counts for one phase. "Without the breaker" every call is sent.
    public struct PhaseTally: Sendable, Hashable {
        /// The phase's name.
        public var name: String
        /// Calls the application made.
        public var calls = 0
        /// Calls that would fail if sent (all of them are sent without a breaker).
        public var failingCalls = 0
        /// Calls the breaker let through.
        public var sent = 0
        /// Calls the breaker let through that failed.
        public var failedSent = 0
        /// Calls the breaker refused (failed fast).
        public var rejected = 0
        /// Refused calls that would have succeeded.
        public var falseRejects = 0
        /// Client time spent waiting on failed calls the breaker let through.
        public var timeOnFailedSent: Duration = .zero
        /// Client time spent waiting on failed calls without a breaker.
        public var timeOnFailedWithout: Duration = .zero
    }

    /// The scenario that was run.
    public var scenario: DemoScenario
    /// State changes in time order.
    public var transitions: [Transition]
    /// Per-phase counts, in phase order.
    public var phases: [PhaseTally]

    /// The counts summed over all phases.
    public var total: PhaseTally {
        phases.reduce(into: PhaseTally(name: "total")) { sum, phase in
            sum.calls += phase.calls
            sum.failingCalls += phase.failingCalls
            sum.sent += phase.sent
            sum.failedSent += phase.failedSent
            sum.rejected += phase.rejected
            sum.falseRejects += phase.falseRejects
            sum.timeOnFailedSent += phase.timeOnFailedSent
            sum.timeOnFailedWithout += phase.timeOnFailedWithout
        }
    }
}
