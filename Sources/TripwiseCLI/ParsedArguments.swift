/// The result of parsing one command's arguments with `ArgumentParser`:
/// which flags were set, the values of value options, and the positional
/// arguments, all already checked against the command's declarations.
///
/// Look options up by their long name without dashes (`"seed"`, not
/// `"--seed"`) and positional arguments by their declared name.
public struct ParsedArguments: Sendable, Equatable {
    /// The subcommand these arguments belong to, e.g. `"version"`.
    public let command: String
    /// Whether `-h` or `--help` appeared (before any `--`). When `true`,
    /// nothing else was validated and the other properties are empty.
    public let isHelpRequested: Bool
    /// The long names of the boolean flags that were given.
    public let flags: Set<String>
    /// Every value given to each value option, in command-line order, keyed by
    /// long name. Options that were not given have no entry.
    public let optionValues: [String: [String]]
    /// The positional arguments in order, at most one per declared argument.
    public let positionals: [String]
    /// The declared positional arguments, to resolve `argument(_:)` by name.
    public let declaredArguments: [CLIArgument]

    /// Creates parsed arguments directly; `ArgumentParser.parse` is the usual
    /// way to get them.
    public init(
        command: String,
        isHelpRequested: Bool = false,
        flags: Set<String> = [],
        optionValues: [String: [String]] = [:],
        positionals: [String] = [],
        declaredArguments: [CLIArgument] = []
    ) {
        self.command = command
        self.isHelpRequested = isHelpRequested
        self.flags = flags
        self.optionValues = optionValues
        self.positionals = positionals
        self.declaredArguments = declaredArguments
    }

    /// Whether the boolean flag `--name` was given (at least once).
    public func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// The last value given to `--name`, or `nil` if the option was not given.
    /// (A later occurrence overrides an earlier one, as in most CLIs.)
    public func value(_ name: String) -> String? {
        optionValues[name]?.last
    }

    /// Every value given to `--name`, in order; empty if it was not given.
    public func values(_ name: String) -> [String] {
        optionValues[name] ?? []
    }

    /// The last value of `--name`, or a `CLIUsageError.missingOption` naming
    /// `--name` if it was not given.
    public func requiredValue(_ name: String) throws(CLIUsageError) -> String {
        guard let value = value(name) else { throw .missingOption("--" + name) }
        return value
    }

    /// The last value of `--name` converted to `T`, or `nil` if the option
    /// was not given.
    ///
    /// - Throws: `CLIUsageError.invalidValue` naming the value and `--name`
    ///   when the text does not convert (e.g. `"abc"` or `"1.5"` as an `Int`).
    public func value<T: LosslessStringConvertible>(_ name: String, as type: T.Type) throws(CLIUsageError) -> T? {
        guard let text = value(name) else { return nil }
        guard let converted = T(text) else {
            throw .invalidValue(text, for: "--" + name, expected: Self.expectation(for: type))
        }
        return converted
    }

    /// The last value of `--name` as a finite number that satisfies `valid`, or `nil` if the
    /// option was not given.
    ///
    /// - Throws: `CLIUsageError.invalidValue` naming `--name` and `expected` otherwise.
    public func number(_ name: String, where valid: (Double) -> Bool, expected: String) throws(CLIUsageError) -> Double? {
        guard let number = try value(name, as: Double.self) else { return nil }
        guard number.isFinite, valid(number) else { throw .invalidValue(String(number), for: "--" + name, expected: expected) }
        return number
    }

    /// The positional argument declared as `name`, or `nil` if it was optional
    /// and not given (or no argument has that name).
    public func argument(_ name: String) -> String? {
        guard let index = declaredArguments.firstIndex(where: { $0.name == name }),
              index < positionals.count
        else { return nil }
        return positionals[index]
    }

    /// How a usage error describes a value of type `T`.
    static func expectation<T>(for type: T.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is UInt.Type, is UInt64.Type, is UInt32.Type: return "a non-negative integer"
        case is Double.Type, is Float.Type: return "a number"
        case is Bool.Type: return "'true' or 'false'"
        default: return "a value of type \(T.self)"
        }
    }
}
