/// Parses the durations the command line accepts: one or more `<number><unit>` parts with
/// units `ms`, `s`, `m`, `h`, `d` (`90s`, `10m`, `2h`, `1d`, `1h30m`, `1.5h`), or a bare
/// number of seconds (`600`). Numbers are decimal, without sign or exponent.
public enum DurationText {
    /// The duration `text` spells, in seconds; `nil` when it is not a duration, or is zero
    /// and `allowingZero` is false (a scenario length must be positive; a breaker wait may be 0).
    public static func seconds(_ text: String, allowingZero: Bool = false) -> Double? {
        let characters = Array(text.lowercased())
        guard !characters.isEmpty else { return nil }
        var index = 0
        var total = 0.0
        var sawUnitlessNumber = false
        while index < characters.count {
            guard !sawUnitlessNumber else { return nil }
            let numberStart = index
            while index < characters.count, characters[index].isASCII,
                  characters[index].isNumber || characters[index] == "." {
                index += 1
            }
            guard index > numberStart, let value = Double(String(characters[numberStart..<index])) else { return nil }
            let unitStart = index
            while index < characters.count, characters[index].isLetter { index += 1 }
            let multiplier: Double
            switch String(characters[unitStart..<index]) {
            case "": multiplier = 1; sawUnitlessNumber = true
            case "ms": multiplier = 0.001
            case "s": multiplier = 1
            case "m": multiplier = 60
            case "h": multiplier = 3_600
            case "d": multiplier = 86_400
            default: return nil
            }
            if sawUnitlessNumber && numberStart != 0 { return nil }  // "1h30": the unit is required after the first part
            total += value * multiplier
        }
        guard total.isFinite, total > 0 || (allowingZero && total == 0), total < 9e9 else { return nil }
        return total
    }

    /// The duration `text` spells, to the nanosecond; `nil` as for ``seconds(_:allowingZero:)``.
    public static func duration(_ text: String, allowingZero: Bool = false) -> Duration? {
        seconds(text, allowingZero: allowingZero).map { .nanoseconds(Int64(($0 * 1e9).rounded())) }
    }

    /// Parses the value of `option`, or throws a usage error naming it.
    public static func duration(_ text: String, for option: String, allowingZero: Bool = false) throws(CLIUsageError) -> Duration {
        guard let duration = duration(text, allowingZero: allowingZero) else {
            throw .invalidValue(text, for: option, expected: "a duration such as 250ms, 90s, 10m, 2h or 1h30m"
                                + (allowingZero ? "" : " (greater than zero)"))
        }
        return duration
    }
}
