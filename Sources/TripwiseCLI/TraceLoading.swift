import Foundation
import BreakerTraining
import TraceKit

/// Reading a trace for a command: `TraceError`s become `Error: FILE:LINE: …` with exit 65
/// (sysexits' EX_DATAERR) for malformed content and 66 (EX_NOINPUT) for a file that cannot be
/// opened or read; rows skipped under `--skip-bad-rows` are reported on standard error, every
/// one counted (by error code) and the first 100 shown, so nothing disappears silently.
enum TraceLoading {
    /// The `--skip-bad-rows` option every trace-reading command offers.
    static let skipBadRowsOption = CLIOption.flag(
        "skip-bad-rows", help: "Skip malformed rows instead of failing; skipped rows are counted by reason and the first 100 shown.")

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
            throw failure(error)
        }
        for line in skippedReport(result.skippedRows, path: path) { io.printError(line) }
        return result
    }

    /// A reader error as a command failure: exit 66 when the file cannot be opened or read
    /// (`io`), 65 for anything wrong with its content.
    static func failure(_ error: TraceError) -> CommandFailure {
        CommandFailure(error.description, exitCode: error.code == .io ? .noInput : .dataError)
    }

    /// The warning lines for `skipped` rows of `path` (none when no row was skipped): the count
    /// by error code, the examples kept, and how many more were skipped than shown.
    static func skippedReport(_ skipped: TraceSkippedRows, path: String) -> [String] {
        guard !skipped.isEmpty else { return [] }
        let byCode = skipped.countsByCode
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key) \($0.value)" }
        var lines = ["warning: skipped \(skipped.count) malformed row(s) of \(path): \(byCode.joined(separator: ", "))"]
        lines += skipped.examples.map { "  \($0)" }
        let hidden = skipped.count - skipped.examples.count
        if hidden > 0 {
            lines.append("  … and \(hidden) more skipped row(s) not shown (the first \(skipped.examples.count) are)")
        }
        return lines
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

    /// Every `--trace` and `--validation` file, read in the order given, each reported with its
    /// call count: the inputs of the `train` commands.
    static func trainingSources(_ parsed: ParsedArguments, io: CLIOutput) throws -> (traces: [TraceSource], validation: [TraceSource]) {
        var traces: [TraceSource] = []
        var validation: [TraceSource] = []
        for (option, suffix) in [("trace", ""), ("validation", " (validation)")] {
            for path in parsed.values(option) {
                let loaded = try read(path, parsed: parsed, io: io)
                io.print("read \(path)\(suffix): \(loaded.trace.count) calls")
                let source = TraceSource(path: path, trace: loaded.trace, bytes: loaded.bytesRead)
                if option == "trace" { traces.append(source) } else { validation.append(source) }
            }
        }
        return (traces, validation)
    }
}
