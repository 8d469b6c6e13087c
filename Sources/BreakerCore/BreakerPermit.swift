/// Permission to run one call, from ``CircuitBreaker/acquirePermit()``.
///
/// Report its outcome exactly once with ``CircuitBreaker/onSuccess(_:duration:)``,
/// ``CircuitBreaker/onError(_:_:duration:)`` or give it back with
/// ``CircuitBreaker/releasePermission(_:)``. A permit remembers the state generation that
/// admitted it: if the breaker has changed state since (tripped, reset, moved to half-open),
/// its outcome is dropped as late and decides nothing.
public struct BreakerPermit: Hashable, Sendable {
    /// The generation of the state that admitted the call.
    public let generation: UInt64
}
