import Foundation
import Testing
import TraceKit
@testable import TripwiseCLI

@Suite("tripwise inspect and replay")
struct InspectReplayCommandTests {
    private func run(_ arguments: [String]) -> (ExitCode, String, String) {
        let out = OutputBuffer()
        let err = OutputBuffer()
        let code = TripwiseCommandLine.run(arguments: arguments, output: out.sink, error: err.sink)
        return (code, out.text, err.text)
    }

    /// A trace with one outage of "api" (60–120 s) and a healthy "db", written to a temp file.
    private func outageFile() throws -> String {
        var trace = Trace(optionalColumns: [.healthy, .error])
        for index in 0..<3_600 {
            let t = Double(index) * 0.05
            let down = t >= 60 && t < 120
            trace.append(TraceRecord(timestamp: 1_700_000_000 + t, target: index % 2 == 0 ? "api" : "db",
                                     latencyMs: 20, outcome: down && index % 2 == 0 ? .failure : .success,
                                     error: down && index % 2 == 0 ? "http_503" : nil, healthy: !(down && index % 2 == 0)))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-cli-\(UUID().uuidString).csv").path
        try TraceWriter.write(trace, to: path)
        return path
    }

    @Test("inspect prints targets, rates and the incident; --json is valid JSON")
    func inspect() throws {
        let path = try outageFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (code, out, err) = run(["inspect", path])
        #expect(code == .success, "\(err)")
        #expect(out.contains("rows: 3600, targets: 2"))
        #expect(out.contains("incidents (runs of healthy = 0):"))
        #expect(out.split(separator: "\n").contains { $0.contains("api") && $0.contains("33.33 %") })
        let (jsonCode, json, _) = run(["inspect", path, "--json"])
        #expect(jsonCode == .success)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Any])?["rows"] as? Int == 3600)
    }

    @Test("replay trips inside the incident and writes JSON-lines events")
    func replay() throws {
        let path = try outageFile()
        let events = path + ".jsonl"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: events)
        }
        let (code, out, err) = run(["replay", "--trace", path, "--set", "slidingWindow=count:20",
                                    "--set", "minimumNumberOfCalls=10", "--set", "waitDurationInOpenState=5s",
                                    "--events", events])
        #expect(code == .success, "\(err)")
        #expect(out.contains("api  CLOSED -> OPEN  failure rate"))
        #expect(out.contains("[inside incident]"))
        #expect(!out.contains("[outside incidents]"))
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["target"] as? String == "api")
        }
    }

    @Test("bad input: usage errors exit 64, malformed traces exit 65 naming the line", arguments: [
        (["replay"], ExitCode.usage, "--trace"),
        (["replay", "--trace", "x.csv", "--policy", "magic"], .usage, "--policy"),
        (["replay", "--trace", "x.csv", "--set", "nonsense=1"], .usage, "nonsense"),
        (["inspect"], .usage, "trace"),
    ])
    func usage(arguments: [String], expected: ExitCode, mentions: String) {
        let (code, _, err) = run(arguments)
        #expect(code == expected)
        #expect(err.hasPrefix("Error: "))
        #expect(err.contains(mentions))
    }

    @Test("a malformed trace is reported as FILE:LINE, exit 65, no crash")
    func malformed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "timestamp,target,latency_ms,outcome\n1,a,5,success\n2,a,-4,success\n".write(toFile: path, atomically: true, encoding: .utf8)
        let (code, _, err) = run(["inspect", path])
        #expect(code == .dataError)
        #expect(err.contains("\(path):3"))
        #expect(err.contains("latency_ms"))
        let (skipCode, out, skipErr) = run(["inspect", path, "--skip-bad-rows"])
        #expect(skipCode == .success)
        #expect(out.contains("rows: 1"))
        #expect(skipErr.contains("skipped 1 malformed row"))
    }
}
