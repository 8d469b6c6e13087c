import Foundation

/// Converts the Nezha fault-injection traces (OnlineBoutique and TrainTicket; see
/// `datasets/nezha-onlineboutique-trainticket/README.md`) to schema-v1 traces: one row per
/// service-to-service call, labelled with the injected faults.
///
/// Input: one or more `calls_*.csv` files (columns `ts_ms`, `caller_service`, `callee_service`,
/// `client_duration_us`; others ignored) and `faults.csv` (`fault_id`, `inject_ts`, `end_ts` or
/// `duration_s`, `target_service` or `target_pod`, `fault_type`; optional `system`,
/// `inject_time_utc`, `target_pod`).
///
/// Mapping, per call row:
/// - `timestamp` = `ts_ms` / 1000 (Unix seconds; the call's client-span start).
/// - `target` = the callee service, `caller` = the caller service, both normalised by
///   ``serviceName(_:)``.
/// - `latency_ms` = `client_duration_us` / 1000: the latency the caller saw.
/// - `outcome`: the spans carry **no status code or error flag**, so the only failure the data
///   shows is slowness. A call slower than the timeout (strictly greater than
///   ``Options/timeoutMs``, default 1000 ms) is `timeout` with `error` = `timeout`; every other
///   call is `success` with an empty `error`. Code-defect faults (`return`, `exception`) are
///   therefore visible only through their latency, never as `failure`.
/// - A timed-out call's `latency_ms` is capped at the timeout by default: a client with that
///   timeout gives up then and observes exactly the timeout (the schema says a `timeout` is "a
///   failure whose latency is the timeout"). ``Options/capLatencyAtTimeout`` = `false` keeps the
///   recorded latency instead.
/// - `healthy` = 0 while a labelled fault window `[inject_ts, end_ts)` of the callee covers the
///   call's start, 1 otherwise. Only the faulted service's own calls are labelled: callers that
///   inherit its latency (cascades) stay `healthy = 1`.
///
/// Rows with an empty `ts_ms`, `callee_service` or `client_duration_us`, or a negative duration,
/// are skipped and counted by reason in ``ImportedTrace/skipped``; a cell that is not a number,
/// a value outside the trace format's range (a `ts_ms` whose instant is not within
/// ±``TraceReader/maxTimestampMagnitude`` seconds, e.g. microseconds, or a duration above
/// ``TraceReader/maxLatencyMs`` milliseconds), or a malformed CSV file, is an error
/// (``TraceError`` naming the input file, line and column). The
/// rows of all call files are merged by timestamp (ties keep file order, then line order).
public enum NezhaImporter {
    /// How calls are converted.
    public struct Options: Sendable, Hashable {
        /// The client timeout in milliseconds: calls slower than this are `timeout`. > 0.
        public var timeoutMs: Double
        /// Whether a timed-out call's latency is written as the timeout (default) rather than as
        /// recorded.
        public var capLatencyAtTimeout: Bool

        /// Creates options; the defaults are a 1000 ms timeout and capped latencies.
        public init(timeoutMs: Double = 1000, capLatencyAtTimeout: Bool = true) {
            self.timeoutMs = timeoutMs
            self.capLatencyAtTimeout = capLatencyAtTimeout
        }
    }

    /// One labelled fault from `faults.csv`.
    public struct Fault: Sendable, Hashable {
        /// `fault_id`, e.g. `2023-01-29#3`.
        public var id: String
        /// `system` (`onlineboutique`, `trainticket`), empty when the column is absent.
        public var system: String
        /// The faulted service, normalised by ``NezhaImporter/serviceName(_:)``.
        public var service: String
        /// `fault_type`, e.g. `network_delay`.
        public var type: String
        /// Injection time `inject_ts`, Unix seconds: the window's first instant.
        public var start: Double
        /// `end_ts` (or `inject_ts + duration_s`), Unix seconds: the window ends just before it.
        public var end: Double
        /// The line of `faults.csv` it came from.
        public var line: Int

        /// Creates a fault.
        public init(id: String, system: String = "", service: String, type: String, start: Double, end: Double, line: Int = 0) {
            self.id = id
            self.system = system
            self.service = service
            self.type = type
            self.start = start
            self.end = end
            self.line = line
        }

