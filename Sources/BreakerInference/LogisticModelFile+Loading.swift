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
        try decode(try ModelDocumentIO.read(path: path), source: path)
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
        let (tree, _) = try ModelDocumentIO.parse(data, source: source, kinds: [logisticKind])
        return try ModelDocumentIO.decode(LogisticModelFile.self, from: tree, source: source) { (file) throws(JSONTreeError) in
            try file.check()
        }
    }
}
