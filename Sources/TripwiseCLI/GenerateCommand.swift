import Foundation
import TraceKit

/// `tripwise generate`: writes seeded synthetic traces with ground truth — one scenario
/// (`--scenario NAME -o out.csv`, plus `out.manifest.json`) or the standard train/validation/
/// test suite (`--suite standard --out FOLDER`).
public enum GenerateCommand: CLICommand {
    /// `"generate"`.
    public static let name = "generate"
    /// One-line summary for help listings.
    public static let abstract = "Generate seeded synthetic traces with ground-truth incidents."
    /// Shown after the overview.
    public static let discussion = """
        Forms:
          tripwise generate --scenario NAME [--seed N] [--duration D] [--rps R] -o PATH
          tripwise generate --suite standard [--seed N] [--scale F] --out FOLDER

        --scenario NAME writes one trace CSV at PATH and its incident manifest next to it \
        (PATH with .csv replaced by .manifest.json). --suite standard writes train.csv, \
        validation.csv, test.csv and manifest.json into the folder PATH. The same options and \
        seed always give the same bytes.

        Scenarios: \(ScenarioFamily.allNames).
        Durations: 90s, 10m, 2h, 1d, 1h30m (a bare number is seconds).
        """
    /// `--scenario`, `--suite`, `--seed`, `--duration`, `--rps`, `--scale`, `-o/--out`.
    public static let options: [CLIOption] = [
        .value("scenario", placeholder: "name", help: "The scenario family to generate (see above)."),
        .value("suite", placeholder: "name", help: "Generate a whole suite instead: 'standard'."),
        .value("seed", placeholder: "n", help: "Seed (default 1 for a scenario, 0 for the suite)."),
        .value("duration", placeholder: "d", help: "Length of the scenario, e.g. 30m (default: the family's)."),
        .value("rps", placeholder: "calls/s", help: "Mean calls per second over all targets (default: the family's)."),
        .value("scale", placeholder: "factor", help: "Suite only: multiply every rate, 0 < factor ≤ 10 (default 1).\nThe time layout stays the same; e.g. 0.1 writes a small suite."),
        .value("out", short: "o", placeholder: "path", help: "The CSV file (--scenario) or folder (--suite) to write."),
    ]

    /// Generates and prints a summary.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let scenario = parsed.value("scenario")
        let suite = parsed.value("suite")
        if scenario != nil, suite != nil {
            throw CLIUsageError("options '--scenario' and '--suite' cannot be used together")
        }
        guard scenario != nil || suite != nil else {
            throw CLIUsageError("missing required option '--scenario' or '--suite'")
        }
        let out = try parsed.requiredValue("out")
        guard !out.isEmpty else {
            throw CLIUsageError.invalidValue(out, for: "--out", expected: "a path")
        }
        let seed = try parsed.value("seed", as: UInt64.self)
        if let scenario {
            return try runScenario(scenario, seed: seed ?? 1, parsed: parsed, out: out, io)
        }
        return try runSuite(suite!, seed: seed ?? 0, parsed: parsed, out: out, io)
    }

    private static func runScenario(_ name: String, seed: UInt64, parsed: ParsedArguments, out: String,
                                    _ io: CLIOutput) throws -> ExitCode {
        guard let family = ScenarioFamily(name: name) else {
            throw CLIUsageError.invalidValue(name, for: "--scenario", expected: "one of \(ScenarioFamily.allNames)")
        }
        if parsed.value("scale") != nil {
            throw CLIUsageError("option '--scale' applies to --suite only")
        }
        var duration: Double?
        if let text = parsed.value("duration") {
            guard let seconds = DurationText.seconds(text) else {
                throw CLIUsageError.invalidValue(text, for: "--duration", expected: "a duration such as 90s, 10m, 2h or 1d")
            }
            duration = seconds
        }
        let rate = try parsed.value("rps", as: Double.self)
        let spec = ScenarioSpec(family: family, seed: seed, duration: duration, rate: rate)
        do {
            try spec.validate()
        } catch {
            switch error.field {
            case .duration:
                throw CLIUsageError("invalid value '\(parsed.value("duration") ?? "")' for option '--duration': \(error.message)")
            case .rate:
                throw CLIUsageError("invalid value '\(parsed.value("rps") ?? "")' for option '--rps': \(error.message)")
            default:
                throw CommandFailure(error.message, exitCode: .software)
            }
        }

        let generated = TraceGenerator.generate(spec)
        let manifest: IncidentManifest
        do {
            manifest = try generated.write(to: out)
        } catch {
            throw CommandFailure(error.description, exitCode: .cannotCreate)
        }
        let manifestPath = GeneratedTrace.manifestPath(forTrace: out)
        io.print("Generated \(family.rawValue) (seed \(seed)): \(manifest.rows) rows, \(manifest.targets.count) targets, "
                 + "\(count(manifest.incidents.count, "incident")), \(fileSize(out)) bytes")
        io.print("  \(manifest.startTime) – \(manifest.endTime)")
        io.print("  trace:    \(out)")
        io.print("  manifest: \(manifestPath)")
        return .success
    }

    private static func runSuite(_ name: String, seed: UInt64, parsed: ParsedArguments, out: String,
                                 _ io: CLIOutput) throws -> ExitCode {
        guard name == "standard" else {
            throw CLIUsageError.invalidValue(name, for: "--suite", expected: "'standard'")
        }
        for option in ["duration", "rps"] where parsed.value(option) != nil {
            throw CLIUsageError("option '--\(option)' applies to --scenario only")
        }
        let scale = try parsed.value("scale", as: Double.self) ?? 1
        guard scale.isFinite, scale > 0, scale <= 10 else {
            throw CLIUsageError.invalidValue(parsed.value("scale") ?? "", for: "--scale", expected: "a number more than 0 and at most 10")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandFailure("\(out) exists and is not a folder", exitCode: .cannotCreate)
        }
        let manifest: SuiteManifest
        do {
            manifest = try StandardSuite(seed: seed, scale: scale).write(to: out)
        } catch {
            throw CommandFailure(error.description, exitCode: .cannotCreate)
        }
        let scaleNote = scale == 1 ? "" : ", scale \(scale)"
        io.print("Generated the standard suite (seed \(seed)\(scaleNote)) in \(out):")
        let width = manifest.splits.map(\.file.count).max() ?? 0
        for split in manifest.splits {
            let padding = String(repeating: " ", count: width - split.file.count)
            io.print("  \(split.file)\(padding)  \(split.rows) rows, \(split.bytes) bytes, \(split.startTime) – \(split.endTime), "
                     + "\(split.families.count) families, \(count(split.incidentCount, "incident"))")
        }
        let manifestPath = (out as NSString).appendingPathComponent(SuiteManifest.fileName)
        io.print("  \(SuiteManifest.fileName): \(fileSize(manifestPath)) bytes")
        let rows = manifest.splits.reduce(0) { $0 + $1.rows }
        let bytes = manifest.splits.reduce(fileSize(manifestPath)) { $0 + $1.bytes }
        io.print("Total: \(rows) rows, \(manifest.columns.count) columns, \(manifest.incidents.count) incidents, \(bytes) bytes")
        return .success
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }

    private static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