        /// Whether the window `[start, end)` covers `timestamp` (Unix seconds), compared in whole
        /// milliseconds so that boundaries are exact.
        public func covers(_ timestamp: Double) -> Bool {
            let ms = (timestamp * 1000).rounded()
            return (start * 1000).rounded() <= ms && ms < (end * 1000).rounded()
        }
    }

    /// What became of one fault of `faults.csv` in an import.
    public struct FaultMatch: Sendable, Hashable {
        /// The fault.
        public var fault: Fault
        /// Imported calls (to any service) that started inside its window: 0 when the call files
        /// do not cover the window at all.
        public var callsDuringWindow: Int
        /// Whether its service is the callee of at least one imported call (at any time).
        public var serviceIsCallee: Bool
        /// Imported calls to its service that started inside its window (labelled `healthy = 0`).
        public var calls: Int
        /// Of those, calls that timed out.
        public var timeouts: Int
    }

    /// The result of an import.
    public struct Result: Sendable, Equatable {
        /// The trace (columns: the required ones plus `error`, `caller`, `healthy`) and counts.
        public var imported: ImportedTrace
        /// The options used.
        public var options: Options
        /// Every fault of `faults.csv`, in file order, with what it matched.
        public var faults: [FaultMatch]
        /// Calls labelled `healthy = 0` (inside a fault window of their callee).
        public var callsInFaultWindows: Int
        /// Calls labelled `healthy = 0`, by the type of the fault (the first, if windows overlap).
        public var callsInFaultWindowsByType: [String: Int]
        /// Timed-out calls whose latency was capped at the timeout.
        public var cappedLatencies: Int

        /// Faults whose window the call files cover (at least one call to any service inside it).
        public var faultsCovered: [FaultMatch] { faults.filter { $0.callsDuringWindow > 0 } }
        /// Faults with at least one call to their service inside their window.
        public var faultsMatched: [FaultMatch] { faults.filter { $0.calls > 0 } }
    }

    /// The columns of `faults.csv` and the calls files this importer reads.
    static let callColumns = (time: "ts_ms", caller: "caller_service", callee: "callee_service", duration: "client_duration_us")

    /// The first index of ascending `values` holding a value ≥ `bound` (`values.count` if none).
    static func firstIndex(in values: [Double], notBelow bound: Double) -> Int {
        var low = 0, high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Reduces a service or Kubernetes pod name to the service name the calls use: trims spaces,
    /// lowercases, and drops a pod's ReplicaSet-hash and pod-suffix parts
    /// (`cartservice-579f59597d-wc2lz` → `cartservice`). A trailing pair of parts counts as a pod
    /// suffix only when it looks like one Kubernetes generated: a 6–10 character hash and a
    /// 5 character suffix, both in Kubernetes' alphabet `bcdfghjklmnpqrstvwxz2456789` (no vowels,
    /// so `ts-travel2-service` is left alone); the hash may also be all digits (older
    /// Kubernetes).
    public static func serviceName(_ raw: String) -> String {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return name }
        let hash = parts[parts.count - 2], suffix = parts[parts.count - 1]
        let alphabet = Set("bcdfghjklmnpqrstvwxz2456789")
        let hashLooksGenerated = (6...10).contains(hash.count)
            && (hash.allSatisfy { alphabet.contains($0) } || hash.allSatisfy(\.isASCII) && hash.allSatisfy(\.isNumber))
        let suffixLooksGenerated = suffix.count == 5 && suffix.allSatisfy { alphabet.contains($0) }
        guard hashLooksGenerated, suffixLooksGenerated else { return name }
        return parts.dropLast(2).joined(separator: "-")
    }

    /// Reads `faults.csv`.
    ///
    /// - Throws: ``TraceError`` for an unreadable or malformed file, a missing column, an empty or
    ///   non-numeric time, a window that ends before it starts, or an `inject_ts` that disagrees
    ///   with `inject_time_utc` by a second or more (the source's UTC+8 mistake).
    public static func readFaults(_ path: String) throws(TraceError) -> [Fault] {
        try faults(from: CSVTable(contentsOf: path))
    }

