import Foundation
import Synchronization

/// One measured operation: how to time `iterations` repetitions of it, and how to tell
/// afterwards whether the measurement is valid (e.g. a breaker that tripped measured the
/// wrong path).
///
/// Build one with ``singleThreaded(_:check:loop:)`` or ``multiThreaded(_:threads:check:loop:)``;
/// the `loop` closure runs the operation `n` times itself (with ``repeatOperation(_:_:)``), so
/// the only indirect call per timed run is the one into `loop`.
struct Benchmark {
    /// The row name, e.g. `breaker.acquire+record`.
    let name: String
    /// Threads running the operation at once (1 for uncontended rows).
    let threads: Int
    /// Performs `iterations` operations in total and returns the wall-clock time they took.
    let measure: (_ iterations: Int) -> Duration
    /// Called once after the last run; a non-nil string says why the results are invalid.
    let check: () -> String?

    /// A benchmark timed on the calling thread: `ContinuousClock` read before and after `loop(n)`.
    static func singleThreaded(_ name: String, check: @escaping () -> String? = { nil },
                               loop: @escaping (_ n: Int) -> Void) -> Benchmark {
        Benchmark(name: name, threads: 1, measure: { n in
            let clock = ContinuousClock()
            let start = clock.now
            loop(n)
            return clock.now - start
        }, check: check)
    }

    /// A benchmark run by `threads` threads at once, each performing `n / threads` operations.
    ///
    /// The threads are created and parked at a start line before the clock starts; the time
    /// runs from releasing them to the last one finishing, so thread creation is not measured.
    static func multiThreaded(_ name: String, threads: Int, check: @escaping () -> String? = { nil },
                              loop: @escaping @Sendable (_ n: Int) -> Void) -> Benchmark {
        Benchmark(name: name, threads: threads, measure: { n in
            runConcurrently(threads: threads, iterationsPerThread: max(n / threads, 1), loop: loop)
        }, check: check)
    }
}

/// The start line and finish line shared by the threads of one ``runConcurrently`` call.
private final class StartLine: Sendable {
    let ready = Atomic<Int>(0)
    let go = Atomic<Bool>(false)
    let running: Atomic<Int>
    let finishedAt = Mutex<ContinuousClock.Instant?>(nil)
    let done = DispatchSemaphore(value: 0)

    init(threads: Int) {
        running = Atomic(threads)
    }
}

/// Starts `threads` threads that each run `loop(iterationsPerThread)` after a common start
/// signal; returns the time from the signal to the last thread finishing.
private func runConcurrently(threads: Int, iterationsPerThread: Int,
                             loop: @escaping @Sendable (Int) -> Void) -> Duration {
    let line = StartLine(threads: threads)
    let clock = ContinuousClock()
    for index in 0..<threads {
        let thread = Thread {
            line.ready.add(1, ordering: .releasing)
            while !line.go.load(ordering: .acquiring) {}
            loop(iterationsPerThread)
            if line.running.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
                let end = clock.now
                line.finishedAt.withLock { $0 = end }
                line.done.signal()
            }
        }
        thread.name = "bench-\(index)"
        thread.start()
    }
    // Wait (yielding the core) until every thread is parked at the start line.
    while line.ready.load(ordering: .acquiring) < threads {
        Thread.sleep(forTimeInterval: 0.000_2)
    }
    let start = clock.now
    line.go.store(true, ordering: .releasing)
    line.done.wait()
    let end = line.finishedAt.withLock { $0 } ?? clock.now
    return end - start
}
