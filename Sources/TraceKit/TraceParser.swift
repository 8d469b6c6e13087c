/// A byte range inside one of the parser's buffers.
struct TraceSpan {
    var start = 0
    var count = 0
}

/// One row's values, parsed and validated but not yet stored: a row is stored whole or not at
/// all, so a bad row (skipped or thrown) leaves no trace in the columns.
struct TraceParsedRow {
    var timestamp = 0.0
    var latencyMs = 0.0
    var outcome = TraceOutcome.success
    var healthy: Int8 = -1
    var propensity = Double.nan
    var target = TraceSpan()
    var error = TraceSpan()
    var caller = TraceSpan()
    var region = TraceSpan()
    var priority = TraceSpan()
}

/// The incremental CSV parser behind ``TraceReader``: fed buffers of bytes, it parses every
/// complete record in them into columns and says how many bytes it consumed; the caller keeps
/// the rest (a partial last record) and feeds it again with more bytes after it.
///
/// Buffers handed to ``consume(_:count:isFinal:)`` must hold a `\n` sentinel at `base[count]`
/// and at least ``padding`` readable bytes from there on: the fast path scans without bounds
/// checks (every scan stops at a line feed) and loads whole words.
///
/// Every row goes first through ``fastRow(_:at:end:)``, which accepts only unquoted, valid
/// rows of the header's shape, and otherwise through the RFC 4180 slow path
/// (`TraceParser+SlowRow.swift`), which handles quotes, line ends at EOF and every error. The
/// fast path never decides anything the slow path would decide differently.
struct TraceParser {
    /// Bytes every input buffer must keep readable after its data (sentinel included).
    static let padding = 32

    let file: String
    let options: TraceReadOptions
    /// The resolved header; nil until it has been read.
    private(set) var layout: TraceLayout?
    /// `layout.kinds`, kept apart for the hot loop.
    var kinds: [TraceFieldKind] = []
    var fieldCount = 0
    /// Whether rows may take the fast path (tests turn it off to check that both paths agree).
    var fastPathEnabled = true
    /// The 1-based line on which the next record starts.
    var line = 1
    /// Rows stored.
    private(set) var rowCount = 0
    /// Row errors collected under `skipBadRows`.
    var skipped: [TraceError] = []
    /// The timestamp of the last stored row (for `requireTimeOrder`).
    var lastTimestamp = -Double.infinity
    /// How many bytes the whole input has, when known (to reserve the columns once).
    let expectedBytes: Int?
    private var reserved = false

    var timestamps: [Double] = []
    var latencies: [Double] = []
    var outcomes: [TraceOutcome] = []
    var healthy: [Int8] = []
    var propensities: [Double] = []
    var targets = TraceByteInterner()
    var errors: TraceByteInterner?
    var callers: TraceByteInterner?
    var regions: TraceByteInterner?
    var priorities: TraceByteInterner?
    var keepHealthy = false
    var keepPropensity = false

    /// Scratch for the slow path: a record's unquoted fields, each followed by a 0 byte.
    var scratch: [UInt8] = []
    /// The fields of the record in `scratch`.
    var fields: [TraceSpan] = []

    init(file: String, options: TraceReadOptions, expectedBytes: Int?) {
        self.file = file
        self.options = options
        self.expectedBytes = expectedBytes
    }

    /// Parses every complete record in `base[0..<count]` and returns the bytes consumed. With
    /// `isFinal` (no more bytes will come) it consumes everything, treating a last line without
    /// a line break as a record.
    ///
    /// - Throws: file-level errors always; row errors unless `options.skipBadRows`.
    mutating func consume(_ base: UnsafePointer<UInt8>, count end: Int, isFinal: Bool) throws(TraceError) -> Int {
        var p = 0
        if layout == nil {
            guard let next = try readHeader(base, count: end, isFinal: isFinal) else { return 0 }
            p = next
        }
        let firstRow = p
        let rowsBefore = rowCount
        while p < end {
            if fastPathEnabled, let next = fastRow(base, at: p, end: end) {
                p = next
                line &+= 1
                continue
            }
            guard let next = try slowRow(base, at: p, end: end, isFinal: isFinal) else { break }
            p = next
        }
        if !reserved, let expectedBytes, rowCount - rowsBefore >= 64 {
            // Size the columns once for the whole input, from the bytes per row seen so far.
            let bytesPerRow = Double(p - firstRow) / Double(rowCount - rowsBefore)
            reserve(expectedRows: Int(Double(expectedBytes) / bytesPerRow * 1.02) + 64)
        }
        return p
    }

