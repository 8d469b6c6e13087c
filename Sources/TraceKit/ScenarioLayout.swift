/// The incidents of one scenario and the effects that realise them, drawn from the layout
/// stream of the spec's seed. One place per family says what goes wrong, when and how badly.
struct ScenarioLayout {
    let spec: ScenarioSpec
    private(set) var incidents: [Incident] = []
    private(set) var effects: [IncidentEffect] = []
    private var random: TraceRandom

    /// Draws the layout of `spec` (which must be valid).
    init(_ spec: ScenarioSpec) {
        self.spec = spec
        random = TraceRandom(seed: spec.seed, stream: 0)
        switch spec.family {
        case .baseline: break
        case .suddenOutage: layOutSuddenOutage()
        case .gradualDegradation: layOutGradualDegradation()
        case .intermittent: layOutIntermittent()
        case .latencyBrownout: layOutBrownout()
        case .thunderingHerd: layOutThunderingHerd()
        case .regionalOutage: layOutRegionalOutage()
        case .diurnal: layOutDiurnal()
        }
        // By start; ties keep the order they were laid out in.
        incidents = incidents.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
    }

    // MARK: Families

    private mutating func layOutSuddenOutage() {
        let target = random.index(below: spec.targets.count)
        let length = min(random.uniform(180...480), 0.4 * spec.duration)
        let start = place(length, within: 0.2...0.8)
        let end = roundMs(start + length)
        let failure = random.uniform(0.6...1.0)
        let name = spec.targets[target].name
        add(IncidentEffect(target: target, start: start, end: end,
                           failure: .constant(failure, from: start, to: end, neutral: 0),
                           errors: [(.connectRefused, 0.45), (.http503, 0.55)]),
            kind: .outage, peakFailureRate: failure,
            description: "\(name) is down for \(minutes(end - start)): \(percent(failure)) of calls fail fast (connect_refused, http_503)")
    }

    private mutating func layOutGradualDegradation() {
        let target = random.index(below: spec.targets.count)
        var ramp = random.uniform(180...360)
        var hold = random.uniform(60...180)
        var recovery = random.uniform(60...120)
        let squeeze = min(1, 0.7 * spec.duration / (ramp + hold + recovery))
        ramp *= squeeze
        hold *= squeeze
        recovery *= squeeze
        let start = place(ramp + hold + recovery, within: 0.15...0.85)
        let peak = roundMs(start + ramp)
        let plateauEnd = roundMs(start + ramp + hold)
        let end = roundMs(start + ramp + hold + recovery)
        let failure = random.uniform(0.25...0.5)
        let latency = random.uniform(3...6)
        let name = spec.targets[target].name
        add(IncidentEffect(target: target, start: start, end: end,
                           failure: PiecewiseLinear(points: [(start, 0), (peak, failure), (plateauEnd, failure), (end, 0)], neutral: 0),
                           latencyFactor: PiecewiseLinear(points: [(start, 1), (peak, latency), (plateauEnd, latency), (end, 1)], neutral: 1),
                           extraSigma: 0.1,
                           errors: [(.http500, 0.4), (.http503, 0.35), (.timeout, 0.25)], fastFailures: false),
            kind: .degradation, peakFailureRate: failure, peakLatencyFactor: latency,
            description: "\(name) degrades over \(minutes(peak - start)) to \(percent(failure)) errors (http_500, http_503, timeout) and ×\(fixed(latency, 1)) latency, holds \(minutes(plateauEnd - peak)), recovers over \(minutes(end - plateauEnd))")
    }

