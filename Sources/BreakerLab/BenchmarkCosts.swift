/// The prices `tripwise bench` charges for a policy's mistakes, in any unit shared by all three.
///
/// A policy's total cost on a trace is
///
///     costFail · failedSent + costReject · falseRejects + costTime · secondsOnFailedSent
///
/// where `failedSent` counts calls the policy admitted whose recorded outcome is `failure` or
/// `timeout`, `falseRejects` counts calls it refused whose recorded outcome is `success`, and
/// `secondsOnFailedSent` is the client time (`latency_ms` / 1000) spent on the failed calls it
/// admitted. A refused call that would have failed costs nothing; an admitted success costs
/// nothing. The defaults (1, 1, 0) count mistakes.
public struct BenchmarkCosts: Sendable, Hashable, Codable {
    /// Price of sending a call that fails (or times out). Default 1.
    public var costFail: Double
    /// Price of refusing a call that would have succeeded. Default 1.
    public var costReject: Double
    /// Price per second of client time spent waiting on a failed call that was sent. Default 0.
    public var costTime: Double

    /// Costs (1, 1, 0) unless told otherwise.
    public init(costFail: Double = 1, costReject: Double = 1, costTime: Double = 0) {
        self.costFail = costFail
        self.costReject = costReject
        self.costTime = costTime
    }

    /// Checks that every price is finite and ≥ 0 and that costFail and costReject are not both 0.
    public func validate() throws(BenchmarkError) {
        for (name, value) in [("cost-fail", costFail), ("cost-reject", costReject), ("cost-time", costTime)] {
            guard value.isFinite, value >= 0 else {
                throw BenchmarkError(.usage, "\(name) must be a finite number ≥ 0, not \(value)")
            }
        }
        guard costFail > 0 || costReject > 0 else {
            throw BenchmarkError(.usage, "cost-fail and cost-reject cannot both be 0: every policy would cost the same")
        }
    }

    /// The total cost of the given counts.
    @inlinable
    public func total(failedSent: Int, falseRejects: Int, secondsOnFailedSent: Double) -> Double {
        costFail * Double(failedSent) + costReject * Double(falseRejects) + costTime * secondsOnFailedSent
    }

    /// What one call costs: admitted and failed → costFail + costTime · seconds; refused and
    /// would have succeeded → costReject; otherwise 0.
    @inlinable
    public func cost(admitted: Bool, failed: Bool, latencyMs: Double) -> Double {
        if admitted { return failed ? costFail + costTime * latencyMs / 1000 : 0 }
        return failed ? 0 : costReject
    }

    /// What one call costs by what a log recorded behind a breaker can show: admitted and failed
    /// → costFail + costTime · seconds; refused → costReject whatever its outcome would have
    /// been (a log does not know it); otherwise 0. Off-policy evaluation scores with this.
    @inlinable
    public func observableCost(admitted: Bool, failed: Bool, latencyMs: Double) -> Double {
        admitted ? cost(admitted: true, failed: failed, latencyMs: latencyMs) : costReject
    }
}
