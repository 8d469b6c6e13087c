/// Consumes `value` so the optimizer cannot delete the computation that produced it.
///
/// `@inline(never)` keeps the call opaque at the call site, and `@_optimize(none)` keeps the
/// optimizer from proving the (empty) body side-effect free and dropping the call anyway.
/// A call costs about a nanosecond; benchmarks that need it pay it once per operation.
@inline(never)
@_optimize(none)
func blackHole<T>(_ value: T) {}

/// Runs `body(i)` for `i` in `0..<count`. Always inlined, so a closure literal passed here is
/// inlined into the loop too: the timed loop contains the operation itself, not an indirect
/// call to it.
@inline(__always)
func repeatOperation(_ count: Int, _ body: (Int) -> Void) {
    var i = 0
    while i < count {
        body(i)
        i &+= 1
    }
}