    private mutating func layOutIntermittent() {
        let target = random.index(below: spec.targets.count)
        let episode = min(random.uniform(480...720), 0.7 * spec.duration)
        let episodeStart = place(episode, within: 0.15...0.85)
        let episodeEnd = episodeStart + episode
        let name = spec.targets[target].name
        var time = episodeStart
        var flaps: [(start: Double, end: Double, failure: Double)] = []
        while time < episodeEnd {
            let down = min(random.uniform(10...30), episodeEnd - time)
            let up = random.uniform(20...60)
            let failure = random.uniform(0.7...1.0)
            if down < 5 { break }
            flaps.append((roundMs(time), roundMs(time + down), failure))
            time = roundMs(time + down + up)
        }
        for (number, flap) in flaps.enumerated() {
            add(IncidentEffect(target: target, start: flap.start, end: flap.end,
                               failure: .constant(flap.failure, from: flap.start, to: flap.end, neutral: 0),
                               errors: [(.http503, 0.6), (.connectRefused, 0.4)]),
                kind: .flapping, peakFailureRate: flap.failure,
                description: "\(name) flaps: failing phase \(number + 1) of \(flaps.count), \(seconds(flap.end - flap.start)) at \(percent(flap.failure)) fast failures (http_503, connect_refused)")
        }
    }

    private mutating func layOutBrownout() {
        let target = random.index(below: spec.targets.count)
        let profile = spec.targets[target]
        let length = min(random.uniform(240...480), 0.4 * spec.duration)
        let start = place(length, within: 0.2...0.8)
        let end = roundMs(start + length)
        let fractionOfTimeout = random.uniform(0.3...0.45)
        let factor = max(3, fractionOfTimeout * profile.timeoutMs / profile.medianLatencyMs)
        add(IncidentEffect(target: target, start: start, end: end,
                           failure: .none(0),
                           latencyFactor: .constant(factor, from: start, to: end, neutral: 1),
                           extraSigma: max(0, 0.6 - profile.latencySigma),
                           suppressesBackgroundErrors: true),
            kind: .brownout, peakFailureRate: 0, peakLatencyFactor: factor,
            description: "\(profile.name) slows ×\(fixed(factor, 1)) (median ≈ \(fixed(factor * profile.medianLatencyMs, 0)) ms, timeout \(fixed(profile.timeoutMs, 0)) ms) for \(minutes(end - start)) without errors; calls that reach the timeout end as timeout")
    }

    private mutating func layOutThunderingHerd() {
        let target = random.index(below: spec.targets.count)
        var outage = random.uniform(120...300)
        var overload = random.uniform(20...45)
        var tail = random.uniform(30...90)
        let squeeze = min(1, 0.6 * spec.duration / (outage + overload + tail))
        outage *= squeeze
        overload *= squeeze
        tail *= squeeze
        let start = place(outage + overload + tail, within: 0.2...0.8)
        let recovery = roundMs(start + outage)
        let overloadEnd = roundMs(recovery + overload)
        let tailEnd = roundMs(overloadEnd + tail)
        let failure = random.uniform(0.85...1.0)
        let surge = random.uniform(3...5)
        let overloadFailure = random.uniform(0.1...0.25)
        let overloadLatency = random.uniform(2...3.5)
        let name = spec.targets[target].name
        add(IncidentEffect(target: target, start: start, end: recovery,
                           failure: .constant(failure, from: start, to: recovery, neutral: 0),
                           errors: [(.connectRefused, 0.6), (.http503, 0.4)]),
            kind: .outage, peakFailureRate: failure,
            description: "\(name) is down for \(minutes(recovery - start)): \(percent(failure)) of calls fail fast (connect_refused, http_503)")
        add(IncidentEffect(target: target, start: recovery, end: overloadEnd,
                           failure: .constant(overloadFailure, from: recovery, to: overloadEnd, neutral: 0),
                           latencyFactor: .constant(overloadLatency, from: recovery, to: overloadEnd, neutral: 1),
                           extraSigma: 0.15,
                           errors: [(.http503, 0.7), (.http500, 0.3)], fastFailures: false,
                           rateFactor: PiecewiseLinear(points: [(recovery, surge), (overloadEnd, surge), (tailEnd, 1)], neutral: 1)),
            kind: .surge, peakFailureRate: overloadFailure, peakLatencyFactor: overloadLatency, peakRateFactor: surge,
            description: "\(name) recovers into a ×\(fixed(surge, 1)) traffic surge: overloaded for \(seconds(overloadEnd - recovery)) (\(percent(overloadFailure)) errors, ×\(fixed(overloadLatency, 1)) latency), then traffic eases back to normal over \(seconds(tailEnd - overloadEnd)) while healthy")
    }

