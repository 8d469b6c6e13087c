/// A named group of benchmarks run by `tripwise-bench <name>`.
///
/// To add a suite (`ingest`, `train`, `replay`, ...), write one file with a type conforming
/// to this protocol and append an instance to ``registeredSuites``.
protocol BenchmarkSuite: Sendable {
    /// The command-line name, e.g. `core`.
    var name: String { get }
    /// One line for `tripwise-bench list`.
    var summary: String { get }
    /// Operations per run when `--iterations` is not given.
    var defaultIterations: Int { get }

    /// Whether the suite reads a data file given with `--file` (default: no).
    var takesFile: Bool { get }

    /// Runs the suite and returns what it measured and which targets it met.
    func run(_ harness: Harness) throws -> SuiteReport
}

extension BenchmarkSuite {
    var takesFile: Bool { false }
}

/// Every suite `tripwise-bench` knows, in `list` order.
let registeredSuites: [any BenchmarkSuite] = [
    CoreSuite(),
    IngestSuite(),
    TrainSuite(),
    BanditSuite(),
]

/// The suite called `name`, if any.
func suite(named name: String) -> (any BenchmarkSuite)? {
    registeredSuites.first { $0.name == name }
}
