/// Why a model file was refused: by ``LogisticModelFile/load(path:)``,
/// ``LogisticModelFile/decode(_:source:)``, ``LogisticModelFile/validate(source:)``,
/// ``LogisticModelFile/encoded()`` or ``LogisticModel/init(_:)``.
///
/// A model file is either accepted whole or refused with exactly one of these, naming the first
/// problem found; nothing is repaired, defaulted or skipped. `field` is the JSON path of the
/// offending value (`standardization.scales[3]`), `message` says what was expected and what was
/// found, and ``description`` reads `PATH: field 'X': message`.
public struct ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem: a stable identifier for code that reacts to it (the raw values never
    /// change meaning); `message` is for people.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The file could not be read or written (missing, a directory, unreadable, too large).
        case io
        /// The bytes are not one well-formed JSON document (truncated, a syntax error, invalid
        /// UTF-8, a key repeated within one object, nesting deeper than the parser's limit).
        case corruptJSON
        /// `format` is not `"tripwise-model"`, or the document is not a JSON object.
        case wrongFormat
        /// `formatVersion` is not one of ``LogisticModelFile/supportedFormatVersions``.
        case unsupportedVersion
        /// `kind` is not `"logistic"`, or `label.kind` is not a known label kind.
        case unknownKind
        /// `featureSet.id` is not in ``FeatureSet/known``.
        case unknownFeatureSet
        /// `featureSet.names` differ from the known set's names (order and count included).
        case featureMismatch
        /// An array has the wrong length (weights, means or scales vs the features; class weights).
        case lengthMismatch
        /// A NaN or an infinity anywhere: an overflowing literal such as `1e999`, a bare `NaN` /
        /// `Infinity` token, a number written as a string such as `"NaN"`, or a non-finite
        /// value in memory before encoding.
        case nonFiniteNumber
        /// A finite value outside its allowed range (a scale ≤ 0, a threshold outside (0, 1),
        /// a cost ≤ 0, …), or a string that does not have its required form.
        case outOfRange
        /// A required field is absent or `null`.
        case missingField
        /// A value has the wrong JSON type (a string where a number belongs, a fraction where
        /// an integer belongs, an object where an array belongs, …).
        case wrongType
    }

    /// The kind of problem.
    public let code: Code
    /// The file path, or the `source` name given to ``LogisticModelFile/decode(_:source:)``.
    public let path: String
    /// The JSON path of the offending value, e.g. `standardization.scales[3]`; empty when the
    /// problem is the document as a whole (unreadable file, syntax error before any field).
    public let field: String
    /// What was expected and what was found; for errors in a decoded document, ends with the
    /// line (and column) of the offending value when it is known.
    public let message: String
    /// The 1-based line of the offending value in the JSON text, when known.
    public let line: Int?
    /// The 1-based column (in Unicode scalars) of the offending value, when known.
    public let column: Int?

    /// Creates an error; every argument is kept verbatim.
    public init(code: Code, path: String, field: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.path = path
        self.field = field
        self.message = message
        self.line = line
        self.column = column
    }

    /// `PATH: field 'X': message`, or `PATH: message` when `field` is empty.
    public var description: String {
        field.isEmpty ? "\(path): \(message)" : "\(path): field '\(field)': \(message)"
    }
}
