/// What `tripwise inspect` reports about a trace: size, span, and per target the call rate,
/// error and timeout rates, latency percentiles and the incidents its `healthy` column marks.
///
/// Percentiles use the nearest-rank definition (the smallest latency with at least p % of the
/// calls at or below it), so they are always latencies that occurred. Rates are per second of
/// the whole trace's span. `rejected` rows are counted but excluded from error rates and
/// percentiles, since their true outcome is unknown.
public struct TraceSummary: Sendable, Hashable, Codable {
    /// One target's figures.
    public struct Target: Sendable, Hashable, Codable {
        /// The target's name.
        public var name: String
        /// Calls to it (rejected ones included).
        public var calls: Int
        /// Calls per second over the trace's span.
        public var callsPerSecond: Double
        /// Share of non-rejected calls that failed with an error (`failure`), in [0, 1].
        public var errorRate: Double
        /// Share of non-rejected calls that timed out, in [0, 1].
        public var timeoutRate: Double
        /// Calls recorded as `rejected` by a breaker in the recording.
        public var rejected: Int
        /// Median latency in milliseconds (nearest rank), NaN without calls.
        public var latencyP50Ms: Double
        /// 99th-percentile latency in milliseconds (nearest rank).
        public var latencyP99Ms: Double
        /// Incidents of this target: maximal runs of its calls with `healthy == 0` (per region
        /// when the trace has a `region` column), in start order.
        public var incidents: [IncidentSpan]
    }

    /// A stretch during which a target's calls (in one region, when the trace has regions)
    /// were marked unhealthy.
    public struct IncidentSpan: Sendable, Hashable, Codable {
        /// The region, when the trace has a `region` column (a regional outage leaves the
        /// target's other regions healthy, so runs are tracked per region).
        public var region: String?
        /// The first unhealthy call's start, Unix seconds.
        public var start: Double
        /// The last unhealthy call's start, Unix seconds.
        public var end: Double
        /// Unhealthy calls in the stretch.
        public var calls: Int
        /// Share of them that failed or timed out.
        public var failureRate: Double
        /// Median latency of them (nearest rank), milliseconds.
        public var latencyP50Ms: Double
        /// 99th-percentile latency of them, milliseconds.
        public var latencyP99Ms: Double
    }

    /// Rows in the trace.
    public var rows: Int
    /// The earliest call start, Unix seconds (NaN when empty).
    public var start: Double
    /// The latest call start, Unix seconds.
    public var end: Double
    /// Whether timestamps never decrease from row to row.
    public var isTimeOrdered: Bool
    /// Whether the trace has a `healthy` column.
    public var hasHealthyColumn: Bool
    /// Share of calls with `healthy == 0`, among calls with a label; nil without the column.
    public var unhealthyShare: Double?
    /// Figures for the latency of healthy calls (p50, p99, ms) when the column exists, for
    /// comparison with the incidents.
    public var healthyLatencyP50Ms: Double?
    /// See ``healthyLatencyP50Ms``.
    public var healthyLatencyP99Ms: Double?
    /// The same figures for calls marked unhealthy (`healthy == 0`), to see at a glance whether
    /// incidents show in latency.
    public var unhealthyLatencyP50Ms: Double?
    /// See ``unhealthyLatencyP50Ms``.
    public var unhealthyLatencyP99Ms: Double?
    /// Per target, sorted by name.
    public var targets: [Target]

    /// The span between the first and last call start, in seconds.
    public var durationSeconds: Double { rows > 0 ? end - start : 0 }

