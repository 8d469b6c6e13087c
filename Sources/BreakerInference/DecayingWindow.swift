import Foundation

/// Sums that decay exponentially with time: each value recorded at time s weighs
/// `exp(−(t − s)/τ)` at time t. A constant rate r of unit events sums to about r·τ. O(1) per
/// update and per read, no buffer, no allocation.
///
/// Up to four sums share one time constant and one clock, so one `exp` serves them all.
struct DecayingWindow: Sendable, Hashable {
    /// τ in seconds.
    let timeConstant: Double
    /// The sums, as of ``updatedAt``.
    private(set) var sums = SIMD4<Double>()
    /// When ``sums`` were last brought up to date (−∞ before the first event).
    private(set) var updatedAt = -Double.infinity

    init(timeConstant: Double) {
        self.timeConstant = timeConstant
    }

    /// The decay factor from ``updatedAt`` to `time` (1 when `time` is not later).
    @inline(__always)
    func decay(to time: Double) -> Double {
        guard time > updatedAt else { return 1 }
        guard updatedAt.isFinite else { return 0 }
        return exp(-(time - updatedAt) / timeConstant)
    }

    /// Adds `values` at `time` (an earlier `time` than the last update counts as the last update).
    @inline(__always)
    mutating func add(_ values: SIMD4<Double>, at time: Double) {
        let factor = decay(to: time)
        sums = sums * factor + values
        if time > updatedAt { updatedAt = time }
    }

    /// The sums as they stand at `time`, without changing the window.
    @inline(__always)
    func sums(at time: Double) -> SIMD4<Double> {
        sums * decay(to: time)
    }
}
