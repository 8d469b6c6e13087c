/// Runs a list of benchmarks the same way for every suite.
///
/// Every benchmark first gets one untimed warm-up run (page faults, caches, branch
/// predictors, CPU frequency, a breaker's window filling up), then `runs` measured rounds. A
/// round times each benchmark once, in order, so slow drift of a noisy machine spreads over
/// all rows alike instead of landing on whichever row ran last, which keeps the ratios
/// between rows meaningful.
struct Harness {
    /// Measured runs per benchmark.
    var runs: Int
    /// Operations per run.
    var iterations: Int
    /// Told what is about to run (progress on a terminal), or nothing.
    var progress: (String) -> Void = { _ in }
    /// The data file given with `--file`, for suites that take one (`ingest`, `train`).
    var file: String?

    /// Measures `benchmarks`; throws ``BenchmarkInvalid`` if a benchmark's check fails.
    func measure(_ benchmarks: [Benchmark]) throws -> [Measurement] {
        for benchmark in benchmarks {
            progress("warm-up: \(benchmark.name)")
            _ = benchmark.measure(iterations)
        }
        var timings = Array(repeating: [Double](), count: benchmarks.count)
        for round in 1...runs {
            progress("run \(round)/\(runs)")
            for (index, benchmark) in benchmarks.enumerated() {
                let elapsed = benchmark.measure(iterations)
                let operations = benchmark.threads * Swift.max(iterations / benchmark.threads, 1)
                timings[index].append(elapsed.nanoseconds / Double(operations))
            }
        }
        for benchmark in benchmarks {
            if let problem = benchmark.check() {
                throw BenchmarkInvalid(benchmark: benchmark.name, reason: problem)
            }
        }
        return zip(benchmarks, timings).map { benchmark, perOperation in
            Measurement(name: benchmark.name, threads: benchmark.threads,
                        operationsPerRun: benchmark.threads * Swift.max(iterations / benchmark.threads, 1),
                        nanosecondsPerOperation: perOperation)
        }
    }
}

/// A benchmark did not measure what it claims to (e.g. its breaker tripped and rejected calls).
struct BenchmarkInvalid: Error, CustomStringConvertible {
    let benchmark: String
    let reason: String

    var description: String { "benchmark '\(benchmark)' is invalid: \(reason)" }
}
