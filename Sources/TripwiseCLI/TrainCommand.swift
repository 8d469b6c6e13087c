import BreakerCore
import BreakerLab
import BreakerInference
import BreakerTraining
import Foundation
import TraceKit

/// `tripwise train logistic|bandit|qlearning --trace TRAIN.csv [--trace ...] [--validation VAL.csv]
/// ... -o models/NAME.json`: fits a logistic model on features from the online extractor, a
/// contextual bandit over breaker configurations, or a Q-table, and writes a validated model file.
public enum TrainCommand: CLICommand {
    /// `"train"`.
    public static let name = "train"
    /// One-line summary for help listings.
    public static let abstract = "Train a learned trip policy on traces and write a model file."
    /// Shown after the overview.
    public static let discussion = """
        Models: logistic, bandit, qlearning. Logistic: rows come from replaying each trace through the online feature \
        extractor (feature set \(FeatureSet.v2.id)), one row per completed call; the label says \
        whether the next call to the same target within the horizon fails (or, with --label \
        healthy, started during a labelled incident; with --label window-fails, whether more of \
        the calls starting within the horizon fail than succeed). Traces are used in the order given and \
        never shuffled across time. The decision threshold is τ = cost-reject / (cost-fail + \
        cost-reject), or tuned on --validation (never on test data): with --tune-threshold by the \
        rows' per-row cost, with --tune-by-replay by replaying breakers as bench scores them. The \
        solver is Newton's method with OpenBLAS (dgemv, dsyrk), converged when the gradient's \
        largest entry is ≤ --tolerance.

        Bandit: arms are static count-window breakers (failure threshold {25, 50, 75} % × window \
        {10, 50} calls × open wait {5, 20} s); every trace is cut into episodes (--episode, one \
        target's calls in a fixed interval) whose context is the features at the episode's start \
        and whose reward, for every arm, is minus the cost that arm's breaker incurs on the \
        episode's calls when it replays the whole trace. --algorithm linucb (--alpha), thompson \
        (--posterior-scale) or egreedy (--epsilon) then plays the training episodes in order, \
        seeing only the chosen arm's reward (ridge statistics per arm through BLAS dsyr/daxpy, \
        LAPACK Cholesky). --explore ε makes the deployed policy keep exploring.

        Q-learning: states are four binned features × CLOSED/HALF_OPEN (tripwise.qstate.v1, 120 \
        states), actions stay, trip, close. Each of --passes replays the training traces through \
        breakers (static-best's open wait and trial calls) run by the table exploring with \
        --epsilon; each decision's reward is minus the cost of the calls it governed (those \
        starting before the target's next decision); Q += --learning-rate · (r + --discount · \
        max Q(next, tried actions) − Q).
        """
    /// Options.
    public static let options: [CLIOption] = [
        .value("trace", placeholder: "path", help: "A training trace (repeatable, in time order)."),
        .value("validation", placeholder: "path", help: "A validation trace, later than training (repeatable)."),
        .value("l2", placeholder: "λ", help: "L2 strength on standardised weights (default 1e-4)."),
        .value("horizon", placeholder: "duration", help: "Label horizon (default 5s)."),
        .value("label", placeholder: "kind", help: "next-call-fails (default), window-fails or healthy."),
        .value("cost-fail", placeholder: "c", help: "Cost of a failed call sent (default 1)."),
        .value("cost-reject", placeholder: "c", help: "Cost of rejecting a call that would succeed (default 1)."),
        .flag("tune-threshold", help: "Tune τ on --validation rows to minimise the per-row cost."),
        .flag("tune-by-replay", help: "Tune τ by replaying --validation through breakers (static-best's recovery settings, chosen on --trace) to minimise bench's total cost."),
        .flag("balance-classes", help: "Weight classes inversely to their frequency."),
        .value("tolerance", placeholder: "ε", help: "Convergence tolerance on the gradient (default 1e-8)."),
        .value("max-iterations", placeholder: "n", help: "Newton iteration limit (default 100)."),
        .value("out", short: "o", placeholder: "path", help: "The model file to write (required)."),
        .value("algorithm", placeholder: "name", help: "bandit: linucb (default), thompson or egreedy."),
        .value("episode", placeholder: "duration", help: "bandit: episode length (default 30s)."),
        .value("ridge", placeholder: "λ", help: "bandit: ridge λ of every arm (default 1)."),
        .value("alpha", placeholder: "α", help: "bandit: LinUCB exploration width (default 1)."),
        .value("posterior-scale", placeholder: "v", help: "bandit: Thompson posterior scale (default 1)."),
        .value("epsilon", placeholder: "ε", help: "bandit, qlearning: exploration while training (default 0.1 for egreedy, 0.02 for qlearning)."),
        .value("passes", placeholder: "n", help: "bandit: passes over the episodes (default 1); qlearning: replays of the traces (default 10)."),
        .value("seed", placeholder: "n", help: "bandit, qlearning: random seed (default 1)."),
        .value("explore", placeholder: "ε", help: "bandit: exploration probability of the deployed policy (default 0)."),
        .value("learning-rate", placeholder: "α", help: "qlearning: learning rate (default 0.1)."),
        .value("discount", placeholder: "γ", help: "qlearning: discount per decision (default 0.9)."),
        TraceLoading.skipBadRowsOption,
    ]
    /// The model kind.
    public static let arguments = [CLIArgument("model", help: "The kind of model: logistic, bandit or qlearning.")]

