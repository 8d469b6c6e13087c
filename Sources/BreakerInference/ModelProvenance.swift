/// Where a model came from: its input files, the training rows, when and by which build.
///
/// ``LogisticModelFile/validate(source:)`` enforces: every ``ModelTraceFile`` valid, `rows` ≥ 0,
/// `positiveRate` in [0, 1], `createdAt` of the form `YYYY-MM-DDTHH:MM:SS[.fraction]Z`
/// (ISO-8601, UTC) with calendar-valid fields, `tripwiseVersion` non-empty.
public struct ModelProvenance: Sendable, Hashable, Codable {
    /// The trace files the training rows were built from.
    public var traces: [ModelTraceFile]
    /// The trace files of a separate validation split, when there was one (nil otherwise, or
    /// when validation rows were a time split of `traces`).
    public var validation: [ModelTraceFile]?
    /// Training rows.
    public var rows: Int
    /// The (unweighted) fraction of training rows labelled 1, in [0, 1].
    public var positiveRate: Double
    /// When the model was written: ISO-8601 in UTC, e.g. `2025-03-01T12:00:00Z`.
    public var createdAt: String
    /// The version of Tripwise that wrote the model.
    public var tripwiseVersion: String

    /// Creates a record from its fields verbatim (no checks).
    public init(traces: [ModelTraceFile], validation: [ModelTraceFile]?, rows: Int, positiveRate: Double,
                createdAt: String, tripwiseVersion: String) {
        self.traces = traces
        self.validation = validation
        self.rows = rows
        self.positiveRate = positiveRate
        self.createdAt = createdAt
        self.tripwiseVersion = tripwiseVersion
    }

    /// Whether `text` has the form `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with month 01–12, day
    /// 01–31, hour 00–23, minute 00–59 and second 00–60 (a leap second).
    public static func isUTCTimestamp(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard chars.count >= 20, chars.last == UInt8(ascii: "Z") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = chars[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"), chars[10] == UInt8(ascii: "T"),
              chars[13] == UInt8(ascii: ":"), chars[16] == UInt8(ascii: ":"),
              number(0..<4) != nil,
              let month = number(5..<7), (1...12).contains(month),
              let day = number(8..<10), (1...31).contains(day),
              let hour = number(11..<13), hour < 24,
              let minute = number(14..<16), minute < 60,
              let second = number(17..<19), second <= 60
        else { return false }
        if chars.count == 20 { return true }
        // A fraction: '.', one or more digits, then 'Z'.
        return chars[19] == UInt8(ascii: ".") && chars.count > 21
            && chars[20..<(chars.count - 1)].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
