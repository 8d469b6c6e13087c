/// A `Decoder` over a ``JSONTree``: decodes any `Decodable` (synthesised conformances included)
/// and refuses with a ``JSONTreeError`` naming the field, what was expected and what was found,
/// at the value's line and column. Integers must be integral and in range (`2.5` and `1e20` are
/// refused for `Int`); a number written as a string that spells NaN or an infinity is reported
/// as ``ModelFileError/Code/nonFiniteNumber``; `null` where a value is required is reported as
/// ``ModelFileError/Code/missingField``. Keys the type does not ask for are ignored.
struct JSONTreeDecoder: Decoder {
    let node: JSONTree
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes `type` from `tree`.
    static func decode<T: Decodable>(_ type: T.Type, from tree: JSONTree) throws(JSONTreeError) -> T {
        do {
            return try T(from: JSONTreeDecoder(node: tree, codingPath: []))
        } catch let error as JSONTreeError {
            throw error
        } catch let error as DecodingError {
            throw JSONTreeReader.translate(error, root: tree)
        } catch {
            throw JSONTreeError(code: .wrongType, field: "", message: "\(error)", line: tree.line, column: tree.column)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let keys, let members) = node.value else {
            throw JSONTreeReader.mismatch(expected: "an object", node: node, path: codingPath)
        }
        return KeyedDecodingContainer(
            JSONTreeKeyedContainer<Key>(node: node, keys: keys, members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else {
            throw JSONTreeReader.mismatch(expected: "an array", node: node, path: codingPath)
        }
        return JSONTreeUnkeyedContainer(node: node, items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONTreeSingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// An integer coding key, for array positions.
struct JSONIndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(index: Int) { intValue = index }
    init?(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) {
        guard let index = Int(stringValue) else { return nil }
        intValue = index
    }
}

/// Reading scalars out of tree nodes, and the messages for what went wrong.
enum JSONTreeReader {
    static func field(_ path: [any CodingKey]) -> String { JSONFieldPath.render(path) }

    /// The refusal for `node` not being what was expected (null counts as missing; a string
    /// spelling NaN or an infinity where a number was expected counts as non-finite).
    static func mismatch(expected: String, node: JSONTree, path: [any CodingKey]) -> JSONTreeError {
        var code = ModelFileError.Code.wrongType
        var message = "expected \(expected), found \(node.foundDescription)"
        switch node.value {
        case .null:
            code = .missingField
            message = "is null; expected \(expected)"
        case .string(let text) where expected.hasSuffix("number") || expected.hasSuffix("integer"):
            if let number = Double(text.trimmingWhitespace()), !number.isFinite {
                code = .nonFiniteNumber
                message = "expected a finite number, found the string \"\(text)\"; NaN and infinities are not allowed"
            }
        default:
            break
        }
        return JSONTreeError(code: code, field: field(path), message: message, line: node.line, column: node.column)
    }

    /// How a type is described in "expected …" messages.
    static func describe<T>(_ type: T.Type) -> String {
        if type == Double.self || type == Float.self { return "a number" }
        if type is any FixedWidthInteger.Type { return "an integer" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        if type is any ExpressibleByArrayLiteral.Type { return "an array" }
        return "an object"
    }

    static func bool(_ node: JSONTree, _ path: [any CodingKey]) throws(JSONTreeError) -> Bool {
        guard case .bool(let flag) = node.value else { throw mismatch(expected: "true or false", node: node, path: path) }
        return flag
    }

    static func string(_ node: JSONTree, _ path: [any CodingKey]) throws(JSONTreeError) -> String {
        guard case .string(let text) = node.value else { throw mismatch(expected: "a string", node: node, path: path) }
        return text
    }

    static func double(_ node: JSONTree, _ path: [any CodingKey]) throws(JSONTreeError) -> Double {
        guard case .number(_, let value) = node.value else { throw mismatch(expected: "a number", node: node, path: path) }
        return value
    }

    static func float(_ node: JSONTree, _ path: [any CodingKey]) throws(JSONTreeError) -> Float {
        let value = Float(try double(node, path))
        guard value.isFinite else {
            throw JSONTreeError(code: .nonFiniteNumber, field: field(path),
                                message: "expected a number that fits a finite Float, found \(node.foundDescription)",
                                line: node.line, column: node.column)
        }
        return value
    }

    /// An integer: an integer literal in range, or a fraction/exponent literal with an integral
    /// value in range (`1e2` is 100; `2.5` is refused).
    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ node: JSONTree, _ path: [any CodingKey]) throws(JSONTreeError) -> T {
        guard case .number(let literal, let value) = node.value else {
            throw mismatch(expected: "an integer", node: node, path: path)
        }
        if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            if let integer = T(literal) { return integer }
        } else if value.rounded(.towardZero) == value, let integer = T(exactly: value) {
            return integer
        }
        let isIntegral = value.rounded(.towardZero) == value
        throw JSONTreeError(
            code: isIntegral ? .outOfRange : .wrongType, field: field(path),
            message: isIntegral
                ? "expected an integer in \(T.min)...\(T.max), found \(literal)"
                : "expected an integer, found the number \(literal)",
            line: node.line, column: node.column)
    }

    /// A `DecodingError` raised by a hand-written `init(from:)`, as a ``JSONTreeError``.
    static func translate(_ error: DecodingError, root: JSONTree) -> JSONTreeError {
        let code: ModelFileError.Code
        let context: DecodingError.Context
        var path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let c):
            code = .missingField
            context = c
            path = c.codingPath + [key]
        case .valueNotFound(_, let c):
            code = .missingField
            context = c
            path = c.codingPath
        case .typeMismatch(_, let c):
            code = .wrongType
            context = c
            path = c.codingPath
        case .dataCorrupted(let c):
            code = .outOfRange
            context = c
            path = c.codingPath
        @unknown default:
            return JSONTreeError(code: .wrongType, field: "", message: "\(error)", line: nil, column: nil)
        }
        let rendered = field(path)
        let node = root.node(atField: rendered)
        return JSONTreeError(code: code, field: rendered, message: context.debugDescription,
                             line: node?.line, column: node?.column)
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    fileprivate func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}

/// Keyed access to an object node.
struct JSONTreeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let node: JSONTree
    let keys: [String]
    let members: [String: JSONTree]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child<T>(_ key: Key, _ type: T.Type) throws(JSONTreeError) -> JSONTree {
        guard let child = members[key.stringValue] else {
            throw JSONTreeError(code: .missingField, field: JSONTreeReader.field(codingPath + [key]),
                                message: "required field is missing; expected \(JSONTreeReader.describe(type))",
                                line: node.line, column: node.column)
        }
        return child
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard case .null = try child(key, Any.self).value else { return false }
        return true
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONTreeReader.bool(child(key, type), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONTreeReader.string(child(key, type), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONTreeReader.double(child(key, type), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try JSONTreeReader.float(child(key, type), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(type, key) }

    private func integer<T: FixedWidthInteger>(_ type: T.Type, _ key: Key) throws(JSONTreeError) -> T {
        try JSONTreeReader.integer(type, child(key, type), codingPath + [key])
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: JSONTreeDecoder(node: child(key, type), codingPath: codingPath + [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(node: child(key, [String: Int].self), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(node: child(key, [Int].self), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { JSONTreeDecoder(node: node, codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONTreeDecoder(node: try child(key, Any.self), codingPath: codingPath + [key])
    }
}

/// Sequential access to an array node.
struct JSONTreeUnkeyedContainer: UnkeyedDecodingContainer {
    let node: JSONTree
    let items: [JSONTree]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(node: JSONTree, items: [JSONTree], codingPath: [any CodingKey]) {
        self.node = node
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }
    private var currentPath: [any CodingKey] { codingPath + [JSONIndexKey(index: currentIndex)] }

    private func current<T>(_ type: T.Type) throws(JSONTreeError) -> JSONTree {
        guard !isAtEnd else {
            throw JSONTreeError(code: .lengthMismatch, field: JSONTreeReader.field(currentPath),
                                message: "expected \(JSONTreeReader.describe(type)) at index \(currentIndex), but the array has only \(items.count) elements",
                                line: node.line, column: node.column)
        }
        return items[currentIndex]
    }

    private mutating func next<T>(_ body: (JSONTree, [any CodingKey]) throws -> T) throws -> T {
        let value = try body(current(T.self), currentPath)
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard case .null = try current(Any.self).value else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { node, path throws(JSONTreeError) in try JSONTreeReader.bool(node, path) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { node, path throws(JSONTreeError) in try JSONTreeReader.string(node, path) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { node, path throws(JSONTreeError) in try JSONTreeReader.double(node, path) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { node, path throws(JSONTreeError) in try JSONTreeReader.float(node, path) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    private mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try next { node, path throws(JSONTreeError) in try JSONTreeReader.integer(type, node, path) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { node, path in try T(from: JSONTreeDecoder(node: node, codingPath: path)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { node, path in try JSONTreeDecoder(node: node, codingPath: path).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { node, path in try JSONTreeDecoder(node: node, codingPath: path).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { node, path in JSONTreeDecoder(node: node, codingPath: path) }
    }
}

/// A single value node.
struct JSONTreeSingleValueContainer: SingleValueDecodingContainer {
    let node: JSONTree
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = node.value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try JSONTreeReader.bool(node, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONTreeReader.string(node, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONTreeReader.double(node, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try JSONTreeReader.float(node, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONTreeReader.integer(type, node, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONTreeReader.integer(type, node, codingPath) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: JSONTreeDecoder(node: node, codingPath: codingPath))
    }
}
