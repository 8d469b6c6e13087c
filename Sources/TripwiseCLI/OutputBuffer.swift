import Synchronization

/// A thread-safe, in-memory text sink: everything written to it is appended
/// to `text`. Tests use it to capture what a command printed.
///
/// It is `Sendable` without `@unchecked`: its only stored property is a
/// `Mutex<String>`, which is itself `Sendable`, and every access goes through
/// that mutex.
public final class OutputBuffer: Sendable {
    private let storage = Mutex("")

    /// Creates an empty buffer.
    public init() {}

    /// Everything written so far, in order.
    public var text: String {
        storage.withLock { $0 }
    }

    /// Appends `string` to `text`. Safe to call from any thread.
    public func write(_ string: String) {
        storage.withLock { $0 += string }
    }

    /// A sink that appends to this buffer.
    public var sink: OutputSink {
        OutputSink { [self] string in self.write(string) }
    }
}
