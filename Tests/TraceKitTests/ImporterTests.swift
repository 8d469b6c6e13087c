import Foundation
import Testing
@testable import TraceKit

/// A fresh temporary folder with helpers to write fixture files into it.
struct FixtureFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Fixtures in the real formats of `datasets/nezha-onlineboutique-trainticket`.
enum NezhaFixtures {
    static let faultsHeader = "system,fault_id,inject_time_utc,inject_ts,end_ts,duration_s,target_service,target_pod,fault_type\n"
    /// Two faults: ts-basic-service network_delay on [1000, 1180) and cartservice (named by its pod
    /// only) cpu_contention on [2000, 2180).
    static let faults = faultsHeader + """
        trainticket,2023-01-29#3,1970-01-01 00:16:40,1000,1180,180,ts-basic-service,ts-basic-service-5dc8d4f9fd-46997,network_delay
        onlineboutique,2022-08-23#5,1970-01-01 00:33:20,2000,2180,180,,cartservice-579f59597d-wc2lz,cpu_contention

        """
    static let ttHeader = "ts_ms,trace_id,caller_service,callee_service,operation,caller_method,client_duration_us,server_duration_us,active_fault_id\n"
    static let obHeader = "ts_ms,trace_id,caller_service,callee_service,operation,client_duration_us,server_duration_us,active_fault_id,window_fault_id\n"
}

@Suite("CSVTable")
struct CSVTableTests {
    @Test("RFC 4180 quotes: commas, doubled quotes and line breaks inside; records start lines")
    func quotes() throws {
        let table = try CSVTable(text: "a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n\"multi\nline\",,3\r\n4,5,6", file: "q.csv")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.rows.map(\.fields) == [["1", "x,y", "say \"hi\""], ["multi\nline", "", "3"], ["4", "5", "6"]])
        #expect(table.rows.map(\.line) == [2, 3, 5])
    }

    @Test("a byte-order mark is ignored, header names are trimmed, blank lines skipped and counted")
    func lenientBits() throws {
        let table = try CSVTable(bytes: [0xEF, 0xBB, 0xBF] + Array(" ts_ms , x\n\n1,2\n\n".utf8), file: "b.csv")
        #expect(table.header == ["ts_ms", "x"])
        #expect(table.rows == [CSVTable.Row(line: 3, fields: ["1", "2"])])
        #expect(table.blankLines == 2)
        #expect(try table.requiredColumn("ts_ms") == 0)
    }

    @Test("a quote inside an unquoted field is kept literally")
    func literalQuote() throws {
        #expect(try CSVTable(text: "a\nab\"c\n").rows[0].fields == ["ab\"c"])
    }

    @Test("malformed files are errors naming the file, the line and the kind",
          arguments: [
            ("a,b\n1,2\n3\n", TraceError.Code.wrongFieldCount, 3),
            ("a,b\n1,2,3\n", .wrongFieldCount, 2),
            ("a,b\n1,2\n3", .truncatedLine, 3),
            ("a,b\n1,\"open\n\n", .unterminatedQuote, 2),
            ("a,b\n\"x\"y,2\n", .textAfterQuote, 2),
            ("a,a\n1,2\n", .duplicateColumn, 1),
          ] as [(String, TraceError.Code, Int)])
    func malformed(text: String, code: TraceError.Code, line: Int) {
        let error = #expect(throws: TraceError.self) { try CSVTable(text: text, file: "bad.csv") }
        #expect(error?.code == code)
        #expect(error?.line == line)
        #expect(error?.file == "bad.csv")
        #expect(error?.description.hasPrefix("bad.csv:\(line): ") == true)
    }

    @Test("an empty file, a missing file and a missing column")
    func emptyAndMissing() throws {
        #expect((try? CSVTable(text: "", file: "e.csv")) == nil)
        let empty = #expect(throws: TraceError.self) { try CSVTable(text: "\n\n", file: "e.csv") }
        #expect(empty?.code == .emptyFile)
        let missing = #expect(throws: TraceError.self) { try CSVTable(contentsOf: "/nonexistent/calls.csv") }
        #expect(missing?.code == .io)
        #expect(missing?.description == "/nonexistent/calls.csv: no such file")
        let table = try CSVTable(text: "a,b\n", file: "h.csv")
        let column = #expect(throws: TraceError.self) { try table.requiredColumn("ts_ms") }
        #expect(column?.code == .missingColumn)
        #expect(column?.description == "h.csv:1: column 'ts_ms': missing from the header (found: a, b)")
    }

    @Test("number cells: empty is nil, junk is an error naming line and column")
    func numbers() throws {
        let table = try CSVTable(text: "n,m\n 12.5 ,\nabc,nan\n", file: "n.csv")
        #expect(try table.number(table.rows[0], 0) == 12.5)
        #expect(try table.number(table.rows[0], 1) == nil)
        let error = #expect(throws: TraceError.self) { try table.number(table.rows[1], 0) }
        #expect(error?.description == "n.csv:3: column 'n': expected a number, found \"abc\"")
        #expect(throws: TraceError.self) { try table.number(table.rows[1], 1) }
        #expect(throws: TraceError.self) { try table.integer(table.rows[0], 0) }
    }
}

