/// `tripwise version`: prints `tripwise <version>` and a newline on standard
/// output, e.g. `tripwise 0.1.0`, and exits 0.
public enum VersionCommand: CLICommand {
    /// `"version"`.
    public static let name = "version"
    /// One-line summary for help listings.
    public static let abstract = "Print the tripwise version."

    /// The exact line printed, without its newline: `tripwise <version>`.
    public static var versionLine: String {
        "\(TripwiseCommandLine.programName) \(TripwiseVersion.current)"
    }

    /// Prints `versionLine` and returns `.success`.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        io.print(versionLine)
        return .success
    }
}
