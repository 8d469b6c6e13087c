import BreakerCore
import BreakerInference
import BreakerLab
import BreakerTraining
import Foundation

extension TrainCommand {
    /// Options only `train bandit` reads.
    static let banditOnlyOptions = ["algorithm", "episode", "ridge", "alpha", "posterior-scale", "explore"]
    /// Options `train bandit` and `train qlearning` read.
    static let sharedLearningOptions = ["epsilon", "passes", "seed"]
    /// Options only `train qlearning` reads.
    static let qlearningOnlyOptions = ["learning-rate", "discount"]
    /// Options only `train logistic` reads.
    static let logisticOnlyOptions = ["l2", "horizon", "label", "tolerance", "max-iterations"]
    static let logisticOnlyFlags = ["tune-threshold", "tune-by-replay", "balance-classes"]

    /// `tripwise train bandit ...`.
    static func runBandit(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        for option in logisticOnlyOptions + qlearningOnlyOptions where parsed.value(option) != nil {
            throw CLIUsageError("--\(option) does not apply to bandit models")
        }
        for flag in logisticOnlyFlags where parsed.flag(flag) {
            throw CLIUsageError("--\(flag) does not apply to bandit models")
        }
        let tracePaths = parsed.values("trace")
        guard !tracePaths.isEmpty else { throw CLIUsageError.missingOption("--trace") }
        let out = try parsed.requiredValue("out")
        var request = BanditModelTrainer.Request(traces: [])
        if let name = parsed.value("algorithm") {
            guard let algorithm = BanditAlgorithm(rawValue: name) else {
                throw CLIUsageError.invalidValue(name, for: "--algorithm", expected: "linucb, thompson or egreedy")
            }
            request.options.algorithm = algorithm
        }
        if let text = parsed.value("episode") {
            request.episodeSeconds = try DurationText.duration(text, for: "--episode").secondsAsDouble
            guard request.episodeSeconds > 0 else { throw CLIUsageError.invalidValue(text, for: "--episode", expected: "a positive duration") }
        }
        if let v = try parsed.number("ridge", where: { $0 > 0 }, expected: "a number > 0") { request.options.ridge = v }
        if let v = try parsed.number("alpha", where: { $0 >= 0 }, expected: "a number ≥ 0") { request.options.alpha = v }
        if let v = try parsed.number("posterior-scale", where: { $0 > 0 }, expected: "a number > 0") { request.options.posteriorScale = v }
        if let v = try parsed.number("epsilon", where: { (0...1).contains($0) }, expected: "a probability in [0, 1]") { request.options.epsilon = v }
        if let v = try parsed.number("explore", where: { (0...1).contains($0) }, expected: "a probability in [0, 1]") { request.servingEpsilon = v }
        if let v = try parsed.number("cost-fail", where: { $0 > 0 }, expected: "a positive number") { request.costs.costFail = v }
        if let v = try parsed.number("cost-reject", where: { $0 > 0 }, expected: "a positive number") { request.costs.costReject = v }
        if let passes = try parsed.value("passes", as: Int.self) {
            guard passes >= 1 else { throw CLIUsageError.invalidValue(String(passes), for: "--passes", expected: "at least 1") }
            request.options.passes = passes
        }
        if let seed = try parsed.value("seed", as: UInt64.self) { request.options.seed = seed }
        request.tripwiseVersion = TripwiseVersion.current
        (request.traces, request.validation) = try TraceLoading.trainingSources(parsed, io: io)
        let result: BanditModelTrainer.Result
        do {
            result = try BanditModelTrainer.train(request) { io.print($0) }
        } catch {
            throw error.commandError
        }
        do {
            try result.file.write(toPath: out)
        } catch {
            throw CommandFailure("\(error)", exitCode: .cannotCreate)
        }
        let fit = result.fit
        func cost(_ reward: Double) -> String { String(format: "%.0f", -reward) }
        io.print("")
        io.print("\(request.options.algorithm.rawValue) on \(result.trainingEpisodes) training episodes (cost = −reward):")
        io.print("  while learning \(cost(fit.reward)); greedy with the final weights \(cost(fit.greedyReward)); "
                 + "best single arm \(cost(fit.bestArmReward)) (\(request.arms[fit.bestArm])); per-episode oracle \(cost(fit.oracleReward))")
        io.print("  pulls per arm: \(fit.pulls.map(String.init).joined(separator: " "))")
        if let validation = result.validation {
            io.print("validation, \(validation.episodes) episodes: greedy \(cost(validation.greedy)); best single arm "
                     + "\(cost(validation.bestArmReward)) (\(request.arms[validation.bestArm])); per-episode oracle \(cost(validation.oracle))")
        }
        io.print("")
        io.print("wrote \(out)")
        return .success
    }
}
