import TraceKit

/// A breaker state as the incident figures need it.
enum TimelineState: Sendable, Hashable {
    case closed, open, halfOpen, other

    init(_ name: String) {
        switch name {
        case "CLOSED": self = .closed
        case "OPEN": self = .open
        case "HALF_OPEN": self = .halfOpen
        default: self = .other
        }
    }
}

/// One state change of one target, at a time in Unix seconds.
struct TimelineChange: Sendable, Hashable {
    var time: Double
    var from: TimelineState
    var to: TimelineState
    var isTrip: Bool { from == .closed && to == .open }
}

/// Per-target state timelines of one policy on a trace, in time order.
struct PolicyTimeline: Sendable {
    /// Changes per target code (the trace's target dictionary).
    var changes: [[TimelineChange]]

    var count: Int { changes.reduce(0) { $0 + $1.count } }

    /// The breakers' own transitions from a replay.
    init(replay: ReplayResult, trace: Trace) {
        let codes = Dictionary(uniqueKeysWithValues: trace.targets.values.enumerated().map { ($1, $0) })
        changes = Array(repeating: [], count: trace.targets.values.count)
        for transition in replay.transitions {
            guard let code = codes[transition.target] else { continue }
            changes[code].append(TimelineChange(time: transition.time, from: TimelineState(transition.from),
                                                to: TimelineState(transition.to)))
        }
    }

    /// A timeline read off per-row decisions, for policies without states (clairvoyant
    /// references, `never`, SRE throttling): a target "trips" (CLOSED → OPEN) at the start of
    /// the first rejected call of a run of rejections and "closes" (OPEN → CLOSED) at the start
    /// of the next admitted call. Excluded rows do not break a run.
    init(decisions: [ReplayDecision], trace: Trace, order: [Int]) {
        changes = Array(repeating: [], count: trace.targets.values.count)
        var rejecting = [Bool](repeating: false, count: trace.targets.values.count)
        for row in order {
            let target = Int(trace.targets.codes[row])
            switch decisions[row] {
            case .rejected where !rejecting[target]:
                rejecting[target] = true
                changes[target].append(TimelineChange(time: trace.timestamps[row], from: .closed, to: .open))
            case .admitted where rejecting[target]:
                rejecting[target] = false
                changes[target].append(TimelineChange(time: trace.timestamps[row], from: .open, to: .closed))
            default:
                break
            }
        }
    }
}

/// The incidents of a trace with a `healthy` column, as the benchmark scores policies against
/// them.
///
/// Runs come from ``TraceSummary``: maximal runs of a target's calls with `healthy` = 0, per
/// region when the trace has regions, broken only by a healthy call of the same target and
/// region (no time-gap rule: a slow trickle of unhealthy calls is one run). Each run spans
/// from its first unhealthy call's start (`start`) to its last unhealthy call's start (`end`);
/// `settled` is the latest completion (start + latency) of its unhealthy calls, so a trip
/// caused by the outcome of a call made during the run counts as inside it.
///
/// Breakers are per target, so runs of one target that overlap in time ([start, settled]) —
/// the per-region runs of an outage that hits every region — are merged into one incident;
/// otherwise a whole-target outage would count once per region and weigh three times as much
/// as a regional one. A regional outage stays one incident per target. A target counts as
/// unhealthy while one of its incidents is between `start` and `settled`, healthy otherwise.
struct IncidentGroundTruth: Sendable {
    struct Incident: Sendable {
        var target: Int
        var region: String?
        var start: Double
        var end: Double
        var settled: Double
    }

    var incidents: [Incident]
    /// Runs of `healthy` = 0 per target and region, before merging.
    var runs: Int
    /// Per target, the merged unhealthy intervals [start, settled], in time order.
    var unhealthy: [[(start: Double, end: Double)]]
    /// Healthy seconds summed over targets, within the trace's span.
    var healthySeconds: Double
    /// Seconds from the first to the last call start.
    var spanSeconds: Double

