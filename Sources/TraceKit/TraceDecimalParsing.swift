/// Exact decimal-to-`Double` conversion straight from bytes, for the trace reader.
///
/// The grammar is `[+-]? digits? ('.' digits?)? ([eE] [+-]? digits)?` with at least one digit
/// before the exponent (so `12`, `12.5`, `.5`, `5.`, `1e-05` and `-3` are numbers; `inf`, `nan`,
/// `0x10`, `1_000` and `.` are not). The result is always the correctly rounded `Double`:
///
/// * fast path (Clinger): when the decimal significand fits in 53 bits and the decimal exponent
///   is within ±22, both the significand and the power of ten are exact `Double`s, so one IEEE
///   multiplication or division rounds correctly: `Double(m) / 1e6` is the nearest `Double` to
///   `m / 10⁶`;
/// * otherwise the field's bytes go to `Double(String)` (correctly rounded `strtod`).
///
/// So the fixed-point numbers `TraceWriter` writes (6 or 3 decimals) and the shortest
/// round-trip form it writes for propensities come back bit-identical.
enum TraceDecimal {
    /// The result of ``scan(_:from:)``.
    struct Scanned {
        /// The value (may be ±infinity for a huge exponent; the caller checks finiteness).
        var value: Double
        /// The first byte after the number (not consumed).
        var stop: Int
        /// Whether a number was found at all (at least one digit).
        var valid: Bool
    }

    /// 10⁰ … 10²², all exactly representable.
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Scans the longest number starting at `start`.
    ///
    /// Reads up to 8 bytes past the number's end (the reader's buffers keep padding after their
    /// data); stops at the first byte that cannot continue the number.
    @inline(__always)
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int) -> Scanned {
        var p = start
        var negative = false
        let first = base[p]
        if first == UInt8(ascii: "-") {
            negative = true
            p &+= 1
        } else if first == UInt8(ascii: "+") {
            p &+= 1
        }
        var mantissa: UInt64 = 0
        let integerStart = p
        scanDigits(base, &p, &mantissa)
        var digits = p &- integerStart
        var fractionDigits = 0
        if base[p] == UInt8(ascii: ".") {
            p &+= 1
            let fractionStart = p
            scanDigits(base, &p, &mantissa)
            fractionDigits = p &- fractionStart
            digits &+= fractionDigits
        }
        guard digits > 0 else { return Scanned(value: 0, stop: start, valid: false) }
        var exponent = 0
        if base[p] | 0x20 == UInt8(ascii: "e") {
            var q = p &+ 1
            var exponentNegative = false
            if base[q] == UInt8(ascii: "-") {
                exponentNegative = true
                q &+= 1
            } else if base[q] == UInt8(ascii: "+") {
                q &+= 1
            }
            if base[q] &- 48 < 10 {
                var value = 0
                while base[q] &- 48 < 10 {
                    if value < 100_000 { value = value &* 10 &+ Int(base[q] &- 48) }
                    q &+= 1
                }
                exponent = exponentNegative ? -value : value
                p = q
            }
        }
        let decimalExponent = exponent &- fractionDigits
        if digits <= 19, mantissa <= 1 << 53, decimalExponent >= -22, decimalExponent <= 22 {
            var value = Double(mantissa)
            if decimalExponent < 0 {
                value /= powersOfTen[-decimalExponent]
            } else {
                value *= powersOfTen[decimalExponent]
            }
            return Scanned(value: negative ? -value : value, stop: p, valid: true)
        }
        return Scanned(value: slowValue(base, from: start, to: p), stop: p, valid: true)
    }

    /// 10⁰ … 10⁸ as integers.
    static let integerPowersOfTen: [UInt64] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// Accumulates the decimal digits at `p` into `mantissa` (wrapping; the caller checks the
    /// digit count), up to eight per step: one unaligned load finds how many of the next eight
    /// bytes are digits, and those are converted together.
    @inline(__always)
    static func scanDigits(_ base: UnsafePointer<UInt8>, _ p: inout Int, _ mantissa: inout UInt64) {
        while true {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
            // A zero byte for each digit; the lowest non-zero byte is the first non-digit.
            let nonDigits = ((word & 0xF0F0_F0F0_F0F0_F0F0)
                | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)) ^ 0x3333_3333_3333_3333
            if nonDigits == 0 {
                mantissa = mantissa &* 100_000_000 &+ eightDigitsValue(word)
                p &+= 8
                continue
            }
            let count = nonDigits.trailingZeroBitCount &>> 3
            if count > 0 {
                // Move the digits to the top: the bytes below become leading zeros.
                let digits = word &<< UInt64(truncatingIfNeeded: (8 &- count) &* 8)
                mantissa = mantissa &* integerPowersOfTen[count] &+ eightDigitsValue(digits)
                p &+= count
            }
            return
        }
    }

    /// The value of eight ASCII digits (or zero bytes, read as 0) in `word`, the first byte
    /// (the lowest-addressed, least significant in the little-endian word) most significant.
    @inline(__always)
    static func eightDigitsValue(_ word: UInt64) -> UInt64 {
        var value = word & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    /// The correctly rounded value of the number in `start..<end` (already validated) via
    /// `Double(String)`, for significands over 53 bits or exponents beyond ±22.
    @inline(never)
    static func slowValue(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double {
        // Swift's Double(String) is strtod: correctly rounded, and it takes every form the
        // scanner accepts ("5.", ".5", "+5", "1.e5").
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        return Double(text) ?? .nan
    }

    /// Parses exactly the bytes `start..<end` as a number; `nil` unless all of them form one.
    @inline(__always)
    static func parse(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double? {
        guard start < end else { return nil }
        let scanned = scan(base, from: start)
        guard scanned.valid, scanned.stop == end else { return nil }
        return scanned.value
    }
}
