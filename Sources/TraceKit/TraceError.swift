/// A trace that cannot be read or written, with where and why, as a person needs it to fix the
/// file: `data/test.csv:1042: column 'latency_ms': expected a number ≥ 0, found "-3"`.
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, stable for matching and tests.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// A short identifier, e.g. `unparsable-number`.
        public let rawValue: String
        /// Wraps an identifier.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The file could not be opened, read or written.
        public static let io = Code(rawValue: "io")
        /// The file has no bytes (not even a header).
        public static let emptyFile = Code(rawValue: "empty-file")
        /// The file starts with a UTF-8 byte-order mark.
        public static let byteOrderMark = Code(rawValue: "byte-order-mark")
        /// A required column is missing from the header.
        public static let missingColumn = Code(rawValue: "missing-column")
        /// A header names the same column twice.
        public static let duplicateColumn = Code(rawValue: "duplicate-column")
        /// A row has fewer or more fields than the header.
        public static let wrongFieldCount = Code(rawValue: "wrong-field-count")
        /// A number cell does not parse.
        public static let unparsableNumber = Code(rawValue: "unparsable-number")
        /// A timestamp cell is neither Unix seconds nor ISO-8601 with a zone.
        public static let unparsableTimestamp = Code(rawValue: "unparsable-timestamp")
        /// A latency is negative.
        public static let negativeLatency = Code(rawValue: "negative-latency")
        /// An outcome is not `success`, `failure`, `timeout` or `rejected`.
        public static let unknownOutcome = Code(rawValue: "unknown-outcome")
        /// A value is outside its allowed range: a timestamp not below
        /// ``TraceReader/maxTimestampMagnitude`` in magnitude, a latency above
        /// ``TraceReader/maxLatencyMs``, `healthy` not 0/1, `propensity` not in (0, 1].
        public static let outOfRange = Code(rawValue: "out-of-range")
        /// A required cell is empty.
        public static let emptyValue = Code(rawValue: "empty-value")
        /// Time goes backwards where the caller asked for order.
        public static let nonMonotonicTime = Code(rawValue: "non-monotonic-time")
        /// The last line has no line break and may have been cut off: it has fewer fields than
        /// the header, or its last value is one a cut could have shortened (see ``TraceReader``).
        public static let truncatedLine = Code(rawValue: "truncated-line")
        /// A quoted field is not closed before the end of the file or within
        /// ``TraceReader/maxRecordBytes`` of its record's start.
        public static let unterminatedQuote = Code(rawValue: "unterminated-quote")
        /// A record (outside quotes) is longer than ``TraceReader/maxRecordBytes``.
        public static let recordTooLong = Code(rawValue: "record-too-long")
        /// A string cell the reader keeps is not valid UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        /// The identifier.
        public var description: String { rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The file (as given by the caller).
    public var file: String
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    /// The column name, when the problem is in one cell.
    public var column: String?
    /// What was expected and what was found.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE: column 'NAME': MESSAGE`, omitting the parts that do not apply.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column '\(column)': " }
        return text + message
    }
}
