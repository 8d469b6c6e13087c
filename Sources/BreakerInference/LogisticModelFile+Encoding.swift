import Foundation

extension LogisticModelFile {
    /// The document as UTF-8 JSON: keys sorted, pretty-printed, slashes unescaped, ending in a
    /// newline; every `Double` written in its shortest round-tripping form, so
    /// ``decode(_:source:)`` of the result returns a value equal to `self`.
    ///
    /// Validates first (``validate(source:)`` with source `"<memory>"`) and throws its error, so
    /// an invalid model is never written; NaN and infinities in particular are refused there,
    /// and the encoder's non-conforming-float strategy is `.throw` as a second guard.
    public func encoded() throws(ModelFileError) -> Data {
        try encoded(source: "<memory>")
    }

    /// Validates, encodes (as ``encoded()``) and writes the document to `path` atomically
    /// (a temporary file renamed into place). Errors name `path`: a validation error, or `io`.
    public func write(toPath path: String) throws(ModelFileError) {
        try ModelDocumentIO.write(try encoded(source: path), toPath: path)
    }

    private func encoded(source: String) throws(ModelFileError) -> Data {
        try validate(source: source)
        return try ModelDocumentIO.encode(self, source: source)
    }
}
