/// What the model was trained to predict: the label definition of its training rows.
///
/// ``LogisticModelFile/validate(source:)`` enforces `kind` ∈ ``knownKinds`` and
/// `horizonSeconds` finite and > 0.
public struct ModelLabel: Sendable, Hashable, Codable {
    /// `"next-call-fails"` (1 when the next call to the target within the horizon fails or
    /// times out) or `"healthy"` (1 when the next call within the horizon started while the
    /// target was marked unhealthy) or `"window-fails"` (1 when more of the target's calls
    /// starting within the horizon fail than succeed).
    public var kind: String
    /// The horizon H, seconds: how far ahead of a row's moment its next call may start; > 0.
    public var horizonSeconds: Double

    /// The label kinds a file may name.
    public static let knownKinds: [String] = ["next-call-fails", "healthy", "window-fails"]

    /// Creates a label definition from its fields verbatim (no checks).
    public init(kind: String, horizonSeconds: Double) {
        self.kind = kind
        self.horizonSeconds = horizonSeconds
    }
}
