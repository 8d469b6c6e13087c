import Foundation
import TraceKit

/// CSV ingest: `TraceReader.read(path:)` on a deterministic trace file held in the page
/// cache, in MB/s and ns per row, against DESIGN.md's target (≥ 550 MB/s on one core, faster
/// than pandas' C parser on the same file, ~460 MB/s here; `compare_pandas.py` measures pandas
/// on the identical file).
///
/// The file has `timestamp,target,latency_ms,outcome` and `--iterations` rows (1,000,000 by
/// default, ~42 bytes each): 8 targets, microsecond timestamps ~0.5 ms apart, log-normal
/// latencies around 20 ms with microsecond precision, ~4 % failures and ~1 % timeouts of
/// 5 s. It is written with `TraceWriter` (seeded, so every run writes the same bytes), into a
/// temporary file that is deleted afterwards, or at `--file PATH`, where it is kept (and
/// reused as it is when it already exists).
///
/// Rows: `TraceReader.read(path:)` (the figure: chunked `read(2)` from the page cache, as a
/// tool reads a file) and `TraceReader.read(bytes:)` (the same bytes already in memory).
/// Every run must give the same row count and skip nothing, or the suite fails.
struct IngestSuite: BenchmarkSuite {
    let name = "ingest"
    let summary = "TraceReader.read(path:) MB/s and ns/row on a generated ~42 MB trace CSV"
    let defaultIterations = 1_000_000
    var takesFile: Bool { true }

    static let readPath = "TraceReader.read(path:)"
    static let readBytes = "TraceReader.read(bytes:)"
    /// DESIGN.md's floor for CSV ingest on one core of this machine.
    static let targetMegabytesPerSecond = 550.0

    func run(_ harness: Harness) throws -> SuiteReport {
        let keep = harness.file != nil
        let path = harness.file
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-ingest-\(getpid()).csv").path
        var generated = false
        if !FileManager.default.fileExists(atPath: path) {
            harness.progress("writing \(harness.iterations) rows to \(path)")
            try Self.writeFile(path: path, rows: harness.iterations)
            generated = true
        }
        defer { if !keep { try? FileManager.default.removeItem(atPath: path) } }

        // One untimed read: brings the file into the page cache and fixes the expected rows.
        let first = try TraceReader.read(path: path)
        let rows = first.trace.count
        let bytes = first.bytesRead
        guard rows > 0 else { throw BenchmarkInvalid(benchmark: Self.readPath, reason: "\(path) has no rows") }
        if generated, rows != harness.iterations {
            throw BenchmarkInvalid(benchmark: Self.readPath, reason: "wrote \(harness.iterations) rows, read \(rows)")
        }
        let contents = try Self.contents(of: path)

        var measuring = harness
        measuring.iterations = rows
        let measurements = try measuring.measure([
            Self.reading(Self.readPath, rows: rows) { try TraceReader.read(path: path) },
            Self.reading(Self.readBytes, rows: rows) { try TraceReader.read(bytes: contents, name: path) },
        ])
        let bytesPerRow = Double(bytes) / Double(rows)
        let results = measurements.map { SuiteReport.Result($0, bytesPerOperation: bytesPerRow) }
        var targets: [SuiteReport.Target] = []
        if let row = results.first(where: { $0.name == Self.readPath }), let rate = row.megabytesPerSecond {
            targets.append(SuiteReport.Target(
                name: Self.readPath, limitMegabytesPerSecond: Self.targetMegabytesPerSecond,
                megabytesPerSecond: rate, source: "DESIGN.md; pandas' C parser ~460 MB/s here",
                met: rate >= Self.targetMegabytesPerSecond))
        }
        let megabytes = TextReport.format(Double(bytes) / 1e6, places: 1)
        return SuiteReport(
            suite: name, runs: harness.runs, iterations: rows, results: results, targets: targets,
            notes: [
                "file: \(path) (\(generated ? "written now" : "existing"), \(keep ? "kept" : "deleted afterwards")): "
                    + "\(bytes) bytes (\(megabytes) MB), \(rows) rows, "
                    + "\(TextReport.format(bytesPerRow, places: 1)) bytes/row; ns per operation = ns per row; MB = 10^6 bytes",
                "compare with pandas on the same file: python3 compare_pandas.py \(path)",
            ],
            details: [
                ("file", .string(path)),
                ("file_bytes", .integer(bytes)),
                ("rows", .integer(rows)),
                ("bytes_per_row", .number(bytesPerRow.rounded(toPlaces: 2))),
                ("file_written", .bool(generated)),
            ])
    }

    /// A row that reads the whole file once per run (the `n` operations are its rows) and
    /// checks that every read gives `rows` rows and skips none.
    static func reading(_ name: String, rows: Int, read: @escaping () throws -> TraceReadResult) -> Benchmark {
        let problem = Problem()
        return .singleThreaded(name, check: { problem.text }) { _ in
            do {
                let result = try read()
                if result.trace.count != rows || !result.skippedRows.isEmpty {
                    problem.text = "read \(result.trace.count) rows (\(result.skippedRows.count) skipped), expected \(rows)"
                }
                blackHole(result)
            } catch {
                problem.text = "\(error)"
            }
        }
    }

    static func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BenchmarkInvalid(benchmark: readBytes, reason: "cannot read \(path)")
        }
        return [UInt8](data)
    }
}

/// The first problem a benchmark loop ran into, for its check.
final class Problem {
    var text: String?
}

// MARK: - The file

extension IngestSuite {
    static let targets = ["payments", "checkout", "search", "catalog", "identity", "shipping", "pricing", "reviews"]

    /// Writes the benchmark trace: the same bytes for the same `rows`, on every machine.
    static func writeFile(path: String, rows: Int) throws {
        var random = TraceRandom(seed: 0x1D5E_57)  // seeded: the same file on every run
        let writer = try TraceWriter(path: path)
        var micros: Int64 = 1_700_000_000_000_000
        for _ in 0..<rows {
            // Exponential gaps, mean 500 µs.
            micros += Int64(-500 * log(1 - random.uniform()))
            let target = targets[Int(random.next() % UInt64(targets.count))]
            let draw = random.uniform()
            let outcome: TraceOutcome = draw < 0.04 ? .failure : draw < 0.05 ? .timeout : .success
            var latency: Double
            switch outcome {
            case .timeout:
                latency = 5000
            default:
                // Log-normal around 20 ms (σ = 0.6), failures faster (they fail early).
                let normal = sqrt(-2 * log(1 - random.uniform())) * cos(2 * Double.pi * random.uniform())
                latency = exp(log(outcome == .failure ? 8.0 : 20.0) + 0.6 * normal)
            }
            latency = (latency * 1000).rounded() / 1000
            try writer.append(TraceRecord(timestamp: Double(micros) / 1e6, target: target,
                                          latencyMs: latency, outcome: outcome))
        }
        try writer.finish()
    }
}
