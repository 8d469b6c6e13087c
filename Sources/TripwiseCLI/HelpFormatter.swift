/// Builds the help texts of `tripwise` in one fixed layout:
///
/// ```
/// OVERVIEW: <abstract>
///
/// <discussion, if any>
///
/// USAGE: tripwise <command> [<options>] <argument>
///
/// ARGUMENTS:
///   <argument>              <help>
///
/// OPTIONS:
///   -s, --seed <seed>       <help>
///   -h, --help              Show help information.
/// ```
///
/// Sections are separated by one blank line and the text ends with a newline.
/// Labels are indented two spaces and all descriptions in one help text start
/// in the same column: two spaces after the longest label, and no earlier than
/// column `2 + minimumLabelWidth + 2`. ARGUMENTS is omitted when the command
/// has none; OPTIONS always lists `-h, --help` last. The top-level help adds a
/// SUBCOMMANDS section.
public enum HelpFormatter {
    /// Labels shorter than this are padded to it, so short help texts still
    /// line up in the conventional column (24).
    public static let minimumLabelWidth = 20

    /// The usage line without `USAGE: `, e.g. `"tripwise help [<subcommand>]"`:
    /// the program and command name, `[<options>]` when the command declares
    /// options, then each positional argument.
    public static func usage(for command: any CLICommand.Type) -> String {
        var parts = [TripwiseCommandLine.programName, command.name]
        if !command.options.isEmpty { parts.append("[<options>]") }
        parts += command.arguments.map(\.usageLabel)
        return parts.joined(separator: " ")
    }

    /// The top-level usage line without `USAGE: `: `"tripwise <subcommand>"`.
    public static var topLevelUsage: String {
        "\(TripwiseCommandLine.programName) <subcommand>"
    }

    /// The full help text of `command`, in the layout described above.
    public static func help(for command: any CLICommand.Type) -> String {
        let argumentRows = command.arguments.map { ("<\($0.name)>", $0.help) }
        let optionRows = (command.options + [.help]).map { ($0.helpLabel, $0.help) }
        let width = labelWidth(argumentRows + optionRows)

        var sections = ["OVERVIEW: \(command.abstract)"]
        if !command.discussion.isEmpty { sections.append(command.discussion) }
        sections.append("USAGE: \(usage(for: command))")
        if !argumentRows.isEmpty {
            sections.append("ARGUMENTS:\n" + table(argumentRows, labelWidth: width))
        }
        sections.append("OPTIONS:\n" + table(optionRows, labelWidth: width))
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The top-level help: overview, usage, the top-level options and the
    /// SUBCOMMANDS list (name and abstract of each of `commands`, in order),
    /// ending with a pointer to `tripwise help <subcommand>`.
    public static func topLevelHelp(commands: [any CLICommand.Type]) -> String {
        let optionRows = (TripwiseCommandLine.topLevelOptions + [.help]).map { ($0.helpLabel, $0.help) }
        let commandRows = commands.map { ($0.name, $0.abstract) }
        let width = labelWidth(optionRows + commandRows)
        let program = TripwiseCommandLine.programName

        return [
            "OVERVIEW: \(TripwiseCommandLine.overview)",
            "USAGE: \(topLevelUsage)",
            "OPTIONS:\n" + table(optionRows, labelWidth: width),
            "SUBCOMMANDS:\n" + table(commandRows, labelWidth: width),
            "  See '\(program) help <subcommand>' for detailed help.",
        ].joined(separator: "\n\n") + "\n"
    }

    /// The width labels are padded to for `rows`: the longest label, but at
    /// least `minimumLabelWidth`.
    public static func labelWidth(_ rows: [(String, String)]) -> Int {
        rows.map(\.0.count).reduce(minimumLabelWidth, max)
    }

    /// Formats `rows` as `  <label padded to labelWidth>  <text>` lines joined
    /// by newlines (no trailing newline). Each further line of a multi-line
    /// text is indented to the text column.
    public static func table(_ rows: [(String, String)], labelWidth: Int) -> String {
        let continuation = String(repeating: " ", count: 2 + labelWidth + 2)
        return rows.map { label, text in
            let padding = String(repeating: " ", count: max(0, labelWidth - label.count))
            let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return "  " + label + padding + "  " + textLines.joined(separator: "\n" + continuation)
        }.joined(separator: "\n")
    }
}
