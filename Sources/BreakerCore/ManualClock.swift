import Synchronization

/// A clock that moves only when told to, for deterministic tests and simulations.
///
/// It starts at ``BreakerInstant/zero`` (or at `initialTime`) and is safe to advance from
/// any thread. Nothing in Tripwise sleeps on it: breakers only read it.
public final class ManualClock: BreakerClock {
    private let nanoseconds: Atomic<Int64>

    /// Creates a clock reading `initialTime` after its origin (zero by default).
    public init(initialTime: Duration = .zero) {
        nanoseconds = Atomic(initialTime.nanosecondsClamped)
    }

    /// The instant the clock was last set to.
    public func now() -> BreakerInstant {
        BreakerInstant(nanoseconds: nanoseconds.load(ordering: .acquiring))
    }

    /// Moves the clock forward by `duration`. A negative duration is refused (the clock is
    /// monotonic) and leaves the time unchanged; the return value says whether it moved.
    @discardableResult
    public func advance(by duration: Duration) -> Bool {
        let delta = duration.nanosecondsClamped
        guard delta >= 0 else { return false }
        nanoseconds.wrappingAdd(delta, ordering: .acquiringAndReleasing)
        return true
    }

    /// Sets the clock to `instant` if that is not earlier than now; returns whether it moved.
    @discardableResult
    public func set(to instant: BreakerInstant) -> Bool {
        var current = nanoseconds.load(ordering: .acquiring)
        while current <= instant.nanoseconds {
            let (exchanged, original) = nanoseconds.compareExchange(
                expected: current, desired: instant.nanoseconds, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }
}
