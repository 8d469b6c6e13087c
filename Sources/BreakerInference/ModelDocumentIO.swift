import Foundation

/// Reading and writing shared by every model-file kind: the size-limited read, the parse with
/// header check, decode and validation, and the canonical encoding with atomic write.
enum ModelDocumentIO {
    /// The bytes of the file at `path`, or `io` when it is missing, a directory, unreadable or
    /// larger than ``LogisticModelFile/maximumFileBytes``.
    static func read(path: String) throws(ModelFileError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ModelFileError(code: .io, path: path, field: "", message: "no such file; expected a model file (.json)")
        }
        if isDirectory.boolValue {
            throw ModelFileError(code: .io, path: path, field: "", message: "is a directory; expected a model file (.json)")
        }
        let limit = LogisticModelFile.maximumFileBytes
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            throw ModelFileError(code: .io, path: path, field: "", message: "is \(size) bytes; a model file is at most \(limit) bytes")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError(code: .io, path: path, field: "", message: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// The parsed tree of `data` and its `kind`, which must be one of `kinds`.
    static func parse(_ data: Data, source: String, kinds: [String]) throws(ModelFileError) -> (tree: JSONTree, kind: String) {
        let tree: JSONTree
        do {
            tree = try JSONTreeParser.parse(Array(data))
        } catch {
            throw error.modelFileError(path: source)
        }
        do {
            return (tree, try ModelFileHeader.check(tree, kinds: kinds))
        } catch {
            throw error.modelFileError(path: source)
        }
    }

    /// Decodes `tree` as `T` and applies `check`, locating a broken rule at its field's line.
    static func decode<T: Decodable>(_ type: T.Type, from tree: JSONTree, source: String,
                                     check: (T) throws(JSONTreeError) -> Void) throws(ModelFileError) -> T {
        let value: T
        do {
            value = try JSONTreeDecoder.decode(T.self, from: tree)
        } catch {
            throw error.modelFileError(path: source)
        }
        do {
            try check(value)
        } catch {
            var located = error
            if let node = tree.node(atField: error.field) {
                located.line = node.line
                located.column = node.column
            }
            throw located.modelFileError(path: source)
        }
        return value
    }

    /// The canonical UTF-8 JSON of `value` (keys sorted, pretty-printed, slashes unescaped,
    /// shortest round-tripping numbers, a final newline); non-finite numbers are refused.
    static func encode<T: Encodable>(_ value: T, source: String) throws(ModelFileError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        do {
            var data = try encoder.encode(value)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch let EncodingError.invalidValue(value, context) {
            throw ModelFileError(code: .nonFiniteNumber, path: source, field: JSONFieldPath.render(context.codingPath),
                                 message: "cannot encode \(value): \(context.debugDescription)")
        } catch {
            throw ModelFileError(code: .io, path: source, field: "", message: "cannot be encoded: \(error)")
        }
    }

    /// Writes `data` to `path` atomically (a temporary file renamed into place).
    static func write(_ data: Data, toPath path: String) throws(ModelFileError) {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFileError(code: .io, path: path, field: "", message: "cannot be written: \(error.localizedDescription)")
        }
    }
}
