/// A strict RFC 8259 JSON parser producing a ``JSONTree``, written for model files so that
/// every refusal names a line, a column and the field being read — Foundation's decoder reports
/// only "not valid JSON" for a truncated file, for `1e999`, and even for `2.5` in an integer
/// field.
///
/// Beyond RFC 8259 it refuses: numbers that do not fit a finite `Double` (`1e999`;
/// ``ModelFileError/Code/nonFiniteNumber``), the non-standard tokens `NaN`, `Infinity` and
/// `-Infinity` in any spelling (also `nonFiniteNumber`), a key repeated within one object, and
/// nesting deeper than ``maximumDepth``. A leading UTF-8 byte-order mark is skipped.
struct JSONTreeParser {
    /// The deepest nesting of arrays and objects accepted (a model file needs 5).
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    private var path: [JSONFieldPath.Component] = []

    /// Parses one JSON document from `bytes`; throws ``JSONTreeError``.
    static func parse(_ bytes: [UInt8]) throws(JSONTreeError) -> JSONTree {
        var parser = JSONTreeParser(bytes: bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        if parser.index == bytes.count {
            throw parser.error(.corruptJSON, "the document is empty; expected a JSON object")
        }
        let root = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw parser.error(.corruptJSON, "unexpected \(parser.describeCurrent()) after the end of the JSON document")
        }
        return root
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: - Errors

    private func error(_ code: ModelFileError.Code, _ message: String) -> JSONTreeError {
        JSONTreeError(code: code, field: JSONFieldPath.render(path), message: message, line: line, column: column)
    }

    /// The character at the cursor for messages: `'x'` or `the end of the input`.
    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input (the file is truncated)" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    // MARK: - Cursor

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if bytes[index] & 0xC0 != 0x80 {
            column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: advance()
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ context: String) throws(JSONTreeError) {
        guard index < bytes.count, bytes[index] == byte else {
            throw error(.corruptJSON, "expected '\(Character(Unicode.Scalar(byte)))' \(context), found \(describeCurrent())")
        }
        advance()
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSONTreeError) -> JSONTree {
        guard index < bytes.count else {
            throw error(.corruptJSON, "expected a value, found \(describeCurrent())")
        }
        let startLine = line, startColumn = column
        let value: JSONTree.Value
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): value = try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
        default: value = try parseWord()
        }
        return JSONTree(value: value, line: startLine, column: startColumn)
    }

    private mutating func parseObject(depth: Int) throws(JSONTreeError) -> JSONTree.Value {
        if depth > Self.maximumDepth {
            throw error(.corruptJSON, "nesting deeper than \(Self.maximumDepth) levels")
        }
        advance()  // {
        var keys: [String] = []
        var members: [String: JSONTree] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            advance()
            return .object(keys: keys, members: members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error(.corruptJSON, "expected a quoted key, found \(describeCurrent())")
            }
            let keyLine = line, keyColumn = column
            let key = try parseString()
            path.append(.key(key))
            if members[key] != nil {
                var failure = error(.corruptJSON, "key \"\(key)\" appears twice in one object")
                failure.line = keyLine
                failure.column = keyColumn
                throw failure
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "after the key \"\(key)\"")
            skipWhitespace()
            let member = try parseValue(depth: depth)
            keys.append(key)
            members[key] = member
            path.removeLast()
            skipWhitespace()
            guard index < bytes.count else {
                throw error(.corruptJSON, "expected ',' or '}', found \(describeCurrent())")
            }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
            } else if bytes[index] == UInt8(ascii: "}") {
                advance()
                return .object(keys: keys, members: members)
            } else {
                throw error(.corruptJSON, "expected ',' or '}' after the value of \"\(key)\", found \(describeCurrent())")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONTreeError) -> JSONTree.Value {
        if depth > Self.maximumDepth {
            throw error(.corruptJSON, "nesting deeper than \(Self.maximumDepth) levels")
        }
        advance()  // [
        var items: [JSONTree] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            advance()
            return .array(items)
        }
        while true {
            skipWhitespace()
            path.append(.index(items.count))
            items.append(try parseValue(depth: depth))
            path.removeLast()
            skipWhitespace()
            guard index < bytes.count else {
                throw error(.corruptJSON, "expected ',' or ']', found \(describeCurrent())")
            }
            if bytes[index] == UInt8(ascii: ",") {
                advance()
            } else if bytes[index] == UInt8(ascii: "]") {
                advance()
                return .array(items)
            } else {
                throw error(.corruptJSON, "expected ',' or ']' after an array element, found \(describeCurrent())")
            }
        }
    }

    private mutating func parseString() throws(JSONTreeError) -> String {
        advance()  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw error(.corruptJSON, "unterminated string: found \(describeCurrent())")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                advance()
                break
            }
            if byte < 0x20 {
                throw error(.corruptJSON, "control character 0x\(String(byte, radix: 16)) inside a string; it must be escaped")
            }
            if byte != UInt8(ascii: "\\") {
                utf8.append(byte)
                advance()
                continue
            }
            advance()  // backslash
            guard index < bytes.count else {
                throw error(.corruptJSON, "unterminated escape sequence: found \(describeCurrent())")
            }
            let escape = bytes[index]
            advance()
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error(.corruptJSON, "a high surrogate \\u\(String(scalar, radix: 16)) must be followed by a low surrogate")
                    }
                    advance()
                    advance()
                    let low = try parseHex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw error(.corruptJSON, "expected a low surrogate after \\u\(String(scalar, radix: 16)), found \\u\(String(low, radix: 16))")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw error(.corruptJSON, "unpaired low surrogate \\u\(String(scalar, radix: 16))")
                }
                utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                throw error(.corruptJSON, "invalid escape sequence '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw error(.corruptJSON, "a string is not valid UTF-8")
        }
        return text
    }

    private mutating func parseHex4() throws(JSONTreeError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count, let digit = Self.hexDigit(bytes[index]) else {
                throw error(.corruptJSON, "expected four hexadecimal digits after \\u, found \(describeCurrent())")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, refused unless it is a finite `Double`.
    private mutating func parseNumber() throws(JSONTreeError) -> JSONTree.Value {
        let start = index
        let startLine = line, startColumn = column
        if bytes[index] == UInt8(ascii: "-") {
            advance()
            if index < bytes.count, Self.isLetter(bytes[index]) {
                // "-Infinity", "-inf": report as a non-finite number.
                _ = try parseWord(negative: true, line: startLine, column: startColumn)
            }
        }
        guard index < bytes.count, Self.isDigit(bytes[index]) else {
            throw error(.corruptJSON, "expected a digit in a number, found \(describeCurrent())")
        }
        if bytes[index] == UInt8(ascii: "0") {
            advance()
            if index < bytes.count, Self.isDigit(bytes[index]) {
                throw error(.corruptJSON, "a number must not have a leading zero")
            }
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            advance()
            guard index < bytes.count, Self.isDigit(bytes[index]) else {
                throw error(.corruptJSON, "expected a digit after the decimal point, found \(describeCurrent())")
            }
            while index < bytes.count, Self.isDigit(bytes[index]) { advance() }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            advance()
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
            guard index < bytes.count, Self.isDigit(bytes[index]) else {
                throw error(.corruptJSON, "expected a digit in the exponent, found \(describeCurrent())")
            }
            while index < bytes.count, Self.isDigit(bytes[index]) { advance() }
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            var failure = error(.nonFiniteNumber, "the number \(literal) does not fit a finite Double; expected a finite number")
            failure.line = startLine
            failure.column = startColumn
            throw failure
        }
        return .number(literal: literal, value: value)
    }

    /// `true`, `false`, `null`; refuses `NaN`/`Infinity` (as non-finite numbers) and anything else.
    private mutating func parseWord() throws(JSONTreeError) -> JSONTree.Value {
        try parseWord(negative: false, line: line, column: column)
    }

    private mutating func parseWord(negative: Bool, line startLine: Int, column startColumn: Int) throws(JSONTreeError) -> JSONTree.Value {
        let start = index
        while index < bytes.count, Self.isLetter(bytes[index]) { advance() }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        switch negative ? "-" : word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: break
        }
        if ["nan", "inf", "infinity"].contains(word.lowercased()) {
            var failure = error(.nonFiniteNumber, "found \(negative ? "-" : "")\(word); NaN and infinities are not allowed, expected a finite number")
            failure.line = startLine
            failure.column = startColumn
            throw failure
        }
        if word.isEmpty {
            throw error(.corruptJSON, "expected a value, found \(describeCurrent())")
        }
        var failure = error(.corruptJSON, "expected a value, found '\(negative ? "-" : "")\(word)'")
        failure.line = startLine
        failure.column = startColumn
        throw failure
    }
}
