/// A refusal raised while parsing (``JSONTreeParser``) or decoding (``JSONTreeDecoder``) a
/// model document, before it becomes a ``ModelFileError`` carrying the file path.
struct JSONTreeError: Error, Sendable, Hashable {
    var code: ModelFileError.Code
    /// The rendered JSON path of the offending value (empty for the document itself).
    var field: String
    /// What was expected and what was found, without position.
    var message: String
    var line: Int?
    var column: Int?

    /// The same problem as a ``ModelFileError`` for the file at `path`, the position appended to
    /// the message.
    func modelFileError(path: String) -> ModelFileError {
        var text = message
        if let line {
            text += column.map { " (line \(line), column \($0))" } ?? " (line \(line))"
        }
        return ModelFileError(code: code, path: path, field: field, message: text, line: line, column: column)
    }
}
