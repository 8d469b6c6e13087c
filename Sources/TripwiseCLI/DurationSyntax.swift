/// Durations on the command line: a number followed by a unit, `250ms`, `90s`, `10m`, `2h`,
/// `1d` (fractions allowed: `1.5s`); a bare number means seconds.
public enum DurationSyntax {
    /// The accepted units and their length in seconds.
    public static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400),
    ]

    /// Parses `text`; `nil` when it is not a non-negative finite duration in this syntax.
    public static func parse(_ text: String) -> Duration? {
        guard let seconds = seconds(text) else { return nil }
        return .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    /// Parses `text` to seconds; `nil` when it is not a non-negative finite duration.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        for (suffix, scale) in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where trimmed.hasSuffix(suffix) {
            guard let value = Double(trimmed.dropLast(suffix.count)), value.isFinite, value >= 0,
                  value * scale < 9e9 else { return nil }
            return value * scale
        }
        guard let value = Double(trimmed), value.isFinite, value >= 0, value < 9e9 else { return nil }
        return value
    }

    /// Parses the value of `option`, or throws a usage error naming it.
    public static func parse(_ text: String, for option: String) throws(CLIUsageError) -> Duration {
        guard let duration = parse(text) else {
            throw .invalidValue(text, for: option, expected: "a duration such as 250ms, 90s, 10m, 2h or 1d")
        }
        return duration
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        let characters = Array(self)
        var start = 0
        var end = characters.count
        while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
        while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
        return String(characters[start..<end])
    }
}
