import BreakerInference
import TraceKit

/// Training rows built from a trace by replaying it through the online ``FeatureExtractor`` —
/// the same code a breaker runs — with every call seen, event-driven: each call's outcome is
/// recorded at its completion (start + latency), in completion order.
///
/// One row per completed call, at its completion time, when the breaker decides whether to
/// trip: the features after recording that outcome, and the label of the next call to the same
/// target starting within the horizon. Rows without such a next call have no label and are left
/// out — counted in ``unlabelledRows``; `rejected` rows of the input are skipped — counted in
/// ``excludedRejectedRows``. Nothing is dropped without being counted.
public struct TrainingSet: Sendable {
    /// The features produced.
    public let featureSet: FeatureSet
    /// The extractor constants used.
    public let extractorConfiguration: FeatureExtractorConfiguration
    /// Row-major features, `rows × featureSet.count`.
    public var features: [Double]
    /// Labels, 0 or 1.
    public var labels: [Double]
    /// The moment of each row (a completion), Unix seconds, nondecreasing.
    public var times: [Double]
    /// The target of each row, as a code into ``targetNames``.
    public var targets: [UInt32]
    /// Target names.
    public var targetNames: [String]
    /// The horizon, seconds.
    public let horizonSeconds: Double
    /// The label kind.
    public let label: TrainingLabel
    /// Completed calls whose target had no call within the horizon afterwards (or, for the
    /// `healthy` label, whose next call has an empty `healthy` cell).
    public var unlabelledRows = 0
    /// Input rows recorded as `rejected` (true outcome unknown), skipped.
    public var excludedRejectedRows = 0

    /// Rows.
    public var count: Int { labels.count }

    /// Share of rows labelled 1.
    public var positiveRate: Double { labels.isEmpty ? 0 : labels.reduce(0, +) / Double(labels.count) }

    /// Feature row `row`.
    public func featureRow(_ row: Int) -> ArraySlice<Double> {
        features[(row * featureSet.count)..<((row + 1) * featureSet.count)]
    }

    /// Builds the rows of `trace`.
    ///
    /// - Throws: ``TrainingSetError`` when the horizon is not positive, or the `healthy` label
    ///   is asked for a trace without a `healthy` column.
    public init(trace: Trace, horizonSeconds: Double = 5, label: TrainingLabel = .nextCallFails,
                extractorConfiguration: FeatureExtractorConfiguration = FeatureExtractorConfiguration()) throws(TrainingSetError) {
        guard horizonSeconds.isFinite, horizonSeconds > 0 else {
            throw TrainingSetError("the horizon must be a positive number of seconds, not \(horizonSeconds)")
        }
        guard extractorConfiguration.isValid else {
            throw TrainingSetError("the feature extractor's time constants and thresholds must be positive and finite")
        }
        if label == .healthy, trace.healthy == nil {
            throw TrainingSetError("--label healthy needs a trace with a 'healthy' column; this one has none")
        }
        featureSet = FeatureExtractor.featureSet
        self.extractorConfiguration = extractorConfiguration
        self.horizonSeconds = horizonSeconds
        self.label = label
        targetNames = trace.targets.values
        features = []
        labels = []
        times = []
        targets = []

        // Calls per target in start order, for looking up "the next call".
        var callsByTarget = Array(repeating: [Int](), count: targetNames.count)
        var order = Array(0..<trace.count)
        if !zip(trace.timestamps, trace.timestamps.dropFirst()).allSatisfy({ $0 <= $1 }) {
            order.sort { (trace.timestamps[$0], $0) < (trace.timestamps[$1], $1) }
        }
        for row in order {
            if trace.outcomes[row] == .rejected {
                excludedRejectedRows += 1
                continue
            }
            callsByTarget[Int(trace.targets.codes[row])].append(row)
        }

        // Completions in time order, ties by row (the extractor sees only completions).
        struct Completion: Comparable {
            var time: Double
            var row: Int
            static func < (a: Completion, b: Completion) -> Bool { (a.time, a.row) < (b.time, b.row) }
        }
        var events: [Completion] = []
        events.reserveCapacity(trace.count)
        for calls in callsByTarget {
            for row in calls {
                events.append(Completion(time: trace.timestamps[row] + trace.latenciesMs[row] / 1000, row: row))
            }
        }
        events.sort()

        // Per target: failures among its first k calls (for the window-fails label).
        let failuresBefore: [[Int32]] = label != .windowFails ? [] : callsByTarget.map { calls in
            var prefix: [Int32] = [0]
            prefix.reserveCapacity(calls.count + 1)
            for row in calls { prefix.append(prefix[prefix.count - 1] + (trace.outcomes[row].isFailure ? 1 : 0)) }
            return prefix
        }
        var extractors = Array(repeating: FeatureExtractor(configuration: extractorConfiguration), count: targetNames.count)
        var nextIndex = Array(repeating: 0, count: targetNames.count)  // per target: first call starting after now
        var windowEnd = Array(repeating: 0, count: targetNames.count)  // per target: first call starting after now + H
        features.reserveCapacity(trace.count * featureSet.count)
        for event in events {
            let target = Int(trace.targets.codes[event.row])
            let outcome = trace.outcomes[event.row]
            extractors[target].recordOutcome(failed: outcome.isFailure, latencyMs: trace.latenciesMs[event.row])
            // The next call of this target starting strictly after now.
            let calls = callsByTarget[target]
            var next = nextIndex[target]
            while next < calls.count, trace.timestamps[calls[next]] <= event.time { next += 1 }
            nextIndex[target] = next
            guard next < calls.count, trace.timestamps[calls[next]] <= event.time + horizonSeconds else {
                unlabelledRows += 1
                continue
            }
            let nextRow = calls[next]
            let value: Double
            switch label {
            case .nextCallFails:
                value = trace.outcomes[nextRow].isFailure ? 1 : 0
            case .healthy:
                guard let healthy = trace.healthy?[nextRow], healthy >= 0 else {
                    unlabelledRows += 1  // the next call's ground truth is an empty cell
                    continue
                }
                value = healthy == 0 ? 1 : 0
            case .windowFails:
                var end = max(windowEnd[target], next)
                while end < calls.count, trace.timestamps[calls[end]] <= event.time + horizonSeconds { end += 1 }
                windowEnd[target] = end
                let failures = failuresBefore[target][end] - failuresBefore[target][next]
                value = 2 * Int(failures) > end - next ? 1 : 0
            }
            let vector = extractors[target].features()
            for index in 0..<featureSet.count { features.append(vector[index]) }
            labels.append(value)
            times.append(event.time)
            targets.append(UInt32(target))
        }
    }

    /// Appends the rows of `other` (built with the same feature set, horizon and label), after
    /// this set's rows: for several traces given in time order.
    public mutating func append(_ other: TrainingSet) {
        precondition(other.featureSet == featureSet && other.horizonSeconds == horizonSeconds && other.label == label,
                     "training sets built differently cannot be combined")
        let offset = UInt32(targetNames.count)
        features.append(contentsOf: other.features)
        labels.append(contentsOf: other.labels)
        times.append(contentsOf: other.times)
        targets.append(contentsOf: other.targets.map { $0 + offset })
        targetNames.append(contentsOf: other.targetNames)
        unlabelledRows += other.unlabelledRows
        excludedRejectedRows += other.excludedRejectedRows
    }
}
