/// An error raised by the evaluation metrics (`BinaryClassificationMetrics`, `ROCCurve`,
/// `PrecisionRecallCurve`, `DecisionThreshold`) before anything is computed: the input did not
/// satisfy the stated preconditions. Nothing is silently dropped or repaired.
public struct ClassificationMetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, as a stable machine-readable code.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// No rows at all (`scores` is empty).
        case emptyInput
        /// `scores`, `labels` and (when given) `weights` do not all have the same length.
        case lengthMismatch
        /// A score is NaN or infinite.
        case nonFiniteScore
        /// A finite score lies outside [0, 1].
        case scoreOutOfRange
        /// A label is neither `0` nor `1` (NaN included).
        case invalidLabel
        /// A weight is negative, NaN or infinite.
        case invalidWeight
        /// Every weight is zero, so no average is defined.
        case zeroTotalWeight
        /// Only one class carries weight, where the computation needs both (ROC and PR curves).
        case singleClass
        /// A cost is zero, negative, NaN or infinite.
        case invalidCost
        /// A parameter such as `maxPoints` is out of its documented range.
        case invalidParameter
    }

    /// What was wrong.
    public let code: Code
    /// A sentence naming the computation, the offending position and value, e.g.
    /// `"BinaryClassificationMetrics: score at index 3 is 1.5; scores must be probabilities in [0, 1]"`.
    public let message: String

    /// Creates an error carrying `code` and `message` verbatim.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `"<code>: <message>"`.
    public var description: String { "\(code.rawValue): \(message)" }
}