    /// Trains and writes the model.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        guard let kind = parsed.argument("model") else { throw CLIUsageError.missingArgument("model") }
        if kind == "bandit" { return try runBandit(parsed, io) }
        if kind == "qlearning" { return try runQLearning(parsed, io) }
        guard kind == "logistic" else {
            throw CLIUsageError.invalidValue(kind, for: "model", expected: "logistic, bandit or qlearning")
        }
        for option in banditOnlyOptions + sharedLearningOptions + qlearningOnlyOptions where parsed.value(option) != nil {
            throw CLIUsageError("--\(option) does not apply to logistic models")
        }
        let tracePaths = parsed.values("trace")
        guard !tracePaths.isEmpty else { throw CLIUsageError.missingOption("--trace") }
        let out = try parsed.requiredValue("out")
        var request = LogisticTrainer.Request(traces: [])
        if let l2 = try parsed.value("l2", as: Double.self) {
            guard l2.isFinite, l2 >= 0 else { throw CLIUsageError.invalidValue(String(l2), for: "--l2", expected: "a number ≥ 0") }
            request.options.l2 = l2
        }
        if let text = parsed.value("horizon") {
            request.horizonSeconds = try DurationText.duration(text, for: "--horizon").secondsAsDouble
        }
        if let label = parsed.value("label") {
            guard let kind = TrainingLabel(rawValue: label) else {
                throw CLIUsageError.invalidValue(label, for: "--label", expected: "next-call-fails, window-fails or healthy")
            }
            request.label = kind
        }
        for (option, keyPath) in [("cost-fail", \LogisticTrainer.Request.costFail), ("cost-reject", \.costReject)] {
            if let cost = try parsed.value(option, as: Double.self) {
                guard cost.isFinite, cost > 0 else {
                    throw CLIUsageError.invalidValue(String(cost), for: "--\(option)", expected: "a positive number")
                }
                request[keyPath: keyPath] = cost
            }
        }
        if let tolerance = try parsed.value("tolerance", as: Double.self) {
            guard tolerance.isFinite, tolerance > 0 else {
                throw CLIUsageError.invalidValue(String(tolerance), for: "--tolerance", expected: "a positive number")
            }
            request.options.tolerance = tolerance
        }
        if let iterations = try parsed.value("max-iterations", as: Int.self) {
            guard iterations >= 1 else { throw CLIUsageError.invalidValue(String(iterations), for: "--max-iterations", expected: "at least 1") }
            request.options.maxIterations = iterations
        }
        request.tuneThreshold = parsed.flag("tune-threshold")
        request.balanceClasses = parsed.flag("balance-classes")
        request.tripwiseVersion = TripwiseVersion.current
        let tuneByReplay = parsed.flag("tune-by-replay")
        if request.tuneThreshold && tuneByReplay {
            throw CLIUsageError("--tune-threshold and --tune-by-replay are two ways to choose τ: give one")
        }
        if request.tuneThreshold || tuneByReplay, parsed.values("validation").isEmpty {
            throw CLIUsageError("--\(tuneByReplay ? "tune-by-replay" : "tune-threshold") needs --validation: the threshold is never tuned on training or test data")
        }
        (request.traces, request.validation) = try TraceLoading.trainingSources(parsed, io: io)
        var file: LogisticModelFile
        do {
            file = try LogisticTrainer.train(request) { line in io.print(line) }
        } catch {
            throw CommandFailure(error.message, exitCode: .dataError)
        }
        if tuneByReplay {
            file.decision = try tuneByReplaying(file, request: request, io: io)
        }
        do {
            try file.write(toPath: out)
        } catch {
            throw CommandFailure("\(error)", exitCode: .cannotCreate)
        }
        io.print("")
        io.print(String(format: "decision: trip when p(fail) > τ = %.6f%@", file.decision.threshold,
                        file.decision.tunedOn.map { " (tuned on \($0))" } ?? " (from costs)"))
        for (name, evaluation) in [("training", file.evaluation.train), ("validation", file.evaluation.validation)] {
            guard let evaluation else { continue }
            io.print("")
            io.print("\(name) rows:")
            io.write(EvaluateCommand.render(evaluation))
        }
        io.print("")
        io.print("wrote \(out)")
        return .success
    }

    /// Chooses τ as `tripwise bench` would score it: static-best's recovery settings from the
    /// training traces, then every candidate τ replayed over the validation traces.
    static func tuneByReplaying(_ file: LogisticModelFile, request: LogisticTrainer.Request,
                                io: CLIOutput) throws -> ModelDecision {
        let costs = BenchmarkCosts(costFail: request.costFail, costReject: request.costReject)
        do {
            let model = try LogisticModel(file)
            let ranking = try StaticGridSearch.rank(request.traces.map(\.trace), costs: costs)
            let settings = ranking.best.settings
            io.print("")
            io.print("static-best on the training traces (recovery settings for the τ search): \(settings)")
            let candidates = try ReplayThresholdSearch.rank(model: model, traces: request.validation.map(\.trace),
                                                            settings: settings, costs: costs)
            io.print("τ by replay of the validation traces (total cost = \(StaticBreakerSettings.number(costs.costFail)) · failed sent + \(StaticBreakerSettings.number(costs.costReject)) · false rejects):")
            for candidate in candidates.sorted(by: { $0.threshold < $1.threshold }) {
                io.print(String(format: "  τ = %.2f  cost %8.0f  failed sent %6d  false rejects %6d  state changes %5d%@",
                                candidate.threshold, candidate.totalCost, candidate.failedSent, candidate.falseRejects,
                                candidate.stateChanges, candidate == candidates[0] ? "  ← chosen" : ""))
            }
            return ModelDecision(threshold: candidates[0].threshold, costFail: request.costFail,
                                 costReject: request.costReject, tunedOn: ModelDecision.tunedOnValidationReplay)
        } catch let error as BenchmarkError {
            throw error.commandError
        }
    }
}
