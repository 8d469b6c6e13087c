import Synchronization

#if TRIPWISE_TSAN
@_silgen_name("__tsan_acquire")
private func tsanAcquire(_ address: UnsafeRawPointer)
@_silgen_name("__tsan_release")
private func tsanRelease(_ address: UnsafeRawPointer)
#endif

extension Mutex where Value: ~Copyable {
    /// `withLock`, plus, in ThreadSanitizer builds, the happens-before edges the sanitizer
    /// cannot see for itself.
    ///
    /// On Linux, `Synchronization.Mutex` is a futex driven from the uninstrumented
    /// Synchronization module, so ThreadSanitizer sees no ordering between two critical
    /// sections and reports every access to the protected value as a race (a four-line program
    /// hammering a `Mutex<[Int]>` reproduces it). Built with `-DTRIPWISE_TSAN` (as `make tsan`
    /// does), the critical section is annotated with `__tsan_acquire`/`__tsan_release` on
    /// `owner`'s address, which states exactly the mutex's guarantee and nothing more: accesses
    /// outside the lock are still checked. In other builds this is `withLock`.
    @inline(__always)
    package borrowing func withLockChecked<Result>(
        owner: AnyObject, _ body: (inout sending Value) -> sending Result
    ) -> sending Result {
        withLock { value in
            #if TRIPWISE_TSAN
            let address = UnsafeRawPointer(Unmanaged.passUnretained(owner).toOpaque())
            tsanAcquire(address)
            defer { tsanRelease(address) }
            #endif
            return body(&value)
        }
    }
}