    /// The faults of a parsed `faults.csv`.
    public static func faults(from table: CSVTable) throws(TraceError) -> [Fault] {
        let id = try table.requiredColumn("fault_id")
        let start = try table.requiredColumn("inject_ts")
        let type = try table.requiredColumn("fault_type")
        let end = table.columnIndex("end_ts")
        let duration = table.columnIndex("duration_s")
        guard end != nil || duration != nil else {
            throw TraceError(.missingColumn, file: table.file, line: 1, column: "end_ts",
                             message: "missing from the header, and so is duration_s: a fault window needs an end")
        }
        let service = table.columnIndex("target_service")
        let pod = table.columnIndex("target_pod")
        guard service != nil || pod != nil else {
            throw TraceError(.missingColumn, file: table.file, line: 1, column: "target_service",
                             message: "missing from the header, and so is target_pod: a fault needs its target")
        }
        let system = table.columnIndex("system")
        let injectTime = table.columnIndex("inject_time_utc")

        var faults: [Fault] = []
        for row in table.rows {
            guard let startTs = try table.number(row, start) else {
                throw table.error(.emptyValue, row, start, "expected the injection time in Unix seconds, found an empty cell")
            }
            guard TraceLimits.isTimestampInRange(startTs) else {
                throw table.error(.outOfRange, row, start, TraceLimits.timeMessage(startTs, unit: "Unix seconds", decimals: 0))
            }
            let endTs: Double
            if let end, let value = try table.number(row, end) {
                endTs = value
            } else if let duration, let value = try table.number(row, duration) {
                endTs = startTs + value
            } else {
                throw table.error(.emptyValue, row, end ?? duration!, "expected the end of the fault window, found an empty cell")
            }
            guard TraceLimits.isTimestampInRange(endTs) else {
                throw table.error(.outOfRange, row, end ?? duration!, TraceLimits.timeMessage(endTs, unit: "Unix seconds", decimals: 0))
            }
            guard endTs > startTs else {
                throw table.error(.outOfRange, row, end ?? duration!, "the fault window ends (\(endTs)) before it starts (\(startTs))")
            }
            if let injectTime {
                let text = table.text(row, injectTime)
                if !text.isEmpty {
                    guard let parsed = UTCTimestamp.parse(text) else {
                        throw table.error(.unparsableTimestamp, row, injectTime, "expected YYYY-MM-DD hh:mm:ss (UTC), found \"\(text)\"")
                    }
                    guard abs(parsed - startTs) < 1 else {
                        throw table.error(.outOfRange, row, start,
                                          "inject_ts \(startTs) disagrees with inject_time_utc \(text) (\(parsed)) by \(parsed - startTs) s")
                    }
                }
            }
            var target = service.map { table.text(row, $0) } ?? ""
            if target.isEmpty, let pod { target = table.text(row, pod) }
            guard !target.isEmpty else {
                throw table.error(.emptyValue, row, service ?? pod!, "expected the faulted service, found an empty cell")
            }
            faults.append(Fault(id: table.text(row, id), system: system.map { table.text(row, $0) } ?? "",
                                service: serviceName(target), type: table.text(row, type),
                                start: startTs, end: endTs, line: row.line))
        }
        return faults
    }

    /// Reads the call files and `faultsFile` and converts them.
    ///
    /// - Throws: ``TraceError`` for a missing, unreadable or malformed file or a value out of
    ///   range (see the type's documentation), or a timeout that is not a finite number > 0.
    public static func importCalls(_ callFiles: [String], faultsFile: String, options: Options = Options()) throws(TraceError) -> Result {
        let faults = try readFaults(faultsFile)
        var tables: [CSVTable] = []
        for file in callFiles { tables.append(try CSVTable(contentsOf: file)) }
        return try convert(calls: tables, faults: faults, options: options)
    }

