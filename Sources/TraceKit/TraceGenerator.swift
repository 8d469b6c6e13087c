import Foundation

/// The seeded synthetic trace generator: turns a ``ScenarioSpec`` into a ``Trace`` with ground
/// truth and the ``Incident``s behind it.
///
/// Guarantees of ``generate(_:)``:
/// - **Deterministic**: equal specs give equal traces and byte-identical CSV (on one platform;
///   see ``TraceRandom`` for the last-bit caveat across C libraries).
/// - **On the schema's grid**: timestamps are whole microseconds, latencies whole microseconds
///   (3 decimals of a millisecond), so the CSV round-trips exactly.
/// - **Sorted**: rows are in non-decreasing timestamp order (ties by target order).
/// - **Columns**: the required four plus `error`, `region` and `healthy` (``columns``).
///   `error` is empty for successes and one of `http_503`, `http_500`, `connect_refused`,
///   `timeout` otherwise; a `timeout` row has exactly the target's timeout as latency.
/// - **Ground truth**: `healthy` is 0 exactly when an incident of the result covers the call
///   (``Incident/covers(target:region:at:)``), 1 otherwise.
/// - **Arrivals**: each target's calls form a Poisson process whose rate is the target's share
///   of ``ScenarioSpec/rate`` times the family's time pattern (diurnal hours and weekdays,
///   surges), sampled exactly by thinning; the merged trace is Poisson with the summed rate.
public enum TraceGenerator {
    /// The optional columns every generated trace holds: `error`, `region`, `healthy`.
    public static let columns: Set<TraceColumn> = [.error, .region, .healthy]

    /// Identifies the generator's model in manifests; changes whenever the same spec would
    /// give different bytes.
    public static let version = "tripwise-synthetic/1"

    /// Generates the trace of `spec`.
    ///
    /// - Precondition: `spec` is valid (``ScenarioSpec/validate()`` does not throw).
    public static func generate(_ spec: ScenarioSpec) -> GeneratedTrace {
        do {
            try spec.validate()
        } catch {
            preconditionFailure("invalid scenario spec: \(error)")
        }
        let layout = ScenarioLayout(spec)
        let shareTotal = spec.targets.reduce(0) { $0 + $1.share }
        let perTarget = spec.targets.indices.map { target in
            callsOfTarget(target, spec: spec, effects: layout.effects.filter { $0.target == target },
                          baseRate: spec.rate * spec.targets[target].share / shareTotal)
        }
        let trace = merge(perTarget, spec: spec)
        return GeneratedTrace(spec: spec, trace: trace, incidents: layout.incidents)
    }

    /// The diurnal traffic factor at `time`: `1 + 0.75·cos(2π(h − 14)/24)` for the UTC hour
    /// `h` (peak 1.75 at 14:00, trough 0.25 at 02:00, mean 1 over a day), times 0.6 on
    /// Saturdays and 0.5 on Sundays.
    public static func diurnalFactor(at time: Double) -> Double {
        let hour = UTCTimestamp.hourOfDay(time)
        let hourly = 1 + 0.75 * cos(2 * Double.pi * (hour - 14) / 24)
        switch UTCTimestamp.weekday(time) {
        case 5: return hourly * 0.6
        case 6: return hourly * 0.5
        default: return hourly
        }
    }

    /// One call, before merging.
    private struct Call {
        var time: Double
        var region: UInt32
        var latencyMs: Double
        var outcome: TraceOutcome
        var error: SyntheticError?
        var healthy: Bool
    }

    private static let backgroundErrors: [(error: SyntheticError, weight: Double)] =
        [(.http500, 0.6), (.http503, 0.25), (.connectRefused, 0.15)]

