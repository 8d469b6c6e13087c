import BreakerCore
import Foundation
import Synchronization

/// A Q-table as a breaker's policy. After every outcome in CLOSED it bins the features
/// (``QStateSpace``) and trips when `trip` is worth more than `stay`; after every trial outcome in
/// HALF_OPEN it closes, reopens, or (while trial outcomes are still due) waits for the next one,
/// whichever is worth most. The open wait and the number of trial calls are the breaker's.
///
/// Served greedily it reads no clock and allocates nothing. For training, a policy may explore
/// (ε-greedy, seeded) and write every decision to a ``QDecisionLog``; it then reads the clock at
/// outcomes to time-stamp them.
public struct QTablePolicy: TripPolicy {
    /// The table.
    public let table: QTable
    /// Identifies this breaker's decisions in a log and its exploration draws.
    public let stream: UInt64
    private let epsilon: Double
    private let log: QDecisionLog?
    private var extractor: FeatureExtractor
    private var permits = 1
    private var random: UInt64

    /// A greedy policy running `table`.
    public init(table: QTable) {
        self.init(table: table, epsilon: 0, stream: 0, log: nil)
    }

    /// A policy that explores with probability `epsilon` (seeded by `stream`) and records its
    /// decisions in `log`, for training.
    public init(table: QTable, epsilon: Double, stream: UInt64, log: QDecisionLog?) {
        self.table = table
        self.epsilon = epsilon
        self.stream = stream
        self.log = log
        extractor = FeatureExtractor(configuration: table.extractorConfiguration)
        random = stream ^ 0x51A7_E5EE_D0F0_0D5
    }

    /// The clock only when logging (to time-stamp decisions).
    public var requirements: PolicyRequirements { log == nil ? [] : [.clockOnOutcome] }

    /// Reads the trial-call count.
    public mutating func prepare(configuration: BreakerConfiguration) {
        permits = configuration.permittedCallsInHalfOpenState
    }

    /// CLOSED: stay or trip.
    public mutating func evaluate(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TripDecision {
        observe(call)
        let state = QStateSpace.index(extractor.features(), halfOpen: false)
        if epsilon == 0 && log == nil {  // the served path: no allocation, two table reads
            return table.value(state, .trip) > table.value(state, .stay) ? .trip(.policy) : .stay
        }
        return decide(state, allowed: QTableAction.allowed(halfOpen: false, trialsDue: false), now: now) == .trip ? .trip(.policy) : .stay
    }

    /// HALF_OPEN: close, reopen, or wait for the next trial outcome.
    public mutating func evaluateTrial(_ call: RecordedCall, metrics: BreakerMetrics, at now: BreakerInstant?) -> TrialDecision {
        observe(call)
        let state = QStateSpace.index(extractor.features(), halfOpen: true)
        let allowed = QTableAction.allowed(halfOpen: true, trialsDue: metrics.bufferedCalls < permits)
        switch decide(state, allowed: allowed, now: now) {
        case .stay: return .undecided
        case .trip: return .reopen(.policy)
        case .close: return .close
        }
    }

    private mutating func decide(_ state: Int, allowed: [QTableAction], now: BreakerInstant?) -> QTableAction {
        var action = table.best(state, allowed: allowed)
        if epsilon > 0, Double(nextRandom() >> 11) * 0x1p-53 < epsilon {
            action = allowed[Int(nextRandom() % UInt64(allowed.count))]
        }
        log?.append(QDecision(stream: stream, nanoseconds: now?.nanoseconds ?? 0, state: state, action: action,
                              allowsStay: allowed.contains(.stay)))
        return action
    }

    @inline(__always)
    private mutating func observe(_ call: RecordedCall) {
        extractor.recordOutcome(failed: call.failed, latencyMs: Double(call.duration.nanosecondsClamped) * 1e-6)
    }

    private mutating func nextRandom() -> UInt64 {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One decision of a ``QTablePolicy``: which breaker (its stream), when (breaker clock), in
/// which state, what it did.
public struct QDecision: Sendable, Hashable {
    /// The policy's stream.
    public var stream: UInt64
    /// The breaker clock at the decision, nanoseconds.
    public var nanoseconds: Int64
    /// The state index.
    public var state: Int
    /// The action.
    public var action: QTableAction
    /// Whether `stay` was allowed (always in CLOSED; in HALF_OPEN while trial outcomes were due).
    public var allowsStay: Bool

    /// A decision from its fields verbatim.
    public init(stream: UInt64, nanoseconds: Int64, state: Int, action: QTableAction, allowsStay: Bool) {
        self.stream = stream
        self.nanoseconds = nanoseconds
        self.state = state
        self.action = action
        self.allowsStay = allowsStay
    }
}

/// Where training policies write their decisions; thread-safe.
public final class QDecisionLog: Sendable, Hashable {
    private let decisions = Mutex<[QDecision]>([])

    /// An empty log.
    public init() {}

    /// Appends one decision.
    public func append(_ decision: QDecision) {
        decisions.withLock { $0.append(decision) }
    }

    /// Every decision so far, in order.
    public var all: [QDecision] { decisions.withLock { $0 } }

    /// Identity: two logs are equal only if they are the same log.
    public static func == (lhs: QDecisionLog, rhs: QDecisionLog) -> Bool { lhs === rhs }

    /// Hashes the identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