    /// Converts parsed call files, labelling them with `faults`.
    public static func convert(calls tables: [CSVTable], faults: [Fault], options: Options = Options()) throws(TraceError) -> Result {
        guard options.timeoutMs.isFinite, options.timeoutMs > 0 else {
            throw TraceError(.outOfRange, file: tables.first?.file ?? "<calls>",
                             message: "the timeout must be a number of milliseconds > 0, not \(options.timeoutMs)")
        }
        struct Call {
            var ms: Double
            var order: Int
            var record: TraceRecord
        }
        var calls: [Call] = []
        var skipped = SkippedRows()
        var rowsRead = 0
        var capped = 0
        let columns = callColumns
        for table in tables {
            let time = try table.requiredColumn(columns.time)
            let caller = try table.requiredColumn(columns.caller)
            let callee = try table.requiredColumn(columns.callee)
            let duration = try table.requiredColumn(columns.duration)
            calls.reserveCapacity(calls.count + table.rows.count)
            for row in table.rows {
                rowsRead += 1
                guard let ms = try table.number(row, time) else {
                    skipped.add("empty \(columns.time)", file: table.file, line: row.line)
                    continue
                }
                guard TraceLimits.isTimestampInRange(ms / 1000) else {
                    throw table.error(.outOfRange, row, time,
                                      TraceLimits.timeMessage(ms, unit: "milliseconds since the epoch", decimals: 3))
                }
                let target = serviceName(table.text(row, callee))
                guard !target.isEmpty else {
                    skipped.add("empty \(columns.callee)", file: table.file, line: row.line)
                    continue
                }
                guard let micros = try table.number(row, duration) else {
                    skipped.add("empty \(columns.duration)", file: table.file, line: row.line)
                    continue
                }
                guard micros >= 0 else {
                    skipped.add("negative \(columns.duration)", file: table.file, line: row.line)
                    continue
                }
                var latency = micros / 1000
                guard TraceLimits.isLatencyInRange(latency) else {
                    throw table.error(.outOfRange, row, duration,
                                      "expected microseconds ≤ 1e13 (1e10 ms, about 116 days), found \(TraceLimits.scientific(micros))")
                }
                let timedOut = latency > options.timeoutMs
                if timedOut, options.capLatencyAtTimeout {
                    latency = options.timeoutMs
                    capped += 1
                }
                let callerName = serviceName(table.text(row, caller))
                calls.append(Call(ms: ms, order: calls.count, record: TraceRecord(
                    timestamp: ms / 1000, target: target, latencyMs: latency,
                    outcome: timedOut ? .timeout : .success, error: timedOut ? "timeout" : nil,
                    caller: callerName.isEmpty ? nil : callerName)))
            }
        }
        calls.sort { $0.ms != $1.ms ? $0.ms < $1.ms : $0.order < $1.order }

        var windowsByService: [String: [Int]] = [:]
        for (index, fault) in faults.enumerated() { windowsByService[fault.service, default: []].append(index) }
        var matches = faults.map { FaultMatch(fault: $0, callsDuringWindow: 0, serviceIsCallee: false, calls: 0, timeouts: 0) }
        var byType: [String: Int] = [:]
        var inWindows = 0
        var trace = Trace(optionalColumns: [.error, .caller, .healthy])
        trace.timestamps.reserveCapacity(calls.count)
        var calleesSeen: Set<String> = []
        for var call in calls {
            calleesSeen.insert(call.record.target)
            var firstFault: Int?
            for index in windowsByService[call.record.target] ?? [] where faults[index].covers(call.record.timestamp) {
                if firstFault == nil { firstFault = index }
                matches[index].calls += 1
                if call.record.outcome == .timeout { matches[index].timeouts += 1 }
            }
            call.record.healthy = firstFault == nil
            if let firstFault {
                inWindows += 1
                byType[faults[firstFault].type, default: 0] += 1
            }
            trace.append(call.record)
        }
        let milliseconds = trace.timestamps.map { ($0 * 1000).rounded() }
        for index in matches.indices {
            let fault = matches[index].fault
            let from = firstIndex(in: milliseconds, notBelow: (fault.start * 1000).rounded())
            let to = firstIndex(in: milliseconds, notBelow: (fault.end * 1000).rounded())
            matches[index].callsDuringWindow = to - from
            matches[index].serviceIsCallee = calleesSeen.contains(fault.service)
        }
        return Result(imported: ImportedTrace(trace: trace, files: tables.map(\.file), rowsRead: rowsRead, skipped: skipped),
                      options: options, faults: matches, callsInFaultWindows: inWindows,
                      callsInFaultWindowsByType: byType, cappedLatencies: capped)
    }
}
