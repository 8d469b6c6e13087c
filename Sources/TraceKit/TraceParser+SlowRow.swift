/// What ``TraceParser/tokenize(_:from:end:isFinal:)`` found for one record.
struct TraceRecordScan {
    /// Where the next record starts.
    var next: Int
    /// Line breaks consumed: the record's own terminator plus any inside quoted fields.
    var lineBreaks: Int
    /// The record ended at the end of the input, without a line break.
    var endedAtEOF: Bool
    /// The record is an empty line (`\n` or `\r\n`, or `\r` at the end of the input).
    var isBlank: Bool
}

/// How far tokenizing a record got when the buffer ended before the record did: the next call
/// resumes from here (the record's bytes stay at the front of the next buffer, and its fields
/// so far in ``TraceParser/scratch`` and ``TraceParser/fields``), so a long record is scanned
/// once, not once per chunk.
struct TraceTokenizerState {
    enum Phase {
        /// At the first byte of a field (a quote there opens a quoted field).
        case fieldStart
        /// Inside a quoted field.
        case quoted
        /// In the unquoted part of a field (all of it, or what follows a closing quote).
        case plain
    }

    var phase = Phase.fieldStart
    /// Bytes of the record tokenized so far, from its first byte.
    var offset = 0
    /// Line breaks inside quotes among them.
    var lineBreaks = 0
    /// Where the current field starts in ``TraceParser/scratch``.
    var fieldStart = 0
    /// Where the current field's unquoted part starts in ``TraceParser/scratch``.
    var plainStart = 0
    /// The line of the current quoted field's opening quote.
    var quoteLine = 0
    /// The offset of that quote from the record's first byte.
    var quoteOffset = 0
}

/// The outcome of tokenizing one record.
enum TraceTokenizeResult {
    /// The record does not end before `end` and more input will come (the state is saved in
    /// ``TraceParser/pending``).
    case needMore
    /// The record, its fields in ``TraceParser/fields``.
    case record(TraceRecordScan)
    /// Field `field` (0-based) opens a quote on line `line`, `offset` bytes after the record's
    /// first byte, that is still open at the end of the input (`atEnd`) or at
    /// ``TraceReader/maxRecordBytes``.
    case unterminatedQuote(field: Int, line: Int, offset: Int, atEnd: Bool)
    /// The record goes on, outside quotes, past ``TraceReader/maxRecordBytes``: `offset` is
    /// where the limit was reached, after `lineBreaks` line breaks inside quotes.
    case tooLong(offset: Int, lineBreaks: Int)
}

