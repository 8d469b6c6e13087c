import BreakerCore
import BreakerInference
import Foundation
import Testing
import TraceKit
@testable import BreakerLab

/// Small traces and a small grid keep these tests quick in debug builds.
enum BenchFixtures {
    static func generated(_ family: ScenarioFamily, seed: UInt64, start: Double = ScenarioSpec.defaultStart,
                          duration: Double = 600) -> Trace {
        TraceGenerator.generate(ScenarioSpec(family: family, seed: seed, start: start, duration: duration, rate: 12)).trace
    }

    /// 2 · 2 · 2 = 8 configurations.
    static let smallGrid = StaticGrid(
        failureRateThresholds: [50, 75], slowCallRules: [.off],
        windows: [StaticGrid.Window(kind: "count", size: 10), StaticGrid.Window(kind: "time", size: 10)],
        minimumCalls: [5], openWaitsSeconds: [5], halfOpenPermits: [1, 3])

    /// One configuration: count window 10, minimum 10, 50 %, open 5 s, one trial call.
    static let singleGrid = StaticGrid(
        failureRateThresholds: [50], slowCallRules: [.off], windows: [StaticGrid.Window(kind: "count", size: 10)],
        minimumCalls: [10], openWaitsSeconds: [5], halfOpenPermits: [1])

    static func options(grid: StaticGrid = smallGrid, resamples: Int = 400, seed: UInt64 = 1) -> BenchmarkOptions {
        BenchmarkOptions(seed: seed, blockSeconds: 60, resamples: resamples, grid: grid)
    }

    static let causal: [BenchmarkPolicy] = [
        .never, .resilience4jDefault, .hystrixDefault, .staticBest, .sre(multiplier: 1.5), .sre(multiplier: 2),
        .consecutive(threshold: 5),
    ]

    /// "api" called once a second for 60 s; the calls starting at 10…19 s fail after 100 ms and
    /// are marked unhealthy, every other call succeeds after 100 ms.
    static func handMade(start: Double = 1_700_000_000) -> Trace {
        var trace = Trace(optionalColumns: [.healthy])
        for second in 0..<60 {
            let down = (10..<20).contains(second)
            trace.append(TraceRecord(timestamp: start + Double(second), target: "api", latencyMs: 100,
                                     outcome: down ? .failure : .success, healthy: !down))
        }
        return trace
    }

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

@Suite("Policy benchmark")
struct PolicyBenchmarkTests {
    let train = BenchFixtures.generated(.suddenOutage, seed: 11)
    let test = BenchFixtures.generated(.suddenOutage, seed: 12, start: ScenarioSpec.defaultStart + 86_400)

    func bench(_ policies: [BenchmarkPolicy], test: Trace? = nil, options: BenchmarkOptions = BenchFixtures.options()) throws
        -> BenchmarkResult {
        try PolicyBenchmark.run(policies: policies, train: train, test: test ?? self.test, options: options)
    }

    func figures(_ result: BenchmarkResult, _ policy: BenchmarkPolicy) throws -> PolicyResult {
        try #require(result.policies.first { $0.policy == policy.description })
    }

    @Test("the replay can return per-row decisions without changing what it computes")
    func replayDecisions() throws {
        let config = BenchFixtures.smallGrid.candidates[0].configuration
        let plain = try TraceReplay.run(test, configuration: config, policy: .static)
        let recorded = try TraceReplay.run(test, configuration: config, policy: .static, options: ReplayOptions(recordsDecisions: true))
        #expect(plain.decisions == nil)
        let decisions = try #require(recorded.decisions)
        #expect(decisions.count == test.count)
        #expect(plain.targets == recorded.targets)
        #expect(plain.transitions == recorded.transitions)
        #expect(decisions.filter { $0 == .admitted }.count == recorded.total.sent)
        #expect(decisions.filter { $0 == .rejected }.count == recorded.total.rejected)
        #expect(recorded.total.rejected > 0, "the outage makes the breaker refuse calls")
    }

