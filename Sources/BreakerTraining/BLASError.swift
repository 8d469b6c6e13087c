/// An error raised by a `BLAS` wrapper before any BLAS routine runs: the inputs
/// did not satisfy the routine's preconditions.
///
/// The wrappers check every precondition themselves, so OpenBLAS never sees
/// malformed input (it would read out of bounds or print to stderr and abort).
public struct BLASError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A human-readable sentence naming the routine and what was wrong, e.g.
    /// `"BLAS.dot: length mismatch: x has 3 elements, y has 4"`.
    public let message: String

    /// Creates an error carrying `message` verbatim.
    public init(message: String) {
        self.message = message
    }

    /// The error for two vectors that must have equal lengths but do not.
    ///
    /// - Parameters:
    ///   - routine: the wrapper that was called, e.g. `"BLAS.dot"`.
    ///   - xCount: the number of elements of the first vector.
    ///   - yCount: the number of elements of the second vector.
    public static func lengthMismatch(routine: String, xCount: Int, yCount: Int) -> BLASError {
        BLASError(message: "\(routine): length mismatch: x has \(xCount) elements, y has \(yCount)")
    }

    /// The same text as `message`.
    public var description: String { message }
}
