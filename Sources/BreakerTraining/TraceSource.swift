import TraceKit

/// A trace read from a file, with what provenance needs: the path as given, the bytes read.
public struct TraceSource: Sendable {
    /// The path as the user gave it.
    public var path: String
    /// The calls.
    public var trace: Trace
    /// Bytes read.
    public var bytes: Int

    /// Describes a trace read from `path`.
    public init(path: String, trace: Trace, bytes: Int) {
        self.path = path
        self.trace = trace
        self.bytes = bytes
    }
}
