import BreakerLab
import Foundation
import TraceKit

/// `tripwise bench --train TRAIN.csv --test TEST.csv [--validation VAL.csv] --policies LIST
/// [--cost-fail C] [--cost-reject C] [--cost-time C] [--seed N] [--block-seconds S]
/// [--resamples N] [--json] [--report DIR]`: replays every listed policy over the same held-out
/// test trace and reports costs with paired bootstrap intervals against static-best (chosen on
/// the training trace only), gap closure towards hindsight, and incident figures.
public enum BenchCommand: CLICommand {
    /// `"bench"`.
    public static let name = "bench"
    /// One-line summary for help listings.
    public static let abstract = "Benchmark breaker policies on a held-out trace against the best static configuration."
    /// Shown after the overview.
    public static let discussion = """
        Policies (comma-separated): never, oracle (rejects while healthy = 0), hindsight (rejects a \
        target's 10 s block when more of its calls fail than succeed, at the default costs), r4j-default, hystrix-default, static-best \
        (cheapest of a 288-configuration grid on the TRAINING trace), sre:K, consecutive:N, \
        model:PATH. consecutive and model breakers use static-best's open wait and trial calls. \
        Cost = cost-fail · failed calls sent + cost-reject · false rejects + cost-time · seconds \
        on failed calls sent. Intervals: 95 % percentile intervals of a paired bootstrap over \
        time blocks of the test trace. --report DIR writes DIR/README.md (a Markdown report) and \
        DIR/index.html (the same table with charts, self-contained).
        """
    /// Options.
    public static let options: [CLIOption] = [
        .value("train", placeholder: "path", help: "The training trace: static-best is chosen on it (required)."),
        .value("test", placeholder: "path", help: "The held-out trace every policy is scored on (required)."),
        .value("validation", placeholder: "path", help: "A validation trace: reports static-best's rank there."),
        .value("policies", placeholder: "list", help: "Comma-separated policies (required; see above)."),
        .value("cost-fail", placeholder: "c", help: "Cost of a failed call sent (default 1)."),
        .value("cost-reject", placeholder: "c", help: "Cost of rejecting a call that would succeed (default 1)."),
        .value("cost-time", placeholder: "c", help: "Cost per second of client time on failed calls sent (default 0)."),
        .value("seed", placeholder: "n", help: "Seed of SRE throttling and the bootstrap (default 1)."),
        .value("block-seconds", placeholder: "s", help: "Bootstrap block length in seconds (default 300)."),
        .value("resamples", placeholder: "n", help: "Bootstrap replicates (default 2000)."),
        .flag("json", help: "Print one JSON object (parameters, static-best, one object per policy)."),
        .value("report", placeholder: "dir", help: "Also write reports to DIR/README.md and DIR/index.html."),
        TraceLoading.skipBadRowsOption,
    ]

    /// Benchmarks and reports.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let trainPath = try parsed.requiredValue("train")
        let testPath = try parsed.requiredValue("test")
        let validationPath = parsed.value("validation")
        let policyList = try parsed.requiredValue("policies")
        var options = BenchmarkOptions()
        options.costs = BenchmarkCosts(costFail: try parsed.value("cost-fail", as: Double.self) ?? 1,
                                       costReject: try parsed.value("cost-reject", as: Double.self) ?? 1,
                                       costTime: try parsed.value("cost-time", as: Double.self) ?? 0)
        options.seed = try parsed.value("seed", as: UInt64.self) ?? 1
        options.blockSeconds = try parsed.value("block-seconds", as: Double.self) ?? 300
        options.resamples = try parsed.value("resamples", as: Int.self) ?? 2_000
        let policies: [BenchmarkPolicy]
        do {
            try options.validate()
            policies = try BenchmarkPolicy.parseList(policyList)
            // Refuse an unusable model before reading any trace.
            for case .model(let path) in policies { _ = try BenchmarkPolicy.loadModel(path: path) }
        } catch {
            throw CLIUsageError(error.message)
        }
        let reportDirectory = parsed.value("report")
        if let reportDirectory, reportDirectory.isEmpty { throw CLIUsageError("--report needs a directory") }

        let train = try TraceLoading.read(trainPath, parsed: parsed, io: io).trace
        let test = try TraceLoading.read(testPath, parsed: parsed, io: io).trace
        let validation = try validationPath.map { try TraceLoading.read($0, parsed: parsed, io: io).trace }
        var files = [BenchmarkTraceFile.identify(role: "train", path: trainPath, rows: train.count)]
        if let validationPath, let validation {
            files.append(BenchmarkTraceFile.identify(role: "validation", path: validationPath, rows: validation.count))
        }
        files.append(BenchmarkTraceFile.identify(role: "test", path: testPath, rows: test.count))

        let result: BenchmarkResult
        do {
            result = try PolicyBenchmark.run(policies: policies, train: train, test: test, validation: validation,
                                             options: options, files: files)
        } catch {
            throw error.commandError
        }

        if let reportDirectory {
            let path = (reportDirectory as NSString).appendingPathComponent("README.md")
            do {
                try FileManager.default.createDirectory(atPath: reportDirectory, withIntermediateDirectories: true)
                try result.renderMarkdown().write(toFile: path, atomically: true, encoding: .utf8)
                try result.renderHTML().write(toFile: (reportDirectory as NSString).appendingPathComponent("index.html"),
                                              atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot write \(path): \(error.localizedDescription)", exitCode: .cannotCreate)
            }
        }
        if parsed.flag("json") {
            io.print(try TraceLoading.json(result))
        } else {
            io.write(result.renderText())
            if let reportDirectory { io.print("report: \((reportDirectory as NSString).appendingPathComponent("README.md"))") }
        }
        return .success
    }
}
