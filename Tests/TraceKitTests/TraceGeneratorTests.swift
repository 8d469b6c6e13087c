import Foundation
import Testing
@testable import TraceKit

/// FNV-1a over the bytes of `text`: a cheap fingerprint for "same bytes".
private func fingerprint(_ text: String) -> UInt64 {
    text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
}

/// Rows of `generated` for `target` (and `region`), split by whether `window` covers them.
private struct Slice {
    var rows: [Int] = []

    init(_ trace: Trace, target: String, region: String? = nil, where include: (Double) -> Bool) {
        for row in 0..<trace.count where trace.targets[row] == target
            && (region == nil || trace.regions![row] == region) && include(trace.timestamps[row]) {
            rows.append(row)
        }
    }

    func failureRate(_ trace: Trace) -> Double {
        guard !rows.isEmpty else { return .nan }
        return Double(rows.filter { trace.outcomes[$0].isFailure }.count) / Double(rows.count)
    }

    func quantile(_ trace: Trace, _ q: Double) -> Double {
        let sorted = rows.map { trace.latenciesMs[$0] }.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))]
    }
}

private func inside(_ incident: Incident) -> (Double) -> Bool {
    { $0 >= incident.start && $0 < incident.end }
}

/// Outside every incident of `generated` for its target, with a 60 s margin after each (so
/// the tail of a surge or a recovery does not count as "outside").
private func outsideAll(_ incidents: [Incident]) -> (Double) -> Bool {
    { time in !incidents.contains { time >= $0.start && time < $0.end + 60 } }
}

@Suite("TraceGenerator")
struct TraceGeneratorTests {
    @Test("same spec and seed give the same CSV bytes; another seed gives other bytes",
          arguments: ScenarioFamily.allCases)
    func determinism(family: ScenarioFamily) throws {
        let duration = family == .diurnal ? 6 * 3_600.0 : 10 * 60
        let spec = ScenarioSpec(family: family, seed: 7, duration: duration)
        let first = try TraceGenerator.generate(spec).csv()
        let second = try TraceGenerator.generate(spec).csv()
        #expect(fingerprint(first) == fingerprint(second))
        #expect(first == second)
        var other = spec
        other.seed = 8
        #expect(fingerprint(try TraceGenerator.generate(other).csv()) != fingerprint(first))
        let manifest = try TraceGenerator.generate(spec).manifest(file: "x.csv").jsonData()
        #expect(manifest == (try TraceGenerator.generate(spec).manifest(file: "x.csv").jsonData()))
    }

    @Test("rows are sorted, on the microsecond grid, inside the span, with consistent outcome cells",
          arguments: ScenarioFamily.allCases)
    func wellFormed(family: ScenarioFamily) throws {
        let spec = ScenarioSpec(family: family, seed: 3)
        let generated = TraceGenerator.generate(spec)
        let trace = generated.trace
        #expect(trace.count > 1_000)
        #expect(Set(trace.columns) == [.timestamp, .target, .latencyMs, .outcome, .error, .region, .healthy])
        let timeouts = Dictionary(uniqueKeysWithValues: spec.targets.map { ($0.name, $0.timeoutMs) })
        var previous = -Double.infinity
        for row in 0..<trace.count {
            let time = trace.timestamps[row]
            #expect(time >= previous)
            previous = time
            #expect(time >= spec.start && time < spec.end)
            #expect((time * 1_000_000).rounded() / 1_000_000 == time)
            let latency = trace.latenciesMs[row]
            #expect((latency * 1_000).rounded() / 1_000 == latency && latency > 0)
            let error = trace.errors![row]
            switch trace.outcomes[row] {
            case .success: #expect(error.isEmpty)
            case .failure: #expect(["http_503", "http_500", "connect_refused"].contains(error))
            case .timeout:
                #expect(error == "timeout")
                #expect(latency == timeouts[trace.targets[row]])
            case .rejected: Issue.record("the generator never writes rejected")
            }
            #expect(latency <= timeouts[trace.targets[row]]!)
        }
        #expect(Set(trace.targets.values) == Set(spec.targets.map(\.name)))
        #expect(Set(trace.regions!.values) == Set(spec.regions.map(\.name)))
    }

