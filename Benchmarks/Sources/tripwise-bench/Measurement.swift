/// The per-run timings of one benchmark, in nanoseconds per operation.
struct Measurement {
    /// The benchmark's row name.
    let name: String
    /// Threads that ran the operation at once.
    let threads: Int
    /// Operations timed per run (all threads together).
    let operationsPerRun: Int
    /// Nanoseconds per operation of each measured run, in run order.
    let nanosecondsPerOperation: [Double]

    /// The median over runs (the mean of the middle two for an even count).
    var median: Double {
        let sorted = nanosecondsPerOperation.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The fastest run.
    var min: Double { nanosecondsPerOperation.min() ?? .nan }

    /// The slowest run.
    var max: Double { nanosecondsPerOperation.max() ?? .nan }

    /// Operations per second at the median time, over all threads.
    var medianThroughput: Double { 1e9 / median }
}

extension Duration {
    /// The duration in nanoseconds, as a floating-point number.
    var nanoseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    }
}
