import Foundation

/// Numerically stable pieces of the logistic model, shared by the solver and ``LogisticFit``.
///
/// Every function works from exp(−|z|) ∈ (0, 1], which never overflows, so the results are
/// finite and accurate for every finite log-odds z (no `exp(z)` of a large z, no `1 − p`
/// cancellation). The log-loss of a row is softplus(v) with v = z for label 0, v = −z for
/// label 1.
enum LogisticMath {
    /// σ(z) = 1 / (1 + exp(−z)), in [0, 1].
    @inline(__always)
    static func sigmoid(_ z: Double) -> Double {
        let e = exp(-abs(z))
        return z >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    /// softplus(v) = log(1 + exp(v)) = max(v, 0) + log1p(exp(−|v|)): the log-loss of a row
    /// whose signed log-odds is v (v = z for label 0, v = −z for label 1).
    @inline(__always)
    static func softplus(_ v: Double) -> Double {
        max(v, 0) + log1p(exp(-abs(v)))
    }

    /// The change of one row's log-loss, softplus(v + u) − softplus(v), when its signed
    /// log-odds v moves by u, given π = σ(v) (the probability the model gives the wrong label).
    ///
    /// Computed as log1p(x) with x = π · expm1(u) — exact algebra, since
    /// (1 + e^(v+u)) / (1 + e^v) = 1 + σ(v)·(e^u − 1) — whenever |x| ≤ ½: then its rounding
    /// error is a few ulps of the change itself, not of the loss, so tiny steps near the optimum
    /// give changes accurate far below the loss's own rounding. Otherwise (a change of at least
    /// ~0.4 in magnitude, where log1p would suffer from x near −1, or expm1 overflow) it is the
    /// plain difference of the two losses, accurate relative to a change that large.
    @inline(__always)
    static func lossChange(wrongProbability pi: Double, signedStep u: Double, signedLogOdds v: Double) -> Double {
        if u < 700 {
            let x = pi * expm1(u)
            if abs(x) <= 0.5 { return log1p(x) }
        }
        return softplus(v + u) - softplus(v)
    }
}
