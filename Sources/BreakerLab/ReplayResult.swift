import BreakerCore

/// What a replay of a trace through one breaker per target did.
public struct ReplayResult: Sendable, Codable {
    /// One state change of one target's breaker.
    public struct Transition: Sendable, Hashable, Codable {
        /// When it happened, Unix seconds (the trace's clock).
        public var time: Double
        /// The target whose breaker changed.
        public var target: String
        /// The state left (resilience4j spelling, e.g. `CLOSED`).
        public var from: String
        /// The state entered.
        public var to: String
        /// Why, in words: the rate that crossed its threshold, the wait that elapsed, the trial verdict.
        public var reason: String
        /// For trips (CLOSED→OPEN): whether the call that tripped it started while its target was
        /// marked unhealthy (`healthy == 0`); nil when the trace has no `healthy` column or the
        /// transition is not a trip.
        public var insideIncident: Bool?
    }

    /// Per-target counts. A call is *sent* when the breaker admitted it.
    public struct TargetCounts: Sendable, Hashable, Codable {
        /// The target.
        public var target: String
        /// Calls replayed (rows with a known outcome).
        public var calls = 0
        /// Calls the breaker admitted.
        public var sent = 0
        /// Calls the breaker refused.
        public var rejected = 0
        /// Admitted calls that failed or timed out.
        public var failedSent = 0
        /// Refused calls whose recorded outcome was a failure (failures avoided).
        public var rejectedWouldFail = 0
        /// Refused calls whose recorded outcome was a success (false rejects).
        public var falseRejects = 0
        /// Seconds of client time spent waiting on failed calls that were sent.
        public var secondsOnFailedSent = 0.0
        /// Trips (CLOSED→OPEN).
        public var trips = 0
    }

    /// The policy replayed.
    public var policy: String
    /// State changes in time order.
    public var transitions: [Transition]
    /// Counts per target, sorted by name.
    public var targets: [TargetCounts]
    /// Rows recorded as `rejected` in the input: their true outcome is unknown, so they were
    /// excluded from the replay (and counted here).
    public var excludedRejectedRows: Int
    /// Wall-clock nanoseconds per replayed call (admission, recording and bookkeeping).
    public var nanosecondsPerCall: Double
    /// One entry per trace row, in the trace's row order (not time order): admitted, rejected
    /// or excluded. Filled only when ``ReplayOptions/recordsDecisions`` was set; never encoded
    /// (a trace can hold millions of rows).
    public var decisions: [ReplayDecision]? = nil

    private enum CodingKeys: String, CodingKey {
        case policy, transitions, targets, excludedRejectedRows, nanosecondsPerCall
    }

    /// Counts summed over all targets.
    public var total: TargetCounts {
        targets.reduce(into: TargetCounts(target: "total")) { sum, t in
            sum.calls += t.calls
            sum.sent += t.sent
            sum.rejected += t.rejected
            sum.failedSent += t.failedSent
            sum.rejectedWouldFail += t.rejectedWouldFail
            sum.falseRejects += t.falseRejects
            sum.secondsOnFailedSent += t.secondsOnFailedSent
            sum.trips += t.trips
        }
    }
}
