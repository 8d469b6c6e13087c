import Synchronization

/// The listeners of one breaker. Reading is lock-free when there are none, so a breaker
/// nobody listens to pays one relaxed atomic load per call for events.
final class ListenerList: Sendable {
    typealias Listener = @Sendable (BreakerEvent) -> Void

    private let entries = Mutex<(nextID: UInt64, list: [(ListenerToken, Listener)])>((0, []))
    private let count = Atomic<Int>(0)

    func add(_ listener: @escaping Listener) -> ListenerToken {
        entries.withLockChecked(owner: self) { state in
            let token = ListenerToken(id: state.nextID)
            state.nextID += 1
            state.list.append((token, listener))
            count.store(state.list.count, ordering: .releasing)
            return token
        }
    }

    func remove(_ token: ListenerToken) {
        entries.withLockChecked(owner: self) { state in
            state.list.removeAll { $0.0 == token }
            count.store(state.list.count, ordering: .releasing)
        }
    }

    var isEmpty: Bool { count.load(ordering: .relaxed) == 0 }

    /// Calls every listener with each event, outside any lock.
    func deliver(_ events: [BreakerEvent]) {
        let listeners = entries.withLockChecked(owner: self) { $0.list.map(\.1) }
        for event in events {
            for listener in listeners { listener(event) }
        }
    }
}
