import Foundation
import Testing
import TraceKit
@testable import TripwiseCLI

@Suite("tripwise generate")
struct GenerateCommandTests {
    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-generate-\(UUID().uuidString)").path
    }

    @Test("--scenario writes the CSV and its manifest and prints a summary")
    func scenario() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/outage.csv"
        let run = CLIRun(["generate", "--scenario", "sudden-outage", "--seed", "5", "--duration", "10m", "--rps", "8", "-o", path])
        #expect(run.exitCode == .success)
        #expect(run.stderr.isEmpty)
        let manifest = try IncidentManifest.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/outage.manifest.json")))
        #expect(manifest.family == .suddenOutage && manifest.seed == 5 && manifest.rate == 8)
        #expect(manifest.end - manifest.start == 600)
        #expect(manifest.file == "outage.csv")
        let csv = try String(contentsOfFile: path, encoding: .utf8)
        #expect(csv.hasPrefix("timestamp,target,latency_ms,outcome,error,region,healthy\n"))
        #expect(csv.split(separator: "\n").count == manifest.rows + 1)
        #expect(run.stdout.contains("Generated sudden-outage (seed 5): \(manifest.rows) rows, 5 targets, 1 incident, \(csv.utf8.count) bytes"))
        #expect(run.stdout.contains(path))
        #expect(run.stdout.contains("outage.manifest.json"))

        // The same command line writes the same bytes; the library agrees with the CLI.
        let again = directory + "/again.csv"
        #expect(CLIRun(["generate", "--scenario=sudden-outage", "--seed=5", "--duration=600", "--rps=8", "--out", again]).exitCode == .success)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: path))
        let library = try TraceGenerator.generate(ScenarioSpec(family: .suddenOutage, seed: 5, duration: 600, rate: 8)).csv()
        #expect(library == csv)
    }

    @Test("--suite standard writes the three splits and manifest.json into the folder")
    func suite() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = CLIRun(["generate", "--suite", "standard", "--scale", "0.02", "--out", directory])
        #expect(run.exitCode == .success)
        #expect(run.stderr.isEmpty)
        let manifest = try SuiteManifest.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json")))
        #expect(manifest.scale == 0.02 && manifest.seed == 0)
        for split in manifest.splits {
            #expect(FileManager.default.fileExists(atPath: directory + "/" + split.file))
            #expect(run.stdout.contains("\(split.file)"))
            #expect(run.stdout.contains("\(split.rows) rows, \(split.bytes) bytes"))
        }
        #expect(run.stdout.contains("manifest.json"))
    }

    @Test("help follows the OVERVIEW/USAGE/OPTIONS layout")
    func help() {
        let run = CLIRun(["generate", "--help"])
        #expect(run.exitCode == .success)
        #expect(run.stdout.hasPrefix("OVERVIEW: Generate seeded synthetic traces"))
        #expect(run.stdout.contains("USAGE: tripwise generate [<options>]"))
        #expect(run.stdout.contains("OPTIONS:\n  --scenario <name>"))
        #expect(run.stdout.contains("  -o, --out <path>"))
        #expect(run.stdout.contains(ScenarioFamily.allNames))
        #expect(CLIRun(["--help"]).stdout.contains("generate"))
    }

    @Test("usage errors exit 64 with Error: naming the flag", arguments: [
        (["generate", "--scenario", "nope", "-o", "x.csv"], "--scenario"),
        (["generate", "--scenario", "baseline", "--duration", "10x", "-o", "x.csv"], "--duration"),
        (["generate", "--scenario", "baseline", "--duration", "30s", "-o", "x.csv"], "--duration"),
        (["generate", "--scenario", "diurnal", "--duration", "40d", "-o", "x.csv"], "--duration"),
        (["generate", "--scenario", "baseline", "--rps", "0", "-o", "x.csv"], "--rps"),
        (["generate", "--scenario", "baseline", "--rps", "fast", "-o", "x.csv"], "--rps"),
        (["generate", "--scenario", "baseline", "--rps", "10000", "--duration", "1d", "-o", "x.csv"], "--rps"),
        (["generate", "--scenario", "baseline", "--seed", "-1", "-o", "x.csv"], "--seed"),
        (["generate", "--scenario", "baseline"], "--out"),
        (["generate", "--scenario", "baseline", "--scale", "2", "-o", "x.csv"], "--scale"),
        (["generate", "-o", "x"], "--scenario"),
        (["generate", "--scenario", "baseline", "--suite", "standard", "-o", "x"], "--suite"),
        (["generate", "--suite", "big", "-o", "x"], "--suite"),
        (["generate", "--suite", "standard", "--duration", "1h", "-o", "x"], "--duration"),
        (["generate", "--suite", "standard", "--scale", "0", "-o", "x"], "--scale"),
        (["generate", "--bogus"], "--bogus"),
    ])
    func usageErrors(arguments: [String], flag: String) {
        let run = CLIRun(arguments)
        #expect(run.exitCode == .usage)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: "))
        #expect(run.stderrLines.first?.contains(flag) == true)
        #expect(run.stderr.contains("Usage: tripwise generate [<options>]"))
    }

    @Test("an unknown scenario lists the valid names")
    func unknownScenarioListsNames() {
        let run = CLIRun(["generate", "--scenario", "meltdown", "-o", "x.csv"])
        for family in ScenarioFamily.allCases { #expect(run.stderr.contains(family.rawValue)) }
    }

    @Test("an output that cannot be created is not a usage error")
    func cannotCreate() {
        let run = CLIRun(["generate", "--scenario", "baseline", "--duration", "2m", "-o", "/proc/nope/x.csv"])
        #expect(run.exitCode == .cannotCreate)
        #expect(run.stderr.hasPrefix("Error: "))
    }

    @Test("durations", arguments: [
        ("90s", 90.0), ("10m", 600), ("2h", 7_200), ("1d", 86_400), ("1h30m", 5_400), ("1.5h", 5_400),
        ("600", 600), ("250ms", 0.25), ("2H", 7_200),
    ])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("not durations", arguments: ["", "m", "10x", "1h30", "-5m", "0s", "1 h", "1e3s", "h1", "1..5m", "5m "])
    func notDurations(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
