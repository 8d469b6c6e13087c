import BreakerCore
import BreakerInference

/// Which breaker policy `tripwise replay` puts in front of every target.
public enum ReplayPolicy: Sendable, Hashable, CustomStringConvertible {
    /// resilience4j's static thresholds (``ThresholdPolicy``), from the configuration.
    case `static`
    /// Trip after `threshold` consecutive failures (``ConsecutiveFailuresPolicy``).
    case consecutive(threshold: Int)
    /// Google SRE adaptive throttling (``AdaptiveThrottlingPolicy``) with multiplier K.
    case sre(multiplier: Double)
    /// A trained logistic model deciding CLOSED → OPEN (``LogisticPolicy``); half-open trials
    /// and the open wait follow the configuration's static settings.
    case logistic(LogisticModel)
    /// A trained bandit choosing among count-window configurations per episode (``BanditPolicy``).
    case bandit(BanditModel)
    /// A Q-table deciding trips and half-open verdicts (``QTablePolicy``), greedy.
    case qtable(QTable)
    /// A Q-table exploring with probability ε and logging its decisions, for training.
    case qlearning(QTable, epsilon: Double, log: QDecisionLog)

    /// `static`, `consecutive:N`, `sre:K`, `logistic`.
    public var description: String {
        switch self {
        case .static: "static"
        case .consecutive(let threshold): "consecutive:\(threshold)"
        case .sre(let multiplier): "sre:\(multiplier)"
        case .logistic: "logistic"
        case .bandit: "bandit"
        case .qtable: "qtable"
        case .qlearning: "qlearning"
        }
    }

    /// A fresh policy for one target; randomised policies are seeded from `seed`.
    public func makePolicy(seed: UInt64) -> any TripPolicy {
        switch self {
        case .static: ThresholdPolicy()
        case .consecutive(let threshold): ConsecutiveFailuresPolicy(threshold: threshold)
        case .sre(let multiplier): AdaptiveThrottlingPolicy(multiplier: multiplier, seed: seed)
        case .logistic(let model): LogisticPolicy(model: model)
        case .bandit(let model): BanditPolicy(model: model, stream: seed)
        case .qtable(let table): QTablePolicy(table: table)
        case .qlearning(let table, let epsilon, let log): QTablePolicy(table: table, epsilon: epsilon, stream: seed, log: log)
        }
    }
}
