import Dispatch
import Foundation
import Synchronization

/// Runs independent replays on all cores: `work(i)` for i in 0..<count, each index once, results
/// in index order whatever the scheduling (so callers stay deterministic).
enum ParallelReplays {
    /// The results of `work(0..<count)`, in order; the first failure (by index) is thrown as a
    /// ``BenchmarkError`` (`data`) carrying its message.
    static func map<T: Sendable>(_ count: Int, _ work: @Sendable (Int) throws(ReplayError) -> T) throws(BenchmarkError) -> [T] {
        let results = Mutex<[Result<T, ReplayError>?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                let outcome: Result<T, ReplayError>
                do throws(ReplayError) {
                    outcome = .success(try work(index))
                } catch {
                    outcome = .failure(error)
                }
                results.withLock { $0[index] = outcome }
            }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: throw BenchmarkError(.data, error.message)
            case nil: throw BenchmarkError(.data, "a replay did not report")
            }
        }
        return values
    }
}
