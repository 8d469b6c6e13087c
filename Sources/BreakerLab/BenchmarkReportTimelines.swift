import BreakerInference
import BreakerTraining
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

/// A `model:PATH` policy's classifier diagnostics on the test trace, for the HTML report: the
/// test trace's training rows scored exactly as `tripwise evaluate` scores them (the model
/// file's label, horizon and extractor constants), the ROC curve and the calibration bins.
/// Not part of `tripwise bench --json`.
public struct ModelDiagnostics: Sendable, Hashable, Codable {
    /// The policy as spelled on the command line, `model:PATH`.
    public var policy: String
    /// The model's feature set id.
    public var featureSet: String
    /// The model's label kind (`next-call-fails` or `healthy`).
    public var label: String
    /// The label horizon, seconds.
    public var horizonSeconds: Double
    /// The model's decision threshold τ.
    public var threshold: Double
    /// Labelled rows scored.
    public var rows: Int
    /// Rows labelled 1.
    public var positives: Int
    /// The ROC curve (at most 200 points); nil when it is undefined (single class, no rows).
    public var roc: ROCCurve?
    /// The 10 equal-width calibration bins; empty when the metrics could not be computed.
    public var calibration: [CalibrationBin]
    /// Expected calibration error over those bins; nil when not computed.
    public var expectedCalibrationError: Double?
    /// Why something is missing, in words; nil when everything was computed.
    public var problem: String?
}

extension ModelDiagnostics {
    /// Scores `test` with the model file at `path` as `tripwise evaluate` does. Never throws:
    /// whatever cannot be computed is left empty and explained in ``problem``.
    static func make(policy: String, path: String, test: Trace) -> ModelDiagnostics {
        var result = ModelDiagnostics(policy: policy, featureSet: "-", label: "-", horizonSeconds: 0, threshold: 0,
                                      rows: 0, positives: 0, roc: nil, calibration: [], expectedCalibrationError: nil,
                                      problem: nil)
        let file: LogisticModelFile
        let model: LogisticModel
        do {
            file = try LogisticModelFile.load(path: path)
            model = try LogisticModel(file)
        } catch {
            result.problem = "unusable model file: \(error)"
            return result
        }
        result.featureSet = file.featureSet.id
        result.label = file.label.kind
        result.horizonSeconds = file.label.horizonSeconds
        result.threshold = model.threshold
        guard let label = TrainingLabel(rawValue: file.label.kind) else {
            result.problem = "unknown label kind '\(file.label.kind)'"
            return result
        }
        let set: TrainingSet
        do {
            set = try TrainingSet(trace: test, horizonSeconds: file.label.horizonSeconds, label: label,
                                  extractorConfiguration: file.extractor)
        } catch {
            result.problem = error.message
            return result
        }
        result.rows = set.count
        guard set.count > 0 else {
            result.problem = "no labelled rows in the test trace"
            return result
        }
        let scores = LogisticTrainer.scores(of: set, with: model)
        result.positives = set.labels.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        do {
            let metrics = try BinaryClassificationMetrics(scores: scores, labels: set.labels)
            result.calibration = metrics.calibration
            result.expectedCalibrationError = metrics.expectedCalibrationError
        } catch {
            result.problem = "\(error)"
            return result
        }
        do {
            result.roc = try ROCCurve(scores: scores, labels: set.labels, maxPoints: 200)
        } catch {
            result.problem = "ROC curve undefined: \(error)"
        }
        return result
    }
}
