/// Why a training routine (``DesignMatrix``, ``LogisticRegression``) refused its input.
///
/// Every error is raised before any model is produced: a routine either returns a fit or throws
/// one of these, never a half-trained model. `message` is a full sentence naming the routine,
/// what was wrong and, where it applies, the row and column (both 0-based) of the offending
/// value, e.g. `"DesignMatrix: value at row 12, column 3 is nan; every value must be finite"`.
public struct TrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to it; `message` is for people.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// No rows to learn from.
        case emptyData
        /// Two lengths that must agree do not (values vs rows × columns, labels vs rows,
        /// a feature row vs the model's columns).
        case lengthMismatch
        /// A NaN or infinite value where only finite ones are allowed, or finite values so
        /// large that a statistic of them overflows.
        case nonFiniteValue
        /// A label other than exactly 0 or 1.
        case invalidLabel
        /// Every label is the same class: the unpenalised intercept has no finite optimum.
        case singleClass
        /// An option is out of range (negative λ, non-positive class weight, …).
        case invalidOption
    }

    /// The kind of problem.
    public let code: Code
    /// A sentence for people: routine, problem, and position when there is one.
    public let message: String
    /// The 0-based row of the offending value, when the problem is at one row.
    public let row: Int?
    /// The 0-based column of the offending value, when the problem is at one column.
    public let column: Int?

    /// Creates an error; `message` is kept verbatim.
    public init(code: Code, message: String, row: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.row = row
        self.column = column
    }

    /// The same text as `message`.
    public var description: String { message }
}
