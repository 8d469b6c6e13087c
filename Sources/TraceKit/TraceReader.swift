/// How ``TraceReader`` reads a trace.
public struct TraceReadOptions: Sendable, Hashable {
    /// Optional columns to keep; nil keeps every optional column the file has. Required columns
    /// are always kept. A column asked for but absent from the file is absent from the trace
    /// (its property is nil); a column present but not asked for is skipped unparsed.
    public var optionalColumns: Set<TraceColumn>? = nil
    /// Refuse (or with skipBadRows, skip) a row whose timestamp is earlier than the previous
    /// kept row's, with error code `nonMonotonicTime`. Equal timestamps are in order.
    public var requireTimeOrder: Bool = false
    /// Skip malformed rows instead of failing; every skipped row is reported in
    /// ``TraceReadResult/skippedRows``. File-level problems (an unreadable or empty file, a
    /// byte-order mark, a bad header) still throw.
    public var skipBadRows: Bool = false

    /// Options that keep every column, do not check time order, and fail on the first bad row.
    public init() {}
}

/// What ``TraceReader`` read.
public struct TraceReadResult: Sendable {
    /// The rows read, by column: the required columns and the kept optional ones.
    public var trace: Trace
    /// Every skipped row with its reason (file, line, column, message), in file order; empty
    /// unless `skipBadRows`.
    public var skippedRows: [TraceError]
    /// Bytes read from the file.
    public var bytesRead: Int
}

/// Reads schema-v1 trace CSV (DESIGN.md, "Traces") into a columnar ``Trace``.
///
/// Guarantees:
/// * **Exact numbers.** Numbers are parsed from the bytes to the correctly rounded `Double`,
///   so reading ``TraceWriter`` output gives back bit-identical values and writing what was
///   read reproduces the same bytes.
/// * **Nothing silently dropped.** A bad row either fails the read with a ``TraceError``
///   naming the file, the 1-based line, the column and what was expected and found, or, with
///   `skipBadRows`, is skipped and reported in ``TraceReadResult/skippedRows``.
/// * **Streaming.** A file is read in chunks of a few megabytes; memory grows with the kept
///   columns (about 17 bytes per row for the required ones), not with the file.
///
/// Format accepted: a header line is required; columns are found by name, in any order;
/// unknown columns are ignored (their cells are delimited, never parsed); a known column
/// named twice is an error. Fields follow RFC 4180 (`"a,b"`, `"say ""hi"""`, line breaks
/// inside quotes); as in pandas and Python's csv module, characters between a closing quote
/// and the next delimiter are kept (`"a"b` reads as `ab`) and a quote inside an unquoted field
/// is an ordinary character. Lines end with `\n` or `\r\n`; the last line may lack its line break if it
/// is complete, and a single empty line at the very end is ignored; any other blank line is a
/// malformed row.
///
/// Cells: `timestamp` is Unix seconds (any finite decimal, e.g. `1700000000.123456`, `-5`,
/// `1.7e9`) or ISO-8601 with a zone (`2023-01-29T10:00:00Z`, `…T10:00:00.123+08:00`, `z`,
/// `±HHMM`, `±HH`; a time without a zone is refused). `latency_ms` is a finite decimal ≥ 0.
/// `outcome` is exactly `success`, `failure`, `timeout` or `rejected`. `target` is a non-empty
/// string; `error`, `caller`, `region`, `priority` are strings that may be empty. `healthy`
/// is `0`, `1` or empty (−1 in the trace). `propensity` is a number in (0, 1] or empty (NaN).
public enum TraceReader {
    /// Bytes read from a file per `read(2)` call.
    package static let defaultChunkSize = 1 << 20

    /// Reads the trace file at `path`.
    ///
    /// - Throws: ``TraceError`` with `file` = `path`: `io` when the file cannot be opened or
    ///   read; `emptyFile`, `byteOrderMark`, `missingColumn`, `duplicateColumn` for the file as a
    ///   whole; and, unless `options.skipBadRows`, the first bad row's error (with its line and
    ///   column).
    public static func read(path: String, options: TraceReadOptions = TraceReadOptions()) throws(TraceError) -> TraceReadResult {
        try read(path: path, options: options, chunkSize: defaultChunkSize)
    }

