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
        let data = try encoded(source: path)
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFileError(code: .io, path: path, field: "", message: "cannot be written: \(error.localizedDescription)")
        }
    }

    private func encoded(source: String) throws(ModelFileError) -> Data {
        try validate(source: source)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .throw
        do {
            var data = try encoder.encode(self)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch let EncodingError.invalidValue(value, context) {
            throw ModelFileError(code: .nonFiniteNumber, path: source, field: JSONFieldPath.render(context.codingPath),
                                 message: "cannot encode \(value): \(context.debugDescription)")
        } catch {
            throw ModelFileError(code: .io, path: source, field: "", message: "cannot be encoded: \(error)")
        }
    }
}
