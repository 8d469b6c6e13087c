/// The list of `tripwise` subcommands: the one place a new command is
/// registered.
public enum CommandRegistry {
    /// Every subcommand, in the order the top-level help lists them. Names must
    /// be unique (a test checks). Add a new command with one line here.
    public static var all: [any CLICommand.Type] {
        [
            GenerateCommand.self,
            ImportCommand.self,
            InspectCommand.self,
            ReplayCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            EvaluateOfflineCommand.self,
            BenchCommand.self,
            DemoCommand.self,
            VersionCommand.self,
            HelpCommand.self,
        ]
    }

    /// The registered command called `name`, or `nil` if there is none.
    public static func command(named name: String) -> (any CLICommand.Type)? {
        all.first { $0.name == name }
    }
}
