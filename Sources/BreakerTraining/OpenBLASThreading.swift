import COpenBLAS
import Synchronization

/// Runs BLAS work with OpenBLAS limited to one thread, so results do not depend on how
/// OpenBLAS would split a call between its own threads.
///
/// OpenBLAS's thread count is process-wide. While at least one caller is inside
/// ``withSingleThread(_:)``, it is 1; the first caller to enter saves the previous count and
/// the last to leave restores it. Callers inside may still run several BLAS calls at once from
/// their own threads (OpenBLAS is thread-safe), each on the calling thread. Other BLAS users in
/// the process that run meanwhile are also limited to one thread.
enum OpenBLASThreading {
    private struct State {
        var users = 0
        var saved: Int32 = 1
    }

    private static let state = Mutex(State())

    /// `body()`, with OpenBLAS at one thread for its duration.
    static func withSingleThread<Result, Failure: Error>(
        _ body: () throws(Failure) -> Result
    ) throws(Failure) -> Result {
        state.withLock { state in
            if state.users == 0 {
                state.saved = openblas_get_num_threads()
                if state.saved != 1 { openblas_set_num_threads(1) }
            }
            state.users += 1
        }
        defer {
            state.withLock { state in
                state.users -= 1
                if state.users == 0, state.saved != 1 { openblas_set_num_threads(state.saved) }
            }
        }
        return try body()
    }
}
