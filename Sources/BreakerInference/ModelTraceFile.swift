/// One trace file a model was trained or validated on, identified by content.
///
/// ``LogisticModelFile/validate(source:)`` enforces: `path` non-empty, `sha256` exactly 64
/// lowercase hexadecimal digits, `rows` ≥ 0, `bytes` ≥ 0.
public struct ModelTraceFile: Sendable, Hashable, Codable {
    /// The path as given to the trainer (relative paths are relative to where it ran).
    public var path: String
    /// The SHA-256 of the file's bytes, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// Data rows read from the file (header excluded).
    public var rows: Int
    /// The file's size in bytes.
    public var bytes: Int

    /// Creates a record from its fields verbatim (no checks).
    public init(path: String, sha256: String, rows: Int, bytes: Int) {
        self.path = path
        self.sha256 = sha256
        self.rows = rows
        self.bytes = bytes
    }
}
