import Foundation
import TraceKit

/// Reading a trace for a command: `TraceError`s become `Error: FILE:LINE: …` with exit 65
/// (sysexits' EX_DATAERR), and rows skipped under `--skip-bad-rows` are reported on standard
/// error, one line each, so nothing disappears silently.
enum TraceLoading {
    /// The `--skip-bad-rows` option every trace-reading command offers.
    static let skipBadRowsOption = CLIOption.flag(
        "skip-bad-rows", help: "Skip malformed rows instead of failing; every skipped row is reported.")

    /// Reads `path`, reporting skipped rows on `io`'s standard error.
    static func read(_ path: String, parsed: ParsedArguments, io: CLIOutput,
                     requireTimeOrder: Bool = false) throws -> TraceReadResult {
        var options = TraceReadOptions()
        options.skipBadRows = parsed.flag("skip-bad-rows")
        options.requireTimeOrder = requireTimeOrder
        let result: TraceReadResult
        do {
            result = try TraceReader.read(path: path, options: options)
        } catch {
            throw CommandFailure("\(error)", exitCode: .dataError)
        }
        if !result.skippedRows.isEmpty {
            io.printError("warning: skipped \(result.skippedRows.count) malformed row(s) of \(path):")
            for skipped in result.skippedRows { io.printError("  \(skipped)") }
        }
        return result
    }

    /// A table with right-aligned columns after the first.
    static func table(_ rows: [[String]]) -> [String] {
        guard let width = rows.first?.count else { return [] }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }

    /// JSON for `value` with sorted keys (pretty-printed, or on one line for JSON Lines); NaN
    /// and infinities as strings.
    static func json(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
