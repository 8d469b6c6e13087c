import BreakerTraining
import TraceKit

extension Collection where Element == TraceSource {
    /// Rows recorded as `rejected` (true outcome unknown) across the traces: replay and the
    /// bandit and Q-learning trainers leave them out, and say how many.
    var rejectedRows: Int {
        reduce(0) { total, source in total + source.trace.outcomes.reduce(0) { $0 + ($1 == .rejected ? 1 : 0) } }
    }
}
