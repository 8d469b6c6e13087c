/// A dictionary-encoded column of strings: one small integer code per row and each distinct
/// value stored once, so a million rows naming ten targets cost four megabytes, not a million
/// strings. The empty string stands for an empty cell.
public struct StringColumn: Sendable, Equatable {
    /// Per-row codes into ``values``.
    public private(set) var codes: [UInt32] = []
    /// The distinct values, in order of first appearance; `values[codes[row]]` is the row's value.
    public private(set) var values: [String] = []
    private var index: [String: UInt32] = [:]

    /// An empty column.
    public init() {}

    /// Rows in the column.
    public var count: Int { codes.count }

    /// The value of `row`.
    @inlinable
    public subscript(row: Int) -> String { values[Int(codes[row])] }

    /// The code of `value`, adding it to the dictionary if new.
    public mutating func code(for value: String) -> UInt32 {
        if let code = index[value] { return code }
        let code = UInt32(values.count)
        values.append(value)
        index[value] = code
        return code
    }

    /// Appends a row holding `value`.
    public mutating func append(_ value: String) {
        codes.append(code(for: value))
    }

    /// Appends a row holding the value with `code` (from ``code(for:)``).
    public mutating func append(code: UInt32) {
        precondition(Int(code) < values.count, "unknown string code")
        codes.append(code)
    }

    /// Reserves room for `rows` rows.
    public mutating func reserveCapacity(_ rows: Int) {
        codes.reserveCapacity(rows)
    }

    /// Columns are equal when their rows hold equal strings (codes may differ).
    public static func == (lhs: StringColumn, rhs: StringColumn) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.values == rhs.values { return lhs.codes == rhs.codes }
        return (0..<lhs.count).allSatisfy { lhs[$0] == rhs[$0] }
    }
}