    /// Summarises `trace`. An incident run is broken when a target's calls turn healthy again
    /// or when `gapSeconds` pass between two unhealthy calls.
    public init(_ trace: Trace, gapSeconds: Double = 60) {
        rows = trace.count
        start = trace.timestamps.min() ?? .nan
        end = trace.timestamps.max() ?? .nan
        isTimeOrdered = zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy { $0 <= $1 }
        hasHealthyColumn = trace.healthy != nil
        let span = max(rows > 1 ? end - start : 0, 1e-9)

        var rowsByTarget = Array(repeating: [Int](), count: trace.targets.values.count)
        for row in 0..<trace.count { rowsByTarget[Int(trace.targets.codes[row])].append(row) }
        // Rows of a target in time order even when the file is not.
        if !isTimeOrdered {
            for index in rowsByTarget.indices {
                rowsByTarget[index].sort { trace.timestamps[$0] < trace.timestamps[$1] }
            }
        }

        var summaries: [Target] = []
        for (code, targetRows) in rowsByTarget.enumerated() where !targetRows.isEmpty {
            let known = targetRows.filter { trace.outcomes[$0] != .rejected }
            let errors = known.filter { trace.outcomes[$0] == .failure }.count
            let timeouts = known.filter { trace.outcomes[$0] == .timeout }.count
            let latencies = known.map { trace.latenciesMs[$0] }.sorted()
            summaries.append(Target(
                name: trace.targets.values[code], calls: targetRows.count,
                callsPerSecond: Double(targetRows.count) / span,
                errorRate: known.isEmpty ? 0 : Double(errors) / Double(known.count),
                timeoutRate: known.isEmpty ? 0 : Double(timeouts) / Double(known.count),
                rejected: targetRows.count - known.count,
                latencyP50Ms: Self.percentile(latencies, 50), latencyP99Ms: Self.percentile(latencies, 99),
                incidents: Self.incidents(of: targetRows, in: trace, gapSeconds: gapSeconds)))
        }
        targets = summaries.sorted { $0.name < $1.name }

        if let healthy = trace.healthy {
            let labelled = healthy.filter { $0 >= 0 }.count
            unhealthyShare = labelled == 0 ? nil : Double(healthy.filter { $0 == 0 }.count) / Double(labelled)
            let healthyLatencies = (0..<trace.count)
                .filter { healthy[$0] == 1 && trace.outcomes[$0] != .rejected }
                .map { trace.latenciesMs[$0] }.sorted()
            healthyLatencyP50Ms = Self.percentile(healthyLatencies, 50)
            healthyLatencyP99Ms = Self.percentile(healthyLatencies, 99)
            let unhealthyLatencies = (0..<trace.count)
                .filter { healthy[$0] == 0 && trace.outcomes[$0] != .rejected }
                .map { trace.latenciesMs[$0] }.sorted()
            unhealthyLatencyP50Ms = Self.percentile(unhealthyLatencies, 50)
            unhealthyLatencyP99Ms = Self.percentile(unhealthyLatencies, 99)
        }
    }

    /// The nearest-rank `p`-th percentile of an ascending array; NaN when empty.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    private static func incidents(of rows: [Int], in trace: Trace, gapSeconds: Double) -> [IncidentSpan] {
        guard let healthy = trace.healthy else { return [] }
        // Runs are tracked per region: a healthy call in another region does not end an outage.
        var rowsByRegion: [UInt32: [Int]] = [:]
        for row in rows { rowsByRegion[trace.regions?.codes[row] ?? 0, default: []].append(row) }
        var spans: [IncidentSpan] = []
        for (regionCode, regionRows) in rowsByRegion {
            let region = trace.regions.map { $0.values[Int(regionCode)] }
            var current: [Int] = []
            func close() {
                guard let first = current.first, let last = current.last else { return }
                let failures = current.filter { trace.outcomes[$0].isFailure }.count
                let latencies = current.map { trace.latenciesMs[$0] }.sorted()
                spans.append(IncidentSpan(region: region?.isEmpty == false ? region : nil,
                                          start: trace.timestamps[first], end: trace.timestamps[last], calls: current.count,
                                          failureRate: Double(failures) / Double(current.count),
                                          latencyP50Ms: percentile(latencies, 50), latencyP99Ms: percentile(latencies, 99)))
                current = []
            }
            for row in regionRows {
                switch healthy[row] {
                case 0:
                    if let last = current.last, trace.timestamps[row] - trace.timestamps[last] > gapSeconds { close() }
                    current.append(row)
                case 1:
                    close()
                default:
                    break
                }
            }
            close()
        }
        return spans.sorted { ($0.start, $0.region ?? "") < ($1.start, $1.region ?? "") }
    }
}
