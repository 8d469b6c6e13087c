import Foundation

/// Converts the Loghub OpenStack nova-api access records (`nova_api_requests.csv`; see
/// `datasets/loghub-openstack-nova-api/README.md`) to a schema-v1 trace: one row per HTTP request.
///
/// Input columns: `timestamp`, `method`, `path_template`, `status`, `latency_ms` (required);
/// `source_log`, `component`, `client_ip` (optional); others ignored.
///
/// Mapping, per request:
/// - `timestamp`: the log time `YYYY-MM-DD hh:mm:ss.fff`. The log has **no time zone**; it is
///   taken as UTC (an explicit `Z` or `±hh:mm` suffix would be honoured).
/// - `target` = `<service> <METHOD> <path_template>`, e.g. `nova-api GET /v2/{tenant}/servers/detail`,
///   where the service is `source_log` (else `component`, else `nova-api`). Path templates already
///   separate the compute API (`/v2/…`) from the metadata API (`/openstack/…`, `/latest/…`), so
///   one breaker per endpoint template.
/// - `latency_ms` as recorded (the server's `time:` field; no timeout is applied).
/// - `outcome` / `error` by HTTP status:
///   - 2xx: `success`, no error;
///   - 1xx, 3xx: `success`, `error` = `http_<status>`;
///   - 4xx: `success` with `error` = `http_<status>`: the request reached a working service that
///     refused it (the sample's 404s are `GET …/user_data` of instances without user data and
///     external events for deleted instances), which is not a dependency failure a breaker should
///     count. Exceptions: 408 and 429 (timeout, overload) are `failure`. With
///     ``Options/clientErrorsAreFailures`` every 4xx is `failure`;
///   - 5xx: `failure`, `error` = `http_<status>`.
/// - `caller`: the originating client, the first address of `client_ip` (which holds a
///   forwarding chain such as `10.11.21.132,10.11.10.1` for metadata requests).
/// - No `healthy` column: the data has no labels (and no failure period).
///
/// Rows with an empty timestamp, status or latency, or a negative latency, are skipped and
/// counted by reason; a time, status or latency that does not parse, a status outside 100–599, a
/// time or latency outside the trace format's range (|t| < ``TraceReader/maxTimestampMagnitude``
/// seconds, latency ≤ ``TraceReader/maxLatencyMs``), or a malformed CSV file is an error naming
/// the file, line and column. Rows are sorted by time
/// (ties keep file order).
public enum LoghubNovaImporter {
    /// How requests are converted.
    public struct Options: Sendable, Hashable {
        /// Whether every 4xx counts as `failure` (default `false`: only 408 and 429 do).
        public var clientErrorsAreFailures: Bool

        /// Creates options.
        public init(clientErrorsAreFailures: Bool = false) {
            self.clientErrorsAreFailures = clientErrorsAreFailures
        }
    }

    /// The result of an import.
    public struct Result: Sendable, Equatable {
        /// The trace (columns: the required ones plus `error` and `caller`) and counts.
        public var imported: ImportedTrace
        /// The options used.
        public var options: Options
        /// Converted requests by HTTP status.
        public var statusCounts: [Int: Int]
    }

    /// The outcome and error of an HTTP `status` (100–599) under `options`.
    public static func outcome(status: Int, options: Options = Options()) -> (TraceOutcome, String?) {
        let error = (200..<300).contains(status) ? nil : "http_\(status)"
        switch status {
        case 500...: return (.failure, error)
        case 408, 429: return (.failure, error)
        case 400..<500: return (options.clientErrorsAreFailures ? .failure : .success, error)
        default: return (.success, error)
        }
    }

    /// Reads `path` and converts it.
    ///
    /// - Throws: ``TraceError`` for a missing, unreadable or malformed file (see the type's
    ///   documentation).
    public static func importRequests(_ path: String, options: Options = Options()) throws(TraceError) -> Result {
        try convert(CSVTable(contentsOf: path), options: options)
    }

    /// Converts a parsed requests file.
    public static func convert(_ table: CSVTable, options: Options = Options()) throws(TraceError) -> Result {
        let time = try table.requiredColumn("timestamp")
        let method = try table.requiredColumn("method")
        let path = try table.requiredColumn("path_template")
        let status = try table.requiredColumn("status")
        let latency = try table.requiredColumn("latency_ms")
        let service = table.columnIndex("source_log") ?? table.columnIndex("component")
        let client = table.columnIndex("client_ip")

        var records: [(order: Int, record: TraceRecord)] = []
        var skipped = SkippedRows()
        var statusCounts: [Int: Int] = [:]
        for row in table.rows {
            let timeText = table.text(row, time)
            guard !timeText.isEmpty else {
                skipped.add("empty timestamp", file: table.file, line: row.line)
                continue
            }
            guard let timestamp = UTCTimestamp.parse(timeText) else {
                throw table.error(.unparsableTimestamp, row, time,
                                  "expected YYYY-MM-DD hh:mm:ss[.fff] (taken as UTC), found \"\(timeText)\"")
            }
            guard TraceLimits.isTimestampInRange(timestamp) else {
                throw table.error(.outOfRange, row, time,
                                  "expected a time before the year 5138 (|t| < 1e11 Unix seconds), found \"\(timeText)\"")
            }
            guard let code = try table.integer(row, status) else {
                skipped.add("empty status", file: table.file, line: row.line)
                continue
            }
            guard (100...599).contains(code) else {
                throw table.error(.outOfRange, row, status, "expected an HTTP status 100–599, found \(code)")
            }
            guard let ms = try table.number(row, latency) else {
                skipped.add("empty latency_ms", file: table.file, line: row.line)
                continue
            }
            guard ms >= 0 else {
                skipped.add("negative latency_ms", file: table.file, line: row.line)
                continue
            }
            guard TraceLimits.isLatencyInRange(ms) else {
                throw table.error(.outOfRange, row, latency,
                                  "expected milliseconds \(TraceLimits.latencyRange), found \(TraceLimits.scientific(ms))")
            }
            let serviceName = service.map { table.text(row, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "nova-api"
            let verb = table.text(row, method).uppercased()
            let target = [serviceName, verb, table.text(row, path)].filter { !$0.isEmpty }.joined(separator: " ")
            let caller = client.flatMap { column in
                table.text(row, column).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            let (outcome, error) = Self.outcome(status: code, options: options)
            statusCounts[code, default: 0] += 1
            records.append((records.count, TraceRecord(
                timestamp: timestamp, target: target, latencyMs: ms, outcome: outcome, error: error,
                caller: caller.flatMap { $0.isEmpty ? nil : $0 })))
        }
        records.sort { $0.record.timestamp != $1.record.timestamp ? $0.record.timestamp < $1.record.timestamp : $0.order < $1.order }
        var trace = Trace(optionalColumns: [.error, .caller])
        for entry in records { trace.append(entry.record) }
        return Result(imported: ImportedTrace(trace: trace, files: [table.file], rowsRead: table.rows.count, skipped: skipped),
                      options: options, statusCounts: statusCounts)
    }
}