@Suite("UTCTimestamp")
struct UTCTimestampTests {
    @Test("parses log times as UTC, honours explicit zones, formats back")
    func parseAndFormat() {
        #expect(UTCTimestamp.parse("2017-05-16 00:00:00.008") == 1_494_892_800.008)
        #expect(UTCTimestamp.parse("2017-05-16T00:00:00Z") == 1_494_892_800)
        #expect(UTCTimestamp.parse("2017-05-16T02:00:00+02:00") == 1_494_892_800)
        #expect(UTCTimestamp.parse("2016-02-29 12:00:00") == 1_456_747_200)
        #expect(UTCTimestamp.format(1_494_892_800.008) == "2017-05-16T00:00:00.008Z")
        #expect(UTCTimestamp.format(1_674_981_729) == "2023-01-29T08:42:09Z")
        #expect(UTCTimestamp.format(0) == "1970-01-01T00:00:00Z")
        for bad in ["", "2017-05-16", "2017-13-01 00:00:00", "2017-02-29 00:00:00", "2017-05-16 24:00:00",
                    "2017-05-16 00:00:00.", "2017-05-16 00:00:00 UTC", "1494892800"] {
            #expect(UTCTimestamp.parse(bad) == nil, "\(bad)")
        }
        #expect(UTCTimestamp.formatDuration(25_318) == "7h 01m 58s")
        #expect(UTCTimestamp.formatDuration(2.25) == "2.3s")
    }
}

@Suite("NezhaImporter")
struct NezhaImporterTests {
    private func run(calls: [String], faults: String = NezhaFixtures.faults,
                     options: NezhaImporter.Options = .init()) throws -> NezhaImporter.Result {
        let folder = try FixtureFolder()
        defer { folder.remove() }
        let faultsFile = try folder.write("faults.csv", faults)
        let files = try calls.enumerated().map { try folder.write("calls_\($0.offset).csv", $0.element) }
        return try NezhaImporter.importCalls(files, faultsFile: faultsFile, options: options)
    }

    @Test("service and pod names reduce to the service the calls use")
    func serviceNames() {
        #expect(NezhaImporter.serviceName("cartservice-579f59597d-wc2lz") == "cartservice")
        #expect(NezhaImporter.serviceName("ts-verification-code-service-7b6dc75c45-2z9p2") == "ts-verification-code-service")
        #expect(NezhaImporter.serviceName("ts-route-service-b6c59fb57-zv8dt") == "ts-route-service")
        #expect(NezhaImporter.serviceName("frontend-1234567890-abcde") == "frontend-1234567890-abcde") // vowels: not generated
        #expect(NezhaImporter.serviceName("frontend-1234567890-bcdfg") == "frontend")
        #expect(NezhaImporter.serviceName("ts-travel2-service") == "ts-travel2-service")
        #expect(NezhaImporter.serviceName("ts-order-other-service") == "ts-order-other-service")
        #expect(NezhaImporter.serviceName(" CartService ") == "cartservice")
    }

