/// Identifies a registered listener, for ``CircuitBreaker/removeListener(_:)``.
public struct ListenerToken: Hashable, Sendable {
    let id: UInt64
}
