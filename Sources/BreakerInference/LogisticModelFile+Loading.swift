import Foundation

extension LogisticModelFile {
    /// The largest model file ``load(path:)`` reads: 16 MiB (a version-1 file is a few KiB;
    /// the limit keeps a misconfigured path, such as a trace, from being read into memory).
    public static let maximumFileBytes = 16 << 20

    /// Reads, parses and validates the model file at `path`.
    ///
    /// Returns only a file that ``validate(source:)`` accepts. Throws ``ModelFileError`` with
    /// `path` set to `path`: `io` when the file is missing, a directory, unreadable or larger than
    /// ``maximumFileBytes``, otherwise whatever ``decode(_:source:)`` throws.
    public static func load(path: String) throws(ModelFileError) -> LogisticModelFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFileError(code: .io, path: path, field: "", message: "no such file; expected a model file (.json)")
        }
        if isDirectory.boolValue {
            throw ModelFileError(code: .io, path: path, field: "", message: "is a directory; expected a model file (.json)")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maximumFileBytes {
            throw ModelFileError(code: .io, path: path, field: "",
                                 message: "is \(size) bytes; a model file is at most \(maximumFileBytes) bytes")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError(code: .io, path: path, field: "", message: "cannot be read: \(error.localizedDescription)")
        }
        return try decode(data, source: path)
    }

    /// Parses and validates a model document held in memory; `source` names it in errors
    /// (a path, or e.g. `"<request body>"`).
    ///
    /// In order, refuses: bytes that are not one well-formed JSON document (`corruptJSON`, with
    /// line and column; also a repeated key), a number that overflows `Double` or a bare
    /// `NaN`/`Infinity` token (`nonFiniteNumber`), a document that is not an object or whose
    /// `format` is wrong (`wrongFormat`), an unsupported `formatVersion` (`unsupportedVersion`),
    /// a `kind` other than `"logistic"` (`unknownKind`) — these three are checked before
    /// anything else, so a file of another format or version is named as such — then a missing
    /// or `null` field (`missingField`), a value of the wrong JSON type (`wrongType`; a string
    /// spelling NaN or an infinity where a number belongs is `nonFiniteNumber`), then every rule
    /// of ``validate(source:)``. Every error names the field and, where known, its line.
    public static func decode(_ data: Data, source: String) throws(ModelFileError) -> LogisticModelFile {
        let tree: JSONTree
        do {
            tree = try JSONTreeParser.parse(Array(data))
        } catch {
            throw error.modelFileError(path: source)
        }
        do {
            try checkHeader(of: tree)
        } catch {
            throw error.modelFileError(path: source)
        }
        let file: LogisticModelFile
        do {
            file = try JSONTreeDecoder.decode(LogisticModelFile.self, from: tree)
        } catch {
            throw error.modelFileError(path: source)
        }
        do {
            try file.check()
        } catch {
            var located = error
            if let node = tree.node(atField: error.field) {
                located.line = node.line
                located.column = node.column
            }
            throw located.modelFileError(path: source)
        }
        return file
    }

    /// `format`, `formatVersion` and `kind`, read from the tree before the full decode.
    private static func checkHeader(of tree: JSONTree) throws(JSONTreeError) {
        guard case .object(_, let members) = tree.value else {
            throw JSONTreeError(code: .wrongFormat, field: "",
                                message: "expected a JSON object with \"format\": \"\(formatName)\", found \(tree.foundDescription)",
                                line: tree.line, column: tree.column)
        }
        func missing(_ key: String, _ expected: String) -> JSONTreeError {
            JSONTreeError(code: .missingField, field: key, message: "required field is missing; expected \(expected)",
                          line: tree.line, column: tree.column)
        }
        func failure(_ code: ModelFileError.Code, _ key: String, _ node: JSONTree, _ message: String) -> JSONTreeError {
            JSONTreeError(code: code, field: key, message: message, line: node.line, column: node.column)
        }

        guard let format = members["format"] else { throw missing("format", "\"\(formatName)\"") }
        guard case .string(let formatText) = format.value, formatText == formatName else {
            throw failure(.wrongFormat, "format", format, "expected \"\(formatName)\", found \(format.foundDescription)")
        }

        guard let version = members["formatVersion"] else { throw missing("formatVersion", "an integer") }
        guard case .number(let literal, let value) = version.value else {
            throw JSONTreeReader.mismatch(expected: "an integer", node: version, path: [JSONHeaderKey("formatVersion")])
        }
        guard let integer = Int(exactly: value), supportedFormatVersions.contains(integer) else {
            throw failure(.unsupportedVersion, "formatVersion", version, unsupportedVersionMessage(found: literal))
        }

        guard let kind = members["kind"] else { throw missing("kind", "\"\(logisticKind)\"") }
        guard case .string(let kindText) = kind.value, kindText == logisticKind else {
            throw failure(.unknownKind, "kind", kind, "expected \"\(logisticKind)\", found \(kind.foundDescription)")
        }
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
