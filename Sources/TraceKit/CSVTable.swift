import Foundation

extension TraceError.Code {
    /// A quoted field is followed by something other than a comma or a line break
    /// (`"abc"x`), which RFC 4180 does not allow.
    public static let textAfterQuote = TraceError.Code(rawValue: "text-after-quote")
}

/// A whole CSV file with a header row, parsed into strings: the general reader the importers use
/// for their (small, foreign) input files. The fast schema-v1 reader is separate; this one favours
/// exactness and clear errors over speed (a 4 MB file takes well under a second).
///
/// The format is RFC 4180:
/// - fields are separated by commas and records by `\n`, `\r\n` or a lone `\r`;
/// - a field that starts with `"` is quoted: it runs to the next lone `"`, `""` inside stands for
///   one `"`, and commas and line breaks inside are part of the value; only a comma, a line break
///   or the end of the file may follow the closing quote;
/// - a `"` inside an unquoted field is kept as a literal character (lenient);
/// - every record must have as many fields as the header.
///
/// Also: a UTF-8 byte-order mark at the start is ignored; header names are trimmed of spaces and
/// tabs; empty lines (no characters at all) are skipped and counted in ``blankLines``; invalid
/// UTF-8 becomes U+FFFD. Line numbers are 1-based physical lines (the header is line 1), so a
/// record whose quoted field spans lines is reported at the line where it starts.
///
/// Every problem is a ``TraceError`` naming the file, the line and, for a cell, the column.
public struct CSVTable: Sendable, Equatable {
    /// One data record: its fields in header order and the line it starts on.
    public struct Row: Sendable, Equatable {
        /// The 1-based line the record starts on (the header is line 1).
        public let line: Int
        /// The fields, exactly as many as the header has.
        public let fields: [String]

        /// Creates a row.
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }

