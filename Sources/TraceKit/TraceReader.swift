/// How ``TraceReader`` reads a trace.
public struct TraceReadOptions: Sendable, Hashable {
    /// Optional columns to keep; nil keeps every optional column the file has. Required columns
    /// are always kept. A column asked for but absent from the file is absent from the trace
    /// (its property is nil); a column present but not asked for is skipped unparsed.
    public var optionalColumns: Set<TraceColumn>? = nil
    /// Refuse (or with skipBadRows, skip) a row whose timestamp is earlier than the previous
    /// kept row's, with error code `nonMonotonicTime`. Equal timestamps are in order.
    public var requireTimeOrder: Bool = false
    /// Skip malformed rows instead of failing; every skipped row is counted in
    /// ``TraceReadResult/skippedRows`` (by error code, with the first
    /// ``TraceSkippedRows/exampleLimit`` errors kept as examples). File-level problems (an
    /// unreadable or empty file, a byte-order mark, a bad header) still throw.
    public var skipBadRows: Bool = false

    /// Options that keep every column, do not check time order, and fail on the first bad row.
    public init() {}
}

/// The rows a read skipped under `skipBadRows`: every one counted, by error code, and the
/// first ``exampleLimit`` kept whole (file, line, column, message) as examples, so that memory
/// stays bounded however many rows are bad.
public struct TraceSkippedRows: Sendable, Hashable {
    /// How many errors ``examples`` keeps: the first 100.
    public static let exampleLimit = 100

    /// Rows skipped.
    public private(set) var count = 0
    /// Rows skipped, by the code of their error; the counts add up to ``count``.
    public private(set) var countsByCode: [TraceError.Code: Int] = [:]
    /// The errors of the first ``exampleLimit`` skipped rows, in file order.
    public private(set) var examples: [TraceError] = []

    /// No skipped rows.
    public init() {}

    /// Whether no row was skipped.
    public var isEmpty: Bool { count == 0 }

    /// Counts a skipped row, keeping its error if fewer than ``exampleLimit`` are kept.
    public mutating func add(_ error: TraceError) {
        count += 1
        countsByCode[error.code, default: 0] += 1
        if examples.count < Self.exampleLimit { examples.append(error) }
    }
}

/// What ``TraceReader`` read.
public struct TraceReadResult: Sendable {
    /// The rows read, by column: the required columns and the kept optional ones.
    public var trace: Trace
    /// The rows skipped (all counted, the first 100 kept as examples); empty unless
    /// `skipBadRows`.
    public var skippedRows: TraceSkippedRows
    /// Bytes read from the file.
    public var bytesRead: Int
    /// Bytes the slow path's tokenizer examined (tests check that reading stays linear).
    package var tokenizedBytes = 0

    /// Rows skipped (``TraceSkippedRows/count``).
    public var skippedRowCount: Int { skippedRows.count }
    /// Rows skipped by error code (``TraceSkippedRows/countsByCode``).
    public var skippedByCode: [TraceError.Code: Int] { skippedRows.countsByCode }
    /// The first 100 skipped rows' errors (``TraceSkippedRows/examples``).
    public var skippedExamples: [TraceError] { skippedRows.examples }
}

