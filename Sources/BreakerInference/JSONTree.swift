/// A parsed JSON document with the source position of every value: what model files are
/// decoded from, so that every refusal can name the field and its line. Internal; built only
/// by ``JSONTreeParser``, which guarantees that every number is finite and no object repeats
/// a key.
struct JSONTree: Sendable {
    /// One JSON value.
    indirect enum Value: Sendable {
        /// An object: keys in document order and the members by key (keys are unique).
        case object(keys: [String], members: [String: JSONTree])
        case array([JSONTree])
        case string(String)
        /// A number: its literal text (for exact integer decoding) and its finite `Double` value.
        case number(literal: String, value: Double)
        case bool(Bool)
        case null
    }

    /// The value.
    var value: Value
    /// 1-based line of the value's first character.
    var line: Int
    /// 1-based column (in Unicode scalars) of the value's first character.
    var column: Int

    /// A short description of the value for "found …" messages, e.g. `the string "NaN"`.
    var foundDescription: String {
        switch value {
        case .object: return "an object"
        case .array(let items): return "an array of \(items.count) value\(items.count == 1 ? "" : "s")"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "the string \"\(shown)\""
        case .number(let literal, _): return "the number \(literal)"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The value at a field path as rendered by ``JSONFieldPath`` (`a.b[3].c`), or nil when
    /// the path does not exist in this tree.
    func node(atField field: String) -> JSONTree? {
        var current = self
        for component in JSONFieldPath.components(of: field) {
            switch (component, current.value) {
            case (.key(let key), .object(_, let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.index(let index), .array(let items)):
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// Rendering and parsing of field paths such as `provenance.traces[0].sha256`.
enum JSONFieldPath {
    /// One step of a path.
    enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// `a.b[3].c` from its components.
    static func render(_ components: [Component]) -> String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// `a.b[3].c` from coding keys (integer keys are array indices).
    static func render(_ codingPath: [any CodingKey]) -> String {
        render(codingPath.map { key in key.intValue.map(Component.index) ?? .key(key.stringValue) })
    }

    /// The components of a rendered path (keys are assumed to contain no `.` or `[`).
    static func components(of field: String) -> [Component] {
        var result: [Component] = []
        for part in field.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                let key = rest[..<bracket]
                if !key.isEmpty { result.append(.key(String(key))) }
                rest = rest[bracket...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        result.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                result.append(.key(String(rest)))
            }
        }
        return result
    }
}
