import BreakerCore

/// The dependency of `tripwise demo`: a sequence of phases, each with a failure probability and
/// a latency, hit by calls arriving at a fixed mean rate.
public struct DemoScenario: Sendable {
    /// One stretch of the dependency's life.
    public struct Phase: Sendable, Hashable {
        /// A short label, e.g. `healthy`.
        public var name: String
        /// How long the phase lasts.
        public var duration: Duration
        /// Probability in [0, 1] that a call sent during the phase fails.
        public var failureProbability: Double
        /// Latency of a successful call; failures return after `failureLatency`.
        public var latency: Duration
        /// Latency of a failed call (a timeout is slow, a refused connection is fast).
        public var failureLatency: Duration

        /// Describes a phase.
        public init(name: String, duration: Duration, failureProbability: Double,
                    latency: Duration, failureLatency: Duration) {
            self.name = name
            self.duration = duration
            self.failureProbability = failureProbability
            self.latency = latency
            self.failureLatency = failureLatency
        }
    }

    /// The phases, in order.
    public var phases: [Phase]
    /// Mean calls per second (Poisson arrivals).
    public var callsPerSecond: Double
    /// Seed of the arrival and failure draws: the same seed gives the same run.
    public var seed: UInt64
    /// The breaker protecting the dependency.
    public var configuration: BreakerConfiguration

    /// The standard demo: 60 s healthy, 60 s failing 30 % of calls, 60 s fully down (calls time
    /// out after 1 s), 60 s recovered; 20 calls/s; a breaker with a 20-call window, a 10-call
    /// minimum, a 50 % threshold, a 5 s open wait doubling per failed probe up to 30 s, and 3
    /// trial calls.
    public static func standard(seed: UInt64 = 42) -> DemoScenario {
        var configuration = BreakerConfiguration()
        configuration.slidingWindow = .countBased(size: 20)
        configuration.minimumNumberOfCalls = 10
        configuration.failureRateThreshold = 50
        configuration.waitDurationInOpenState = .seconds(5)
        configuration.openStateBackoff = .exponential(multiplier: 2, maximum: .seconds(30), jitter: 0.1, seed: seed)
        configuration.permittedCallsInHalfOpenState = 3
        let phases = [
            Phase(name: "healthy", duration: .seconds(60), failureProbability: 0.01,
                  latency: .milliseconds(20), failureLatency: .milliseconds(5)),
            Phase(name: "degraded 30%", duration: .seconds(60), failureProbability: 0.30,
                  latency: .milliseconds(40), failureLatency: .milliseconds(5)),
            Phase(name: "down", duration: .seconds(60), failureProbability: 1.0,
                  latency: .milliseconds(20), failureLatency: .seconds(1)),
            Phase(name: "recovered", duration: .seconds(60), failureProbability: 0.01,
                  latency: .milliseconds(20), failureLatency: .milliseconds(5)),
        ]
        return DemoScenario(phases: phases, callsPerSecond: 20, seed: seed, configuration: configuration)
    }

    /// Describes a scenario.
    public init(phases: [Phase], callsPerSecond: Double, seed: UInt64, configuration: BreakerConfiguration) {
        self.phases = phases
        self.callsPerSecond = callsPerSecond
        self.seed = seed
        self.configuration = configuration
    }

    /// The total simulated time.
    public var totalDuration: Duration {
        phases.reduce(.zero) { $0 + $1.duration }
    }

    /// The phase index at `offset` from the start, or `nil` past the end.
    public func phaseIndex(at offset: Duration) -> Int? {
        var end = Duration.zero
        for (index, phase) in phases.enumerated() {
            end += phase.duration
            if offset < end { return index }
        }
        return nil
    }
}
