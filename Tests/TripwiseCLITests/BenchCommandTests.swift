import Foundation
import Testing
import TraceKit
@testable import TripwiseCLI

@Suite("tripwise bench")
struct BenchCommandTests {
    /// Writes a 5-minute generated trace to a temporary file.
    private static func traceFile(_ family: ScenarioFamily, seed: UInt64, dayOffset: Double) throws -> String {
        let trace = TraceGenerator.generate(ScenarioSpec(family: family, seed: seed,
                                                         start: ScenarioSpec.defaultStart + dayOffset * 86_400,
                                                         duration: 300, rate: 12)).trace
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-bench-\(UUID().uuidString).csv").path
        try TraceWriter.write(trace, to: path)
        return path
    }

    private static let modelPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("models/logistic-next-call.json").path

    private struct Files {
        let train: String
        let test: String
        func remove() {
            try? FileManager.default.removeItem(atPath: train)
            try? FileManager.default.removeItem(atPath: test)
        }
    }

    private func files() throws -> Files {
        Files(train: try Self.traceFile(.suddenOutage, seed: 21, dayOffset: 0),
              test: try Self.traceFile(.suddenOutage, seed: 22, dayOffset: 1))
    }

    @Test("prints one row per policy, the intervals and the chosen static-best configuration")
    func text() throws {
        let f = try files()
        defer { f.remove() }
        let run = CLIRun(["bench", "--train", f.train, "--test", f.test, "--resamples", "300",
                          "--policies", "never,oracle,hindsight,static-best,consecutive:5,model:\(Self.modelPath)"])
        #expect(run.exitCode == .success, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("cost [95% CI]") })
        for column in ["Δ vs static-best [95% CI]", "gap closure", "failed sent", "false rejects", "detection median / worst",
                       "recovery median / worst", "false trips / healthy h", "state changes / h", "ns / call"] {
            #expect(header.contains(column), "\(column)")
        }
        for policy in ["never", "oracle *", "hindsight *", "static-best", "consecutive:5", "model:\(Self.modelPath)"] {
            #expect(lines.contains { $0.hasPrefix("  " + policy + " ") }, "\(policy)")
        }
        #expect(run.stdout.contains("static-best (chosen on the training trace only, 288 configurations): failure ≥"))
        #expect(run.stdout.contains("reproduce: tripwise replay --policy static --set failureRateThreshold="))
        #expect(run.stdout.contains("sha256 "))
    }

    @Test("--json prints one object per policy with the documented fields and the intervals")
    func json() throws {
        let f = try files()
        defer { f.remove() }
        let run = CLIRun(["bench", "--train", f.train, "--test", f.test, "--policies", "never,hindsight,static-best,sre:2",
                          "--resamples", "300", "--cost-fail", "2", "--seed", "7", "--json"])
        #expect(run.exitCode == .success, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["costs"] as? [String: Any])?["costFail"] as? Double == 2)
        #expect(object["seed"] as? Int == 7)
        #expect((object["traces"] as? [[String: Any]])?.map { $0["role"] as? String } == ["train", "test"])
        #expect(((object["traces"] as? [[String: Any]])?.first?["sha256"] as? String)?.count == 64)
        #expect((object["staticBest"] as? [String: Any])?["chosen"] != nil)
        let policies = try #require(object["policies"] as? [[String: Any]])
        #expect(policies.map { $0["policy"] as? String } == ["never", "hindsight", "static-best", "sre:2"])
        let expected: Set<String> = [
            "policy", "summary", "clairvoyant", "configuration", "calls", "sent", "rejected", "failedSent", "rejectedWouldFail",
            "falseRejects", "secondsOnFailedSent", "totalCost", "totalCostCI95", "costDeltaVsStaticBest", "costDeltaCI95",
            "gapClosure", "incidents", "detectionDelay", "recoveryDelay", "trips", "falseTrips", "falseTripsPerHealthyHour",
            "stateChangesPerHour", "decisionNanosecondsPerCall",
        ]
        for policy in policies {
            #expect(Set(policy.keys) == expected, "\(policy["policy"] ?? "?")")
            let ci = try #require(policy["totalCostCI95"] as? [String: Double])
            let cost = try #require(policy["totalCost"] as? Double)
            #expect(try #require(ci["lower"]) <= cost && cost <= (try #require(ci["upper"])))
        }
        #expect(policies[2]["gapClosure"] as? Double == 0)
        #expect(policies[1]["gapClosure"] as? Double == 1)
    }

    @Test("--report writes a Markdown table into the folder")
    func report() throws {
        let f = try files()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-bench-report-\(UUID().uuidString)").path
        defer {
            f.remove()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let run = CLIRun(["bench", "--train", f.train, "--test", f.test, "--policies", "never,static-best",
                          "--resamples", "200", "--report", folder])
        #expect(run.exitCode == .success, "\(run.stderr)")
        let markdown = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# Policy benchmark"))
        #expect(markdown.contains("| policy | cost [95% CI] |"))
        #expect(markdown.contains("| never | "))
        #expect(markdown.contains("## static-best"))
    }

    @Test("usage errors exit 64 with Error:")
    func usageErrors() throws {
        let f = try files()
        defer { f.remove() }
        let base = ["bench", "--train", f.train, "--test", f.test]
        let cases: [([String], String)] = [
            (base + ["--policies", "never,bogus"], "unknown policy 'bogus'"),
            (base + ["--policies", "never,never"], "listed twice"),
            (base + ["--policies", "sre:0"], "sre:0"),
            (base + ["--policies", "model:/no/such/model.json"], "/no/such/model.json"),
            (base + ["--policies", "never", "--cost-fail", "-1"], "cost-fail"),
            (base + ["--policies", "never", "--resamples", "0"], "resamples"),
            (["bench", "--test", f.test, "--policies", "never"], "--train"),
            (base, "--policies"),
        ]
        for (arguments, fragment) in cases {
            let run = CLIRun(arguments)
            #expect(run.exitCode == .usage, "\(arguments)")
            #expect(run.stderr.hasPrefix("Error:"), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(fragment), "\(arguments): \(run.stderr)")
        }
        // oracle without a healthy column is a usage error too.
        var bare = Trace()
        bare.append(TraceRecord(timestamp: 1_700_000_000, target: "a", latencyMs: 1, outcome: .success))
        let barePath = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-bench-\(UUID().uuidString).csv").path
        try TraceWriter.write(bare, to: barePath)
        defer { try? FileManager.default.removeItem(atPath: barePath) }
        let oracle = CLIRun(["bench", "--train", f.train, "--test", barePath, "--policies", "oracle"])
        #expect(oracle.exitCode == .usage)
        #expect(oracle.stderr.contains("healthy"))
        let missing = CLIRun(["bench", "--train", f.train, "--test", "/no/such/trace.csv", "--policies", "never"])
        #expect(missing.exitCode == .noInput)
    }

    @Test("bench is registered")
    func registered() {
        #expect(CommandRegistry.command(named: "bench") != nil)
        let help = CLIRun(["help", "bench"])
        #expect(help.exitCode == .success)
        #expect(help.stdout.contains("--policies"))
    }
}
