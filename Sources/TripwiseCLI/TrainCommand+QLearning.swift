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
        func number(_ option: String, _ valid: (Double) -> Bool, _ expected: String) throws -> Double? {
            guard let value = try parsed.value(option, as: Double.self) else { return nil }
            guard value.isFinite, valid(value) else { throw CLIUsageError.invalidValue(String(value), for: "--\(option)", expected: expected) }
            return value
        }
        if let v = try number("learning-rate", { $0 > 0 && $0 <= 1 }, "a number in (0, 1]") { request.learningRate = v }
        if let v = try number("discount", { $0 >= 0 && $0 < 1 }, "a number in [0, 1)") { request.discount = v }
        if let v = try number("epsilon", { (0...1).contains($0) }, "a probability in [0, 1]") { request.epsilon = v }
        if let v = try number("cost-fail", { $0 > 0 }, "a positive number") { request.costs.costFail = v }
        if let v = try number("cost-reject", { $0 > 0 }, "a positive number") { request.costs.costReject = v }
        if let passes = try parsed.value("passes", as: Int.self) {
            guard passes >= 1 else { throw CLIUsageError.invalidValue(String(passes), for: "--passes", expected: "at least 1") }
            request.passes = passes
        }
        if let seed = try parsed.value("seed", as: UInt64.self) { request.seed = seed }
        request.tripwiseVersion = TripwiseVersion.current
        for path in tracePaths {
            let loaded = try TraceLoading.read(path, parsed: parsed, io: io)
            io.print("read \(path): \(loaded.trace.count) calls")
            request.traces.append(TraceSource(path: path, trace: loaded.trace, bytes: loaded.bytesRead))
        }
        for path in parsed.values("validation") {
            let loaded = try TraceLoading.read(path, parsed: parsed, io: io)
            io.print("read \(path) (validation): \(loaded.trace.count) calls")
            request.validation.append(TraceSource(path: path, trace: loaded.trace, bytes: loaded.bytesRead))
        }
        let result: QLearningTrainer.Result
        do {
            result = try QLearningTrainer.train(request) { io.print($0) }
        } catch {
            throw CommandFailure(error.message, exitCode: error.kind == .usage ? .usage : .dataError)
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