/// The slow path: RFC 4180 records (quoted fields with `""` escapes, commas and line breaks
/// inside quotes), the last line of the input, blank lines, and every row error.
extension TraceParser {
    /// Splits the record at `start` into fields, unquoted, in ``scratch`` (each field followed by
    /// a 0 byte, then padding), their spans in ``fields``. Resumes where the last call stopped
    /// when it returned ``TraceTokenizeResult/needMore`` (``pending``).
    ///
    /// After a closing quote, bytes up to the next delimiter are kept literally (`"a"b` is
    /// `ab`), and a quote inside an unquoted field is an ordinary character, as pandas and
    /// Python's csv module read them. `\r` before a line break ends the line (`\r\n`).
    ///
    /// Bytes from `start + TraceReader.maxRecordBytes` on are never examined: a record that has
    /// not ended by then is ``TraceTokenizeResult/unterminatedQuote(field:line:offset:atEnd:)``
    /// inside a quote and ``TraceTokenizeResult/tooLong(offset:lineBreaks:)`` otherwise.
    mutating func tokenize(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, isFinal: Bool) -> TraceTokenizeResult {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed = UInt8(ascii: "\n")
        var state: TraceTokenizerState
        if let saved = pending {
            state = saved
            pending = nil
        } else {
            scratch.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
            state = TraceTokenizerState()
        }
        // `stop` is the end of what may be examined; `capped`: the record would run past the limit.
        let stop = min(end, start + TraceReader.maxRecordBytes)
        let capped = stop < end
        var p = start + state.offset
        let resumedAt = p
        defer { tokenizedBytes += p - resumedAt }
        while true {
            switch state.phase {
            case .fieldStart:
                state.fieldStart = scratch.count
                if p < stop, base[p] == quote {
                    state.quoteLine = line + state.lineBreaks
                    state.quoteOffset = p - start
                    p += 1
                    state.phase = .quoted
                } else if p == stop, !capped, !isFinal {
                    state.offset = p - start
                    pending = state
                    return .needMore  // a quote may come
                } else {
                    state.plainStart = scratch.count
                    state.phase = .plain
                }
            case .quoted:
                while true {
                    guard p < stop else {
                        if capped || isFinal {
                            return .unterminatedQuote(field: fields.count, line: state.quoteLine,
                                                      offset: state.quoteOffset, atEnd: !capped)
                        }
                        state.offset = p - start
                        pending = state
                        return .needMore
                    }
                    let byte = base[p]
                    if byte == quote {
                        if p + 1 < stop {
                            if base[p + 1] == quote {
                                scratch.append(byte)
                                p += 2
                                continue
                            }
                        } else if capped {
                            // The byte after this quote lies past the limit: `""` keeps the quote
                            // open, anything else closes it and the record goes on.
                            if base[p + 1] == quote {
                                return .unterminatedQuote(field: fields.count, line: state.quoteLine,
                                                          offset: state.quoteOffset, atEnd: false)
                            }
                            return .tooLong(offset: p + 1 - start, lineBreaks: state.lineBreaks)
                        } else if !isFinal {
                            state.offset = p - start
                            pending = state
                            return .needMore  // `"` or `""`? More bytes tell.
                        }
                        p += 1
                        break
                    }
                    if byte == lineFeed { state.lineBreaks += 1 }
                    scratch.append(byte)
                    p += 1
                }
                state.plainStart = scratch.count
                state.phase = .plain
            case .plain:
                while p < stop, base[p] != comma, base[p] != lineFeed {
                    scratch.append(base[p])
                    p += 1
                }
                if p < stop, base[p] == comma {
                    closeField(from: state.fieldStart)
                    p += 1
                    state.phase = .fieldStart
                    continue
                }
                if p == stop {
                    if capped { return .tooLong(offset: p - start, lineBreaks: state.lineBreaks) }
                    if !isFinal {
                        state.offset = p - start
                        pending = state
                        return .needMore
                    }
                }
                // The record ends: a line break, or the end of the input.
                if scratch.count > state.plainStart, scratch[scratch.count - 1] == UInt8(ascii: "\r") {
                    scratch.removeLast()
                }
                closeField(from: state.fieldStart)
                scratch.append(contentsOf: repeatElement(0, count: Self.padding))
                let endedAtEOF = p == end
                let next = endedAtEOF ? end : p + 1
                let raw = next - start - (endedAtEOF ? 0 : 1)
                let isBlank = fields.count == 1 && fields[0].count == 0
                    && (raw == 0 || (raw == 1 && base[start] == UInt8(ascii: "\r")))
                return .record(TraceRecordScan(next: next, lineBreaks: state.lineBreaks + (endedAtEOF ? 0 : 1),
                                               endedAtEOF: endedAtEOF, isBlank: isBlank))
            }
        }
    }

    private mutating func closeField(from fieldStart: Int) {
        fields.append(TraceSpan(start: fieldStart, count: scratch.count - fieldStart))
        scratch.append(0)
    }

    /// Skips to just after the first line break at or after `from`, counting it; when the
    /// buffer has none, consumes it all and goes on skipping in the next one
    /// (``skippingLine``). Returns where reading goes on.
    mutating func skipLine(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var p = from
        while base[p] != UInt8(ascii: "\n") { p += 1 }  // base[end] is a line feed
        guard p < end else {
            skippingLine = true
            return end
        }
        skippingLine = false
        line += 1
        return p + 1
    }

