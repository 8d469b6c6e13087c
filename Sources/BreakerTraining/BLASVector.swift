import COpenBLAS

/// Thin, checked wrappers over the CBLAS routines of the system OpenBLAS.
///
/// Each wrapper validates its inputs and throws `BLASError` instead of handing
/// OpenBLAS anything it could misread. These are for training (large dense
/// arrays); `BreakerInference` deliberately uses plain Swift loops instead,
/// because for the ~16-wide vectors of a served policy the call overhead of
/// CBLAS exceeds the arithmetic (see DESIGN.md).
public enum BLAS {
    /// The dot product `x · y = Σ x[i] · y[i]`, computed by `cblas_ddot`.
    ///
    /// - Returns: `0` when both vectors are empty; otherwise the sum as
    ///   computed by OpenBLAS (its summation order may differ from a
    ///   sequential loop, so results can differ from one in the last bits).
    ///   Vectors longer than the largest BLAS index are summed in chunks.
    /// - Throws: `BLASError.lengthMismatch` when `x.count != y.count`;
    ///   nothing is computed in that case.
    public static func dot(_ x: [Double], _ y: [Double]) throws(BLASError) -> Double {
        guard x.count == y.count else {
            throw BLASError.lengthMismatch(routine: "BLAS.dot", xCount: x.count, yCount: y.count)
        }
        if x.isEmpty { return 0 }
        return x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                guard let xBase = xs.baseAddress, let yBase = ys.baseAddress else { return 0 }
                // `blasint` is 32-bit in the usual (LP64) OpenBLAS build: never
                // pass a count it cannot represent.
                let maxChunk = Int(blasint.max)
                var sum = 0.0
                var start = 0
                while start < xs.count {
                    let length = min(maxChunk, xs.count - start)
                    sum += cblas_ddot(blasint(length), xBase + start, 1, yBase + start, 1)
                    start += length
                }
                return sum
            }
        }
    }
}
