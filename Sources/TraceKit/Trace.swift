/// A request trace held by column, as the reader produces it and the writer, replay and
/// training consume it: one array per column, strings dictionary-encoded, no row objects.
///
/// Required columns are always present. An optional column is `nil` when the file did not
/// have it (or the reader was asked not to keep it); empty cells are the empty string for
/// string columns, −1 in ``healthy`` and NaN in ``propensities``.
public struct Trace: Sendable, Equatable {
    /// Call start times in Unix seconds.
    public var timestamps: [Double] = []
    /// The dependency of each call.
    public var targets = StringColumn()
    /// Client-observed latencies in milliseconds.
    public var latenciesMs: [Double] = []
    /// Outcomes.
    public var outcomes: [TraceOutcome] = []
    /// Error types, if kept.
    public var errors: StringColumn?
    /// Calling services, if kept.
    public var callers: StringColumn?
    /// Regions, if kept.
    public var regions: StringColumn?
    /// Priorities, if kept.
    public var priorities: StringColumn?
    /// Ground truth per call: 1 healthy, 0 during an incident, −1 for an empty cell; if kept.
    public var healthy: [Int8]?
    /// Admission probabilities, NaN for an empty cell; if kept.
    public var propensities: [Double]?

    /// An empty trace holding the given optional columns.
    public init(optionalColumns: Set<TraceColumn> = []) {
        if optionalColumns.contains(.error) { errors = StringColumn() }
        if optionalColumns.contains(.caller) { callers = StringColumn() }
        if optionalColumns.contains(.region) { regions = StringColumn() }
        if optionalColumns.contains(.priority) { priorities = StringColumn() }
        if optionalColumns.contains(.healthy) { healthy = [] }
        if optionalColumns.contains(.propensity) { propensities = [] }
    }

    /// Calls in the trace.
    public var count: Int { timestamps.count }

    /// Whether the trace has no calls.
    public var isEmpty: Bool { timestamps.isEmpty }

    /// The columns this trace holds, required ones included, in schema order.
    public var columns: [TraceColumn] {
        TraceColumn.allCases.filter { column in
            switch column {
            case .timestamp, .target, .latencyMs, .outcome: true
            case .error: errors != nil
            case .caller: callers != nil
            case .region: regions != nil
            case .priority: priorities != nil
            case .healthy: healthy != nil
            case .propensity: propensities != nil
            }
        }
    }

    /// Appends a call. Optional fields go to the columns this trace holds; a field whose column
    /// is absent is not stored (create the trace with the columns you need).
    public mutating func append(_ record: TraceRecord) {
        timestamps.append(record.timestamp)
        targets.append(record.target)
        latenciesMs.append(record.latencyMs)
        outcomes.append(record.outcome)
        errors?.append(record.error ?? "")
        callers?.append(record.caller ?? "")
        regions?.append(record.region ?? "")
        priorities?.append(record.priority ?? "")
        healthy?.append(record.healthy.map { $0 ? 1 : 0 } ?? -1)
        propensities?.append(record.propensity ?? .nan)
    }

    /// The call at `row` as a value (empty cells become `nil`).
    public func record(at row: Int) -> TraceRecord {
        func optional(_ column: StringColumn?) -> String? {
            guard let value = column?[row], !value.isEmpty else { return nil }
            return value
        }
        let healthyValue = healthy?[row]
        let propensity = propensities?[row]
        return TraceRecord(
            timestamp: timestamps[row], target: targets[row], latencyMs: latenciesMs[row], outcome: outcomes[row],
            error: optional(errors), caller: optional(callers), region: optional(regions),
            priority: optional(priorities),
            healthy: healthyValue.flatMap { $0 < 0 ? nil : $0 == 1 },
            propensity: propensity.flatMap { $0.isNaN ? nil : $0 })
    }

    /// Traces are equal when they hold the same columns with equal values (NaN equals NaN in
    /// ``propensities``, where it marks an empty cell).
    public static func == (lhs: Trace, rhs: Trace) -> Bool {
        lhs.timestamps == rhs.timestamps && lhs.targets == rhs.targets && lhs.latenciesMs == rhs.latenciesMs
            && lhs.outcomes == rhs.outcomes && lhs.errors == rhs.errors && lhs.callers == rhs.callers
            && lhs.regions == rhs.regions && lhs.priorities == rhs.priorities && lhs.healthy == rhs.healthy
            && Self.sameDoubles(lhs.propensities, rhs.propensities)
    }

    private static func sameDoubles(_ lhs: [Double]?, _ rhs: [Double]?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case let (l?, r?): return l.count == r.count && zip(l, r).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        default: return false
        }
    }
}