    /// Parses the record at `start` the slow way and stores it, or reports it as a row error.
    /// Returns where the next record starts, or nil when the record is not complete and more
    /// input will come.
    ///
    /// - Throws: the row's error, unless `options.skipBadRows` (then it is counted).
    mutating func slowRow(_ base: UnsafePointer<UInt8>, at start: Int, end: Int, isFinal: Bool) throws(TraceError) -> Int? {
        let recordLine = line
        let scan: TraceRecordScan
        switch tokenize(base, from: start, end: end, isFinal: isFinal) {
        case .needMore:
            return nil
        case .unterminatedQuote(let field, let quoteLine, let offset, let atEnd):
            let column = field < fieldCount ? layout?.names[field] : nil
            let found = atEnd ? "the end of the file"
                : "none within \(TraceReader.maxRecordBytes) bytes (1 MiB, the longest record accepted)"
            try rowError(TraceError(
                .unterminatedQuote, file: file, line: quoteLine, column: column,
                message: "expected a closing quote (\") for the field opened here, found \(found): "
                    + Self.quoted(UnsafeBufferPointer(start: base + start + offset, count: min(end - start - offset, 256)))))
            // Skipped: the record up to the end of the line where the quote opened.
            line = quoteLine
            return skipLine(base, from: start + offset + 1, end: end)
        case .tooLong(let offset, let lineBreaks):
            try rowError(TraceError(
                .recordTooLong, file: file, line: recordLine, column: nil,
                message: "expected a record of at most \(TraceReader.maxRecordBytes) bytes (1 MiB), found a longer one: "
                    + Self.quoted(UnsafeBufferPointer(start: base + start, count: 256))))
            // Skipped: the record up to the end of the line where the limit was reached.
            line = recordLine + lineBreaks
            return skipLine(base, from: start + offset, end: end)
        case .record(let record):
            scan = record
        }
        if scan.isBlank, scan.next == end, !isFinal { return nil }  // the last line of the file? More input tells.
        line += scan.lineBreaks
        let text = UnsafeBufferPointer(start: base + start, count: min(scan.next - start, 256))
        if scan.isBlank {
            if scan.next == end { return end }  // a trailing empty line is allowed
            try rowError(TraceError(
                .wrongFieldCount, file: file, line: recordLine, column: nil,
                message: "expected \(fieldCount) fields as in the header, found a blank line "
                    + "(only the last line of a file may be empty)"))
            return scan.next
        }
        guard fields.count == fieldCount else {
            let names = layout?.names ?? []
            let missing = fields.count < fieldCount ? names[fields.count] : nil
            if scan.endedAtEOF, fields.count < fieldCount {
                try rowError(TraceError(
                    .truncatedLine, file: file, line: recordLine, column: missing,
                    message: "expected \(fieldCount) fields as in the header, found \(fields.count) on the last line, "
                        + "which has no line break: the file looks cut off: \(Self.quoted(text))"))
            } else {
                try rowError(TraceError(
                    .wrongFieldCount, file: file, line: recordLine, column: missing,
                    message: "expected \(fieldCount) fields as in the header, found \(fields.count): "
                        + Self.quoted(text)))
            }
            return scan.next
        }
        if scan.endedAtEOF, !lastColumnSurvivesCuts || fields[fieldCount - 1].count == 0 {
            // A cut could have shortened the last value into another valid one (`12.56` → `12.5`).
            let name = layout?.names[fieldCount - 1] ?? ""
            try rowError(TraceError(
                .truncatedLine, file: file, line: recordLine, column: name,
                message: "expected a line break after the last line, found none: its last value may be cut off "
                    + "(a file written whole ends with a line break; a last line without one is accepted only "
                    + "when it ends in outcome or healthy): \(Self.quoted(text))"))
            return scan.next
        }
        // A local reference to the scratch bytes (no copy: nothing writes them until the next
        // record), so that storing the row may mutate `self`.
        let bytes = scratch
        let row: TraceParsedRow
        do {
            row = try bytes.withUnsafeBufferPointer { (buffer) throws(TraceError) in
                try parseFields(buffer.baseAddress!, line: recordLine)
            }
        } catch {
            try rowError(error)
            return scan.next
        }
        let stored = bytes.withUnsafeBufferPointer { store(row, strings: $0.baseAddress!) }
        assert(stored, "parseFields lets only valid UTF-8 through")
        return scan.next
    }

    /// Throws `error`, or counts it when skipping bad rows.
    mutating func rowError(_ error: TraceError) throws(TraceError) {
        guard options.skipBadRows else { throw error }
        skipped.add(error)
    }

