/// A byte range inside one of the parser's buffers.
struct TraceSpan {
    var start = 0
    var count = 0
}

/// The dictionary codes of one row's string cells (0 for columns not kept).
struct TraceStringCodes {
    var target: UInt32 = 0
    var error: UInt32 = 0
    var caller: UInt32 = 0
    var region: UInt32 = 0
    var priority: UInt32 = 0
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
///
/// Reading stays linear: a record the buffer does not hold whole is tokenized as far as the
/// buffer goes and resumed there with the next buffer (``pending``), never rescanned from its
/// start, and no record may exceed ``TraceReader/maxRecordBytes``.
struct TraceParser {
    /// Bytes every input buffer must keep readable after its data (sentinel included).
    static let padding = 32

    let file: String
    let options: TraceReadOptions
    /// The resolved header; nil until it has been read.
    private(set) var layout: TraceLayout?
    /// Whether a last line without a line break may be accepted: the header's last column is
    /// `outcome` or `healthy`, whose non-empty values a cut cannot shorten into other valid ones.
    var lastColumnSurvivesCuts = false
    /// `layout.kinds`, kept apart for the hot loop.
    var kinds: [TraceFieldKind] = []
    var fieldCount = 0
    /// Whether rows may take the fast path (tests turn it off to check that both paths agree).
    var fastPathEnabled = true
    /// The 1-based line on which the next record starts.
    var line = 1
    /// Rows stored.
    private(set) var rowCount = 0
    /// Row errors counted under `skipBadRows`.
    var skipped = TraceSkippedRows()
    /// Where tokenizing the record at the start of the next buffer stopped, when the last
    /// buffer did not hold it whole.
    var pending: TraceTokenizerState?
    /// Skipping to the next line break (after a record refused under `skipBadRows` whose end
    /// is unknown: an unclosed quote, a record over the size limit).
    var skippingLine = false
    /// Bytes the slow path's tokenizer examined (tests check that it stays linear).
    var tokenizedBytes = 0
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
        if skippingLine {
            p = skipLine(base, from: p, end: end)
        }
        if pending != nil {
            // The record the last buffer cut: resume tokenizing it where it stopped.
            guard let next = try slowRow(base, at: p, end: end, isFinal: isFinal) else { return p }
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
        case .unterminatedQuote(let field, let quoteLine, _, let atEnd):
            throw TraceError(.unterminatedQuote, file: file, line: quoteLine, column: nil,
                             message: "header field \(field + 1) opens a quote that is never closed"
                                 + (atEnd ? "" : " within \(TraceReader.maxRecordBytes) bytes"))
        case .tooLong:
            throw TraceError(.recordTooLong, file: file, line: 1, column: nil,
                             message: "expected a header line of at most \(TraceReader.maxRecordBytes) bytes, found a longer one")
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
        lastColumnSurvivesCuts = names.last == TraceColumn.outcome.rawValue || names.last == TraceColumn.healthy.rawValue
        line += record.lineBreaks
        return record.next
    }

    /// Stores a validated row, unless one of its string cells is a new value that is not valid
    /// UTF-8: then nothing is stored and the result is false (the fast path leaves such a row
    /// to the slow path, which reports it). Strings already seen were valid when first stored.
    @inline(__always)
    mutating func store(_ row: TraceParsedRow, strings base: UnsafePointer<UInt8>) -> Bool {
        let absent = TraceByteInterner.absent
        var codes = TraceStringCodes()
        codes.target = targets.find(base + row.target.start, count: row.target.count)
        var anyNew = codes.target == absent
        if errors != nil {
            codes.error = errors!.find(base + row.error.start, count: row.error.count)
            anyNew = anyNew || codes.error == absent
        }
        if callers != nil {
            codes.caller = callers!.find(base + row.caller.start, count: row.caller.count)
            anyNew = anyNew || codes.caller == absent
        }
        if regions != nil {
            codes.region = regions!.find(base + row.region.start, count: row.region.count)
            anyNew = anyNew || codes.region == absent
        }
        if priorities != nil {
            codes.priority = priorities!.find(base + row.priority.start, count: row.priority.count)
            anyNew = anyNew || codes.priority == absent
        }
        if anyNew {
            guard internNewStrings(row, strings: base, codes: &codes) else { return false }
        }
        timestamps.append(row.timestamp)
        latencies.append(row.latencyMs)
        outcomes.append(row.outcome)
        targets.append(code: codes.target)
        if errors != nil { errors!.append(code: codes.error) }
        if callers != nil { callers!.append(code: codes.caller) }
        if regions != nil { regions!.append(code: codes.region) }
        if priorities != nil { priorities!.append(code: codes.priority) }
        if keepHealthy { healthy.append(row.healthy) }
        if keepPropensity { propensities.append(row.propensity) }
        lastTimestamp = row.timestamp
        rowCount &+= 1
        return true
    }

    /// Adds the row's string values that are new (code ``TraceByteInterner/absent``) to their
    /// columns' dictionaries, after checking that every one of them is valid UTF-8; when one is
    /// not, adds none (so that no unused value enters a dictionary) and returns false.
    @inline(never)
    mutating func internNewStrings(_ row: TraceParsedRow, strings base: UnsafePointer<UInt8>,
                                   codes: inout TraceStringCodes) -> Bool {
        let absent = TraceByteInterner.absent
        let cells = [(codes.target, row.target), (codes.error, row.error), (codes.caller, row.caller),
                     (codes.region, row.region), (codes.priority, row.priority)]
        for (code, span) in cells where code == absent {
            guard TraceUTF8.firstInvalidByte(base + span.start, count: span.count) == nil else { return false }
        }
        if codes.target == absent { codes.target = targets.insert(base + row.target.start, count: row.target.count) }
        if codes.error == absent { codes.error = errors!.insert(base + row.error.start, count: row.error.count) }
        if codes.caller == absent { codes.caller = callers!.insert(base + row.caller.start, count: row.caller.count) }
        if codes.region == absent { codes.region = regions!.insert(base + row.region.start, count: row.region.count) }
        if codes.priority == absent {
            codes.priority = priorities!.insert(base + row.priority.start, count: row.priority.count)
        }
        return true
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
    consuming func finish() -> (trace: Trace, skipped: TraceSkippedRows) {
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
