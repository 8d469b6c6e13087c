/// Timestamps of the trace format: Unix seconds (any finite decimal number, see
/// ``TraceDecimal``) or ISO-8601 / RFC 3339 with a zone.
///
/// ISO form accepted: `YYYY-MM-DD` then `T`, `t` or a space, then `HH:MM` or `HH:MM:SS`,
/// an optional fraction `.d…` of any length, then the zone: `Z`, `z`, `±HH:MM`, `±HHMM` or
/// `±HH`. A time without a zone is refused (``TraceTimestamp/Parsed/missingZone``): the
/// reader never guesses a zone.
///
/// The result is exact in the same sense as numbers: the instant is `S + F / 10ᵏ` for whole
/// seconds `S` (zone applied) and a `k`-digit fraction `F`, rounded once to the nearest
/// `Double`, which is the value the Unix-seconds text `S.F` gives.
enum TraceTimestamp {
    /// What ``parse(_:from:to:)`` found.
    enum Parsed: Equatable {
        /// A valid instant, in Unix seconds.
        case seconds(Double)
        /// A well-formed ISO date and time without a zone.
        case missingZone
        /// A finite number was expected but the value is out of `Double`'s range.
        case outOfRange
        /// Neither a number nor an ISO-8601 time.
        case invalid
    }

    /// Parses exactly `start..<end`.
    static func parse(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Parsed {
        guard start < end else { return .invalid }
        let scanned = TraceDecimal.scan(base, from: start)
        if scanned.valid, scanned.stop == end {
            return scanned.value.isFinite ? .seconds(scanned.value) : .outOfRange
        }
        return parseISO(base, from: start, to: end)
    }

    /// Parses an ISO-8601 date-time with zone in `start..<end`.
    static func parseISO(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Parsed {
        var p = start
        func digits(_ count: Int) -> Int? {
            guard end - p >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                let digit = base[p] &- 48
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
                p += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard p < end, base[p] == byte else { return false }
            p += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2) else { return .invalid }
        guard (1...12).contains(month), day >= 1, day <= UTCTimestamp.daysIn(month: month, year: year) else { return .invalid }
        guard p < end, base[p] == UInt8(ascii: "T") || base[p] == UInt8(ascii: "t") || base[p] == UInt8(ascii: " ") else {
            return .invalid
        }
        p += 1
        guard let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else {
            return .invalid
        }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = digits(2), value < 60 else { return .invalid }
            second = value
        }
        var fractionStart = p
        var fractionEnd = p
        if expect(UInt8(ascii: ".")) {
            fractionStart = p
            while p < end, base[p] &- 48 < 10 { p += 1 }
            fractionEnd = p
            guard fractionEnd > fractionStart else { return .invalid }
        }
        guard p < end else { return .missingZone }
        var offset = 0
        switch base[p] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            p += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = base[p] == UInt8(ascii: "-") ? -1 : 1
            p += 1
            guard let hours = digits(2), hours < 24 else { return .invalid }
            var minutes = 0
            if p < end {
                _ = expect(UInt8(ascii: ":"))
                guard let value = digits(2), value < 60 else { return .invalid }
                minutes = value
            }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return .invalid
        }
        guard p == end else { return .invalid }
        let days = UTCTimestamp.daysFromCivil(year: year, month: month, day: day)
        let wholeSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return .seconds(seconds(whole: wholeSeconds, fraction: base, from: fractionStart, to: fractionEnd))
    }

    /// `whole + 0.F` where F is the digits in `start..<end`, correctly rounded.
    static func seconds(whole: Int, fraction base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double {
        let count = end - start
        if count == 0 { return Double(whole) }
        if count <= 15 {
            var fraction = 0
            for index in start..<end { fraction = fraction * 10 + Int(base[index] - 48) }
            let scale = Int(TraceDecimal.powersOfTen[count])
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
            if !overflow {
                let numerator = scaled + fraction
                if numerator.magnitude <= 1 << 53 {
                    return Double(numerator) / TraceDecimal.powersOfTen[count]
                }
            }
        }
        // Slow path: spell whole + 0.F as one decimal and let strtod round it.
        var digits = Array(UnsafeBufferPointer(start: base + start, count: count))
        var text: String
        if whole >= 0 || digits.allSatisfy({ $0 == UInt8(ascii: "0") }) {
            text = "\(whole)."
        } else {
            // whole + 0.F = -((|whole| − 1) + (1 − 0.F)); 1 − 0.F has the digits of 10ᵏ − F.
            for index in 0..<count { digits[index] = UInt8(ascii: "9") - (digits[index] - UInt8(ascii: "0")) }
            var index = count - 1
            while digits[index] == UInt8(ascii: "9") {
                digits[index] = UInt8(ascii: "0")
                index -= 1
            }
            digits[index] += 1
            text = "-\(whole.magnitude - 1)."
        }
        text += String(decoding: digits, as: UTF8.self)
        return Double(text) ?? .nan
    }
}