    /// Validates the fields of the record in ``scratch`` (at `base`) into a row.
    func parseFields(_ base: UnsafePointer<UInt8>, line: Int) throws(TraceError) -> TraceParsedRow {
        var row = TraceParsedRow()
        for (index, span) in fields.enumerated() {
            let kind = kinds[index]
            if kind == .skip { continue }
            let name = layout?.names[index] ?? ""
            let start = span.start
            let end = span.start + span.count
            let cell = UnsafeBufferPointer(start: base + start, count: span.count)
            func failure(_ code: TraceError.Code, _ expected: String) -> TraceError {
                let found = span.count == 0 ? "an empty cell" : Self.quoted(cell)
                return TraceError(code, file: file, line: line, column: name, message: "expected \(expected), found \(found)")
            }
            switch kind {
            case .skip:
                break
            case .timestamp:
                let expected = "Unix seconds (e.g. 1700000000.25) or ISO-8601 with a zone (e.g. 2023-01-29T10:00:00Z)"
                guard span.count > 0 else { throw failure(.emptyValue, expected) }
                switch TraceTimestamp.parse(base, from: start, to: end) {
                case .seconds(let value) where TraceLimits.isTimestampInRange(value):
                    row.timestamp = value
                case .seconds(let value):
                    // Numbers only: an ISO time past the limit is not in another unit.
                    if TraceDecimal.parse(base, from: start, to: end) != nil,
                       let hint = TraceLimits.unitHint(value, decimals: 0) {
                        throw failure(.outOfRange, "Unix seconds; \(hint)")
                    }
                    throw failure(.outOfRange, "Unix seconds with \(TraceLimits.timestampRange)")
                case .missingZone:
                    throw failure(.unparsableTimestamp,
                                  "an ISO-8601 time with a zone (add Z for UTC or an offset such as +08:00)")
                case .outOfRange:
                    throw failure(.outOfRange, "Unix seconds with \(TraceLimits.timestampRange)")
                case .invalid:
                    throw failure(.unparsableTimestamp, expected)
                }
            case .latencyMs:
                let expected = "a number of milliseconds ≥ 0"
                guard span.count > 0 else { throw failure(.emptyValue, expected) }
                guard let value = TraceDecimal.parse(base, from: start, to: end) else {
                    throw failure(.unparsableNumber, expected)
                }
                guard value >= 0 else { throw failure(.negativeLatency, expected) }
                guard TraceLimits.isLatencyInRange(value) else {
                    throw failure(.outOfRange, "a number of milliseconds \(TraceLimits.latencyRange)")
                }
                row.latencyMs = value + 0
            case .outcome:
                let expected = "success, failure, timeout or rejected"
                guard span.count > 0 else { throw failure(.emptyValue, expected) }
                guard let outcome = TraceOutcome(spelling: String(decoding: cell, as: UTF8.self)) else {
                    throw failure(.unknownOutcome, expected)
                }
                row.outcome = outcome
            case .target, .error, .caller, .region, .priority:
                if kind == .target, span.count == 0 { throw failure(.emptyValue, "the name of the dependency called") }
                if let bad = TraceUTF8.firstInvalidByte(base + start, count: span.count) {
                    let byte = String(base[start + bad], radix: 16, uppercase: true)
                    throw TraceError(
                        .invalidUTF8, file: file, line: line, column: name,
                        message: "expected UTF-8 text, found byte 0x\(byte) at byte \(bad + 1) of \(Self.quoted(cell)), "
                            + "which is not valid UTF-8 (save the file as UTF-8)")
                }
                switch kind {
                case .target: row.target = span
                case .error: row.error = span
                case .caller: row.caller = span
                case .region: row.region = span
                default: row.priority = span
                }
            case .healthy:
                switch (span.count, span.count == 1 ? cell[0] : 0) {
                case (0, _): row.healthy = -1
                case (1, UInt8(ascii: "0")): row.healthy = 0
                case (1, UInt8(ascii: "1")): row.healthy = 1
                default: throw failure(.outOfRange, "0, 1 or an empty cell")
                }
            case .propensity:
                let expected = "a probability in (0, 1] or an empty cell"
                if span.count == 0 { row.propensity = .nan; continue }
                guard let value = TraceDecimal.parse(base, from: start, to: end) else {
                    throw failure(.unparsableNumber, expected)
                }
                guard value > 0, value <= 1 else { throw failure(.outOfRange, expected) }
                row.propensity = value
            }
        }
        if options.requireTimeOrder, row.timestamp < lastTimestamp {
            let index = kinds.firstIndex(of: .timestamp) ?? 0
            let span = fields[index]
            throw TraceError(
                .nonMonotonicTime, file: file, line: line, column: layout?.names[index],
                message: "expected a timestamp ≥ the previous row's (\(lastTimestamp)), found "
                    + Self.quoted(UnsafeBufferPointer(start: base + span.start, count: span.count)))
        }
        return row
    }

    /// `bytes` as a quoted string for messages: at most 40 characters, control characters
    /// and quotes escaped.
    static func quoted(_ bytes: some Collection<UInt8>) -> String {
        var text = String(decoding: bytes.prefix(256), as: UTF8.self)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        var truncated = bytes.count > 256
        if text.count > 40 {
            text = String(text.prefix(40))
            truncated = true
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + (truncated ? "…\"" : "\"")
    }
}
