import BreakerTraining

/// How quickly a policy started rejecting once an incident began, over the test trace's
/// incidents (see ``BenchmarkResult`` for what an incident is).
///
/// An incident is *detected* when the target's breaker was not CLOSED at the incident's start
/// (delay 0, also counted in ``alreadyOpen``) or tripped (CLOSED → OPEN) between the incident's
/// start and the completion of its last unhealthy call (delay = trip time − start). Otherwise
/// it is *missed*. For policies without a breaker, a trip is the start of a run of rejected calls.
public struct DetectionDelay: Sendable, Hashable, Codable {
    /// Incidents detected (delays measured).
    public var detected: Int
    /// Incidents with no trip inside them.
    public var missed: Int
    /// Detected incidents during which the breaker was already not CLOSED at the start.
    public var alreadyOpen: Int
    /// Median delay over detected incidents, seconds (nearest rank: the lower middle value for
    /// an even count); nil when none was detected.
    public var medianSeconds: Double?
    /// Largest delay over detected incidents, seconds; nil when none was detected.
    public var worstSeconds: Double?
}

/// How quickly a policy resumed admitting calls after an incident it detected ended.
///
/// Measured from the incident's end (its last unhealthy call's start) to the target's breaker's
/// next CLOSED: 0 when it was already CLOSED then. Only detected incidents are measured.
public struct RecoveryDelay: Sendable, Hashable, Codable {
    /// Detected incidents after which the breaker closed (or was closed).
    public var recovered: Int
    /// Detected incidents after which the breaker never closed before the trace ended.
    public var neverClosed: Int
    /// Median delay over ``recovered`` incidents, seconds (nearest rank); nil when none.
    public var medianSeconds: Double?
    /// Largest delay over ``recovered`` incidents, seconds; nil when none.
    public var worstSeconds: Double?
}

/// A trace file a benchmark read, identified by content.
public struct BenchmarkTraceFile: Sendable, Hashable, Codable {
    /// `train`, `validation` or `test`.
    public var role: String
    /// The path as given.
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex; nil when not computed.
    public var sha256: String?
    /// Data rows read (header excluded).
    public var rows: Int
    /// A record.
    public init(role: String, path: String, sha256: String?, rows: Int) {
        self.role = role
        self.path = path
        self.sha256 = sha256
        self.rows = rows
    }

    /// A record of the file at `path`, hashing its bytes with ``SHA256`` (one read, 1 MiB at a
    /// time); `sha256` is nil when the file cannot be read again.
    public static func identify(role: String, path: String, rows: Int) -> BenchmarkTraceFile {
        BenchmarkTraceFile(role: role, path: path, sha256: try? SHA256.hexDigest(ofFileAt: path), rows: rows)
    }
}