    @Test("never rejects nothing: every failure is sent")
    func never() throws {
        let r = try figures(bench([.never]), .never)
        let failures = test.outcomes.filter(\.isFailure).count
        #expect(r.calls == test.count)
        #expect(r.rejected == 0 && r.sent == test.count)
        #expect(r.failedSent == failures)
        #expect(r.totalCost == Double(failures))
        #expect(r.trips == 0 && r.stateChangesPerHour == 0)
        #expect(r.detectionDelay?.missed == r.incidents)
    }

    @Test("oracle rejects exactly the unhealthy calls and trips only inside incidents")
    func oracle() throws {
        let healthy = try #require(test.healthy)
        let r = try figures(bench([.oracle]), .oracle)
        let unhealthy = healthy.filter { $0 == 0 }.count
        let unhealthyFailures = zip(healthy, test.outcomes).filter { $0 == 0 && $1.isFailure }.count
        #expect(unhealthy > 0)
        #expect(r.rejected == unhealthy)
        #expect(r.rejectedWouldFail == unhealthyFailures)
        #expect(r.falseRejects == unhealthy - unhealthyFailures, "unhealthy periods still hold successes: not a cost floor")
        #expect(r.falseTrips == 0)
        #expect(r.detectionDelay?.missed == 0 && r.detectionDelay?.worstSeconds == 0)
        let decisions = try ClairvoyantBaselines.oracle(test)
        #expect(decisions == healthy.map { $0 == 0 ? .rejected : .admitted })
        #expect(throws: BenchmarkError.self) { try ClairvoyantBaselines.oracle(Trace()) }
    }

    @Test("conservation for every policy: sent + rejected = calls, rejected = would-fail + false rejects")
    func conservation() throws {
        var withRejectedRow = test
        withRejectedRow.append(TraceRecord(timestamp: test.timestamps.last! + 1, target: "auth", latencyMs: 0,
                                           outcome: .rejected, healthy: true))
        let all: [BenchmarkPolicy] = BenchFixtures.causal + [.oracle, .hindsight]
        let result = try bench(all, test: withRejectedRow)
        #expect(result.excludedRejectedRows == 1)
        for p in result.policies {
            #expect(p.calls == test.count, "\(p.policy): the rejected row is excluded")
            #expect(p.sent + p.rejected == p.calls, "\(p.policy)")
            #expect(p.rejectedWouldFail + p.falseRejects == p.rejected, "\(p.policy)")
            #expect(p.failedSent + p.rejectedWouldFail == test.outcomes.filter(\.isFailure).count, "\(p.policy)")
            #expect(abs(p.totalCost - Double(p.failedSent + p.falseRejects)) < 1e-9, "\(p.policy): default costs count mistakes")
        }
        // Breaker figures are the plain replay's.
        let staticBest = try figures(result, .staticBest)
        let plain = try TraceReplay.run(withRejectedRow, configuration: try #require(result.staticBest).chosen.configuration,
                                        policy: .static)
        #expect(staticBest.failedSent == plain.total.failedSent && staticBest.falseRejects == plain.total.falseRejects)
        #expect(staticBest.trips == plain.total.trips)
    }