    /// Reads a trace from `bytes` (a whole file in memory); `name` stands for the file in
    /// errors. Same format, guarantees and errors as ``read(path:options:)``.
    public static func read(bytes: [UInt8], name: String, options: TraceReadOptions = TraceReadOptions()) throws(TraceError) -> TraceReadResult {
        try read(bytes: bytes, name: name, options: options, chunkSize: defaultChunkSize)
    }

    /// ``read(path:options:)`` with `chunkSize` bytes per `read(2)` (tests use tiny chunks so
    /// records straddle chunk boundaries).
    package static func read(path: String, options: TraceReadOptions, chunkSize: Int) throws(TraceError) -> TraceReadResult {
        var file = try TraceInputFile(path: path)
        defer { file.close() }
        return try readChunks(name: path, options: options, chunkSize: chunkSize, expectedBytes: file.size) {
            (buffer, count) throws(TraceError) -> Int in try file.read(into: buffer, count: count)
        }
    }

    /// ``read(bytes:name:options:)`` fed `chunkSize` bytes at a time, through the same
    /// buffering as a file.
    /// With `fastPath: false` every row takes the slow path (tests check that both paths agree).
    package static func read(bytes: [UInt8], name: String, options: TraceReadOptions, chunkSize: Int,
                             fastPath: Bool = true) throws(TraceError) -> TraceReadResult {
        var offset = 0
        return try bytes.withUnsafeBufferPointer { source throws(TraceError) -> TraceReadResult in
            try readChunks(name: name, options: options, chunkSize: chunkSize, expectedBytes: bytes.count,
                           fastPath: fastPath) {
                (buffer, count) throws(TraceError) -> Int in
                let taken = min(count, source.count - offset)
                if taken > 0 {
                    buffer.update(from: source.baseAddress! + offset, count: taken)
                    offset += taken
                }
                return taken
            }
        }
    }

    /// The reading loop: fills a buffer with up to `chunkSize` bytes at a time from `readInto`
    /// (which returns 0 at the end), lets the parser consume every complete record, and moves
    /// the unconsumed tail (a record cut by the chunk) to the front before reading on. The
    /// buffer grows only when one record is larger than it.
    static func readChunks(name: String, options: TraceReadOptions, chunkSize: Int, expectedBytes: Int?,
                           fastPath: Bool = true,
                           readInto: (UnsafeMutablePointer<UInt8>, Int) throws(TraceError) -> Int)
        throws(TraceError) -> TraceReadResult {
        precondition(chunkSize > 0, "chunkSize must be positive")
        var capacity = max(min(chunkSize, 1 << 26), 64)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + TraceParser.padding)
        defer { buffer.deallocate() }
        var filled = 0
        var bytesRead = 0
        var parser = TraceParser(file: name, options: options, expectedBytes: expectedBytes)
        parser.fastPathEnabled = fastPath
        while true {
            if filled == capacity {
                // One record does not fit: double the buffer.
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + TraceParser.padding)
                larger.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
            }
            let count = try readInto(buffer + filled, min(chunkSize, capacity - filled))
            let isFinal = count == 0
            filled += count
            bytesRead += count
            // The sentinel line feed and zeroed padding the parser's scans rely on.
            buffer[filled] = UInt8(ascii: "\n")
            (buffer + filled + 1).initialize(repeating: 0, count: TraceParser.padding - 1)
            let consumed = try parser.consume(buffer, count: filled, isFinal: isFinal)
            if isFinal { break }
            if consumed > 0 {
                UnsafeMutableRawPointer(buffer).copyMemory(from: buffer + consumed, byteCount: filled - consumed)
                filled -= consumed
            }
        }
        let (trace, skipped) = parser.finish()
        return TraceReadResult(trace: trace, skippedRows: skipped, bytesRead: bytesRead)
    }
}