/// One policy's figures on the test trace. Field names are those of `tripwise bench --json`.
public struct PolicyResult: Sendable, Hashable, Codable {
    /// The policy as spelled on the command line, e.g. `sre:1.5`.
    public var policy: String
    /// What it is, in words.
    public var summary: String
    /// Whether it sees the future (`oracle`, `hindsight`): a reference, not a deployable policy.
    public var clairvoyant: Bool
    /// The breaker configuration it ran with, for breaker policies (for `sre:K` its
    /// configuration is irrelevant and not reported); nil for policies without a breaker.
    public var configuration: StaticBreakerSettings?
    /// Calls replayed: test rows with a known outcome (rows recorded as `rejected` excluded).
    public var calls: Int
    /// Calls admitted.
    public var sent: Int
    /// Calls refused. `sent + rejected == calls`.
    public var rejected: Int
    /// Admitted calls whose recorded outcome is `failure` or `timeout`.
    public var failedSent: Int
    /// Refused calls whose recorded outcome is a failure (failures avoided).
    public var rejectedWouldFail: Int
    /// Refused calls whose recorded outcome is `success` (false rejects).
    public var falseRejects: Int
    /// Client seconds spent on failed calls that were sent (Σ latency_ms / 1000).
    public var secondsOnFailedSent: Double
    /// costFail · failedSent + costReject · falseRejects + costTime · secondsOnFailedSent.
    public var totalCost: Double
    /// 95 % paired block-bootstrap percentile interval of ``totalCost``.
    public var totalCostCI95: BlockBootstrap.Interval
    /// totalCost − static-best's totalCost (negative: cheaper than static-best); nil when
    /// static-best is not in the run.
    public var costDeltaVsStaticBest: Double?
    /// 95 % paired block-bootstrap percentile interval of ``costDeltaVsStaticBest``: an interval
    /// entirely below 0 means cheaper than static-best on resampled traffic.
    public var costDeltaCI95: BlockBootstrap.Interval?
    /// (cost(static-best) − cost(policy)) / (cost(static-best) − cost(hindsight)): 0 for
    /// static-best, 1 for hindsight, negative when worse than static-best; nil when either is
    /// not in the run or the denominator is 0.
    public var gapClosure: Double?
    /// Incidents in the test trace; nil without a `healthy` column (then every incident figure is nil).
    public var incidents: Int?
    /// Detection delays over the incidents.
    public var detectionDelay: DetectionDelay?
    /// Recovery delays over the detected incidents.
    public var recoveryDelay: RecoveryDelay?
    /// CLOSED → OPEN transitions (for policies without a breaker: runs of rejected calls).
    public var trips: Int
    /// Trips starting while their target was healthy (in none of its incidents, between start
    /// and the completion of the last unhealthy call); nil without a `healthy` column.
    public var falseTrips: Int?
    /// ``falseTrips`` per hour of healthy time summed over targets; nil without a `healthy` column.
    public var falseTripsPerHealthyHour: Double?
    /// State changes of all targets' breakers (every transition, including OPEN → HALF_OPEN;
    /// for policies without a breaker, starts and ends of rejection runs) per hour of the test
    /// trace's span.
    public var stateChangesPerHour: Double
    /// Wall-clock nanoseconds of the replay per replayed call (admission, recording and
    /// bookkeeping, with per-row decision recording on); for clairvoyant references, the time
    /// to compute their decisions. Noisy; compare orders of magnitude, not digits.
    public var decisionNanosecondsPerCall: Double
}

/// How `static-best` was chosen.
public struct StaticBestSelection: Sendable, Hashable, Codable {
    /// The chosen configuration: the lowest total cost on the training trace (earliest in grid
    /// order among equal costs).
    public var chosen: StaticBreakerSettings
    /// Its `tripwise replay --set` arguments.
    public var replaySettings: [String]
    /// The grid searched, one line.
    public var grid: String
    /// Configurations replayed.
    public var gridSize: Int
    /// The chosen configuration's total cost on the training trace.
    public var trainCost: Double
    /// The five cheapest configurations on the training trace, cheapest first.
    public var topOnTrain: [StaticGridSearch.Candidate]
    /// The chosen configuration's total cost on the validation trace, when one was given (a
    /// check for overfitting to train; validation never influences the choice).
    public var validationCost: Double?
    /// The cheapest grid cost on the validation trace.
    public var bestValidationCost: Double?
    /// The chosen configuration's rank among the grid on validation (1 = cheapest there too).
    public var validationRank: Int?
}

/// Everything `tripwise bench` computed: its parameters, the static-best choice, and one
/// ``PolicyResult`` per policy, in the order asked.
///
/// Every policy replays the same test trace, event-driven (admission at a call's start, its
/// outcome at start + latency); refused calls keep their recorded outcome as the
/// counterfactual, which is valid for traces recorded without a breaker. Rows recorded as
/// `rejected` are excluded and counted in ``excludedRejectedRows``.
///
/// Incidents (when the test trace has a `healthy` column) are maximal runs of `healthy` = 0
/// calls per target and region, broken only by a healthy call (``TraceSummary`` with no gap
/// rule); since breakers are per target, a target's runs that overlap in time (an outage of
/// every region) are one incident, and a regional incident is detected by its target's breaker.
public struct BenchmarkResult: Sendable, Hashable, Codable {
    /// The traces read, with their SHA-256 when the caller computed it.
    public var traces: [BenchmarkTraceFile]
    /// The prices.
    public var costs: BenchmarkCosts
    /// Seed of randomised policies (SRE throttling) and of the bootstrap.
    public var seed: UInt64
    /// Bootstrap block length, seconds.
    public var blockSeconds: Double
    /// Blocks the test trace was cut into.
    public var blocks: Int
    /// Bootstrap replicates.
    public var resamples: Int
    /// Block length of `hindsight`, seconds.
    public var hindsightBlockSeconds: Double
    /// First call start of the test trace, Unix seconds (the breakers' clock zero).
    public var testStart: Double
    /// Last call start of the test trace, Unix seconds.
    public var testEnd: Double
    /// Test rows recorded as `rejected`, excluded from every replay.
    public var excludedRejectedRows: Int
    /// Incidents in the test trace (a target's overlapping per-region runs merged); nil
    /// without a `healthy` column.
    public var incidents: Int?
    /// Runs of `healthy` = 0 per target and region before merging; nil without a `healthy` column.
    public var incidentRuns: Int?
    /// Healthy hours summed over targets (the denominator of false trips per healthy hour).
    public var healthyHours: Double?
    /// How static-best was chosen; nil when no policy needed it.
    public var staticBest: StaticBestSelection?
    /// One entry per policy, in the order asked.
    public var policies: [PolicyResult]
    /// Caveats a reader should know, in words.
    public var notes: [String]
    /// Windows around the first incidents with each policy's open periods, for the HTML report;
    /// nil without a `healthy` column. Not encoded (`--json` is unchanged).
    public var incidentTimelines: [IncidentTimeline]? = nil
    /// For each `model:PATH` policy, in the order asked, its ROC curve and calibration on the
    /// test trace, for the HTML report; nil when the run has no model policy. Not encoded.
    public var modelDiagnostics: [ModelDiagnostics]? = nil

