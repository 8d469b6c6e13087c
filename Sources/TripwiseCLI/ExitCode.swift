/// The process exit status of a `tripwise` run.
///
/// Values above 1 follow BSD `sysexits.h`, so scripts can tell a mistyped
/// command line (64) from bad input data (65) or a missing file (66).
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// The command did what was asked.
    case success = 0
    /// The command failed for a reason not covered by a more specific code.
    case failure = 1
    /// The command line was wrong: unknown subcommand or option, missing
    /// option value, unexpected or missing argument, invalid option value
    /// (`EX_USAGE`).
    case usage = 64
    /// An input file was read but its content was invalid, e.g. a malformed
    /// trace or model file (`EX_DATAERR`).
    case dataError = 65
    /// An input file did not exist or could not be read (`EX_NOINPUT`).
    case noInput = 66
    /// An internal error: a bug in tripwise, not in its input (`EX_SOFTWARE`).
    case software = 70
    /// An output file could not be created (`EX_CANTCREAT`).
    case cannotCreate = 73
    /// Reading or writing failed part-way (`EX_IOERR`).
    case ioError = 74
}