    @Test("healthy is 0 exactly on calls an incident of the manifest covers", arguments: ScenarioFamily.allCases)
    func healthyAgreesWithManifest(family: ScenarioFamily) throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: family, seed: 11))
        let manifest = try IncidentManifest.decode(try generated.manifest(file: "t.csv").jsonData())
        #expect(manifest.incidents == generated.incidents)
        #expect(manifest.rows == generated.trace.count)
        #expect(manifest.family == family)
        #expect(family == .baseline ? manifest.incidents.isEmpty : !manifest.incidents.isEmpty)
        let trace = generated.trace
        var unhealthy = 0
        for row in 0..<trace.count {
            let expected = Incident.isHealthy(target: trace.targets[row], region: trace.regions![row],
                                              at: trace.timestamps[row], incidents: manifest.incidents)
            #expect(trace.healthy![row] == (expected ? 1 : 0))
            if !expected { unhealthy += 1 }
        }
        #expect(family == .baseline ? unhealthy == 0 : unhealthy > 0)
        let ids = manifest.incidents.map(\.id)
        #expect(Set(ids).count == ids.count)
        for incident in manifest.incidents {
            #expect(incident.start >= manifest.start && incident.end <= manifest.end && incident.start < incident.end)
            #expect(incident.family == family.rawValue)
        }
    }

    @Test("the CSV round-trips exactly through TraceReader, in time order", arguments: ScenarioFamily.allCases)
    func roundTrip(family: ScenarioFamily) throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: family, seed: 13))
        let csv = try generated.csv()
        var options = TraceReadOptions()
        options.requireTimeOrder = true
        let read = try TraceReader.read(bytes: Array(csv.utf8), name: "generated.csv", options: options)
        #expect(read.trace == generated.trace)
        #expect(try TraceWriter.csv(read.trace) == csv)
    }

    @Test("baseline: no incident, background errors around 0.5–1 %")
    func baseline() {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .baseline, seed: 5, duration: 3_600))
        let trace = generated.trace
        #expect(generated.incidents.isEmpty)
        let failures = trace.outcomes.filter(\.isFailure).count
        let rate = Double(failures) / Double(trace.count)
        #expect(rate > 0.004 && rate < 0.011)
    }

    @Test("sudden-outage: ≥ 50 % failures inside the window, ≤ 2 % outside, fast")
    func suddenOutage() throws {
        for seed: UInt64 in 1...4 {
            let generated = TraceGenerator.generate(ScenarioSpec(family: .suddenOutage, seed: seed))
            let trace = generated.trace
            let incident = try #require(generated.incidents.first)
            #expect(generated.incidents.count == 1)
            #expect(incident.kind == .outage && incident.duration >= 150)
            let during = Slice(trace, target: incident.target, where: inside(incident))
            let outside = Slice(trace, target: incident.target, where: outsideAll(generated.incidents))
            #expect(during.rows.count > 100)
            #expect(during.failureRate(trace) >= 0.5)
            #expect(outside.failureRate(trace) <= 0.02)
            let failedLatencies = during.rows.filter { trace.outcomes[$0] == .failure }.map { trace.latenciesMs[$0] }.sorted()
            let healthyMedian = outside.quantile(trace, 0.5)
            #expect(failedLatencies[failedLatencies.count / 2] < healthyMedian)
            let errors = Set(during.rows.map { trace.errors![$0] })
            #expect(errors.isSuperset(of: ["connect_refused", "http_503"]))
            for other in Set(trace.targets.values) where other != incident.target {
                #expect(Slice(trace, target: other, where: { _ in true }).failureRate(trace) <= 0.02)
            }
        }
    }

    @Test("gradual-degradation: errors and latency rise to a plateau, then recover")
    func gradualDegradation() throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .gradualDegradation, seed: 2))
        let trace = generated.trace
        let incident = try #require(generated.incidents.first)
        #expect(incident.kind == .degradation && incident.duration >= 300)
        let length = incident.duration
        let early = Slice(trace, target: incident.target) { $0 >= incident.start && $0 < incident.start + 0.15 * length }
        let middle = Slice(trace, target: incident.target) { $0 >= incident.start + 0.5 * length && $0 < incident.start + 0.7 * length }
        let outside = Slice(trace, target: incident.target, where: outsideAll(generated.incidents))
        #expect(middle.failureRate(trace) >= 0.15)
        #expect(early.failureRate(trace) < middle.failureRate(trace))
        #expect(outside.failureRate(trace) <= 0.02)
        #expect(middle.quantile(trace, 0.5) >= 2 * outside.quantile(trace, 0.5))
        #expect(early.quantile(trace, 0.5) < middle.quantile(trace, 0.5))
    }

    @Test("intermittent: several failing phases tens of seconds apart, healthy in between")
    func intermittent() throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .intermittent, seed: 4))
        let trace = generated.trace
        let flaps = generated.incidents
        #expect(flaps.count >= 5)
        #expect(Set(flaps.map(\.target)).count == 1)
        #expect(flaps.allSatisfy { $0.kind == .flapping && $0.duration >= 5 && $0.duration <= 30 })
        for (earlier, later) in zip(flaps, flaps.dropFirst()) {
            let gap = later.start - earlier.end
            #expect(gap >= 19.9 && gap <= 60.1)
        }
        let target = flaps[0].target
        let during = Slice(trace, target: target) { time in flaps.contains { time >= $0.start && time < $0.end } }
        let between = Slice(trace, target: target) { time in
            time >= flaps.first!.start && time < flaps.last!.end && !flaps.contains { time >= $0.start && time < $0.end }
        }
        #expect(during.failureRate(trace) >= 0.6)
        #expect(between.failureRate(trace) <= 0.03)
    }

    @Test("latency-brownout: p99 inside ≫ outside, timeouts but no failure outcomes")
    func brownout() throws {
        var targets: Set<String> = []
        for seed: UInt64 in 1...8 {
            let generated = TraceGenerator.generate(ScenarioSpec(family: .latencyBrownout, seed: seed))
            let trace = generated.trace
            let incident = try #require(generated.incidents.first)
            #expect(incident.kind == .brownout)
            let during = Slice(trace, target: incident.target, where: inside(incident))
            let outside = Slice(trace, target: incident.target, where: outsideAll(generated.incidents))
            #expect(during.quantile(trace, 0.99) >= 4 * outside.quantile(trace, 0.99))
            #expect(during.quantile(trace, 0.5) >= 3 * outside.quantile(trace, 0.5))
            #expect(!during.rows.contains { trace.outcomes[$0] == .failure })
            #expect(during.rows.contains { trace.outcomes[$0] == .timeout })
            targets.insert(incident.target)
        }
        #expect(targets.count >= 3)
    }

    @Test("thundering-herd: an outage, then ≥ 2× traffic with elevated errors right after recovery")
    func thunderingHerd() throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .thunderingHerd, seed: 6))
        let trace = generated.trace
        #expect(generated.incidents.map(\.kind) == [.outage, .surge])
        let outage = generated.incidents[0]
        let surge = generated.incidents[1]
        #expect(outage.target == surge.target && outage.end == surge.start)
        #expect(surge.peakRateFactor >= 3 && surge.peakRateFactor <= 5)
        let normal = Slice(trace, target: surge.target, where: outsideAll(generated.incidents))
        let normalSeconds = generated.spec.duration - generated.incidents.reduce(0) { $0 + $1.duration + 60 }
        let normalRate = Double(normal.rows.count) / normalSeconds
        let during = Slice(trace, target: surge.target, where: inside(surge))
        let surgeRate = Double(during.rows.count) / surge.duration
        #expect(surgeRate >= 2 * normalRate)
        #expect(Slice(trace, target: outage.target, where: inside(outage)).failureRate(trace) >= 0.8)
        #expect(during.failureRate(trace) >= 0.05)
        #expect(during.quantile(trace, 0.5) >= 1.5 * normal.quantile(trace, 0.5))
    }

    @Test("regional-outage: one region fails for every target, the others stay healthy")
    func regionalOutage() throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .regionalOutage, seed: 9))
        let trace = generated.trace
        let regions = Set(generated.incidents.compactMap(\.region))
        #expect(regions.count == 1)
        #expect(generated.incidents.count == generated.spec.targets.count)
        let region = try #require(regions.first)
        let window = generated.incidents[0]
        for target in generated.spec.targets.map(\.name) {
            let slice = Slice(trace, target: target, region: region, where: inside(window))
            #expect(slice.failureRate(trace) >= 0.5)
            #expect(slice.rows.allSatisfy { trace.healthy![$0] == 0 })
        }
        for other in generated.spec.regions.map(\.name) where other != region {
            let rows = (0..<trace.count).filter {
                trace.regions![$0] == other && trace.timestamps[$0] >= window.start && trace.timestamps[$0] < window.end
            }
            let failures = rows.filter { trace.outcomes[$0].isFailure }.count
            #expect(rows.count > 300)
            #expect(Double(failures) / Double(rows.count) <= 0.02)
            #expect(rows.allSatisfy { trace.healthy![$0] == 1 })
        }
    }

    @Test("diurnal: a day or more, busiest hour ≥ 2× the quietest, one small outage")
    func diurnal() throws {
        let spec = ScenarioSpec(family: .diurnal, seed: 12)
        #expect(spec.duration >= 86_400)
        let generated = TraceGenerator.generate(spec)
        let trace = generated.trace
        var perHour = [Int](repeating: 0, count: 24)
        for time in trace.timestamps { perHour[Int(UTCTimestamp.hourOfDay(time))] += 1 }
        let peak = perHour[13...15].reduce(0, +)
        let trough = perHour[1...3].reduce(0, +)
        #expect(Double(peak) >= 2 * Double(trough))
        #expect(generated.incidents.count == 1)
        #expect(generated.incidents[0].duration <= 1_200)
        #expect(trace.count < 30_000)

        let weekend = TraceGenerator.generate(ScenarioSpec(family: .diurnal, seed: 12, start: 1_736_035_200))  // a Sunday
        #expect(Double(weekend.trace.count) < 0.7 * Double(trace.count))
    }

    @Test("arrivals are Poisson: mean gap ≈ 1/rate, variance ≈ mean²")
    func poissonArrivals() {
        let spec = ScenarioSpec(family: .baseline, seed: 21, duration: 3_600, rate: 12)
        let times = TraceGenerator.generate(spec).trace.timestamps
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count - 1)
        #expect(abs(mean * spec.rate - 1) < 0.03)
        #expect(abs(variance / (mean * mean) - 1) < 0.06)
        // Counts per second: Poisson, so variance ≈ mean.
        var counts = [Int](repeating: 0, count: Int(spec.duration))
        for time in times { counts[Int(time - spec.start)] += 1 }
        let countMean = Double(times.count) / spec.duration
        let countVariance = counts.reduce(0) { $0 + (Double($1) - countMean) * (Double($1) - countMean) } / (spec.duration - 1)
        #expect(abs(countVariance / countMean - 1) < 0.08)
    }

    @Test("invalid specs name the field")
    func validation() {
        #expect(throws: ScenarioSpecError.self) { try ScenarioSpec(family: .suddenOutage, duration: 60).validate() }
        let rate = #expect(throws: ScenarioSpecError.self) { try ScenarioSpec(family: .baseline, rate: 0).validate() }
        #expect(rate?.field == .rate)
        let duration = #expect(throws: ScenarioSpecError.self) { try ScenarioSpec(family: .diurnal, duration: 1_800).validate() }
        #expect(duration?.field == .duration)
        let targets = #expect(throws: ScenarioSpecError.self) { try ScenarioSpec(family: .baseline, targets: []).validate() }
        #expect(targets?.field == .targets)
        #expect(throws: Never.self) { try ScenarioSpec(family: .intermittent, duration: 120).validate() }
        // Short scenarios still fit their incidents.
        let short = TraceGenerator.generate(ScenarioSpec(family: .thunderingHerd, duration: 120))
        #expect(short.incidents.allSatisfy { $0.start >= short.spec.start && $0.end <= short.spec.end })
    }

    @Test("manifest JSON: sorted keys, optional region omitted, path next to the trace")
    func manifestJSON() throws {
        let generated = TraceGenerator.generate(ScenarioSpec(family: .suddenOutage, seed: 1))
        let text = String(decoding: try generated.manifest(file: "a.csv").jsonData(), as: UTF8.self)
        #expect(text.contains("\"family\" : \"sudden-outage\""))
        #expect(text.contains("\"kind\" : \"outage\""))
        #expect(!text.contains("\"region\" :"))
        #expect(text.contains("\"startTime\" : \"2025-01-06T00:00:00Z\""))
        let keys = ["\"columns\"", "\"end\"", "\"family\"", "\"file\"", "\"generator\"", "\"incidents\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted())
        #expect(text.hasSuffix("}\n"))
        #expect(GeneratedTrace.manifestPath(forTrace: "out/x.csv") == "out/x.manifest.json")
        #expect(GeneratedTrace.manifestPath(forTrace: "out/x") == "out/x.manifest.json")
    }

    @Test("UTC calendar helpers")
    func utcTime() {
        #expect(UTCTimestamp.format(1_735_862_400) == "2025-01-03T00:00:00Z")
        #expect(UTCTimestamp.format(1_736_121_600.25) == "2025-01-06T00:00:00.250Z")
        #expect(UTCTimestamp.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.weekday(1_735_862_400) == 4)  // Friday
        #expect(UTCTimestamp.weekday(1_736_121_600) == 0)  // Monday
        #expect(UTCTimestamp.hourOfDay(1_735_862_400 + 5_400) == 1.5)
    }

    @Test("TraceRandom: reproducible streams and sane moments")
    func random() {
        var a = TraceRandom(seed: 1)
        var b = TraceRandom(seed: 1)
        var c = TraceRandom(seed: 1, stream: 1)
        let first = (0..<8).map { _ in a.next() }
        #expect(first == (0..<8).map { _ in b.next() })
        #expect(first != (0..<8).map { _ in c.next() })
        var random = TraceRandom(seed: 99)
        let count = 200_000
        var normalSum = 0.0, normalSquares = 0.0, exponentialSum = 0.0, logNormalBelow = 0
        for _ in 0..<count {
            let z = random.normal()
            normalSum += z
            normalSquares += z * z
            exponentialSum += random.exponential(rate: 4)
            if random.logNormal(median: 10, sigma: 0.5) < 10 { logNormalBelow += 1 }
        }
        #expect(abs(normalSum / Double(count)) < 0.01)
        #expect(abs(normalSquares / Double(count) - 1) < 0.02)
        #expect(abs(exponentialSum / Double(count) - 0.25) < 0.005)
        #expect(abs(Double(logNormalBelow) / Double(count) - 0.5) < 0.01)
        let picks = (0..<10_000).map { _ in random.pick(weights: [1, 0, 3]) }
        #expect(!picks.contains(1))
        #expect(abs(Double(picks.filter { $0 == 2 }.count) / 10_000 - 0.75) < 0.03)
        #expect((0..<1_000).allSatisfy { _ in (0..<7).contains(random.index(below: 7)) })
    }
}