    private mutating func layOutRegionalOutage() {
        let region = random.index(below: spec.regions.count)
        let length = min(random.uniform(180...480), 0.4 * spec.duration)
        let start = place(length, within: 0.2...0.8)
        let end = roundMs(start + length)
        let regionName = spec.regions[region].name
        for (target, profile) in spec.targets.enumerated() {
            let failure = random.uniform(0.7...1.0)
            add(IncidentEffect(target: target, region: region, start: start, end: end,
                               failure: .constant(failure, from: start, to: end, neutral: 0),
                               errors: [(.connectRefused, 0.6), (.http503, 0.4)]),
                kind: .outage, peakFailureRate: failure,
                description: "region \(regionName) is down for \(minutes(end - start)): \(percent(failure)) of \(profile.name) calls from \(regionName) fail fast; other regions are healthy")
        }
    }

    private mutating func layOutDiurnal() {
        let target = random.index(below: spec.targets.count)
        let length = min(random.uniform(600...1_200), 0.2 * spec.duration)
        // During working hours (09:00–19:00 UTC) of a random day of the span, kept inside it.
        let firstMidnight = (spec.start / 86_400).rounded(.down) * 86_400
        let days = max(1, Int((spec.end - firstMidnight) / 86_400))
        let day = Double(random.index(below: days))
        let wanted = firstMidnight + day * 86_400 + random.uniform(9 * 3_600 ... 19 * 3_600 - length)
        let lowest = spec.start + 0.05 * spec.duration
        let highest = spec.end - 0.05 * spec.duration - length
        let start = roundMs(min(max(wanted, lowest), max(lowest, highest)))
        let end = roundMs(start + length)
        let failure = random.uniform(0.6...1.0)
        let name = spec.targets[target].name
        add(IncidentEffect(target: target, start: start, end: end,
                           failure: .constant(failure, from: start, to: end, neutral: 0),
                           errors: [(.connectRefused, 0.5), (.http503, 0.5)]),
            kind: .outage, peakFailureRate: failure,
            description: "\(name) is down for \(minutes(end - start)) at \(UTCTimestamp.format(start)): \(percent(failure)) of calls fail fast (connect_refused, http_503)")
    }

    // MARK: Helpers

    /// Records `effect` and the incident describing it (same target, region and window).
    private mutating func add(_ effect: IncidentEffect, kind: IncidentKind, peakFailureRate: Double,
                              peakLatencyFactor: Double = 1, peakRateFactor: Double = 1, description: String) {
        effects.append(effect)
        incidents.append(Incident(
            id: "\(spec.family.rawValue)-\(spec.seed)-\(incidents.count + 1)", family: spec.family.rawValue,
            target: spec.targets[effect.target].name, region: effect.region.map { spec.regions[$0].name },
            start: effect.start, end: effect.end, kind: kind, description: description,
            peakFailureRate: roundTo(peakFailureRate, 4), peakLatencyFactor: roundTo(peakLatencyFactor, 4),
            peakRateFactor: roundTo(peakRateFactor, 4)))
    }

    /// A start (whole milliseconds) for a window of `length` seconds lying inside the given
    /// fraction of the scenario, uniformly; centred when it does not fit.
    private mutating func place(_ length: Double, within fraction: ClosedRange<Double>) -> Double {
        let lowest = spec.start + fraction.lowerBound * spec.duration
        let highest = spec.start + fraction.upperBound * spec.duration - length
        guard highest > lowest else { return roundMs(spec.start + (spec.duration - length) / 2) }
        return roundMs(random.uniform(lowest...highest))
    }

    private func roundMs(_ time: Double) -> Double { (time * 1_000).rounded() / 1_000 }
    private func roundTo(_ value: Double, _ decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        return (value * scale).rounded() / scale
    }
    private func fixed(_ value: Double, _ decimals: Int) -> String {
        var bytes: [UInt8] = []
        TraceWriter.appendFixed(value, decimals: decimals, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
    private func percent(_ probability: Double) -> String { fixed(probability * 100, 0) + " %" }
    private func minutes(_ seconds: Double) -> String { fixed(seconds / 60, 1) + " min" }
    private func seconds(_ value: Double) -> String { fixed(value, 0) + " s" }
}
