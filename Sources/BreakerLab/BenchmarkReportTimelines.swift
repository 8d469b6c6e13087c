import TraceKit

/// A window of the test trace around one incident (or a cluster of one target's incidents close
/// in time), for the timelines of the HTML report: the target's error rate per bin and each
/// policy's not-CLOSED periods. Not part of `tripwise bench --json`.
public struct IncidentTimeline: Sendable, Hashable, Codable {
    /// A span of time, Unix seconds.
    public struct Span: Sendable, Hashable, Codable {
        /// Start, Unix seconds.
        public var start: Double
        /// End, Unix seconds.
        public var end: Double
        /// `open` (rejecting) or `half-open` (trial calls only).
        public var state: String
        /// A span.
        public init(start: Double, end: Double, state: String) {
            self.start = start
            self.end = end
            self.state = state
        }
    }

    /// One policy's not-CLOSED periods inside the window.
    public struct PolicyBands: Sendable, Hashable, Codable {
        /// The policy as spelled on the command line.
        public var policy: String
        /// Periods, in time order, clipped to the window.
        public var spans: [Span]
    }

    /// The target.
    public var target: String
    /// Window start, Unix seconds.
    public var start: Double
    /// Window end, Unix seconds.
    public var end: Double
    /// Bin length of ``errorRate``, seconds.
    public var binSeconds: Double
    /// The incidents (healthy = 0, from start to the completion of their last unhealthy call).
    public var incidents: [Span]
    /// Calls of the target per bin (rows recorded as `rejected` excluded).
    public var calls: [Int]
    /// Share of the target's calls that failed or timed out per bin, 0…1; nil for an empty bin.
    public var errorRate: [Double?]
    /// One entry per policy, in the benchmark's order.
    public var policies: [PolicyBands]
}

extension IncidentTimeline {
    /// Clusters of one target's incidents less than `gapSeconds` apart, in time order, at most
    /// `limit`, each padded and binned.
    static func make(truth: IncidentGroundTruth, test: Trace, policyNames: [String], timelines: [PolicyTimeline],
                     limit: Int = 10, binSeconds: Double = 10, gapSeconds: Double = 300,
                     before: Double = 60, after: Double = 180) -> [IncidentTimeline] {
        guard let first = test.timestamps.min(), let last = test.timestamps.max() else { return [] }
        // Cluster incidents per target.
        var clusters: [(target: Int, spans: [Span])] = []
        for incident in truth.incidents {
            let span = Span(start: incident.start, end: incident.settled, state: "incident")
            if let index = clusters.lastIndex(where: { $0.target == incident.target }),
               let previous = clusters[index].spans.last, incident.start - previous.end < gapSeconds {
                clusters[index].spans.append(span)
            } else {
                clusters.append((incident.target, [span]))
            }
        }
        var result: [IncidentTimeline] = []
        for cluster in clusters.prefix(limit) {
            let clusterStart = cluster.spans.map(\.start).min() ?? first
            let clusterEnd = cluster.spans.map(\.end).max() ?? clusterStart
            let start = max(first, clusterStart - before)
            let end = max(start + binSeconds, min(last, clusterEnd + after))
            let bins = max(1, Int(((end - start) / binSeconds).rounded(.up)))
            var calls = [Int](repeating: 0, count: bins)
            var failures = [Int](repeating: 0, count: bins)
            for row in 0..<test.count where Int(test.targets.codes[row]) == cluster.target {
                let time = test.timestamps[row]
                guard time >= start, time <= end, test.outcomes[row] != .rejected else { continue }
                let bin = min(bins - 1, Int(((time - start) / binSeconds).rounded(.down)))
                calls[bin] += 1
                if test.outcomes[row].isFailure { failures[bin] += 1 }
            }
            let rates: [Double?] = zip(calls, failures).map { $0 == 0 ? nil : Double($1) / Double($0) }
            var bands: [PolicyBands] = []
            for (name, timeline) in zip(policyNames, timelines) {
                let changes = cluster.target < timeline.changes.count ? timeline.changes[cluster.target] : []
                var spans: [Span] = []
                var state = TimelineState.closed
                var since = -Double.infinity
                func close(at time: Double) {
                    guard state == .open || state == .halfOpen else { return }
                    let s = max(since, start), e = min(time, end)
                    if e > s { spans.append(Span(start: s, end: e, state: state == .open ? "open" : "half-open")) }
                }
                for change in changes {
                    if change.time > end { break }
                    close(at: change.time)
                    state = change.to
                    since = change.time
                }
                close(at: end)
                bands.append(PolicyBands(policy: name, spans: spans))
            }
            result.append(IncidentTimeline(
                target: test.targets.values[cluster.target], start: start, end: end, binSeconds: binSeconds,
                incidents: cluster.spans.map { Span(start: max($0.start, start), end: min($0.end, end), state: "incident") },
                calls: calls, errorRate: rates, policies: bands))
        }
        return result
    }
}
