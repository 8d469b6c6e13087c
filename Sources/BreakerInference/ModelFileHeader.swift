/// The three fields read before anything else, so a file of another format, version or kind is
/// named as such rather than as a missing field.
enum ModelFileHeader {
    /// `format`, `formatVersion` and `kind`, read from the tree before the full decode.
    /// Checks `format` and `formatVersion` and that `kind` is one of `kinds`; returns the kind.
    static func check(_ tree: JSONTree, kinds: [String]) throws(JSONTreeError) -> String {
        guard case .object(_, let members) = tree.value else {
            throw JSONTreeError(code: .wrongFormat, field: "",
                                message: "expected a JSON object with \"format\": \"\(LogisticModelFile.formatName)\", found \(tree.foundDescription)",
                                line: tree.line, column: tree.column)
        }
        func missing(_ key: String, _ expected: String) -> JSONTreeError {
            JSONTreeError(code: .missingField, field: key, message: "required field is missing; expected \(expected)",
                          line: tree.line, column: tree.column)
        }
        func failure(_ code: ModelFileError.Code, _ key: String, _ node: JSONTree, _ message: String) -> JSONTreeError {
            JSONTreeError(code: code, field: key, message: message, line: node.line, column: node.column)
        }

        guard let format = members["format"] else { throw missing("format", "\"\(LogisticModelFile.formatName)\"") }
        guard case .string(let formatText) = format.value, formatText == LogisticModelFile.formatName else {
            throw failure(.wrongFormat, "format", format, "expected \"\(LogisticModelFile.formatName)\", found \(format.foundDescription)")
        }

        guard let version = members["formatVersion"] else { throw missing("formatVersion", "an integer") }
        guard case .number(let literal, let value) = version.value else {
            throw JSONTreeReader.mismatch(expected: "an integer", node: version, path: [JSONHeaderKey("formatVersion")])
        }
        guard let integer = Int(exactly: value), LogisticModelFile.supportedFormatVersions.contains(integer) else {
            throw failure(.unsupportedVersion, "formatVersion", version, LogisticModelFile.unsupportedVersionMessage(found: literal))
        }

        let expected = kinds.map { "\"\($0)\"" }.joined(separator: " or ")
        guard let kind = members["kind"] else { throw missing("kind", expected) }
        guard case .string(let kindText) = kind.value, kinds.contains(kindText) else {
            throw failure(.unknownKind, "kind", kind, "expected \(expected), found \(kind.foundDescription)")
        }
        return kindText
    }
}

/// A plain string coding key, for header fields read outside a container.
private struct JSONHeaderKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