/// Reads schema-v1 trace CSV (DESIGN.md, "Traces") into a columnar ``Trace``.
///
/// Guarantees:
/// * **Exact numbers.** Numbers are parsed from the bytes to the correctly rounded `Double`,
///   so reading ``TraceWriter`` output gives back bit-identical values and writing what was
///   read reproduces the same bytes.
/// * **Nothing silently dropped or altered.** A bad row either fails the read with a
///   ``TraceError`` naming the file, the 1-based line, the column and what was expected and
///   found, or, with `skipBadRows`, is skipped and counted in ``TraceReadResult/skippedRows``.
///   A file cut off anywhere reads as a prefix of its rows or fails; it never yields an
///   altered row (see "the last line" below).
/// * **Streaming.** A file is read in chunks of a few megabytes; memory grows with the kept
///   columns (about 17 bytes per row for the required ones), not with the file, nor with the
///   number of bad rows skipped. Time is linear in the file's size, whatever its content.
///
/// Format accepted: a header line is required; columns are found by name, in any order;
/// unknown columns are ignored (their cells are delimited, never parsed); a known column
/// named twice is an error. Fields follow RFC 4180 (`"a,b"`, `"say ""hi"""`, line breaks
/// inside quotes); as in pandas and Python's csv module, characters between a closing quote
/// and the next delimiter are kept (`"a"b` reads as `ab`) and a quote inside an unquoted field
/// is an ordinary character. Lines end with `\n` or `\r\n`; a single empty line at the very
/// end is ignored; any other blank line is a malformed row.
///
/// **Record size.** One record (a line, or several lines joined by a quoted field, counted up
/// to and including its line break) may hold at most ``maxRecordBytes`` (1 MiB), like the
/// field size limit of Python's csv module. A quote that is not closed within that many bytes
/// of its record's start, or by the end of the file, is `unterminatedQuote` at the line where
/// it opened (a stray quote would otherwise swallow the rest of the file); any other longer
/// record is `recordTooLong`. With `skipBadRows` only the line where the quote opened (for
/// `recordTooLong`, the rest of the line where the limit was reached) is skipped, and reading
/// goes on at the next line.
///
/// **The last line.** A line without a line break at the end of the file may have been cut
/// off (``TraceWriter`` ends every line with `\n`). It is accepted only when a cut cannot have
/// changed it: it has all the header's fields and its last column is `outcome` or `healthy`
/// with a non-empty cell (a cut `succ` is then an `unknownOutcome`, never a shorter valid
/// value). Otherwise it is `truncatedLine`: fewer fields than the header, or a last cell that
/// is empty, a number (`12.5` may be the start of `12.56`), a timestamp, a string, or an
/// unknown column's. Too many fields is `wrongFieldCount` as on any line.
///
/// Cells: `timestamp` is Unix seconds (a decimal, e.g. `1700000000.123456`, `-5`, `1.7e9`) or
/// ISO-8601 with a zone (`2023-01-29T10:00:00Z`, `…T10:00:00.123+08:00`, `z`, `±HHMM`, `±HH`; a
/// time without a zone is refused), and must satisfy |t| < ``maxTimestampMagnitude`` (1e11 s,
/// about the years −1200 to 5138; milliseconds or microseconds since the epoch are refused
/// with a hint to divide). `latency_ms` is a decimal from 0 to ``maxLatencyMs`` (1e10 ms,
/// about 116 days). Larger values are `outOfRange`. `outcome` is exactly `success`,
/// `failure`, `timeout` or `rejected`. `target` is a non-empty string; `error`, `caller`,
/// `region`, `priority` are strings that may be empty; every string cell the trace keeps must
/// be valid UTF-8 (`invalidUTF8` otherwise: two different invalid byte strings would decode
/// to the same text). `healthy` is `0`, `1` or empty (−1 in the trace). `propensity` is a
/// number in (0, 1] or empty (NaN).
public enum TraceReader {
    /// Bytes read from a file per `read(2)` call.
    package static let defaultChunkSize = 1 << 20

    /// Timestamps must satisfy |t| < 1e11 Unix seconds (about the years −1200 to 5138): larger
    /// values are almost always milliseconds (1.7e12), microseconds (1.7e15) or nanoseconds
    /// (1.7e18) since the epoch, and would overflow the fixed-point arithmetic of the tools
    /// that replay traces.
    public static let maxTimestampMagnitude: Double = 1e11

    /// Latencies must be at most 1e10 ms (about 116 days).
    public static let maxLatencyMs: Double = 1e10

    /// The most bytes one record may hold, its line break included: 1 MiB (1,048,576 bytes).
    /// Like the field size limit of Python's csv module, it keeps a stray quote from turning
    /// the rest of the file into one field.
    public static let maxRecordBytes = 1 << 20

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
    /// buffer grows only when one record is larger than it (at most ``maxRecordBytes`` plus a
    /// chunk: the parser refuses longer records).
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
        let tokenizedBytes = parser.tokenizedBytes
        let (trace, skipped) = parser.finish()
        return TraceReadResult(trace: trace, skippedRows: skipped, bytesRead: bytesRead, tokenizedBytes: tokenizedBytes)
    }
}
