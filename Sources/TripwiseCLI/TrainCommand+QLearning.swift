import BreakerInference
import BreakerLab
import BreakerTraining
import Foundation

extension TrainCommand {
    /// `tripwise train qlearning ...`.
    static func runQLearning(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        for option in logisticOnlyOptions + banditOnlyOptions where parsed.value(option) != nil {
            throw CLIUsageError("--\(option) does not apply to Q-learning")
        }
        for flag in logisticOnlyFlags where parsed.flag(flag) {
            throw CLIUsageError("--\(flag) does not apply to Q-learning")
        }
        let tracePaths = parsed.values("trace")
        guard !tracePaths.isEmpty else { throw CLIUsageError.missingOption("--trace") }
        let out = try parsed.requiredValue("out")
        var request = QLearningTrainer.Request(traces: [])
        if let v = try parsed.number("learning-rate", where: { $0 > 0 && $0 <= 1 }, expected: "a number in (0, 1]") { request.learningRate = v }
        if let v = try parsed.number("discount", where: { $0 >= 0 && $0 < 1 }, expected: "a number in [0, 1)") { request.discount = v }
        if let v = try parsed.number("epsilon", where: { (0...1).contains($0) }, expected: "a probability in [0, 1]") { request.epsilon = v }
        if let v = try parsed.number("cost-fail", where: { $0 > 0 }, expected: "a positive number") { request.costs.costFail = v }
        if let v = try parsed.number("cost-reject", where: { $0 > 0 }, expected: "a positive number") { request.costs.costReject = v }
        if let passes = try parsed.value("passes", as: Int.self) {
            guard passes >= 1 else { throw CLIUsageError.invalidValue(String(passes), for: "--passes", expected: "at least 1") }
            request.passes = passes
        }
        if let seed = try parsed.value("seed", as: UInt64.self) { request.seed = seed }
        request.tripwiseVersion = TripwiseVersion.current
        (request.traces, request.validation) = try TraceLoading.trainingSources(parsed, io: io)
        let result: QLearningTrainer.Result
        do {
            result = try QLearningTrainer.train(request) { io.print($0) }
        } catch {
            throw error.commandError
        }
        do {
            try result.file.write(toPath: out)
        } catch {
            throw CommandFailure("\(error)", exitCode: .cannotCreate)
        }
        io.print("")
        io.print(String(format: "greedy table on the training traces: cost %.0f", result.greedyCost))
        if let validation = result.validationCost, let staticBest = result.validationStaticBestCost {
            io.print(String(format: "validation: greedy table %.0f; static-best %.0f (same open wait and trial calls)", validation, staticBest))
        }
        let visited = result.file.visits.filter { $0.contains { $0 > 0 } }.count
        io.print("states visited: \(visited) of \(QStateSpace.count)")
        io.print("")
        io.print("wrote \(out)")
        return .success
    }
}
