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
    /// Computed as log1p(π · expm1(u)) — exact algebra, since (1 + e^(v+u)) / (1 + e^v) =
    /// 1 + σ(v)·(e^u − 1) — so its rounding error is relative to the change itself, not to the
    /// loss: tiny steps near the optimum give changes accurate far below the loss's own
    /// rounding. Falls back to the plain difference when expm1(u) overflows.
    @inline(__always)
    static func lossChange(wrongProbability pi: Double, signedStep u: Double, signedLogOdds v: Double) -> Double {
        if u < 700 {
            let change = log1p(pi * expm1(u))
            if change.isFinite { return change }
        }
        return softplus(v + u) - softplus(v)
    }
}
