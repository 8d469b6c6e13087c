import BreakerCore
import Foundation
import Synchronization

/// A trained bandit as a breaker's policy: per episode (a fixed interval of the breaker's
/// clock, `episodeSeconds` long, counted from the clock's origin) it picks one of its arms —
/// static count-window configurations — from the features at the episode's start, and behaves
/// as that arm's breaker until the next episode: trips when the failure rate of its own window
/// (the arm's last `windowCalls` calls since the last state change) reaches the arm's threshold
/// with at least `minimumCalls` calls, stays open the arm's wait, and judges half-open trials
/// with the arm's threshold on the breaker's half-open window (its permitted calls come from
/// the breaker's configuration).
///
/// The arm is chosen at the first outcome of a new episode, from the features *before* that
/// outcome — the completions up to the episode's start, the contexts the trainer used. With
/// `exploration.epsilon` > 0 the choice is a random arm with that probability, drawn as a pure
/// function of the model's seed, ``stream`` and the episode (``BanditModel/choice(_:episode:stream:)``);
/// ``lastChoiceProbability`` is the probability of the arm in use, for recorders that write
/// `propensity`.
///
/// Per call: one clock read at the outcome (the episode clock), the extractor's update, a few
/// bit operations; per episode: one dot product per arm. No allocation.
public struct BanditPolicy: TripPolicy {
    /// The model.
    public let model: BanditModel
    private var extractor: FeatureExtractor
    /// The arm in use.
    public private(set) var arm = 0
    /// The probability with which the arm in use was chosen (1 without exploration).
    public private(set) var lastChoiceProbability = 1.0
    private var episode = Int64.min
    private var failedBits: UInt64 = 0
    private var windowCount = 0
    /// Identifies this breaker's exploration draws (``BanditModel/choice(_:episode:stream:)``).
    public let stream: UInt64
    /// The stream of the breaker guarding `target` in a deployment whose bandits share `seed`:
    /// `seed` XOR the 64-bit FNV-1a hash of the name. ``TraceReplay`` and offline evaluation use
    /// it, so a service that does too records logs `tripwise evaluate-offline --seed` can read.
    public static func stream(forTarget target: String, seed: UInt64 = 1) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in target.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return seed ^ hash
    }

    /// Where the policy publishes each choice, if anywhere (for a ``BanditChoices`` reader such
    /// as a trace recorder's `propensity` closure).
    public let choices: BanditChoices?

    /// A policy running `model`; `stream` varies the exploration draws between breakers (for
    /// example a hash of the breaker's name; ``TraceReplay`` uses its per-target seed); every
    /// choice is also published to `choices` when given.
    public init(model: BanditModel, stream: UInt64 = 0, choices: BanditChoices? = nil) {
        self.model = model
        self.stream = stream
        self.choices = choices
        extractor = FeatureExtractor(configuration: model.extractorConfiguration)
    }

    /// The episode clock at outcomes.
    public var requirements: PolicyRequirements { [.clockOnOutcome] }

    /// Chooses the arm when a new episode starts, records the outcome, and trips as the arm's
    /// static breaker would.
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        startEpisodeIfDue(now)
        observe(call)
        failedBits = failedBits << 1 | (call.failed ? 1 : 0)
        if windowCount < 64 { windowCount += 1 }
        let current = model.arms[arm]
        let calls = min(windowCount, current.windowCalls)
        guard calls >= current.minimumCalls else { return .stay }
        let mask: UInt64 = current.windowCalls >= 64 ? .max : (1 << UInt64(current.windowCalls)) - 1
        let failures = (failedBits & mask).nonzeroBitCount
        return Float(failures) * 100 / Float(calls) >= Float(current.failureRateThreshold) ? .trip(.failureRate) : .stay
    }

    /// Records the trial and judges it with the arm's threshold on the half-open window.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        startEpisodeIfDue(now)
        observe(call)
        guard metrics.hasRates else { return .undecided }
        return metrics.failureRateReaches(model.arms[arm].failureRateThreshold) ? .reopen(.failureRate) : .close
    }

    /// The arm's open wait.
    public mutating func openWaitDuration(attempt: Int, configured: Duration) -> Duration {
        .nanoseconds(Int64((model.arms[arm].openWaitSeconds * 1e9).rounded()))
    }

    /// Every state change restarts the arm's window, as resilience4j restarts its metrics.
    public mutating func stateDidChange(from old: CircuitState, to new: CircuitState, at now: BreakerInstant?) {
        failedBits = 0
        windowCount = 0
    }

    private mutating func startEpisodeIfDue(_ now: BreakerInstant?) {
        guard let now else { return }
        let current = now.nanoseconds >= 0 ? now.nanoseconds / model.episodeNanoseconds
                                           : -1 - (-1 - now.nanoseconds) / model.episodeNanoseconds
        guard current != episode else { return }
        episode = current
        (arm, lastChoiceProbability) = model.choice(extractor.features(), episode: current, stream: stream)
        choices?.publish(BanditChoices.Choice(episode: current, arm: arm, probability: lastChoiceProbability))
    }

    @inline(__always)
    private mutating func observe(_ call: RecordedCall) {
        extractor.recordOutcome(failed: call.failed, latencyMs: Double(call.duration.nanosecondsClamped) * 1e-6)
    }
}

/// The latest arm choice of a ``BanditPolicy``, readable from outside the breaker: the policy
/// lives inside the breaker's state machine, so a recorder that writes `propensity` reads the
/// probability of the arm in force here. Thread-safe.
///
/// ```swift
/// let choices = BanditChoices()
/// let policy = BanditPolicy(model: model, stream: BanditPolicy.stream(forTarget: "api"), choices: choices)
/// let breaker = try CircuitBreaker(name: "api", configuration: config, policy: policy)
/// var recording = TraceRecorder.Configuration()             // BreakerLab
/// recording.propensity = { _ in choices.current?.probability }
/// TraceRecorder(path: "calls.csv", configuration: recording).attach(to: breaker)
/// ```
///
/// The policy starts an episode at the first *outcome* after its start, while a recorder writes
/// a call at its *start*: a call that starts in one episode and completes in the next, or is
/// refused before the next episode's first outcome, carries the other episode's probability.
/// Offline evaluation tolerates such rows (it counts them) as long as they are few.
public final class BanditChoices: Sendable {
    /// One choice.
    public struct Choice: Sendable, Hashable {
        /// The episode index (breaker clock / episode length).
        public var episode: Int64
        /// The arm chosen.
        public var arm: Int
        /// The probability it had.
        public var probability: Double
    }

    private let latest = Mutex<Choice?>(nil)

    /// No choice yet.
    public init() {}

    /// The latest choice, or nil before the first.
    public var current: Choice? { latest.withLock { $0 } }

    func publish(_ choice: Choice) {
        latest.withLock { $0 = choice }
    }
}
