/// What the reader does with one field of a row, by its position in the header.
enum TraceFieldKind: UInt8, Sendable {
    /// A column the reader does not keep (unknown, or an optional column not asked for): its
    /// cells are delimited but never parsed.
    case skip
    case timestamp
    case target
    case latencyMs
    case outcome
    case error
    case caller
    case region
    case priority
    case healthy
    case propensity

    init(_ column: TraceColumn) {
        switch column {
        case .timestamp: self = .timestamp
        case .target: self = .target
        case .latencyMs: self = .latencyMs
        case .outcome: self = .outcome
        case .error: self = .error
        case .caller: self = .caller
        case .region: self = .region
        case .priority: self = .priority
        case .healthy: self = .healthy
        case .propensity: self = .propensity
        }
    }
}

/// The header of a trace file, resolved: which field holds which column and which optional
/// columns are kept.
struct TraceLayout: Sendable {
    /// The header's names, in file order.
    let names: [String]
    /// What to do with each field, in file order.
    let kinds: [TraceFieldKind]
    /// The optional columns the resulting trace holds: present in the header and asked for.
    let keptOptionalColumns: Set<TraceColumn>

    /// Resolves `names` (the header's fields, unquoted) against schema v1.
    ///
    /// - Throws: ``TraceError`` `duplicateColumn` when a known column appears twice,
    ///   `missingColumn` when a required column is absent (line 1, naming the column).
    init(header names: [String], options: TraceReadOptions, file: String) throws(TraceError) {
        var seen: Set<TraceColumn> = []
        var kinds: [TraceFieldKind] = []
        var kept: Set<TraceColumn> = []
        for name in names {
            guard let column = TraceColumn(rawValue: name) else {
                kinds.append(.skip)
                continue
            }
            guard seen.insert(column).inserted else {
                throw TraceError(.duplicateColumn, file: file, line: 1, column: name,
                                 message: "the header names column '\(name)' twice; expected each column once")
            }
            if column.isRequired {
                kinds.append(TraceFieldKind(column))
            } else if options.optionalColumns?.contains(column) ?? true {
                kinds.append(TraceFieldKind(column))
                kept.insert(column)
            } else {
                kinds.append(.skip)
            }
        }
        for column in TraceColumn.allCases where column.isRequired && !seen.contains(column) {
            let found = names.map { TraceParser.quoted(Array($0.utf8)) }.joined(separator: ", ")
            throw TraceError(.missingColumn, file: file, line: 1, column: column.rawValue,
                             message: "the header has no required column '\(column.rawValue)'; expected "
                                 + "timestamp, target, latency_ms and outcome (any order), found \(found)")
        }
        self.names = names
        self.kinds = kinds
        keptOptionalColumns = kept
    }

    /// Fields per row.
    var fieldCount: Int { names.count }
}