    @Test("faults.csv: service from target_service or target_pod, window [inject_ts, end_ts)")
    func readsFaults() throws {
        let folder = try FixtureFolder()
        defer { folder.remove() }
        let faults = try NezhaImporter.readFaults(folder.write("faults.csv", NezhaFixtures.faults))
        #expect(faults == [
            .init(id: "2023-01-29#3", system: "trainticket", service: "ts-basic-service", type: "network_delay", start: 1000, end: 1180, line: 2),
            .init(id: "2022-08-23#5", system: "onlineboutique", service: "cartservice", type: "cpu_contention", start: 2000, end: 2180, line: 3),
        ])
    }

    @Test("faults.csv errors name the line: inject_ts off from inject_time_utc, window ending first, empty times")
    func faultErrors() throws {
        let header = NezhaFixtures.faultsHeader
        let cases: [(String, TraceError.Code, String)] = [
            // The source's UTC+8 mistake: inject_ts 8 h after inject_time_utc.
            (header + "tt,1,1970-01-01 00:16:40,29800,29980,180,a,,return\n", .outOfRange, "inject_ts"),
            (header + "tt,1,1970-01-01 00:16:40,1000,900,180,a,,return\n", .outOfRange, "end_ts"),
            (header + "tt,1,,,1180,180,a,,return\n", .emptyValue, "inject_ts"),
            (header + "tt,1,,1000,1180,180,,,return\n", .emptyValue, "target_service"),
            (header + "tt,1,yesterday,1000,1180,180,a,,return\n", .unparsableTimestamp, "inject_time_utc"),
            // inject_ts in milliseconds.
            (header + "tt,1,,1674981729000,1674981909000,180,a,,return\n", .outOfRange, "inject_ts"),
            (header + "tt,1,,1674981729,1674981909000,,a,,return\n", .outOfRange, "end_ts"),
            ("fault_id,inject_ts,end_ts,fault_type\n1,1000,1180,return\n", .missingColumn, "target_service"),
        ]
        for (text, code, column) in cases {
            let error = #expect(throws: TraceError.self) { try NezhaImporter.faults(from: CSVTable(text: text, file: "faults.csv")) }
            #expect(error?.code == code, "\(text)")
            #expect(error?.column == column, "\(text)")
            #expect(error?.line == (code == .missingColumn ? 1 : 2), "\(text)")
        }
        // duration_s stands in for a missing end_ts.
        let faults = try NezhaImporter.faults(from: CSVTable(text: "fault_id,inject_ts,duration_s,target_service,fault_type\n1,10,5,a,cpu\n"))
        #expect(faults.first?.end == 15)
    }

    @Test("one row per call: time in seconds, callee target, caller, latency in ms")
    func mapping() throws {
        let calls = NezhaFixtures.ttHeader + """
            500123,6f3c,ts-gateway-service,ts-travel2-service,/api/v1/travel2service/trips/left,POST,119941,116381,

            """
        let result = try run(calls: [calls])
        let trace = result.imported.trace
        #expect(trace.columns == [.timestamp, .target, .latencyMs, .outcome, .error, .caller, .healthy])
        #expect(trace.record(at: 0) == TraceRecord(timestamp: 500.123, target: "ts-travel2-service", latencyMs: 119.941,
                                                     outcome: .success, caller: "ts-gateway-service", healthy: true))
        #expect(try TraceWriter.csv(trace) == """
            timestamp,target,latency_ms,outcome,error,caller,healthy
            500.123000,ts-travel2-service,119.941,success,,ts-gateway-service,1

            """)
    }

    @Test("slower than the timeout is a timeout, capped at the timeout; exactly the timeout succeeds")
    func timeouts() throws {
        let calls = NezhaFixtures.obHeader + """
            1000,t1,frontend,adservice,GetAds,1000000,1,,
            1001,t2,frontend,adservice,GetAds,1000001,1,,
            1002,t3,frontend,adservice,GetAds,2500000,1,,

            """
        let capped = try run(calls: [calls])
        let rows = (0..<3).map { capped.imported.trace.record(at: $0) }
        #expect(rows.map(\.outcome) == [.success, .timeout, .timeout])
        #expect(rows.map(\.error) == [nil, "timeout", "timeout"])
        #expect(rows.map(\.latencyMs) == [1000, 1000, 1000])
        #expect(capped.cappedLatencies == 2)
        #expect(capped.imported.count(.timeout) == 2)

        let kept = try run(calls: [calls], options: .init(capLatencyAtTimeout: false))
        #expect((0..<3).map { kept.imported.trace.latenciesMs[$0] } == [1000, 1000.001, 2500])
        #expect(kept.cappedLatencies == 0)

        let strict = try run(calls: [calls], options: .init(timeoutMs: 250))
        #expect(strict.imported.trace.outcomes == [.timeout, .timeout, .timeout])
        #expect(strict.imported.trace.latenciesMs == [250, 250, 250])

        #expect(throws: TraceError.self) { try run(calls: [calls], options: .init(timeoutMs: 0)) }
        #expect(throws: TraceError.self) { try run(calls: [calls], options: .init(timeoutMs: .nan)) }
    }

    @Test("healthy = 0 exactly while a fault window [inject_ts, end_ts) covers the callee")
    func faultWindows() throws {
        let calls = NezhaFixtures.ttHeader + """
            999999,a,ts-travel-service,ts-basic-service,/x,POST,1000,1,
            1000000,b,ts-travel-service,ts-basic-service,/x,POST,1000,1,
            1000000,c,ts-basic-service,ts-station-service,/y,POST,1000,1,
            1179999,d,ts-travel-service,ts-basic-service,/x,POST,1000,1,
            1180000,e,ts-travel-service,ts-basic-service,/x,POST,1000,1,
            2000500,f,frontend,cartservice-579f59597d-wc2lz,GetCart,GET,3000000,1,
            2180000,g,frontend,cartservice,GetCart,GET,3000,1,

            """
        let result = try run(calls: [calls])
        let trace = result.imported.trace
        #expect(trace.healthy == [1, 0, 1, 0, 1, 0, 1])
        #expect(trace.targets[5] == "cartservice") // the pod name in the calls is normalised too
        #expect(result.callsInFaultWindows == 3)
        #expect(result.callsInFaultWindowsByType == ["network_delay": 2, "cpu_contention": 1])
        #expect(result.faults.map(\.calls) == [2, 1])
        #expect(result.faults.map(\.timeouts) == [0, 1])
        #expect(result.faults.map(\.callsDuringWindow) == [3, 1])
        #expect(result.faults.allSatisfy { $0.serviceIsCallee })
        #expect(result.faultsMatched.count == 2)
        #expect(result.imported.latency(healthy: false)?.count == 3)
        #expect(result.imported.latency(healthy: true)?.count == 4)
    }

    @Test("a fault on a service that is never a callee matches nothing and says so")
    func unmatchedFault() throws {
        let faults = NezhaFixtures.faultsHeader + "onlineboutique,x#0,,100,280,180,frontend,frontend-579b9bff58-t2dbm,return\n"
        let calls = NezhaFixtures.obHeader + "150000,t,frontend,adservice,GetAds,1000,1,,\n"
        let result = try run(calls: [calls], faults: faults)
        #expect(result.faults.count == 1)
        #expect(result.faultsCovered.count == 1)
        #expect(result.faultsMatched.isEmpty)
        #expect(result.faults[0].serviceIsCallee == false)
        #expect(result.imported.trace.healthy == [1])
    }

    @Test("rows of several files are merged by time; ties keep file order, then line order")
    func merging() throws {
        let first = NezhaFixtures.obHeader + """
            3000,a,frontend,adservice,GetAds,1000,1,,
            5000,b,frontend,adservice,GetAds,1000,1,,
            5000,c,frontend,adservice,GetAds,1000,1,,

            """
        let second = NezhaFixtures.ttHeader + """
            1000,d,x,ts-basic-service,/p,GET,1000,1,
            5000,e,x,ts-basic-service,/p,GET,1000,1,
            9000,f,x,ts-basic-service,/p,GET,1000,1,

            """
        let result = try run(calls: [first, second])
        let trace = result.imported.trace
        #expect(trace.timestamps == [1, 3, 5, 5, 5, 9])
        #expect((0..<6).map { trace.targets[$0] } == ["ts-basic-service", "adservice", "adservice", "adservice", "ts-basic-service", "ts-basic-service"])
        #expect(result.imported.files.count == 2)
        #expect(result.imported.targetCount == 2)
        #expect(result.imported.timeSpan == 1...9)
    }

    @Test("rows missing a value are skipped and reported by reason with FILE:LINE, never silently")
    func skipping() throws {
        let calls = NezhaFixtures.obHeader + """
            1000,a,frontend,adservice,GetAds,,1,,
            2000,b,frontend,,GetAds,1000,1,,
            ,c,frontend,adservice,GetAds,1000,1,,
            4000,d,frontend,adservice,GetAds,-5,1,,
            5000,e,frontend,adservice,GetAds,1000,1,,
            6000,f,frontend,adservice,GetAds,,1,,

            """
        let result = try run(calls: [calls])
        let imported = result.imported
        #expect(imported.rowsRead == 6)
        #expect(imported.rowsWritten == 1)
        #expect(imported.skipped.total == 5)
        #expect(imported.skipped.count("empty client_duration_us") == 2)
        #expect(imported.skipped.count("empty callee_service") == 1)
        #expect(imported.skipped.count("empty ts_ms") == 1)
        #expect(imported.skipped.count("negative client_duration_us") == 1)
        let examples = imported.skipped.reasons.first { $0.reason == "empty client_duration_us" }?.examples ?? []
        #expect(examples.count == 2)
        #expect(examples.allSatisfy { $0.hasSuffix("calls_0.csv:2") || $0.hasSuffix("calls_0.csv:7") })
        #expect(imported.rowsRead == imported.rowsWritten + imported.skipped.total)
    }

    @Test("malformed call files are errors naming the file, line and column")
    func malformedCalls() throws {
        let junk = NezhaFixtures.obHeader + "1000,a,frontend,adservice,GetAds,1000,1,,\n2000,b,frontend,adservice,GetAds,12ms,1,,\n"
        let error = #expect(throws: TraceError.self) { try run(calls: [junk]) }
        #expect(error?.code == .unparsableNumber)
        #expect(error?.line == 3)
        #expect(error?.column == "client_duration_us")
        #expect(error?.file.hasSuffix("calls_0.csv") == true)

        let short = NezhaFixtures.obHeader + "1000,a,frontend,adservice\n"
        let fields = #expect(throws: TraceError.self) { try run(calls: [short]) }
        #expect(fields?.code == .wrongFieldCount)
        #expect(fields?.line == 2)

        // Values the trace format refuses are refused here, naming the input, not later in the writer.
        let micros = NezhaFixtures.obHeader + "1674981729000,a,frontend,adservice,GetAds,1000,1,,\n1674981729000123,b,frontend,adservice,GetAds,1000,1,,\n"
        let time = #expect(throws: TraceError.self) { try run(calls: [micros]) }
        #expect(time?.code == .outOfRange)
        #expect(time?.line == 3)
        #expect(time?.column == "ts_ms")
        #expect(time?.file.hasSuffix("calls_0.csv") == true)
        #expect(time?.message == "expected milliseconds since the epoch; 1.7e15 looks like microseconds since the epoch: divide by 1000")
        let slow = NezhaFixtures.obHeader + "1000,a,frontend,adservice,GetAds,20000000000000,1,,\n"
        let duration = #expect(throws: TraceError.self) { try run(calls: [slow], options: .init(capLatencyAtTimeout: false)) }
        #expect(duration?.code == .outOfRange)
        #expect(duration?.column == "client_duration_us")
        // Capping would hide the unit mistake: refused with capping too.
        #expect(throws: TraceError.self) { try run(calls: [slow]) }
        // The largest values the format accepts still import and write.
        let edge = NezhaFixtures.obHeader + "99999999999999,a,frontend,adservice,GetAds,10000000000000,1,,\n"
        let result = try run(calls: [edge], options: .init(timeoutMs: 1e10, capLatencyAtTimeout: false))
        #expect(result.imported.trace.latenciesMs == [1e10])
        #expect(try TraceReader.read(bytes: Array(TraceWriter.csv(result.imported.trace).utf8), name: "w").trace == result.imported.trace)

        let noDuration = "ts_ms,caller_service,callee_service\n1,a,b\n"
        let column = #expect(throws: TraceError.self) { try run(calls: [noDuration]) }
        #expect(column?.code == .missingColumn)
        #expect(column?.column == "client_duration_us")
    }
}

@Suite("LoghubNovaImporter")
struct LoghubNovaImporterTests {
    static let header = "timestamp,source_log,component,request_id,client_ip,method,path_template,status,response_bytes,latency_ms\n"

    private func convert(_ body: String, options: LoghubNovaImporter.Options = .init()) throws -> LoghubNovaImporter.Result {
        try LoghubNovaImporter.convert(CSVTable(text: Self.header + body, file: "nova.csv"), options: options)
    }

    @Test("time as UTC, target 'service METHOD path', latency as recorded, caller the first client address")
    func mapping() throws {
        let result = try convert("""
            2017-05-16 00:00:00.008,nova-api,nova.osapi_compute.wsgi.server,req-1,10.11.10.1,GET,/v2/{tenant}/servers/detail,200,1893,247.783
            2017-05-16 00:00:01.500,nova-api,nova.metadata.wsgi.server,req-2,"10.11.21.132,10.11.10.1",get,/openstack/2013-10-17/meta_data.json,200,967,0.5

            """)
        let trace = result.imported.trace
        #expect(trace.columns == [.timestamp, .target, .latencyMs, .outcome, .error, .caller])
        #expect(trace.record(at: 0) == TraceRecord(timestamp: 1_494_892_800.008, target: "nova-api GET /v2/{tenant}/servers/detail",
                                                     latencyMs: 247.783, outcome: .success, caller: "10.11.10.1"))
        #expect(trace.record(at: 1).target == "nova-api GET /openstack/2013-10-17/meta_data.json")
        #expect(trace.record(at: 1).caller == "10.11.21.132")
        #expect(trace.healthy == nil)
    }

    @Test("status: 2xx success; 1xx/3xx/4xx success with http_<status>; 408, 429 and 5xx failure")
    func statuses() throws {
        let statuses = [200, 202, 204, 101, 301, 404, 400, 408, 429, 500, 503]
        let body = statuses.enumerated().map { index, status in
            "2017-05-16 00:00:\(index + 10).000,nova-api,c,r,10.0.0.1,GET,/p,\(status),1,\(index)"
        }.joined(separator: "\n")
        let result = try convert(body)
        let rows = (0..<statuses.count).map { result.imported.trace.record(at: $0) }
        #expect(rows.map(\.outcome) == [.success, .success, .success, .success, .success, .success, .success,
                                        .failure, .failure, .failure, .failure])
        #expect(rows.map(\.error) == [nil, nil, nil, "http_101", "http_301", "http_404", "http_400",
                                      "http_408", "http_429", "http_500", "http_503"])
        #expect(result.statusCounts[404] == 1)

        let strict = try convert(body, options: .init(clientErrorsAreFailures: true))
        #expect(strict.imported.count(.failure) == 6)
        #expect(LoghubNovaImporter.outcome(status: 404, options: .init(clientErrorsAreFailures: true)) == (.failure, "http_404"))
    }

    @Test("rows are sorted by time, ties in file order")
    func sorting() throws {
        let result = try convert("""
            2017-05-16 00:00:02.000,nova-api,c,r,ip,GET,/b,200,1,1
            2017-05-16 00:00:01.000,nova-api,c,r,ip,GET,/a,200,1,1
            2017-05-16 00:00:02.000,nova-api,c,r,ip,GET,/c,200,1,1

            """)
        #expect((0..<3).map { result.imported.trace.targets[$0] } == ["nova-api GET /a", "nova-api GET /b", "nova-api GET /c"])
    }

    @Test("empty values are skipped and counted; junk is an error naming line and column")
    func skipsAndErrors() throws {
        let result = try convert("""
            2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,
            ,nova-api,c,r,ip,GET,/a,200,1,3
            2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,,1,3
            2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,-1
            2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,3

            """)
        #expect(result.imported.rowsRead == 5)
        #expect(result.imported.rowsWritten == 1)
        #expect(result.imported.skipped.reasons.map(\.reason) == ["empty latency_ms", "empty timestamp", "empty status", "negative latency_ms"])

        let cases: [(String, TraceError.Code, String)] = [
            ("16/05/2017 00:00,nova-api,c,r,ip,GET,/a,200,1,3\n", .unparsableTimestamp, "timestamp"),
            ("2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,OK,1,3\n", .unparsableNumber, "status"),
            ("2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,700,1,3\n", .outOfRange, "status"),
            ("2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,fast\n", .unparsableNumber, "latency_ms"),
            ("2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,1e11\n", .outOfRange, "latency_ms"),
            ("9999-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,3\n", .outOfRange, "timestamp"),
        ]
        for (body, code, column) in cases {
            let error = #expect(throws: TraceError.self) { try convert("2017-05-16 00:00:00.000,nova-api,c,r,ip,GET,/a,200,1,3\n" + body) }
            #expect(error?.code == code)
            #expect(error?.column == column)
            #expect(error?.line == 3)
            #expect(error?.description.hasPrefix("nova.csv:3: column '\(column)': ") == true)
        }
    }
}

/// The package root, found from this file's path (Tests/TraceKitTests/ImporterTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
private let nezhaFolder = packageRoot + "/../shared/datasets/nezha-onlineboutique-trainticket"
private let novaFile = packageRoot + "/../shared/datasets/loghub-openstack-nova-api/nova_api_requests.csv"
private func files(in folder: String, prefix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".csv") }.sorted().map { folder + "/" + $0 }
}
private let haveNezha = FileManager.default.fileExists(atPath: nezhaFolder + "/faults.csv")
private let haveNova = FileManager.default.fileExists(atPath: novaFile)

@Suite("Importers on the real public data (skipped when ../shared/datasets is absent)")
struct RealDataImportTests {
    private func latency(_ result: NezhaImporter.Result, type: String?, inside: Bool) -> LatencyStats {
        let trace = result.imported.trace
        let faults = result.faults.map(\.fault).filter { type == nil || $0.type == type }
        return result.imported.latency { row in
            let covered = faults.contains { $0.service == trace.targets[row] && $0.covers(trace.timestamps[row]) }
            return inside ? covered : trace.healthy?[row] == 1
        }
    }

    @Test("TrainTicket 2023-01-29: 51k calls, 27 callees, all 28 faults matched, slower inside", .enabled(if: haveNezha))
    func trainTicket() throws {
        let calls = files(in: nezhaFolder, prefix: "calls_trainticket_")
        #expect(calls.count == 3)
        let result = try NezhaImporter.importCalls(calls, faultsFile: nezhaFolder + "/faults.csv",
                                                   options: .init(capLatencyAtTimeout: false))
        let imported = result.imported
        #expect(imported.rowsRead == 51_422)
        #expect(imported.rowsWritten == 51_422)
        #expect(imported.skipped.total == 0)
        #expect(imported.targetCount == 27)
        #expect(result.faults.count == 84)
        #expect(result.faultsMatched.count == 28)
        #expect(result.faultsMatched.allSatisfy { $0.fault.system == "trainticket" } == true)
        #expect((900...1_000).contains(result.callsInFaultWindows)) // 939
        // About 140 calls over 1 s; most of them outside the callee's own window (cascades).
        #expect((100...200).contains(imported.count(.timeout)))
        #expect(zip(imported.trace.timestamps, imported.trace.timestamps.dropFirst()).allSatisfy { $0 <= $1 })
        let inside = try #require(imported.latency(healthy: false)), outside = try #require(imported.latency(healthy: true))
        #expect(inside.p50 > outside.p50)
        #expect(inside.p99 > outside.p99)
        // This day has no network_delay fault; its cpu_contention windows are slow.
        #expect(!result.faults.contains { $0.fault.system == "trainticket" && $0.fault.type == "network_delay" })
        #expect(latency(result, type: "cpu_contention", inside: true).p99 > 2 * outside.p99)
    }

    @Test("OnlineBoutique windows: 60k calls, the 6 chosen faults matched, network delay and CPU show", .enabled(if: haveNezha))
    func onlineBoutique() throws {
        let calls = files(in: nezhaFolder, prefix: "calls_onlineboutique_window_")
        #expect(calls.count == 6)
        let result = try NezhaImporter.importCalls(calls, faultsFile: nezhaFolder + "/faults.csv",
                                                   options: .init(capLatencyAtTimeout: false))
        let imported = result.imported
        #expect(imported.rowsWritten == 59_637)
        #expect(imported.skipped.total == 0)
        #expect(imported.targetCount == 9)
        #expect(Set(result.faultsMatched.map(\.fault.id)) == ["2022-08-23#11", "2022-08-23#18", "2022-08-23#20",
                                                              "2022-08-22#23", "2022-08-23#5", "2022-08-23#22"])
        #expect(result.faultsCovered.count == 6)
        #expect((5_000...7_000).contains(result.callsInFaultWindows)) // 6016
        let outside = latency(result, type: nil, inside: false)
        let delay = latency(result, type: "network_delay", inside: true)
        #expect(delay.p50 > 50 * outside.p50) // currencyservice: ≈ 553 ms against ≈ 6 ms
        #expect(latency(result, type: "cpu_contention", inside: true).p99 > 5 * outside.p99)
        // Code defects barely move latency: visible only through errors the spans do not carry.
        #expect(latency(result, type: "return", inside: true).p50 < 2 * outside.p50)
        let timeouts = result.faults.reduce(0) { $0 + $1.timeouts }
        #expect(timeouts > imported.count(.timeout) / 2) // most timeouts fall inside the labelled windows
    }

    @Test("Loghub nova-api: 1,017 requests, 41 × 404, no failures, 15 minutes", .enabled(if: haveNova))
    func nova() throws {
        let result = try LoghubNovaImporter.importRequests(novaFile)
        let imported = result.imported
        #expect(imported.rowsWritten == 1_017)
        #expect(imported.skipped.total == 0)
        #expect(result.statusCounts == [200: 933, 202: 21, 204: 22, 404: 41])
        #expect(imported.count(.failure) == 0)
        #expect(imported.trace.errors.map { column in (0..<column.count).filter { column[$0] == "http_404" }.count } == 41)
        #expect(imported.targetCount == 26) // 25 path templates; servers/{id} has GET and DELETE
        let span = try #require(imported.timeSpan)
        #expect(UTCTimestamp.format(span.lowerBound) == "2017-05-16T00:00:00.008Z")
        #expect((14 * 60...15 * 60).contains(span.upperBound - span.lowerBound))
        let detail = imported.latency { imported.trace.targets[$0] == "nova-api GET /v2/{tenant}/servers/detail" }
        #expect(detail.count == 700)
        #expect((240...280).contains(detail.p50)) // README: median 259 ms
    }
}
