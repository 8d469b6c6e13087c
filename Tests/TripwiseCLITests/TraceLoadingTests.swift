import Foundation
import Testing
import TraceKit
@testable import TripwiseCLI

@Suite("Trace loading for commands: exit statuses and skip reports")
struct TraceLoadingTests {
    private func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-loading-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a missing or unreadable trace is exit 66 (no input); a malformed one stays 65")
    func exitStatuses() throws {
        let missing = "/nonexistent-\(UUID().uuidString)/trace.csv"
        let run = CLIRun(["inspect", missing])
        #expect(run.exitCode == .noInput)
        #expect(run.stderr.hasPrefix("Error: \(missing): cannot open the file"), "\(run.stderr)")
        let folder = CLIRun(["inspect", FileManager.default.temporaryDirectory.path])
        #expect(folder.exitCode == .noInput)
        #expect(CLIRun(["replay", "--trace", missing]).exitCode == .noInput)

        let path = try temporaryFile("timestamp,target,latency_ms,outcome\n1700000000000,a,1,success\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bad = CLIRun(["inspect", path])
        #expect(bad.exitCode == .dataError)
        #expect(bad.stderr.contains("\(path):2: column 'timestamp': expected Unix seconds; 1.7e12 looks like milliseconds"))
    }

    @Test("skipped rows: every one counted by code, the first 100 shown, the rest said")
    func skipReport() throws {
        var text = "timestamp,target,latency_ms,outcome\n"
        for row in 0..<300 {
            text += row % 2 == 0 ? "\(row),a,-1,success\n" : row % 3 == 0 ? "\(row),a,1,ok\n" : "\(row),a,1,success\n"
        }
        let path = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = CLIRun(["inspect", path, "--skip-bad-rows"])
        #expect(run.exitCode == .success, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "warning: skipped 200 malformed row(s) of \(path): negative-latency 150, unknown-outcome 50")
        #expect(lines.filter { $0.hasPrefix("  \(path):") }.count == 100)
        #expect(lines.last == "  … and 100 more skipped row(s) not shown (the first 100 are)")
    }

    @Test("the report lists codes by count, then name; nothing when no row was skipped")
    func reportLines() {
        #expect(TraceLoading.skippedReport(TraceSkippedRows(), path: "p").isEmpty)
        var skipped = TraceSkippedRows()
        skipped.add(TraceError(.unknownOutcome, file: "p", line: 2, column: "outcome", message: "m"))
        skipped.add(TraceError(.emptyValue, file: "p", line: 3, column: "target", message: "m"))
        skipped.add(TraceError(.invalidUTF8, file: "p", line: 4, column: "target", message: "m"))
        skipped.add(TraceError(.invalidUTF8, file: "p", line: 5, column: "target", message: "m"))
        #expect(TraceLoading.skippedReport(skipped, path: "p") == [
            "warning: skipped 4 malformed row(s) of p: invalid-utf8 2, empty-value 1, unknown-outcome 1",
            "  p:2: column 'outcome': m",
            "  p:3: column 'target': m",
            "  p:4: column 'target': m",
            "  p:5: column 'target': m",
        ])
    }
}
