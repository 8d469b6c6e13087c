import Testing
import TraceKit
@testable import BreakerTraining

extension TraceRandom {
    /// `count` values uniform in [-1, 1), seeded: the same vectors on every run and machine.
    fileprivate mutating func vector(count: Int) -> [Double] {
        (0..<count).map { _ in uniform() * 2 - 1 }
    }
}

/// The reference: a plain sequential loop, plus Σ|x·y| to scale the tolerance.
private func referenceDot(_ x: [Double], _ y: [Double]) -> (value: Double, magnitude: Double) {
    var sum = 0.0
    var magnitude = 0.0
    for i in x.indices {
        sum += x[i] * y[i]
        magnitude += abs(x[i] * y[i])
    }
    return (sum, magnitude)
}

@Suite("BLAS.dot")
struct BLASDotTests {
    /// Relative tolerance against the reference loop: |blas − loop| ≤ 1e-12 ·
    /// Σ|x_i·y_i|. OpenBLAS sums in a different (blocked, vectorised) order, so
    /// the two may differ by rounding; on random data that error grows like
    /// √n·2⁻⁵³ (≈ 3.5e-14 relative at n = 10⁵), well inside the bound, while
    /// any real defect (a dropped element, single precision) is far outside it.
    /// It is relative to Σ|x_i·y_i| rather than |Σ x_i·y_i| because random
    /// signs can make the sum itself cancel to near zero.
    static let relativeTolerance = 1e-12

    @Test("matches a plain Swift loop on seeded random vectors",
          arguments: [1, 2, 3, 7, 16, 17, 64, 1_000, 4_097, 100_000])
    func matchesReference(count: Int) throws {
        var rng = TraceRandom(seed: 0x7121_5E00 &+ UInt64(count))
        let x = rng.vector(count: count)
        let y = rng.vector(count: count)

        let got = try BLAS.dot(x, y)
        let expected = referenceDot(x, y)

        #expect(abs(got - expected.value) <= Self.relativeTolerance * expected.magnitude,
                "n=\(count): BLAS \(got) vs loop \(expected.value)")
    }

    @Test("is exact on small integers")
    func exactOnIntegers() throws {
        #expect(try BLAS.dot([1, 2, 3], [4, -5, 6]) == 12)
    }

    @Test("returns 0 for two empty vectors")
    func emptyIsZero() throws {
        #expect(try BLAS.dot([], []) == 0)
    }

    @Test("throws a length-mismatch error naming both lengths")
    func lengthMismatch() {
        #expect(throws: BLASError.lengthMismatch(routine: "BLAS.dot", xCount: 3, yCount: 4)) {
            try BLAS.dot([1, 2, 3], [1, 2, 3, 4])
        }
        do {
            _ = try BLAS.dot([1], [])
            Issue.record("expected a length mismatch")
        } catch {
            #expect(error.message == "BLAS.dot: length mismatch: x has 1 elements, y has 0")
        }
    }
}
