import BreakerLab

/// `tripwise demo`: the main job in miniature. Simulates a dependency that is healthy, fails
/// 30 % of calls, goes fully down and recovers, protected by a breaker, and prints the state
/// timeline and what the dependency saw with and without the breaker.
public enum DemoCommand: CLICommand {
    /// `"demo"`.
    public static let name = "demo"
    /// One-line summary for help listings.
    public static let abstract = "Simulate a failing dependency behind a breaker and print the timeline."
    /// Shown after the overview.
    public static let discussion = """
        A seeded, deterministic simulation on a manual clock (it runs in milliseconds): 60 s \
        healthy, 60 s failing 30 % of calls, 60 s down, 60 s recovered, at 20 calls/s. Calls are \
        admitted when they start and recorded when they complete.
        """
    /// `--seed` and `--rate`.
    public static let options: [CLIOption] = [
        .value("seed", placeholder: "n", help: "Seed of the simulation (default 42)."),
        .value("rate", placeholder: "calls/s", help: "Mean calls per second, 1–10000 (default 20)."),
    ]

    /// Runs the simulation and prints its report.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        let seed = try parsed.value("seed", as: UInt64.self) ?? 42
        var scenario = DemoScenario.standard(seed: seed)
        if let rate = try parsed.value("rate", as: Double.self) {
            guard rate.isFinite, rate >= 1, rate <= 10_000 else {
                throw CLIUsageError.invalidValue(String(rate), for: "--rate", expected: "a number of calls per second from 1 to 10000")
            }
            scenario.callsPerSecond = rate
        }
        let run = try DemoSimulation.run(scenario)
        io.write(run.renderText())
        return .success
    }
}
