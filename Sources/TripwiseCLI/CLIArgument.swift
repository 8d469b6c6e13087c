/// One positional argument a command accepts, in declaration order.
///
/// Required arguments must be declared before optional ones; a command takes
/// no more positional arguments than it declares.
public struct CLIArgument: Sendable, Hashable {
    /// The name shown in help as `<name>` and used to look the value up with
    /// `ParsedArguments.argument(_:)`.
    public let name: String
    /// One sentence for the ARGUMENTS section of the help text.
    public let help: String
    /// Whether omitting the argument is a usage error.
    public let isRequired: Bool

    /// Creates a positional argument.
    public init(_ name: String, help: String, isRequired: Bool = true) {
        self.name = name
        self.help = help
        self.isRequired = isRequired
    }

    /// How the argument appears in a USAGE line: `<name>`, or `[<name>]`
    /// when it is optional.
    public var usageLabel: String {
        isRequired ? "<\(name)>" : "[<\(name)>]"
    }
}
