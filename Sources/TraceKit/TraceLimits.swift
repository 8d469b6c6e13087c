/// The checks and wording behind the value limits of the trace format
/// (``TraceReader/maxTimestampMagnitude``, ``TraceReader/maxLatencyMs``), shared by the reader,
/// the writer and the importers so that all three accept exactly the same values.
enum TraceLimits {
    /// Whether `seconds` is a Unix time the format accepts: |t| < 1e11 (NaN and infinities are not).
    @inline(__always)
    static func isTimestampInRange(_ seconds: Double) -> Bool {
        seconds.magnitude < TraceReader.maxTimestampMagnitude
    }

    /// Whether `milliseconds` is a latency the format accepts: 0 ≤ ms ≤ 1e10.
    @inline(__always)
    static func isLatencyInRange(_ milliseconds: Double) -> Bool {
        milliseconds >= 0 && milliseconds <= TraceReader.maxLatencyMs
    }

    /// The limit on timestamps as people read it.
    static let timestampRange = "|t| < 1e11 (about the years −1200 to 5138)"
    /// The limit on latencies as people read it.
    static let latencyRange = "≤ 1e10 (about 116 days)"

    /// For an out-of-range time `value` counted in units of 10⁻ᵏ s (`decimals` k = 0 for
    /// seconds, 3 for milliseconds), what the value looks like when that is clear, e.g.
    /// `1.7e12 looks like milliseconds since the epoch: divide by 1000`; nil when the value is in
    /// range or fits no finer unit.
    static func unitHint(_ value: Double, decimals: Int) -> String? {
        var seconds = value
        for _ in 0..<decimals { seconds /= 10 }
        guard !isTimestampInRange(seconds), seconds.isFinite else { return nil }
        // Each factor of 1000 above the limit is one unit finer than the one expected.
        var excess = 0
        var scaled = seconds.magnitude
        while scaled >= TraceReader.maxTimestampMagnitude, excess < 4 {
            scaled /= 1000
            excess += 1
        }
        let units = [3: "milliseconds", 6: "microseconds", 9: "nanoseconds"]
        guard let unit = units[decimals + 3 * excess] else { return nil }
        let divisor = "1" + String(repeating: "0", count: 3 * excess)
        return "\(scientific(value)) looks like \(unit) since the epoch: divide by \(divisor)"
    }

    /// For an importer: the message for a time `value` (in units of 10⁻ᵏ s, `decimals` k) outside
    /// the format's range, e.g. `expected milliseconds since the epoch; 1.7e15 looks like
    /// microseconds since the epoch: divide by 1000`.
    static func timeMessage(_ value: Double, unit: String, decimals: Int) -> String {
        if let hint = unitHint(value, decimals: decimals) { return "expected \(unit); \(hint)" }
        let limit = decimals == 0 ? timestampRange : "|t| < 1e\(11 + decimals) (1e11 s, about the years −1200 to 5138)"
        return "expected \(unit) with \(limit), found \(scientific(value))"
    }

    /// `value` with two significant digits in the form `1.7e12` (`-3e15`, `1e11`); plain for
    /// magnitudes below 10.
    static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-infinity" : "infinity" }
        var mantissa = value.magnitude
        guard mantissa >= 10 else { return "\(value)" }
        var exponent = 0
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        var rounded = (mantissa * 10).rounded() / 10
        if rounded >= 10 {
            rounded /= 10
            exponent += 1
        }
        let digits = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
        return (value < 0 ? "-" : "") + digits + "e\(exponent)"
    }
}

/// UTF-8 validation for the reader's string cells.
enum TraceUTF8 {
    /// The offset of the first byte of `base[0..<count]` that does not start or continue a valid
    /// UTF-8 sequence (overlong forms, surrogates and values above U+10FFFF are invalid), or nil
    /// when all of it is valid.
    static func firstInvalidByte(_ base: UnsafePointer<UInt8>, count: Int) -> Int? {
        var offset = 0
        while offset < count, base[offset] < 0x80 { offset += 1 }
        if offset == count { return nil }
        var bytes = UnsafeBufferPointer(start: base + offset, count: count - offset).makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
