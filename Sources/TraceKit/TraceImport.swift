/// Rows an importer left out, counted by reason, so that nothing is dropped silently.
public struct SkippedRows: Sendable, Hashable {
    /// One reason and the rows it applied to.
    public struct Reason: Sendable, Hashable {
        /// Why the rows were skipped, e.g. `empty client_duration_us`.
        public var reason: String
        /// How many rows.
        public var count: Int
        /// The first few of them as `FILE:LINE` (at most ``SkippedRows/exampleLimit``).
        public var examples: [String]
    }

    /// How many `FILE:LINE` examples each reason keeps.
    public static let exampleLimit = 5

    /// The reasons in order of first occurrence.
    public private(set) var reasons: [Reason] = []

    /// No skipped rows.
    public init() {}

    /// All skipped rows.
    public var total: Int { reasons.reduce(0) { $0 + $1.count } }

    /// Rows skipped for `reason` (0 if none).
    public func count(_ reason: String) -> Int {
        reasons.first { $0.reason == reason }?.count ?? 0
    }

    /// Records that the row at `file`:`line` was skipped for `reason`.
    public mutating func add(_ reason: String, file: String, line: Int) {
        if let index = reasons.firstIndex(where: { $0.reason == reason }) {
            reasons[index].count += 1
            if reasons[index].examples.count < Self.exampleLimit { reasons[index].examples.append("\(file):\(line)") }
        } else {
            reasons.append(Reason(reason: reason, count: 1, examples: ["\(file):\(line)"]))
        }
    }
}

/// Latency figures of a set of calls: count and nearest-rank percentiles (the smallest latency
/// with at least p % of the calls at or below it, so always a latency that occurred).
public struct LatencyStats: Sendable, Hashable {
    /// Calls.
    public var count: Int
    /// Median latency in ms (NaN without calls).
    public var p50: Double
    /// 90th percentile in ms.
    public var p90: Double
    /// 99th percentile in ms.
    public var p99: Double
    /// Largest latency in ms.
    public var max: Double

    /// The figures of `latencies` (any order).
    public init(_ latencies: [Double]) {
        let sorted = latencies.sorted()
        count = sorted.count
        p50 = TraceSummary.percentile(sorted, 50)
        p90 = TraceSummary.percentile(sorted, 90)
        p99 = TraceSummary.percentile(sorted, 99)
        max = sorted.last ?? .nan
    }
}

/// The part of an import result both importers share: the converted trace (sorted by time) and
/// the bookkeeping a person needs to trust it.
public struct ImportedTrace: Sendable, Equatable {
    /// The schema-v1 trace, sorted by timestamp (ties keep input order).
    public var trace: Trace
    /// The input files, in the order given.
    public var files: [String]
    /// Data rows read from the input files (header and blank lines excluded).
    public var rowsRead: Int
    /// Rows not converted, by reason. `rowsRead == rowsWritten + skipped.total`.
    public var skipped: SkippedRows

    /// Creates a result.
    public init(trace: Trace, files: [String], rowsRead: Int, skipped: SkippedRows) {
        self.trace = trace
        self.files = files
        self.rowsRead = rowsRead
        self.skipped = skipped
    }

    /// Rows in the trace.
    public var rowsWritten: Int { trace.count }
    /// Distinct targets.
    public var targetCount: Int { Set(trace.targets.codes).count }
    /// First and last call start (Unix seconds); `nil` when empty.
    public var timeSpan: ClosedRange<Double>? {
        guard let first = trace.timestamps.first, let last = trace.timestamps.last else { return nil }
        return first...last
    }

    /// Rows with `outcome`.
    public func count(_ outcome: TraceOutcome) -> Int {
        trace.outcomes.reduce(0) { $0 + ($1 == outcome ? 1 : 0) }
    }

    /// Latency figures of the rows for which `include` (given the row index) is true.
    public func latency(where include: (Int) -> Bool) -> LatencyStats {
        LatencyStats((0..<trace.count).filter(include).map { trace.latenciesMs[$0] })
    }

    /// Latency figures of rows labelled `healthy` (`true`: 1, `false`: 0); `nil` without the column.
    public func latency(healthy: Bool) -> LatencyStats? {
        guard let labels = trace.healthy else { return nil }
        let wanted: Int8 = healthy ? 1 : 0
        return latency { labels[$0] == wanted }
    }
}