    private enum CodingKeys: String, CodingKey {
        case traces, costs, seed, blockSeconds, blocks, resamples, hindsightBlockSeconds, testStart, testEnd
        case excludedRejectedRows, incidents, incidentRuns, healthyHours, staticBest, policies, notes
    }
}

// Every key is always written (`null` when a figure does not apply), so `--json` consumers see
// one schema whatever the run.
extension PolicyResult {
    private enum CodingKeys: String, CodingKey {
        case policy, summary, clairvoyant, configuration, calls, sent, rejected, failedSent, rejectedWouldFail
        case falseRejects, secondsOnFailedSent, totalCost, totalCostCI95, costDeltaVsStaticBest, costDeltaCI95
        case gapClosure, incidents, detectionDelay, recoveryDelay, trips, falseTrips, falseTripsPerHealthyHour
        case stateChangesPerHour, decisionNanosecondsPerCall
    }

    /// Encodes every field, `nil` ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policy, forKey: .policy)
        try c.encode(summary, forKey: .summary)
        try c.encode(clairvoyant, forKey: .clairvoyant)
        try c.encode(configuration, forKey: .configuration)
        try c.encode(calls, forKey: .calls)
        try c.encode(sent, forKey: .sent)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(failedSent, forKey: .failedSent)
        try c.encode(rejectedWouldFail, forKey: .rejectedWouldFail)
        try c.encode(falseRejects, forKey: .falseRejects)
        try c.encode(secondsOnFailedSent, forKey: .secondsOnFailedSent)
        try c.encode(totalCost, forKey: .totalCost)
        try c.encode(totalCostCI95, forKey: .totalCostCI95)
        try c.encode(costDeltaVsStaticBest, forKey: .costDeltaVsStaticBest)
        try c.encode(costDeltaCI95, forKey: .costDeltaCI95)
        try c.encode(gapClosure, forKey: .gapClosure)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(detectionDelay, forKey: .detectionDelay)
        try c.encode(recoveryDelay, forKey: .recoveryDelay)
        try c.encode(trips, forKey: .trips)
        try c.encode(falseTrips, forKey: .falseTrips)
        try c.encode(falseTripsPerHealthyHour, forKey: .falseTripsPerHealthyHour)
        try c.encode(stateChangesPerHour, forKey: .stateChangesPerHour)
        try c.encode(decisionNanosecondsPerCall, forKey: .decisionNanosecondsPerCall)
    }
}

extension DetectionDelay {
    private enum CodingKeys: String, CodingKey {
        case detected, missed, alreadyOpen, medianSeconds, worstSeconds
    }

    /// Encodes every field, `nil` ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(detected, forKey: .detected)
        try c.encode(missed, forKey: .missed)
        try c.encode(alreadyOpen, forKey: .alreadyOpen)
        try c.encode(medianSeconds, forKey: .medianSeconds)
        try c.encode(worstSeconds, forKey: .worstSeconds)
    }
}

extension RecoveryDelay {
    private enum CodingKeys: String, CodingKey {
        case recovered, neverClosed, medianSeconds, worstSeconds
    }

    /// Encodes every field, `nil` ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(recovered, forKey: .recovered)
        try c.encode(neverClosed, forKey: .neverClosed)
        try c.encode(medianSeconds, forKey: .medianSeconds)
        try c.encode(worstSeconds, forKey: .worstSeconds)
    }
}
