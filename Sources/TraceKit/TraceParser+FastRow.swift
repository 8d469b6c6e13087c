/// The fast path: one pass over an unquoted row, parsing each kept field in place.
///
/// It accepts a row only when every field is unquoted and valid (values in range, new strings
/// valid UTF-8), the fields are separated by commas, there are exactly as many as the header
/// has, and the row ends with `\n` or `\r\n` before `end`, within
/// ``TraceReader/maxRecordBytes``; anything else (including a row cut by the end of the buffer)
/// returns nil and the slow path takes the row, from its first byte, and decides. All scans stop at a line
/// feed, and `base[end]` is one, so no scan runs past the buffer.
extension TraceParser {
    @inline(__always)
    mutating func fastRow(_ base: UnsafePointer<UInt8>, at start: Int, end: Int) -> Int? {
        var row = TraceParsedRow()
        var p = start
        let last = fieldCount &- 1
        var field = 0
        while true {
            switch kinds[field] {
            case .timestamp:
                let scanned = TraceDecimal.scan(base, from: p)
                if scanned.valid, Self.isFieldEnd(base[scanned.stop]), TraceLimits.isTimestampInRange(scanned.value) {
                    row.timestamp = scanned.value
                    p = scanned.stop
                } else {
                    // ISO-8601, or something the slow path must report.
                    guard base[p] != UInt8(ascii: "\"") else { return nil }
                    let fieldStart = p
                    p = Self.fieldEnd(base, from: p)
                    guard case .seconds(let value) = TraceTimestamp.parse(base, from: fieldStart, to: p),
                          TraceLimits.isTimestampInRange(value) else {
                        return nil
                    }
                    row.timestamp = value
                }
            case .latencyMs:
                let scanned = TraceDecimal.scan(base, from: p)
                guard scanned.valid, TraceLimits.isLatencyInRange(scanned.value) else { return nil }
                row.latencyMs = scanned.value + 0  // −0 → 0
                p = scanned.stop
            case .outcome:
                let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                let seven = word & 0x00FF_FFFF_FFFF_FFFF
                if seven == Self.successWord {
                    row.outcome = .success
                    p &+= 7
                } else if seven == Self.failureWord {
                    row.outcome = .failure
                    p &+= 7
                } else if seven == Self.timeoutWord {
                    row.outcome = .timeout
                    p &+= 7
                } else if word == Self.rejectedWord {
                    row.outcome = .rejected
                    p &+= 8
                } else {
                    return nil
                }
            case .target:
                guard base[p] != UInt8(ascii: "\"") else { return nil }
                let fieldStart = p
                p = Self.fieldEnd(base, from: p)
                guard p > fieldStart else { return nil }
                row.target = TraceSpan(start: fieldStart, count: p &- fieldStart)
            case .error, .caller, .region, .priority:
                guard base[p] != UInt8(ascii: "\"") else { return nil }
                let fieldStart = p
                p = Self.fieldEnd(base, from: p)
                let span = TraceSpan(start: fieldStart, count: p &- fieldStart)
                switch kinds[field] {
                case .error: row.error = span
                case .caller: row.caller = span
                case .region: row.region = span
                default: row.priority = span
                }
            case .healthy:
                let byte = base[p]
                if byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") {
                    row.healthy = Int8(byte &- 48)
                    p &+= 1
                } else {
                    row.healthy = -1
                }
            case .propensity:
                if !Self.isFieldEnd(base[p]) {
                    let scanned = TraceDecimal.scan(base, from: p)
                    guard scanned.valid, scanned.value > 0, scanned.value <= 1 else { return nil }
                    row.propensity = scanned.value
                    p = scanned.stop
                }
            case .skip:
                guard base[p] != UInt8(ascii: "\"") else { return nil }
                p = Self.fieldEnd(base, from: p)
            }
            if field == last { break }
            guard base[p] == UInt8(ascii: ",") else { return nil }
            p &+= 1
            field &+= 1
        }
        if base[p] == UInt8(ascii: "\r") { p &+= 1 }
        guard base[p] == UInt8(ascii: "\n"), p < end, p &- start < TraceReader.maxRecordBytes else { return nil }
        if options.requireTimeOrder, row.timestamp < lastTimestamp { return nil }
        guard store(row, strings: base) else { return nil }
        return p &+ 1
    }

    /// Whether `byte` can end a field on the fast path: `,`, `\n` or `\r`.
    @inline(__always)
    static func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// The first `,`, `\n` or `\r` at or after `start`, eight bytes at a time.
    @inline(__always)
    static func fieldEnd(_ base: UnsafePointer<UInt8>, from start: Int) -> Int {
        var p = start
        while true {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
            let found = hasByte(word, 0x2C2C_2C2C_2C2C_2C2C) | hasByte(word, 0x0A0A_0A0A_0A0A_0A0A)
                | hasByte(word, 0x0D0D_0D0D_0D0D_0D0D)
            if found != 0 { return p &+ found.trailingZeroBitCount &>> 3 }
            p &+= 8
        }
    }

    /// High bit set in each byte of `word` equal to the byte repeated in `pattern` (exact for
    /// the lowest such byte, which is all ``fieldEnd(_:from:)`` needs).
    @inline(__always)
    static func hasByte(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// `success`, `failure`, `timeout` as little-endian words of 7 bytes, `rejected` of 8
    /// (checked against the spellings by the tests).
    static let successWord: UInt64 = 0x0073_7365_6363_7573
    static let failureWord: UInt64 = 0x0065_7275_6C69_6166
    static let timeoutWord: UInt64 = 0x0074_756F_656D_6974
    static let rejectedWord: UInt64 = 0x6465_7463_656A_6572
}