    /// Hindsight decides each (target, 10-second block) as a whole and picks the cheaper of
    /// admitting and rejecting it, so no block-constant decision rule can cost less — with any
    /// costs. A causal breaker is not block-constant: it can trip in the middle of a block, so
    /// hindsight is not its floor by construction (see `causalCanBeatHindsight`). On these
    /// generated traces it is cheaper than every causal policy, which we check as a fact about
    /// them, not a theorem.
    @Test("hindsight is optimal among block-constant rules and, on these traces, cheaper than every causal policy")
    func hindsightFloor() throws {
        let result = try bench(BenchFixtures.causal + [.hindsight, .oracle])
        let hindsight = try figures(result, .hindsight)
        for policy in BenchFixtures.causal {
            #expect(try hindsight.totalCost <= figures(result, policy).totalCost, "\(policy)")
        }

        // Random block-constant rules, with asymmetric costs too.
        for costs in [BenchmarkCosts(), BenchmarkCosts(costFail: 3, costReject: 1, costTime: 0.5)] {
            let decisions = ClairvoyantBaselines.hindsight(test, costs: costs, blockSeconds: 10)
            func cost(_ admitted: (Int) -> Bool) -> Double {
                (0..<test.count).reduce(0) { sum, row in
                    sum + costs.cost(admitted: admitted(row), failed: test.outcomes[row].isFailure, latencyMs: test.latenciesMs[row])
                }
            }
            let floor = cost { decisions[$0] == .admitted }
            let origin = test.timestamps.min()!
            var random = SeededRandom(seed: 5)
            for _ in 0..<50 {
                let salt = random.next()
                let rule = { (row: Int) -> Bool in
                    let block = UInt64(((test.timestamps[row] - origin) / 10).rounded(.down))
                    var mixer = SeededRandom(seed: salt ^ (block &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(test.targets.codes[row]) << 48)
                    return mixer.next() & 1 == 0
                }
                #expect(floor <= cost(rule) + 1e-9)
            }
            #expect(floor <= cost { _ in true } && floor <= cost { _ in false })
        }
    }

    @Test("a causal breaker can beat hindsight inside a block, which is why hindsight is not a strict floor")
    func causalCanBeatHindsight() throws {
        // One 10-second block: 6 successes, then 5 fast failures. Hindsight admits the block
        // (5 failures ≤ 6 successes) and pays 5; consecutive:1 trips after the first failure
        // completes and refuses the other four, paying 1.
        var trace = Trace(optionalColumns: [.healthy])
        for t in [0.0, 1, 2, 3, 4, 5] {
            trace.append(TraceRecord(timestamp: 1_000 + t, target: "api", latencyMs: 1, outcome: .success, healthy: true))
        }
        for t in [6.0, 6.5, 7, 7.5, 8] {
            trace.append(TraceRecord(timestamp: 1_000 + t, target: "api", latencyMs: 1, outcome: .failure, healthy: false))
        }
        let result = try PolicyBenchmark.run(policies: [.hindsight, .consecutive(threshold: 1)], train: trace, test: trace,
                                             options: BenchFixtures.options(grid: BenchFixtures.singleGrid))
        #expect(try figures(result, .hindsight).totalCost == 5)
        #expect(try figures(result, .consecutive(threshold: 1)).totalCost == 1)
    }

    @Test("the bootstrap is deterministic for a seed and its intervals contain the point estimates")
    func bootstrap() throws {
        let policies: [BenchmarkPolicy] = [.never, .hindsight, .staticBest, .hystrixDefault]
        let a = try bench(policies, options: BenchFixtures.options(resamples: 2_000, seed: 3))
        let b = try bench(policies, options: BenchFixtures.options(resamples: 2_000, seed: 3))
        let c = try bench(policies, options: BenchFixtures.options(resamples: 2_000, seed: 4))
        #expect(a.policies.map(\.totalCostCI95) == b.policies.map(\.totalCostCI95))
        #expect(a.policies.map(\.costDeltaCI95) == b.policies.map(\.costDeltaCI95))
        #expect(a.policies.map(\.totalCostCI95) != c.policies.map(\.totalCostCI95), "another seed draws other blocks")
        for p in a.policies {
            #expect(p.totalCostCI95.contains(p.totalCost), "\(p.policy)")
            let delta = try #require(p.costDeltaVsStaticBest)
            #expect(try #require(p.costDeltaCI95).contains(delta), "\(p.policy)")
            #expect(p.totalCostCI95.lower < p.totalCostCI95.upper, "\(p.policy): resampling varies the total")
        }
        #expect(try figures(a, .staticBest).costDeltaCI95 == BlockBootstrap.Interval(lower: 0, upper: 0))

        // Paired: with identical block costs the difference interval is exactly zero.
        let blocks = (0..<30).map { Double($0 % 7) }
        let paired = BlockBootstrap.intervals(blockCosts: [blocks, blocks], reference: 0, resamples: 500, seed: 9)
        #expect(paired.differences?[1] == BlockBootstrap.Interval(lower: 0, upper: 0))
        #expect(paired.totals[0] == paired.totals[1])
    }

    @Test("gap closure is 0 for static-best and 1 for hindsight, nil without them")
    func gapClosure() throws {
        let result = try bench([.never, .staticBest, .hindsight, .consecutive(threshold: 5)])
        #expect(try figures(result, .staticBest).gapClosure == 0)
        #expect(try figures(result, .hindsight).gapClosure == 1)
        let never = try figures(result, .never)
        let sb = try figures(result, .staticBest).totalCost
        let hs = try figures(result, .hindsight).totalCost
        #expect(never.gapClosure == (sb - never.totalCost) / (sb - hs))
        let withoutHindsight = try bench([.never, .staticBest])
        #expect(withoutHindsight.policies.allSatisfy { $0.gapClosure == nil })
        #expect(try figures(withoutHindsight, .never).costDeltaVsStaticBest == never.costDeltaVsStaticBest)
        let withoutStaticBest = try bench([.never, .hindsight])
        #expect(withoutStaticBest.policies.allSatisfy { $0.gapClosure == nil && $0.costDeltaCI95 == nil })
        #expect(withoutStaticBest.staticBest == nil, "no grid search when no policy needs it")
    }

    @Test("static-best is chosen on the training trace and never sees the test trace")
    func staticBestIgnoresTest() throws {
        let otherTest = BenchFixtures.generated(.intermittent, seed: 99, start: ScenarioSpec.defaultStart + 2 * 86_400)
        let a = try bench([.staticBest], test: test)
        let b = try bench([.staticBest], test: otherTest)
        let selectionA = try #require(a.staticBest)
        let selectionB = try #require(b.staticBest)
        #expect(selectionA.chosen == selectionB.chosen)
        #expect(selectionA.trainCost == selectionB.trainCost)
        #expect(selectionA.topOnTrain == selectionB.topOnTrain)
        let ranking = try StaticGridSearch.rank(train, grid: BenchFixtures.smallGrid)
        #expect(ranking.best.settings == selectionA.chosen)
        #expect(ranking.candidates.count == BenchFixtures.smallGrid.candidates.count)
        #expect(zip(ranking.candidates, ranking.candidates.dropFirst()).allSatisfy { $0.totalCost <= $1.totalCost })
        #expect(try figures(a, .staticBest).configuration == selectionA.chosen)
        // A different training trace may choose differently; the standard grid is as documented.
        #expect(StaticGrid.standard.candidates.count == 288)
        #expect(Set(StaticGrid.standard.candidates).count == 288)
        for candidate in StaticGrid.standard.candidates { try candidate.configuration.validate() }
    }

    @Test("detection and recovery delays on a hand-made trace")
    func detectionDelay() throws {
        // consecutive:3 with static-best's one configuration (open 5 s, one trial call): the
        // failures starting at 10, 11, 12 s complete at 10.1, 11.1, 12.1 s → trip at 12.1 s
        // (detection 2.1 s). The wait ends at 17.1 s; the call at 18 s is the trial, fails at
        // 18.1 s → open again until 23.1 s; the call at 24 s succeeds at 24.1 s → CLOSED. The
        // incident's last unhealthy call starts at 19 s → recovery 5.1 s.
        let trace = BenchFixtures.handMade()
        let result = try PolicyBenchmark.run(policies: [.consecutive(threshold: 3), .hindsight, .oracle], train: trace, test: trace,
                                             options: BenchFixtures.options(grid: BenchFixtures.singleGrid))
        #expect(result.incidents == 1)
        let c = try figures(result, .consecutive(threshold: 3))
        let detection = try #require(c.detectionDelay)
        #expect(detection.detected == 1 && detection.missed == 0 && detection.alreadyOpen == 0)
        #expect(abs(try #require(detection.medianSeconds) - 2.1) < 1e-6)
        #expect(abs(try #require(detection.worstSeconds) - 2.1) < 1e-6)
        let recovery = try #require(c.recoveryDelay)
        #expect(recovery.recovered == 1 && recovery.neverClosed == 0)
        #expect(abs(try #require(recovery.medianSeconds) - 5.1) < 1e-6)
        #expect(c.trips == 1 && c.falseTrips == 0)
        #expect(c.failedSent == 4, "10, 11, 12 and the trial at 18")
        #expect(c.rejectedWouldFail == 6 && c.falseRejects == 4, "13–17 and 19 would fail; 20–23 would succeed")
        #expect(abs(c.stateChangesPerHour - 5 / (59.0 / 3600)) < 1e-6)
        // The clairvoyant references, read off their reject runs: both start rejecting at 10 s.
        for policy in [BenchmarkPolicy.hindsight, .oracle] {
            let p = try figures(result, policy)
            #expect(p.totalCost == 0, "\(policy)")
            #expect(p.detectionDelay?.medianSeconds == 0, "\(policy)")
            #expect(p.recoveryDelay?.medianSeconds == 1, "\(policy): closes at the next admitted call, 20 s")
        }
    }

    @Test("incident scoring: already open, missed, false trips, merged regional runs")
    func incidentScoring() throws {
        var trace = Trace(optionalColumns: [.healthy, .region])
        // "a": one incident at 100–160 s in both regions (one incident after merging); "b": one
        // at 300–320 s in eu only; calls every second in each region.
        for second in 0..<600 {
            for region in ["us", "eu"] {
                let aDown = (100..<160).contains(second)
                let bDown = (300..<320).contains(second) && region == "eu"
                trace.append(TraceRecord(timestamp: Double(second), target: "a", latencyMs: 10,
                                         outcome: aDown ? .failure : .success, region: region, healthy: !aDown))
                trace.append(TraceRecord(timestamp: Double(second), target: "b", latencyMs: 10,
                                         outcome: bDown ? .failure : .success, region: region, healthy: !bDown))
            }
        }
        let truth = try #require(IncidentGroundTruth(trace: trace))
        #expect(truth.runs == 3)
        #expect(truth.incidents.count == 2)
        var timeline = PolicyTimeline(decisions: [], trace: Trace(), order: [])
        timeline.changes = [
            // a: trips at 50 s (false), still open at 100 s → detected with delay 0; closes at 170 s.
            [TimelineChange(time: 50, from: .closed, to: .open), TimelineChange(time: 170, from: .open, to: .closed)],
            // b: never trips during its incident; trips at 400 s (false).
            [TimelineChange(time: 400, from: .closed, to: .open), TimelineChange(time: 405, from: .open, to: .halfOpen),
             TimelineChange(time: 406, from: .halfOpen, to: .closed)],
        ]
        let figures = truth.score(timeline)
        #expect(figures.incidents == 2)
        #expect(figures.detectionDelay.detected == 1 && figures.detectionDelay.alreadyOpen == 1 && figures.detectionDelay.missed == 1)
        let recoverySeconds = try #require(figures.recoveryDelay.medianSeconds)
        #expect(abs(recoverySeconds - 11) < 1e-9, "closed at 170 s, last unhealthy call at 159 s: \(recoverySeconds.bitPattern)")
        #expect(figures.trips == 2 && figures.falseTrips == 2)
        let healthySeconds: Double = 2 * 599 - 59.01 - 19.01
        let healthyHours = healthySeconds / 3600
        #expect(abs(try #require(figures.falseTripsPerHealthyHour) - 2 / healthyHours) < 1e-9)
    }

    @Test("a model policy loads a shipped model file and runs; an unusable one is a usage error naming it")
    func modelPolicy() throws {
        let path = BenchFixtures.packageRoot.appendingPathComponent("models/logistic-next-call.json").path
        let policy = BenchmarkPolicy.model(path: path)
        let result = try bench([.staticBest, policy])
        let model = try figures(result, policy)
        #expect(model.calls == test.count && model.sent + model.rejected == model.calls)
        #expect(model.configuration == result.staticBest?.chosen, "the model breaker recovers like static-best")
        #expect(model.decisionNanosecondsPerCall > 0)
        #expect(result.notes.contains { $0.contains("timeout") })

        let missing = BenchFixtures.packageRoot.appendingPathComponent("models/no-such-model.json").path
        let error = #expect(throws: BenchmarkError.self) { try bench([.model(path: missing)]) }
        #expect(error?.kind == .usage)
        #expect(error?.message.contains(missing) == true)
    }

    @Test("the replay threshold search scores every τ as a replay does, cheapest first, deterministic")
    func thresholdSearch() throws {
        let path = BenchFixtures.packageRoot.appendingPathComponent("models/logistic-next-call.json").path
        let model = try LogisticModel(LogisticModelFile.load(path: path))
        let settings = StaticBreakerSettings.resilience4jDefaults
        let thresholds = [0.3, 0.6, 0.9]
        let ranked = try ReplayThresholdSearch.rank(model: model, traces: [train, test], settings: settings, thresholds: thresholds)
        #expect(ranked.map(\.threshold).sorted() == thresholds)
        #expect(zip(ranked, ranked.dropFirst()).allSatisfy { $0.totalCost <= $1.totalCost })
        // Independent check of one candidate: replay both traces directly and add up.
        let candidate = try #require(ranked.first { $0.threshold == 0.6 })
        var failedSent = 0, falseRejects = 0
        for trace in [train, test] {
            let replay = try TraceReplay.run(trace, configuration: settings.configuration, policy: .logistic(model.replacingThreshold(0.6)))
            failedSent += replay.total.failedSent
            falseRejects += replay.total.falseRejects
        }
        #expect(candidate.failedSent == failedSent && candidate.falseRejects == falseRejects)
        #expect(candidate.totalCost == Double(failedSent + falseRejects))
        #expect(try ReplayThresholdSearch.rank(model: model, traces: [train, test], settings: settings, thresholds: thresholds) == ranked)
        #expect(throws: BenchmarkError.self) { try ReplayThresholdSearch.rank(model: model, traces: [train], settings: settings, thresholds: [1]) }
        #expect(throws: BenchmarkError.self) { try ReplayThresholdSearch.rank(model: model, traces: [Trace()], settings: settings) }
    }

    @Test("policy lists parse, and bad ones are refused with the spelling")
    func parsing() throws {
        let list = try BenchmarkPolicy.parseList(
            "never,oracle,hindsight,r4j-default,hystrix-default,static-best,sre:1.5,sre:2,consecutive:5,model:m.json")
        #expect(list == [.never, .oracle, .hindsight, .resilience4jDefault, .hystrixDefault, .staticBest,
                         .sre(multiplier: 1.5), .sre(multiplier: 2), .consecutive(threshold: 5), .model(path: "m.json")])
        #expect(list.map(\.description).joined(separator: ",")
                == "never,oracle,hindsight,r4j-default,hystrix-default,static-best,sre:1.5,sre:2,consecutive:5,model:m.json")
        for bad in ["", "never,", "bogus", "sre:0", "sre:x", "consecutive:0", "consecutive:1.5", "model:", "never,never"] {
            #expect(throws: BenchmarkError.self, "\(bad)") { try BenchmarkPolicy.parseList(bad) }
        }
        #expect(throws: BenchmarkError.self) { try BenchmarkCosts(costFail: -1).validate() }
        #expect(throws: BenchmarkError.self) { try BenchmarkCosts(costFail: 0, costReject: 0).validate() }
    }

    @Test("the result encodes with the documented field names")
    func encoding() throws {
        let result = try bench([.never, .staticBest, .hindsight])
        let data = try JSONEncoder().encode(result)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let policies = try #require(object["policies"] as? [[String: Any]])
        let keys = Set(try #require(policies.first { $0["policy"] as? String == "static-best" }).keys)
        for key in ["calls", "sent", "failedSent", "rejectedWouldFail", "falseRejects", "secondsOnFailedSent", "totalCost",
                    "gapClosure", "incidents", "detectionDelay", "recoveryDelay", "falseTripsPerHealthyHour",
                    "stateChangesPerHour", "decisionNanosecondsPerCall", "totalCostCI95", "costDeltaCI95"] {
            #expect(keys.contains(key), "\(key)")
        }
        let decoded = try JSONDecoder().decode(BenchmarkResult.self, from: data)
        var withoutTimelines = result
        withoutTimelines.incidentTimelines = nil  // the HTML report's data, left out of --json
        #expect(decoded == withoutTimelines)
    }
}
