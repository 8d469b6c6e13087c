/// The events of one state-machine step, stored inline (a few bytes each) so the per-call path
/// neither allocates nor copies much.
///
/// Six slots bound every step. The most a step produces is six: a recorded outcome that first
/// expires HALF_OPEN into CLOSED (1 transition) and then trips (the outcome, a policy notice,
/// 2 exceeded events, 1 transition). An acquire produces at most 3 (expiry, lazy
/// OPEN→HALF_OPEN, rejection); a manual transition 2; a reset 2.
package struct PendingEvents: Sendable {
    private var e0: CoreEvent?
    private var e1: CoreEvent?
    private var e2: CoreEvent?
    private var e3: CoreEvent?
    private var e4: CoreEvent?
    private var e5: CoreEvent?
    package private(set) var count: UInt8 = 0

    /// The most events one step can hold.
    package static let capacity = 6

    package init() {}

    package var isEmpty: Bool { count == 0 }

    package mutating func append(_ event: CoreEvent) {
        switch count {
        case 0: e0 = event
        case 1: e1 = event
        case 2: e2 = event
        case 3: e3 = event
        case 4: e4 = event
        case 5: e5 = event
        default: preconditionFailure("a state-machine step produced more than \(Self.capacity) events")
        }
        count += 1
    }

    package func forEach(_ body: (CoreEvent) -> Void) {
        if let e0 { body(e0) }
        if let e1 { body(e1) }
        if let e2 { body(e2) }
        if let e3 { body(e3) }
        if let e4 { body(e4) }
        if let e5 { body(e5) }
    }

    /// The events in order (for tests and diagnostics; allocates).
    package var events: [CoreEvent] {
        var result: [CoreEvent] = []
        forEach { result.append($0) }
        return result
    }
}