    /// `nil` when the trace has no `healthy` column.
    init?(trace: Trace) {
        guard let healthy = trace.healthy, let first = trace.timestamps.min(), let last = trace.timestamps.max() else {
            return nil
        }
        spanSeconds = last - first
        let codes = Dictionary(uniqueKeysWithValues: trace.targets.values.enumerated().map { ($1, $0) })
        let summary = TraceSummary(trace, gapSeconds: .infinity)
        var incidents: [Incident] = []
        for target in summary.targets {
            guard let code = codes[target.name] else { continue }
            for span in target.incidents {
                incidents.append(Incident(target: code, region: span.region, start: span.start, end: span.end, settled: span.end))
            }
        }
        // The latest completion of each incident's unhealthy calls.
        struct Key: Hashable {
            var target: Int
            var region: String
        }
        var byKey: [Key: [Int]] = [:]
        for (index, incident) in incidents.enumerated() {
            byKey[Key(target: incident.target, region: incident.region ?? ""), default: []].append(index)
        }
        for row in 0..<trace.count where healthy[row] == 0 {
            let key = Key(target: Int(trace.targets.codes[row]), region: trace.regions?[row] ?? "")
            let time = trace.timestamps[row]
            guard let candidates = byKey[key],
                  let index = candidates.first(where: { incidents[$0].start <= time && time <= incidents[$0].end }) else { continue }
            incidents[index].settled = max(incidents[index].settled, time + trace.latenciesMs[row] / 1000)
        }
        runs = incidents.count
        // Merge a target's runs that overlap in time.
        var merged: [Incident] = []
        for incident in incidents.sorted(by: { ($0.target, $0.start) < ($1.target, $1.start) }) {
            if let previous = merged.last, previous.target == incident.target, incident.start <= previous.settled {
                merged[merged.count - 1].end = max(previous.end, incident.end)
                merged[merged.count - 1].settled = max(previous.settled, incident.settled)
                if previous.region != incident.region { merged[merged.count - 1].region = nil }
            } else {
                merged.append(incident)
            }
        }
        self.incidents = merged.sorted { ($0.start, $0.target) < ($1.start, $1.target) }

        var unhealthy = [[(start: Double, end: Double)]](repeating: [], count: trace.targets.values.count)
        for incident in self.incidents { unhealthy[incident.target].append((incident.start, incident.settled)) }
        var healthySeconds = 0.0
        for target in unhealthy.indices {
            unhealthy[target].sort { $0.start < $1.start }
            let covered = unhealthy[target].reduce(0.0) { $0 + max(0, min($1.end, last) - max($1.start, first)) }
            healthySeconds += max(0, spanSeconds - covered)
        }
        self.unhealthy = unhealthy
        self.healthySeconds = healthySeconds
    }

    /// Whether `target` is inside one of its incidents at `time`.
    func isUnhealthy(target: Int, at time: Double) -> Bool {
        unhealthy[target].contains { $0.start <= time && time <= $0.end }
    }

    /// Scores a policy's timeline against the incidents.
    func score(_ timeline: PolicyTimeline) -> IncidentFigures {
        var detection: [Double] = []
        var missed = 0
        var alreadyOpen = 0
        var recovery: [Double] = []
        var neverClosed = 0
        for incident in incidents {
            let changes = timeline.changes[incident.target]
            let stateAtStart = changes.last { $0.time < incident.start }?.to ?? .closed
            if stateAtStart != .closed {
                detection.append(0)
                alreadyOpen += 1
            } else if let trip = changes.first(where: { $0.isTrip && $0.time >= incident.start && $0.time <= incident.settled }) {
                detection.append(trip.time - incident.start)
            } else {
                missed += 1
                continue
            }
            let stateAtEnd = changes.last { $0.time <= incident.end }?.to ?? .closed
            if stateAtEnd == .closed {
                recovery.append(0)
            } else if let close = changes.first(where: { $0.to == .closed && $0.time > incident.end }) {
                recovery.append(close.time - incident.end)
            } else {
                neverClosed += 1
            }
        }
        var trips = 0
        var falseTrips = 0
        for (target, changes) in timeline.changes.enumerated() {
            for change in changes where change.isTrip {
                trips += 1
                if !isUnhealthy(target: target, at: change.time) { falseTrips += 1 }
            }
        }
        detection.sort()
        recovery.sort()
        return IncidentFigures(
            incidents: incidents.count,
            detectionDelay: DetectionDelay(detected: detection.count, missed: missed, alreadyOpen: alreadyOpen,
                                           medianSeconds: detection.isEmpty ? nil : TraceSummary.percentile(detection, 50),
                                           worstSeconds: detection.last),
            recoveryDelay: RecoveryDelay(recovered: recovery.count, neverClosed: neverClosed,
                                         medianSeconds: recovery.isEmpty ? nil : TraceSummary.percentile(recovery, 50),
                                         worstSeconds: recovery.last),
            trips: trips, falseTrips: falseTrips,
            falseTripsPerHealthyHour: healthySeconds > 0 ? Double(falseTrips) / (healthySeconds / 3600) : nil)
    }
}

/// What ``IncidentGroundTruth/score(_:)`` finds.
struct IncidentFigures: Sendable {
    var incidents: Int
    var detectionDelay: DetectionDelay
    var recoveryDelay: RecoveryDelay
    var trips: Int
    var falseTrips: Int
    var falseTripsPerHealthyHour: Double?
}