    /// The calls of one target, in time order, from its own random stream.
    private static func callsOfTarget(_ target: Int, spec: ScenarioSpec, effects: [IncidentEffect],
                                      baseRate: Double) -> [Call] {
        var random = TraceRandom(seed: spec.seed, stream: UInt64(target) + 1)
        let profile = spec.targets[target]
        let timeout = (profile.timeoutMs * 1_000).rounded() / 1_000
        let regionShares = spec.regions.map(\.share)
        let diurnal = spec.family == .diurnal
        let surges = effects.compactMap(\.rateFactor)
        let maximumRate = baseRate * (diurnal ? 1.75 : 1) * surges.reduce(1) { $0 * $1.maximum }
        func rate(at time: Double) -> Double {
            var rate = baseRate
            if diurnal { rate *= diurnalFactor(at: time) }
            for surge in surges { rate *= surge.value(at: time) }
            return rate
        }

        var calls: [Call] = []
        calls.reserveCapacity(Int(baseRate * spec.duration * 1.05) + 16)
        var clock = spec.start
        while true {
            clock += random.exponential(rate: maximumRate)
            guard clock < spec.end else { break }
            if diurnal || !surges.isEmpty, random.uniform() * maximumRate >= rate(at: clock) { continue }
            let time = (clock * 1_000_000).rounded() / 1_000_000
            guard time < spec.end else { break }

            let region = random.pick(weights: regionShares)
            let regionFactor = spec.regions[region].latencyFactor
            var medianFactor = regionFactor
            var sigma = profile.latencySigma
            var suppressBackground = false
            var healthy = true
            for effect in effects where effect.applies(target: target, region: region, at: time) {
                healthy = false
                medianFactor *= effect.latencyFactor.value(at: time)
                sigma += effect.extraSigma
                if effect.suppressesBackgroundErrors { suppressBackground = true }
            }
            var error: SyntheticError?
            var fastFailure = true
            for effect in effects where effect.applies(target: target, region: region, at: time) {
                let probability = effect.failure.value(at: time)
                guard probability > 0, random.uniform() < probability else { continue }
                error = effect.errors[random.pick(weights: effect.errors.map(\.weight))].error
                fastFailure = effect.fastFailures
                break
            }
            if error == nil, !suppressBackground, random.uniform() < profile.backgroundErrorRate {
                error = backgroundErrors[random.pick(weights: backgroundErrors.map(\.weight))].error
            }

            var latency: Double
            switch error {
            case nil, .http500:
                latency = random.logNormal(median: profile.medianLatencyMs * medianFactor, sigma: sigma)
            case .http503 where fastFailure:
                latency = random.logNormal(median: max(1, 0.25 * profile.medianLatencyMs) * regionFactor, sigma: 0.4)
            case .http503:
                latency = random.logNormal(median: profile.medianLatencyMs * medianFactor, sigma: sigma)
            case .connectRefused:
                latency = random.logNormal(median: regionFactor, sigma: 0.5)
            case .timeout:
                latency = timeout
            }
            var outcome: TraceOutcome = error == nil ? .success : .failure
            if error == .timeout || latency >= timeout {
                outcome = .timeout
                error = .timeout
                latency = timeout
            }
            latency = max(0.001, (latency * 1_000).rounded() / 1_000)
            calls.append(Call(time: time, region: UInt32(region), latencyMs: latency, outcome: outcome,
                              error: error, healthy: healthy))
        }
        return calls
    }

    /// Merges the per-target call lists into one trace sorted by time (ties by target order).
    private static func merge(_ perTarget: [[Call]], spec: ScenarioSpec) -> Trace {
        var trace = Trace(optionalColumns: columns)
        let total = perTarget.reduce(0) { $0 + $1.count }
        trace.timestamps.reserveCapacity(total)
        trace.latenciesMs.reserveCapacity(total)
        trace.outcomes.reserveCapacity(total)
        trace.targets.reserveCapacity(total)
        trace.errors?.reserveCapacity(total)
        trace.regions?.reserveCapacity(total)
        trace.healthy?.reserveCapacity(total)
        let targetCodes = spec.targets.map { trace.targets.code(for: $0.name) }
        let regionCodes = spec.regions.map { trace.regions!.code(for: $0.name) }
        let noError = trace.errors!.code(for: "")
        var errorCodes: [SyntheticError: UInt32] = [:]
        for error in SyntheticError.allCases { errorCodes[error] = trace.errors!.code(for: error.rawValue) }

        var next = [Int](repeating: 0, count: perTarget.count)
        for _ in 0..<total {
            var chosen = -1
            var earliest = Double.infinity
            for target in perTarget.indices where next[target] < perTarget[target].count {
                let time = perTarget[target][next[target]].time
                if time < earliest {
                    earliest = time
                    chosen = target
                }
            }
            let call = perTarget[chosen][next[chosen]]
            next[chosen] += 1
            trace.timestamps.append(call.time)
            trace.targets.append(code: targetCodes[chosen])
            trace.latenciesMs.append(call.latencyMs)
            trace.outcomes.append(call.outcome)
            trace.errors?.append(code: call.error.map { errorCodes[$0]! } ?? noError)
            trace.regions?.append(code: regionCodes[Int(call.region)])
            trace.healthy?.append(call.healthy ? 1 : 0)
        }
        return trace
    }
}
