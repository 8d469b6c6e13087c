import BreakerCore
import BreakerInference

/// A policy `tripwise bench` can compare, spelled as on its command line.
///
/// | spelling | what it is |
/// |---|---|
/// | `never` | admits every call (no breaker) |
/// | `oracle` | clairvoyant: rejects exactly the calls whose `healthy` is 0 (needs that column). Not a cost floor: unhealthy periods still hold successes |
/// | `hindsight` | clairvoyant: for each target and each 10-second block of its calls (blocks aligned to the trace's first call), rejects all of the block's calls exactly when admitting them would cost more than refusing them — with the default costs, exactly when more of them fail than succeed |
/// | `r4j-default` | static breaker, resilience4j's defaults (``StaticBreakerSettings/resilience4jDefaults``) |
/// | `hystrix-default` | static breaker, Hystrix's defaults mapped (``StaticBreakerSettings/hystrixDefaults``) |
/// | `static-best` | static breaker, the configuration of ``StaticGrid/standard`` with the lowest cost on the **training** trace |
/// | `sre:K` | Google SRE adaptive throttling with multiplier K (> 0) |
/// | `consecutive:N` | trips after N (≥ 1) consecutive failures; open wait and trial calls of `static-best` |
/// | `model:PATH` | a model file: logistic (``LogisticPolicy``, deciding CLOSED → OPEN; open wait, trial calls and their verdict, slow-call duration from `static-best`) or bandit (``BanditPolicy``, choosing a count-window configuration per episode; trial calls from `static-best`) or qtable (``QTablePolicy``, deciding trips and trial verdicts; open wait and trial calls from `static-best`) |
///
/// `consecutive:N` and `model:PATH` replace only the trip decision of the tuned static breaker,
/// so their difference from `static-best` measures the trip rule alone, not a better or worse
/// recovery setting.
public enum BenchmarkPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Admit everything.
    case never
    /// Reject while `healthy` = 0.
    case oracle
    /// Reject a target's 10-second block when it costs less than admitting it.
    case hindsight
    /// resilience4j defaults.
    case resilience4jDefault
    /// Hystrix defaults.
    case hystrixDefault
    /// The grid-searched static configuration.
    case staticBest
    /// SRE throttling.
    case sre(multiplier: Double)
    /// Consecutive failures.
    case consecutive(threshold: Int)
    /// A model file.
    case model(path: String)

    /// The command-line spelling, e.g. `sre:1.5`, `model:models/x.json`.
    public var description: String {
        switch self {
        case .never: "never"
        case .oracle: "oracle"
        case .hindsight: "hindsight"
        case .resilience4jDefault: "r4j-default"
        case .hystrixDefault: "hystrix-default"
        case .staticBest: "static-best"
        case .sre(let k): "sre:\(StaticBreakerSettings.number(k))"
        case .consecutive(let n): "consecutive:\(n)"
        case .model(let path): "model:\(path)"
        }
    }

    /// Whether it sees the future (the ground truth or the outcomes of the calls it decides):
    /// a reference, not a policy a service could run.
    public var isClairvoyant: Bool {
        self == .oracle || self == .hindsight
    }

    /// Whether its breaker takes its recovery settings from `static-best`.
    public var usesStaticBestConfiguration: Bool {
        switch self {
        case .staticBest, .consecutive, .model: true
        default: false
        }
    }

    /// The spellings accepted, for messages.
    public static let spellings = "never, oracle, hindsight, r4j-default, hystrix-default, static-best, sre:K, consecutive:N, model:PATH"

    /// Parses one spelling.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) naming the spelling and what is accepted.
    public init(parsing text: String) throws(BenchmarkError) {
        let trimmed = text.trimmingWhitespace
        switch trimmed {
        case "never": self = .never
        case "oracle": self = .oracle
        case "hindsight": self = .hindsight
        case "r4j-default": self = .resilience4jDefault
        case "hystrix-default": self = .hystrixDefault
        case "static-best": self = .staticBest
        default:
            if let k = Self.parameter(trimmed, "sre:") {
                guard let value = Double(k), value.isFinite, value > 0 else {
                    throw BenchmarkError(.usage, "policy '\(trimmed)': K must be a positive number, e.g. sre:2")
                }
                self = .sre(multiplier: value)
            } else if let n = Self.parameter(trimmed, "consecutive:") {
                guard let value = Int(n), value >= 1 else {
                    throw BenchmarkError(.usage, "policy '\(trimmed)': N must be a whole number ≥ 1, e.g. consecutive:5")
                }
                self = .consecutive(threshold: value)
            } else if let path = Self.parameter(trimmed, "model:") {
                guard !path.isEmpty else { throw BenchmarkError(.usage, "policy 'model:' needs a path, e.g. model:models/x.json") }
                self = .model(path: path)
            } else {
                throw BenchmarkError(.usage, "unknown policy '\(trimmed)': expected one of \(Self.spellings)")
            }
        }
    }

    /// Parses a comma-separated list (`never,oracle,sre:2`), in order.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) for an empty list or item, an unknown spelling,
    ///   or a policy listed twice.
    public static func parseList(_ text: String) throws(BenchmarkError) -> [BenchmarkPolicy] {
        var policies: [BenchmarkPolicy] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !String(item).trimmingWhitespace.isEmpty else {
                throw BenchmarkError(.usage, "empty policy in list '\(text)': expected \(spellings), separated by commas")
            }
            let policy = try BenchmarkPolicy(parsing: String(item))
            guard !policies.contains(policy) else { throw BenchmarkError(.usage, "policy '\(policy)' is listed twice") }
            policies.append(policy)
        }
        guard !policies.isEmpty else { throw BenchmarkError(.usage, "no policies given: expected \(spellings)") }
        return policies
    }

    /// Loads and validates the model file of a `model:PATH` policy, of any kind this build
    /// reads (``ModelFile/kinds``), as the replay policy that runs it.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) naming the file and what is wrong with it.
    public static func loadModel(path: String) throws(BenchmarkError) -> ReplayPolicy {
        do {
            switch try ModelFile.load(path: path) {
            case .logistic(let file): return .logistic(try LogisticModel(file))
            case .bandit(let file): return .bandit(try BanditModel(file))
            case .qtable(let file): return .qtable(try QTable(file))
            }
        } catch {
            throw BenchmarkError(.usage, "policy 'model:\(path)': unusable model file: \(error)")
        }
    }

    private static func parameter(_ text: String, _ prefix: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}
