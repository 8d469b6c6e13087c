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

/// The outcome of tokenizing one record.
enum TraceTokenizeResult {
    /// The record does not end before `end` and more input will come.
    case needMore
    /// The record, its fields in ``TraceParser/fields``.
    case record(TraceRecordScan)
    /// Field `field` (0-based) opens a quote on line `line` that is still open at the end of input.
    case unterminatedQuote(field: Int, line: Int)
}

/// The slow path: RFC 4180 records (quoted fields with `""` escapes, commas and line breaks
/// inside quotes), the last line of the input, blank lines, and every row error.
extension TraceParser {
    /// Splits the record at `start` into fields, unquoted, in ``scratch`` (each field followed by
    /// a 0 byte, then padding), their spans in ``fields``.
    ///
    /// After a closing quote, bytes up to the next delimiter are kept literally (`"a"b` is
    /// `ab`), and a quote inside an unquoted field is an ordinary character, as pandas and
    /// Python's csv module read them. `\r` before a line break ends the line (`\r\n`).
    mutating func tokenize(_ base: UnsafePointer<UInt8>, from start: Int, end: Int, isFinal: Bool) -> TraceTokenizeResult {
        scratch.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        var p = start
        var lineBreaks = 0
        while true {
            let fieldStart = scratch.count
            if p < end, base[p] == UInt8(ascii: "\"") {
                let quoteLine = line + lineBreaks
                p += 1
                while true {
                    guard p < end else {
                        return isFinal ? .unterminatedQuote(field: fields.count, line: quoteLine) : .needMore
                    }
                    let byte = base[p]
                    if byte == UInt8(ascii: "\"") {
                        if p + 1 < end, base[p + 1] == UInt8(ascii: "\"") {
                            scratch.append(byte)
                            p += 2
                            continue
                        }
                        if p + 1 == end, !isFinal { return .needMore }  // `"` or `""`? More bytes tell.
                        p += 1
                        break
                    }
                    if byte == UInt8(ascii: "\n") { lineBreaks += 1 }
                    scratch.append(byte)
                    p += 1
                }
            }
            let plainStart = scratch.count
            while p < end, base[p] != UInt8(ascii: ","), base[p] != UInt8(ascii: "\n") {
                scratch.append(base[p])
                p += 1
            }
            if p < end, base[p] == UInt8(ascii: ",") {
                closeField(from: fieldStart)
                p += 1
                continue
            }
            if p == end, !isFinal { return .needMore }
            // The record ends: a line break, or the end of the input.
            if scratch.count > plainStart, scratch[scratch.count - 1] == UInt8(ascii: "\r") {
                scratch.removeLast()
            }
            closeField(from: fieldStart)
            scratch.append(contentsOf: repeatElement(0, count: Self.padding))
            let endedAtEOF = p == end
            let next = endedAtEOF ? end : p + 1
            let raw = next - start - (endedAtEOF ? 0 : 1)
            let isBlank = fields.count == 1 && fields[0].count == 0
                && (raw == 0 || (raw == 1 && base[start] == UInt8(ascii: "\r")))
            return .record(TraceRecordScan(next: next, lineBreaks: lineBreaks + (endedAtEOF ? 0 : 1),
                                           endedAtEOF: endedAtEOF, isBlank: isBlank))
        }
    }

    private mutating func closeField(from fieldStart: Int) {
        fields.append(TraceSpan(start: fieldStart, count: scratch.count - fieldStart))
        scratch.append(0)
    }

    /// Parses the record at `start` the slow way and stores it, or reports it as a row error.
    /// Returns where the next record starts, or nil when the record is not complete and more
    /// input will come.
    ///
    /// - Throws: the row's error, unless `options.skipBadRows` (then it is collected).
    mutating func slowRow(_ base: UnsafePointer<UInt8>, at start: Int, end: Int, isFinal: Bool) throws(TraceError) -> Int? {
        let recordLine = line
        let scan: TraceRecordScan
        switch tokenize(base, from: start, end: end, isFinal: isFinal) {
        case .needMore:
            return nil
        case .unterminatedQuote(let field, let quoteLine):
            let column = field < fieldCount ? layout?.names[field] : nil
            try rowError(TraceError(
                .unterminatedQuote, file: file, line: quoteLine, column: column,
                message: "expected a closing quote (\") for the field opened here, found the end of the file: "
                    + Self.quoted(UnsafeBufferPointer(start: base + start, count: end - start))))
            return end  // the quote took the rest of the file
        case .record(let record):
            scan = record
        }
        if scan.isBlank, scan.next == end, !isFinal { return nil }  // the last line of the file? More input tells.
        line += scan.lineBreaks
        let text = UnsafeBufferPointer(start: base + start, count: scan.next - start)
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
        bytes.withUnsafeBufferPointer { store(row, strings: $0.baseAddress!) }
        return scan.next
    }

    /// Throws `error`, or records it when skipping bad rows.
    mutating func rowError(_ error: TraceError) throws(TraceError) {
        guard options.skipBadRows else { throw error }
        skipped.append(error)
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
                case .seconds(let value):
                    row.timestamp = value
                case .missingZone:
                    throw failure(.unparsableTimestamp,
                                  "an ISO-8601 time with a zone (add Z for UTC or an offset such as +08:00)")
                case .outOfRange:
                    throw failure(.outOfRange, "a finite number of Unix seconds")
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
                guard value.isFinite else { throw failure(.outOfRange, "a finite " + expected) }
                row.latencyMs = value + 0
            case .outcome:
                let expected = "success, failure, timeout or rejected"
                guard span.count > 0 else { throw failure(.emptyValue, expected) }
                guard let outcome = TraceOutcome(spelling: String(decoding: cell, as: UTF8.self)) else {
                    throw failure(.unknownOutcome, expected)
                }
                row.outcome = outcome
            case .target:
                guard span.count > 0 else { throw failure(.emptyValue, "the name of the dependency called") }
                row.target = span
            case .error: row.error = span
            case .caller: row.caller = span
            case .region: row.region = span
            case .priority: row.priority = span
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
        var text = String(decoding: bytes, as: UTF8.self)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        var truncated = false
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
