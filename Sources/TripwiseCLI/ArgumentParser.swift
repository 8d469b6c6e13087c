/// Parses one command's arguments (the words after the subcommand name)
/// against the options and positional arguments it declares.
///
/// Accepted forms:
/// - `--name value` and `--name=value` for value options (`--name=` gives an
///   empty value); `-s value` when the option has a short form.
/// - `--flag` and `-f` for boolean flags; `--flag=value` is an error.
/// - `-h` / `--help` anywhere before `--` requests help; the rest of the
///   line is then not validated.
/// - `--` ends option parsing: every later word is positional.
/// - A word that parses as a negative number (`-3`, `-0.5`) is never an
///   option, so `--offset -3` works. A lone `-` is positional (stdin).
///
/// Errors (all `CLIUsageError`, each naming the offending word): an unknown
/// option, a value option with no value (at the end of the line, or followed
/// by another option: use `--name=-x` for a value starting with a dash), a
/// flag given a value, more positional arguments than declared, a missing
/// required positional argument. Short options cannot be bundled (`-ab`).
public enum ArgumentParser {
    /// Parses `arguments` for the command `command` that declares `options`
    /// (without the implicit help option) and positional `declaredArguments`.
    ///
    /// - Returns: the checked flags, option values and positional arguments;
    ///   or, if `-h`/`--help` appeared, a result with only `isHelpRequested`.
    /// - Throws: `CLIUsageError` for the first mistake, scanning left to right.
    public static func parse(
        _ arguments: [String],
        command: String,
        options: [CLIOption],
        arguments declaredArguments: [CLIArgument] = []
    ) throws(CLIUsageError) -> ParsedArguments {
        for word in arguments {
            if word == "--" { break }
            if word == "--help" || word == "-h" {
                return ParsedArguments(command: command, isHelpRequested: true, declaredArguments: declaredArguments)
            }
        }

        var flags: Set<String> = []
        var optionValues: [String: [String]] = [:]
        var positionals: [String] = []
        var index = 0
        var onlyPositionals = false

        while index < arguments.count {
            let word = arguments[index]
            index += 1

            if onlyPositionals || !looksLikeOption(word) {
                positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }

            let option: CLIOption
            var inlineValue: String?
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name: Substring
                if let equals = body.firstIndex(of: "=") {
                    name = body[..<equals]
                    inlineValue = String(body[body.index(after: equals)...])
                } else {
                    name = body
                }
                guard let found = options.first(where: { $0.name == name }) else {
                    throw .unknownOption("--" + name)
                }
                option = found
            } else {
                // A single dash and exactly one character: a short option.
                guard word.count == 2, let found = options.first(where: { $0.short == word.last }) else {
                    throw .unknownOption(word)
                }
                option = found
            }

            switch option.kind {
            case .flag:
                if inlineValue != nil { throw .unexpectedValue(for: option.spelling) }
                flags.insert(option.name)
            case .value:
                if let inlineValue {
                    optionValues[option.name, default: []].append(inlineValue)
                } else if index < arguments.count, !looksLikeOption(arguments[index]) {
                    optionValues[option.name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw .missingValue(for: word.hasPrefix("--") ? option.spelling : word)
                }
            }
        }

        if positionals.count > declaredArguments.count {
            throw .unexpectedArgument(positionals[declaredArguments.count])
        }
        if let missing = declaredArguments.dropFirst(positionals.count).first(where: \.isRequired) {
            throw .missingArgument(missing.name)
        }
        return ParsedArguments(
            command: command,
            flags: flags,
            optionValues: optionValues,
            positionals: positionals,
            declaredArguments: declaredArguments
        )
    }

    /// Parses `arguments` against the declarations of `command`.
    public static func parse(_ arguments: [String], for command: any CLICommand.Type) throws(CLIUsageError) -> ParsedArguments {
        try parse(arguments, command: command.name, options: command.options, arguments: command.arguments)
    }

    /// Whether `word` is an option (or `--`) rather than a value: it starts
    /// with a dash, is not a lone `-`, and is not a negative number.
    public static func looksLikeOption(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word != "-" else { return false }
        if let first = word.dropFirst().first, first.isNumber || first == ".", Double(word) != nil {
            return false
        }
        return true
    }
}
