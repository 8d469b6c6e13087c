/// One named option a command accepts: a boolean flag (`--verbose`) or an
/// option that takes a value (`--seed 7`, `--seed=7`).
///
/// Every command also accepts `-h`/`--help` implicitly; do not declare it.
public struct CLIOption: Sendable, Hashable {
    /// Whether the option is a switch or carries a value.
    public enum Kind: Sendable, Hashable {
        /// A boolean switch: present or absent, never given a value.
        /// `--flag=value` is a usage error.
        case flag
        /// An option that takes one value per occurrence, shown in help as
        /// `--name <placeholder>`. It may be repeated; every value is kept.
        case value(placeholder: String)
    }

    /// The long name without dashes, e.g. `"seed"` for `--seed`. Unique within
    /// a command; never `"help"`.
    public let name: String
    /// The one-character short form without its dash, e.g. `"s"` for `-s`;
    /// `nil` when there is none. Never `"h"`.
    public let short: Character?
    /// Flag or value option.
    public let kind: Kind
    /// One sentence for the OPTIONS section of the help text. A newline starts
    /// a continuation line, indented to the same column.
    public let help: String

    /// Creates an option; prefer the `flag` and `value` factories.
    public init(name: String, short: Character? = nil, kind: Kind, help: String) {
        self.name = name
        self.short = short
        self.kind = kind
        self.help = help
    }

    /// A boolean switch `--name` (and `-short` when given).
    public static func flag(_ name: String, short: Character? = nil, help: String) -> CLIOption {
        CLIOption(name: name, short: short, kind: .flag, help: help)
    }

    /// An option `--name <placeholder>` that takes a value, given as
    /// `--name value`, `--name=value` or (with a short form) `-s value`.
    public static func value(
        _ name: String, short: Character? = nil, placeholder: String? = nil, help: String
    ) -> CLIOption {
        CLIOption(name: name, short: short, kind: .value(placeholder: placeholder ?? name), help: help)
    }

    /// The implicit `-h, --help` option every command accepts; it is listed
    /// last in every help text.
    public static let help = CLIOption.flag("help", short: "h", help: "Show help information.")

    /// Whether the option takes a value.
    public var takesValue: Bool {
        if case .value = kind { return true }
        return false
    }

    /// The long form with its dashes, e.g. `"--seed"`, as used in messages.
    public var spelling: String { "--" + name }

    /// The label in the help text, e.g. `"-s, --seed <seed>"` or `"--verbose"`.
    public var helpLabel: String {
        var label = short.map { "-\($0), " } ?? ""
        label += spelling
        if case .value(let placeholder) = kind {
            label += " <\(placeholder)>"
        }
        return label
    }
}
