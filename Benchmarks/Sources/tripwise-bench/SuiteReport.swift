/// What one suite run produced; rendered as a table or as JSON.
struct SuiteReport {
    /// One row.
    struct Result {
        var name: String
        var medianNanoseconds: Double
        var minNanoseconds: Double
        var maxNanoseconds: Double
        /// The median divided by the suite's baseline median (`clock.now` for `core`).
        var ratioToClockNow: Double?
        /// Operations per second over all threads, for multi-threaded rows.
        var throughputOperationsPerSecond: Double?
        /// Bytes processed per second, in MB (10⁶ bytes), at the median, fastest and slowest
        /// run, for rows that process a known number of bytes (`ingest`).
        var megabytesPerSecond: Double?
        var minMegabytesPerSecond: Double?
        var maxMegabytesPerSecond: Double?
    }

    /// A performance target from DESIGN.md and whether this run met it.
    struct Target {
        var name: String
        /// The most the row may cost, as a multiple of the baseline.
        var limitRatio: Double?
        /// What the row cost, as a multiple of the baseline.
        var ratio: Double?
        /// The most the row may cost, in nanoseconds per operation.
        var limitNanoseconds: Double?
        /// What the row cost, in nanoseconds per operation (median).
        var medianNanoseconds: Double?
        /// The least throughput the row must reach, in MB/s (a floor, not a ceiling).
        var limitMegabytesPerSecond: Double?
        /// The row's median throughput, in MB/s.
        var megabytesPerSecond: Double?
        /// Where the limit comes from, for the text report.
        var source: String?
        var met: Bool
    }

    var suite: String
    var runs: Int
    var iterations: Int
    var results: [Result]
    var targets: [Target]
    /// Extra lines for the text report only (what the baseline is, caveats).
    var notes: [String] = []
    /// Facts about the run for the JSON report (e.g. the file read, its size and rows), in order.
    var details: [(String, JSONValue)] = []
}

extension SuiteReport.Result {
    /// A row from a measurement, with its ratio to `baseline` (rounded for reporting).
    init(_ measurement: Measurement, baseline: Measurement?) {
        name = measurement.name
        medianNanoseconds = measurement.median.rounded(toPlaces: 2)
        minNanoseconds = measurement.min.rounded(toPlaces: 2)
        maxNanoseconds = measurement.max.rounded(toPlaces: 2)
        ratioToClockNow = baseline.map { (measurement.median / $0.median).rounded(toPlaces: 3) }
        throughputOperationsPerSecond = measurement.threads > 1 ? measurement.medianThroughput.rounded() : nil
    }

    /// A row from a measurement whose every operation is `bytesPerOperation` bytes of input,
    /// with its throughput in MB/s (no baseline ratio).
    init(_ measurement: Measurement, bytesPerOperation: Double) {
        self.init(measurement, baseline: nil)
        func rate(_ nanoseconds: Double) -> Double { (bytesPerOperation / nanoseconds * 1e3).rounded(toPlaces: 1) }
        megabytesPerSecond = rate(measurement.median)
        minMegabytesPerSecond = rate(measurement.max)
        maxMegabytesPerSecond = rate(measurement.min)
    }
}

extension Double {
    /// The value rounded to `places` decimal places (for short, stable JSON numbers).
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
