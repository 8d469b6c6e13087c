/// `tripwise help [<subcommand>]`: prints the top-level help, or the help of
/// one subcommand (the same text as `tripwise <subcommand> --help`), on
/// standard output and exits 0. An unknown subcommand is a usage error.
public enum HelpCommand: CLICommand {
    /// `"help"`.
    public static let name = "help"
    /// One-line summary for help listings.
    public static let abstract = "Show help for tripwise or one of its subcommands."
    /// One optional argument: the subcommand to describe.
    public static let arguments = [
        CLIArgument("subcommand", help: "The subcommand to show help for.", isRequired: false)
    ]

    /// Prints the requested help text.
    ///
    /// - Throws: `CLIUsageError.unknownSubcommand` if `<subcommand>` is not
    ///   in `CommandRegistry.all`.
    public static func run(_ parsed: ParsedArguments, _ io: CLIOutput) throws -> ExitCode {
        guard let name = parsed.argument("subcommand") else {
            io.write(HelpFormatter.topLevelHelp(commands: CommandRegistry.all))
            return .success
        }
        guard let command = CommandRegistry.command(named: name) else {
            throw CLIUsageError.unknownSubcommand(name)
        }
        io.write(command.help)
        return .success
    }
}
