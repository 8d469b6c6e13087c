/// Up to four events collected by one state-machine step, stored inline (a few bytes each) so
/// the per-call path neither allocates nor copies much. Four is the most any step produces (an outcome, two exceeded events and
/// a transition; or an expiry transition, a lazy transition and a rejection).
package struct PendingEvents: Sendable {
    private var e0: CoreEvent?
    private var e1: CoreEvent?
    private var e2: CoreEvent?
    private var e3: CoreEvent?
    package private(set) var count: UInt8 = 0

    package init() {}

    package var isEmpty: Bool { count == 0 }

    package mutating func append(_ event: CoreEvent) {
        switch count {
        case 0: e0 = event
        case 1: e1 = event
        case 2: e2 = event
        case 3: e3 = event
        default: preconditionFailure("a state-machine step produced more than four events")
        }
        count += 1
    }

    package func forEach(_ body: (CoreEvent) -> Void) {
        if let e0 { body(e0) }
        if let e1 { body(e1) }
        if let e2 { body(e2) }
        if let e3 { body(e3) }
    }

    /// The events in order (for tests and diagnostics; allocates).
    package var events: [CoreEvent] {
        var result: [CoreEvent] = []
        forEach { result.append($0) }
        return result
    }
}