        /// The field at `column` (an index from ``CSVTable/columnIndex(_:)``).
        public subscript(column: Int) -> String { fields[column] }
    }

    /// The file name used in errors (as given).
    public let file: String
    /// The column names of the header, trimmed of spaces and tabs.
    public let header: [String]
    /// The data records in file order.
    public let rows: [Row]
    /// Empty lines that were skipped (they hold no record).
    public let blankLines: Int

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``TraceError`` `io` when the file is missing or unreadable, otherwise as
    ///   ``init(bytes:file:)``.
    public init(contentsOf path: String) throws(TraceError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TraceError(.io, file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw TraceError(.io, file: path, message: "is a folder, not a CSV file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TraceError(.io, file: path, message: "cannot read the file (permission?)")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Parses CSV `text`; `file` names it in errors.
    public init(text: String, file: String = "<text>") throws(TraceError) {
        try self.init(bytes: Array(text.utf8), file: file)
    }

    /// Parses CSV bytes; `file` names them in errors.
    ///
    /// - Throws: ``TraceError`` with code `emptyFile` (no header), `duplicateColumn`,
    ///   `unterminatedQuote` (at the line where the quote opened), `textAfterQuote`,
    ///   `wrongFieldCount`, or `truncatedLine` (the last line has no line break and too few
    ///   fields: the file was cut off).
    public init(bytes: [UInt8], file: String) throws(TraceError) {
        self.file = file
        var parser = Parser(bytes: bytes, file: file)
        var header: [String]?
        var rows: [Row] = []
        var blank = 0
        while let record = try parser.next(columns: header) {
            if record.isBlank {
                blank += 1
                continue
            }
            guard let columns = header else {
                let names = record.fields.map { $0.trimmingCharacters(in: .init(charactersIn: " \t")) }
                var seen: Set<String> = []
                for (index, name) in names.enumerated() where !name.isEmpty {
                    guard seen.insert(name).inserted else {
                        throw TraceError(.duplicateColumn, file: file, line: record.line, column: name,
                                         message: "the header names this column twice (field \(index + 1))")
                    }
                }
                header = names
                continue
            }
            guard record.fields.count == columns.count else {
                if record.isLastWithoutLineBreak, record.fields.count < columns.count {
                    throw TraceError(.truncatedLine, file: file, line: record.line,
                                     message: "the last line has \(record.fields.count) of \(columns.count) fields and no line break: the file looks cut off")
                }
                throw TraceError(.wrongFieldCount, file: file, line: record.line,
                                 message: "expected \(columns.count) fields as in the header, found \(record.fields.count)")
            }
            rows.append(Row(line: record.line, fields: record.fields))
        }
        guard let header else {
            throw TraceError(.emptyFile, file: file, message: "the file is empty: expected a header line")
        }
        self.header = header
        self.rows = rows
        blankLines = blank
    }

    /// The index of the column called `name`, or `nil` when the header lacks it.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex(of: name)
    }

    /// The index of the column called `name`.
    ///
    /// - Throws: ``TraceError`` `missingColumn` at line 1, listing the header.
    public func requiredColumn(_ name: String) throws(TraceError) -> Int {
        guard let index = columnIndex(name) else {
            throw TraceError(.missingColumn, file: file, line: 1, column: name,
                             message: "missing from the header (found: \(header.joined(separator: ", ")))")
        }
        return index
    }

    /// The cell of `row` in `column`, trimmed of spaces and tabs.
    public func text(_ row: Row, _ column: Int) -> String {
        row.fields[column].trimmingCharacters(in: .init(charactersIn: " \t"))
    }

    /// The cell of `row` in `column` as a finite number, or `nil` when it is empty.
    ///
    /// - Throws: ``TraceError`` `unparsableNumber` naming the line and the column.
    public func number(_ row: Row, _ column: Int) throws(TraceError) -> Double? {
        let cell = text(row, column)
        if cell.isEmpty { return nil }
        guard let value = Double(cell), value.isFinite else {
            throw error(.unparsableNumber, row, column, "expected a number, found \"\(cell)\"")
        }
        return value
    }

    /// The cell of `row` in `column` as an integer, or `nil` when it is empty.
    ///
    /// - Throws: ``TraceError`` `unparsableNumber` naming the line and the column.
    public func integer(_ row: Row, _ column: Int) throws(TraceError) -> Int? {
        let cell = text(row, column)
        if cell.isEmpty { return nil }
        guard let value = Int(cell) else {
            throw error(.unparsableNumber, row, column, "expected an integer, found \"\(cell)\"")
        }
        return value
    }

    /// An error about the cell of `row` in `column`.
    public func error(_ code: TraceError.Code, _ row: Row, _ column: Int, _ message: String) -> TraceError {
        TraceError(code, file: file, line: row.line, column: header[column], message: message)
    }

    /// A byte-level RFC 4180 record scanner.
    private struct Parser {
        struct Record {
            var line: Int
            var fields: [String]
            var isBlank: Bool
            var isLastWithoutLineBreak: Bool
        }

        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(10), cr = UInt8(13)

        /// Consumes a line break at `index` (if any), counting the line; returns whether there was one.
        mutating func consumeLineBreak() -> Bool {
            guard index < bytes.count else { return false }
            if bytes[index] == Self.lf {
                index += 1
            } else if bytes[index] == Self.cr {
                index += 1
                if index < bytes.count, bytes[index] == Self.lf { index += 1 }
            } else {
                return false
            }
            line += 1
            return true
        }

        /// The next record, or `nil` at the end. `columns` (the header, once known) only names
        /// the column in quote errors.
        mutating func next(columns: [String]?) throws(TraceError) -> Record? {
            guard index < bytes.count else { return nil }
            let startLine = line
            if bytes[index] == Self.lf || bytes[index] == Self.cr {
                _ = consumeLineBreak()
                return Record(line: startLine, fields: [], isBlank: true, isLastWithoutLineBreak: false)
            }
            var fields: [String] = []
            while true {
                let fieldNumber = fields.count
                let columnName = columns.flatMap { fieldNumber < $0.count ? $0[fieldNumber] : nil }
                if index < bytes.count, bytes[index] == Self.quote {
                    let quoteLine = line
                    index += 1
                    var value: [UInt8] = []
                    while true {
                        guard index < bytes.count else {
                            throw TraceError(.unterminatedQuote, file: file, line: quoteLine, column: columnName,
                                             message: "the quoted field opened here is never closed")
                        }
                        let byte = bytes[index]
                        if byte == Self.quote {
                            if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                                value.append(Self.quote)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if byte == Self.lf || (byte == Self.cr && !(index + 1 < bytes.count && bytes[index + 1] == Self.lf)) {
                            line += 1
                        }
                        value.append(byte)
                        index += 1
                    }
                    if index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
                        throw TraceError(.textAfterQuote, file: file, line: line, column: columnName,
                                         message: "unexpected \"\(String(decoding: [bytes[index]], as: UTF8.self))\" after a closing quote: expected a comma or the end of the line (write a quote inside a quoted field as \"\")")
                    }
                    fields.append(String(decoding: value, as: UTF8.self))
                } else {
                    let start = index
                    while index < bytes.count, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
                        index += 1
                    }
                    fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                if index < bytes.count, bytes[index] == Self.comma {
                    index += 1
                    continue
                }
                let hadLineBreak = consumeLineBreak()
                return Record(line: startLine, fields: fields, isBlank: false, isLastWithoutLineBreak: !hadLineBreak)
            }
        }
    }
}
