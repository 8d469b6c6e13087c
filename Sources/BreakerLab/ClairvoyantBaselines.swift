import TraceKit

/// The two clairvoyant references of a benchmark, as per-row decisions. Neither is a policy a
/// service could run: `oracle` reads the ground-truth `healthy` column, `hindsight` reads the
/// outcomes of the very calls it decides.
public enum ClairvoyantBaselines {
    /// `oracle`: every call with `healthy` = 0 is rejected, every other call (healthy, or with an
    /// empty `healthy` cell) admitted; rows recorded as `rejected` are excluded.
    ///
    /// Not a cost floor: the calls of an unhealthy period that succeed are false rejects.
    ///
    /// - Throws: ``BenchmarkError`` (`usage`) when the trace has no `healthy` column.
    public static func oracle(_ trace: Trace) throws(BenchmarkError) -> [ReplayDecision] {
        guard let healthy = trace.healthy else {
            throw BenchmarkError(.usage, "policy 'oracle' needs a 'healthy' column, which the test trace does not have")
        }
        var decisions = [ReplayDecision](repeating: .admitted, count: trace.count)
        for row in 0..<trace.count {
            if trace.outcomes[row] == .rejected {
                decisions[row] = .excluded
            } else if healthy[row] == 0 {
                decisions[row] = .rejected
            }
        }
        return decisions
    }

    /// `hindsight`: the calls of each target are grouped into blocks of `blockSeconds` aligned
    /// to the trace's first call (block k holds the calls starting in
    /// [first + k·blockSeconds, first + (k+1)·blockSeconds)); a block is rejected whole exactly
    /// when admitting it would cost more than refusing it:
    ///
    ///     costFail · failures + costTime · seconds on failures  >  costReject · successes
    ///
    /// With the default costs (1, 1, 0) that is "more of its calls fail than succeed" (a tie
    /// admits). Each block then costs min(admit, reject), so hindsight has the lowest cost of
    /// every policy that decides a target's block as a whole — the practical floor. A causal
    /// policy can still beat it on a block by switching inside it (e.g. tripping after the
    /// first failures of a block that most calls survive), so it is not a floor for every
    /// policy by construction.
    public static func hindsight(_ trace: Trace, costs: BenchmarkCosts, blockSeconds: Double = 10) -> [ReplayDecision] {
        var decisions = [ReplayDecision](repeating: .admitted, count: trace.count)
        guard let origin = trace.timestamps.min() else { return decisions }
        struct Key: Hashable {
            var target: UInt32
            var block: Int64
        }
        var admitCost: [Key: Double] = [:]
        var rejectCost: [Key: Double] = [:]
        var keys = [Key](repeating: Key(target: 0, block: 0), count: trace.count)
        for row in 0..<trace.count {
            let outcome = trace.outcomes[row]
            if outcome == .rejected {
                decisions[row] = .excluded
                continue
            }
            let key = Key(target: trace.targets.codes[row],
                          block: Int64(((trace.timestamps[row] - origin) / blockSeconds).rounded(.down)))
            keys[row] = key
            let failed = outcome.isFailure
            admitCost[key, default: 0] += costs.cost(admitted: true, failed: failed, latencyMs: trace.latenciesMs[row])
            rejectCost[key, default: 0] += costs.cost(admitted: false, failed: failed, latencyMs: trace.latenciesMs[row])
        }
        for row in 0..<trace.count where decisions[row] != .excluded {
            let key = keys[row]
            if admitCost[key, default: 0] > rejectCost[key, default: 0] { decisions[row] = .rejected }
        }
        return decisions
    }
}