@Suite("StandardSuite")
struct StandardSuiteTests {
    @Test("the published layout: time-ordered disjoint splits, every family, disjoint seeds, ~45/22/32 % of rows")
    func layout() {
        let suite = StandardSuite()
        var previousEnd = -Double.infinity
        var seeds: Set<UInt64> = []
        var expectedRows: [Double] = []
        for split in StandardSuite.Split.allCases {
            let segments = suite.segments(of: split)
            #expect(segments.map(\.family) == ScenarioFamily.allCases)
            #expect(segments.first!.start > previousEnd)
            #expect(segments.first!.start.truncatingRemainder(dividingBy: 86_400) == 0)
            for (earlier, later) in zip(segments, segments.dropFirst()) { #expect(earlier.end == later.start) }
            #expect(segments.first { $0.family == .diurnal }!.duration >= 86_400)
            previousEnd = segments.last!.end
            for segment in segments { seeds.insert(segment.seed) }
            expectedRows.append(segments.reduce(0) { $0 + $1.rate * $1.duration })
            #expect(throws: Never.self) { try suite.validate() }
        }
        #expect(seeds.count == 3 * ScenarioFamily.allCases.count)
        let total = expectedRows.reduce(0, +)
        #expect(abs(expectedRows[0] / total - 0.46) < 0.02)
        #expect(abs(expectedRows[1] / total - 0.22) < 0.02)
        #expect(abs(expectedRows[2] / total - 0.32) < 0.02)
    }

    @Test("a scaled-down suite writes three CSVs and a manifest that agree with each other")
    func writesScaledSuite() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tripwise-suite-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try StandardSuite(scale: 0.04).write(to: directory)
        let decoded = try SuiteManifest.decode(Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json")))
        #expect(decoded == manifest)
        #expect(manifest.splits.map(\.split) == StandardSuite.Split.allCases)
        #expect(manifest.columns == ["timestamp", "target", "latency_ms", "outcome", "error", "region", "healthy"])
        var previousEnd = -Double.infinity
        for split in manifest.splits {
            #expect(split.families == ScenarioFamily.allCases)
            #expect(split.start > previousEnd)
            previousEnd = split.end
            let text = try String(contentsOfFile: directory + "/" + split.file, encoding: .utf8)
            #expect(split.bytes == text.utf8.count)
            var lines = text.split(separator: "\n")
            #expect(lines.removeFirst() == "timestamp,target,latency_ms,outcome,error,region,healthy")
            #expect(lines.count == split.rows)
            let incidents = split.segments.flatMap(\.incidents)
            #expect(incidents.count == split.incidentCount)
            var previous = -Double.infinity
            for line in lines {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                let time = Double(cells[0])!
                #expect(time >= previous && time >= split.start && time < split.end)
                previous = time
                let healthy = Incident.isHealthy(target: String(cells[1]), region: String(cells[5]), at: time, incidents: incidents)
                #expect(cells[6] == (healthy ? "1" : "0"))
            }
        }
        #expect(Set(manifest.incidents.map(\.id)).count == manifest.incidents.count)
        // Same suite, same bytes.
        let again = try StandardSuite(scale: 0.04).write(to: directory + "/again")
        #expect(again == manifest)
        for file in ["train.csv", "validation.csv", "test.csv", "manifest.json"] {
            #expect(FileManager.default.contents(atPath: directory + "/" + file)
                    == FileManager.default.contents(atPath: directory + "/again/" + file))
        }
    }

    @Test("the published suite: its row counts, and datasets/synthetic holds exactly what the generator writes")
    func publishedSuite() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tripwise-suite-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try StandardSuite.write(to: directory)
        #expect(manifest.splits.map(\.rows) == [146_393, 73_278, 104_780])
        #expect(manifest.incidents.count == 60)
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets/synthetic").path
        guard FileManager.default.fileExists(atPath: shipped + "/manifest.json") else { return }
        for file in ["train.csv", "validation.csv", "test.csv", "manifest.json"] {
            #expect(FileManager.default.contents(atPath: shipped + "/" + file)
                    == FileManager.default.contents(atPath: directory + "/" + file),
                    "datasets/synthetic/\(file) is stale: run tripwise generate --suite standard --out datasets/synthetic")
        }
    }

    @Test("a bad scale is refused")
    func badScale() {
        #expect(throws: TraceError.self) { try StandardSuite(scale: 0).write(to: "/nonexistent/never") }
    }
}