    /// Reads the header record; nil when it is not complete yet.
    private mutating func readHeader(_ base: UnsafePointer<UInt8>, count end: Int, isFinal: Bool) throws(TraceError) -> Int? {
        if end == 0 && isFinal {
            throw TraceError(.emptyFile, file: file,
                             message: "the file is empty; expected a header line such as "
                                 + "\"timestamp,target,latency_ms,outcome\"")
        }
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            throw TraceError(.byteOrderMark, file: file, line: 1,
                             message: "the file starts with a UTF-8 byte-order mark (bytes EF BB BF); expected "
                                 + "the header right away: remove the BOM (save as UTF-8 without BOM, or "
                                 + "run: sed -i '1s/^\\xEF\\xBB\\xBF//' FILE)")
        }
        let record: TraceRecordScan
        switch tokenize(base, from: 0, end: end, isFinal: isFinal) {
        case .needMore:
            return nil
        case .unterminatedQuote(let field, let quoteLine):
            throw TraceError(.unterminatedQuote, file: file, line: quoteLine, column: nil,
                             message: "header field \(field + 1) opens a quote that is never closed")
        case .record(let scan):
            record = scan
        }
        let names = fields.map { String(decoding: scratch[$0.start..<$0.start + $0.count], as: UTF8.self) }
        let layout = try TraceLayout(header: names, options: options, file: file)
        self.layout = layout
        kinds = layout.kinds
        fieldCount = layout.fieldCount
        let kept = layout.keptOptionalColumns
        if kept.contains(.error) { errors = TraceByteInterner() }
        if kept.contains(.caller) { callers = TraceByteInterner() }
        if kept.contains(.region) { regions = TraceByteInterner() }
        if kept.contains(.priority) { priorities = TraceByteInterner() }
        keepHealthy = kept.contains(.healthy)
        keepPropensity = kept.contains(.propensity)
        line += record.lineBreaks
        return record.next
    }

    /// Stores a validated row.
    @inline(__always)
    mutating func store(_ row: TraceParsedRow, strings base: UnsafePointer<UInt8>) {
        timestamps.append(row.timestamp)
        latencies.append(row.latencyMs)
        outcomes.append(row.outcome)
        targets.append(base + row.target.start, count: row.target.count)
        if errors != nil { errors!.append(base + row.error.start, count: row.error.count) }
        if callers != nil { callers!.append(base + row.caller.start, count: row.caller.count) }
        if regions != nil { regions!.append(base + row.region.start, count: row.region.count) }
        if priorities != nil { priorities!.append(base + row.priority.start, count: row.priority.count) }
        if keepHealthy { healthy.append(row.healthy) }
        if keepPropensity { propensities.append(row.propensity) }
        lastTimestamp = row.timestamp
        rowCount &+= 1
    }

    private mutating func reserve(expectedRows: Int) {
        reserved = true
        let rows = min(expectedRows, (expectedBytes ?? 0) / 8 + 64)
        timestamps.reserveCapacity(rows)
        latencies.reserveCapacity(rows)
        outcomes.reserveCapacity(rows)
        targets.reserveCapacity(rows)
        errors?.reserveCapacity(rows)
        callers?.reserveCapacity(rows)
        regions?.reserveCapacity(rows)
        priorities?.reserveCapacity(rows)
        if keepHealthy { healthy.reserveCapacity(rows) }
        if keepPropensity { propensities.reserveCapacity(rows) }
    }

    /// The trace read, and the rows skipped. Call after the final ``consume(_:count:isFinal:)``.
    consuming func finish() -> (trace: Trace, skipped: [TraceError]) {
        var trace = Trace(optionalColumns: layout?.keptOptionalColumns ?? [])
        trace.timestamps = timestamps
        trace.latenciesMs = latencies
        trace.outcomes = outcomes
        trace.targets = targets.column
        if let errors { trace.errors = errors.column }
        if let callers { trace.callers = callers.column }
        if let regions { trace.regions = regions.column }
        if let priorities { trace.priorities = priorities.column }
        if keepHealthy { trace.healthy = healthy }
        if keepPropensity { trace.propensities = propensities }
        return (trace, skipped)
    }
}
