import Synchronization

/// The listeners of one breaker. Reading is lock-free when there are none, so a breaker
/// nobody listens to pays one relaxed atomic load per call for events; with listeners, a
/// delivery takes a snapshot of the list (a retain, no copy) and calls them outside any lock.
final class ListenerList: Sendable {
    typealias Listener = @Sendable (BreakerEvent) -> Void

    private struct Entries: Sendable {
        var nextID: UInt64 = 0
        var tokens: [ListenerToken] = []
        var listeners: [Listener] = []
    }

    private let entries = Mutex(Entries())
    private let count = Atomic<Int>(0)

    func add(_ listener: @escaping Listener) -> ListenerToken {
        entries.withLockChecked(owner: self) { entries in
            let token = ListenerToken(id: entries.nextID)
            entries.nextID += 1
            entries.tokens.append(token)
            entries.listeners.append(listener)
            count.store(entries.listeners.count, ordering: .releasing)
            return token
        }
    }

    func remove(_ token: ListenerToken) {
        entries.withLockChecked(owner: self) { entries in
            guard let index = entries.tokens.firstIndex(of: token) else { return }
            entries.tokens.remove(at: index)
            entries.listeners.remove(at: index)
            count.store(entries.listeners.count, ordering: .releasing)
        }
    }

    var isEmpty: Bool { count.load(ordering: .relaxed) == 0 }

    /// The current listeners; later changes to the list do not affect the snapshot.
    func snapshot() -> [Listener] {
        entries.withLockChecked(owner: self) { $0.listeners }
    }
}
