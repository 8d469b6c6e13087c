import Foundation

/// Writes schema-v1 trace CSV, streaming: rows are formatted into a byte buffer that is
/// flushed to the file every megabyte, so writing a trace of any length needs constant memory.
///
/// Numbers are written in fixed point: `timestamp` with 6 decimals (microseconds), `latency_ms`
/// with 3 (microseconds), `propensity` in Swift's shortest round-trip form. The reader parses
/// these back to the identical `Double`s, so `read(write(t)) == t` for any trace whose times
/// and latencies are whole microseconds, and writing what was read reproduces the bytes.
/// Strings holding a comma, a quote or a line break are quoted as RFC 4180 says.
public final class TraceWriter {
    /// The columns written, in header order.
    public let columns: [TraceColumn]
    /// The file written (as given).
    public let path: String
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var sink: ((ArraySlice<UInt8>) -> Void)?
    /// Rows written so far.
    public private(set) var rowCount = 0

    /// Creates (or truncates) `path` and writes the header. Required columns are always
    /// written; `columns` adds optional ones (in schema order).
    ///
    /// - Throws: ``TraceError`` (`io`) when the file cannot be created.
    public init(path: String, optionalColumns: Set<TraceColumn> = []) throws(TraceError) {
        self.path = path
        columns = TraceColumn.allCases.filter { $0.isRequired || optionalColumns.contains($0) }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw TraceError(.io, file: path, message: "cannot create the folder \(directory): \(error.localizedDescription)")
            }
        }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw TraceError(.io, file: path, message: "cannot create the file for writing")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        writeHeader()
    }

    /// A writer that hands its bytes to `sink` instead of a file (for tests and in-memory use).
    public init(optionalColumns: Set<TraceColumn> = [], name: String = "<memory>",
                sink: @escaping (ArraySlice<UInt8>) -> Void) {
        path = name
        columns = TraceColumn.allCases.filter { $0.isRequired || optionalColumns.contains($0) }
        handle = nil
        self.sink = sink
        writeHeader()
    }

    private func writeHeader() {
        buffer.append(contentsOf: columns.map(\.rawValue).joined(separator: ",").utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends one call.
    ///
    /// - Throws: ``TraceError`` (`outOfRange`) for a time or latency the reader would refuse
    ///   (|t| ≥ ``TraceReader/maxTimestampMagnitude``, a latency that is negative or above
    ///   ``TraceReader/maxLatencyMs``, NaN, infinities), or (`io`) when flushing fails.
    public func append(_ record: TraceRecord) throws(TraceError) {
        rowCount += 1
        guard TraceLimits.isTimestampInRange(record.timestamp) else {
            let hint = TraceLimits.unitHint(record.timestamp, decimals: 0).map { "; \($0)" } ?? ""
            throw TraceError(.outOfRange, file: path, line: rowCount + 1, column: "timestamp",
                             message: "cannot write timestamp \(record.timestamp): expected Unix seconds with "
                                 + TraceLimits.timestampRange + hint)
        }
        guard TraceLimits.isLatencyInRange(record.latencyMs) else {
            throw TraceError(.outOfRange, file: path, line: rowCount + 1, column: "latency_ms",
                             message: "cannot write latency \(record.latencyMs): expected a number of milliseconds "
                                 + "from 0 to 1e10 (about 116 days)")
        }
        var first = true
        for column in columns {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            switch column {
            case .timestamp: Self.appendFixed(record.timestamp, decimals: 6, to: &buffer)
            case .target: Self.appendString(record.target, to: &buffer)
            case .latencyMs: Self.appendFixed(record.latencyMs, decimals: 3, to: &buffer)
            case .outcome: buffer.append(contentsOf: record.outcome.description.utf8)
            case .error: Self.appendString(record.error ?? "", to: &buffer)
            case .caller: Self.appendString(record.caller ?? "", to: &buffer)
            case .region: Self.appendString(record.region ?? "", to: &buffer)
            case .priority: Self.appendString(record.priority ?? "", to: &buffer)
            case .healthy:
                if let healthy = record.healthy { buffer.append(healthy ? UInt8(ascii: "1") : UInt8(ascii: "0")) }
            case .propensity:
                if let propensity = record.propensity, propensity.isFinite {
                    buffer.append(contentsOf: "\(propensity)".utf8)
                }
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends every call of `trace`.
    public func append(contentsOf trace: Trace) throws(TraceError) {
        for row in 0..<trace.count { try append(trace.record(at: row)) }
    }

    /// Writes out the buffer and closes the file. Call once, at the end.
    public func finish() throws(TraceError) {
        try flush()
        do {
            try handle?.close()
        } catch {
            throw TraceError(.io, file: path, message: "cannot close the file: \(error.localizedDescription)")
        }
    }

    private func flush() throws(TraceError) {
        guard !buffer.isEmpty else { return }
        if let sink {
            sink(buffer[...])
        } else if let handle {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw TraceError(.io, file: path, message: "cannot write: \(error.localizedDescription)")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `trace` to `path` (the columns it holds).
    public static func write(_ trace: Trace, to path: String) throws(TraceError) {
        let writer = try TraceWriter(path: path, optionalColumns: Set(trace.columns.filter { !$0.isRequired }))
        try writer.append(contentsOf: trace)
        try writer.finish()
    }

    /// The CSV text of `trace` (for tests and small traces).
    public static func csv(_ trace: Trace) throws(TraceError) -> String {
        var bytes: [UInt8] = []
        let writer = TraceWriter(optionalColumns: Set(trace.columns.filter { !$0.isRequired })) { bytes.append(contentsOf: $0) }
        try writer.append(contentsOf: trace)
        try writer.finish()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` rounded to `decimals` places, without going through `String`.
    static func appendFixed(_ value: Double, decimals: Int, to buffer: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = Int64((value * scale).rounded())
        if scaled < 0 {
            buffer.append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { scratch in
            var count = 0
            var rest = scaled
            repeat {
                scratch[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count <= decimals
            for index in stride(from: count - 1, through: 0, by: -1) {
                if index == decimals - 1 { buffer.append(UInt8(ascii: ".")) }
                buffer.append(scratch[index])
            }
        }
    }

    /// Appends a string cell, quoted when it holds a comma, a quote or a line break.
    static func appendString(_ value: String, to buffer: inout [UInt8]) {
        let utf8 = value.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
