import Foundation
import Testing
@testable import TripwiseCLI

@Suite("tripwise import")
struct ImportCommandTests {
    /// A temporary folder holding small inputs in the real formats.
    private struct Inputs {
        let folder: String
        let calls: String
        let calls2: String
        let faults: String
        let nova: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("tripwise-import-cli-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            calls = folder + "/calls_a.csv"
            calls2 = folder + "/calls_b.csv"
            faults = folder + "/faults.csv"
            nova = folder + "/nova_api_requests.csv"
            try """
                ts_ms,trace_id,caller_service,callee_service,operation,caller_method,client_duration_us,server_duration_us,active_fault_id
                1000500,a,ts-travel-service,ts-basic-service,/x,POST,2500000,1,2023-01-29#3
                1200000,b,ts-travel-service,ts-basic-service,/x,POST,4000,1,

                """.write(toFile: calls, atomically: true, encoding: .utf8)
            try """
                ts_ms,trace_id,caller_service,callee_service,operation,client_duration_us,server_duration_us,active_fault_id,window_fault_id
                900000,c,frontend,adservice,GetAds,12000,1,,
                1100000,d,frontend,adservice,GetAds,,1,,

                """.write(toFile: calls2, atomically: true, encoding: .utf8)
            try """
                system,fault_id,inject_time_utc,inject_ts,end_ts,duration_s,target_service,target_pod,fault_type
                trainticket,2023-01-29#3,1970-01-01 00:16:40,1000,1180,180,ts-basic-service,ts-basic-service-5dc8d4f9fd-46997,network_delay

                """.write(toFile: faults, atomically: true, encoding: .utf8)
            try """
                timestamp,source_log,component,request_id,client_ip,method,path_template,status,response_bytes,latency_ms
                2017-05-16 00:00:00.008,nova-api,nova.osapi_compute.wsgi.server,req-1,10.11.10.1,GET,/v2/{tenant}/servers/detail,200,1893,247.783
                2017-05-16 00:00:01.000,nova-api,nova.metadata.wsgi.server,req-2,"10.11.21.132,10.11.10.1",GET,/openstack/2013-10-17/user_data,404,176,1.5

                """.write(toFile: nova, atomically: true, encoding: .utf8)
        }

        func read(_ name: String) -> String? { try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) }
        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test("is registered and documented")
    func registered() {
        #expect(CommandRegistry.command(named: "import") != nil)
        let help = CLIRun(["import", "--help"])
        #expect(help.exitCode == .success)
        #expect(help.stdout.contains("nezha"))
        #expect(help.stdout.contains("loghub-nova"))
        #expect(help.stdout.contains("--timeout-ms"))
    }

    @Test("nezha end to end: merged, labelled, timeouts capped, summary printed")
    func nezha() throws {
        let inputs = try Inputs()
        defer { inputs.remove() }
        let run = CLIRun(["import", "nezha", "--calls", inputs.calls, "--calls", inputs.calls2,
                          "--faults", inputs.faults, "-o", inputs.folder + "/out/tt.csv"])
        #expect(run.exitCode == .success, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(inputs.read("out/tt.csv") == """
            timestamp,target,latency_ms,outcome,error,caller,healthy
            900.000000,adservice,12.000,success,,frontend,1
            1000.500000,ts-basic-service,1000.000,timeout,timeout,ts-travel-service,0
            1200.000000,ts-basic-service,4.000,success,,ts-travel-service,1

            """)
        #expect(run.stdout.contains("Wrote 3 rows to"))
        #expect(run.stdout.contains("rows read: 4, written: 3, skipped: 1"))
        #expect(run.stdout.contains("skipped 1: empty client_duration_us (e.g. \(inputs.calls2):3)"))
        #expect(run.stdout.contains("targets: 2"))
        #expect(run.stdout.contains("time span: 1970-01-01T00:15:00Z to 1970-01-01T00:20:00Z (5m 00s)"))
        #expect(run.stdout.contains("timeout 1 (33.33 %) at --timeout-ms 1000; 1 latencies capped"))
        #expect(run.stdout.contains("fault windows: 1 of 1 have calls during them; 1 matched"))
        #expect(run.stdout.contains("calls in fault windows (healthy = 0): 1 (33.33 %): network_delay 1"))
        #expect(run.stdout.contains("no status"))

        let kept = CLIRun(["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults,
                           "--timeout-ms", "5000", "--keep-latency", "-o", inputs.folder + "/kept.csv"])
        #expect(kept.exitCode == .success)
        #expect(inputs.read("kept.csv")?.contains("1000.500000,ts-basic-service,2500.000,success,,ts-travel-service,0") == true)
    }

    @Test("loghub-nova end to end")
    func loghubNova() throws {
        let inputs = try Inputs()
        defer { inputs.remove() }
        let run = CLIRun(["import", "loghub-nova", inputs.nova, "-o", inputs.folder + "/nova.csv"])
        #expect(run.exitCode == .success, "\(run.stderr)")
        #expect(inputs.read("nova.csv") == """
            timestamp,target,latency_ms,outcome,error,caller
            1494892800.008000,nova-api GET /v2/{tenant}/servers/detail,247.783,success,,10.11.10.1
            1494892801.000000,nova-api GET /openstack/2013-10-17/user_data,1.500,success,http_404,10.11.21.132

            """)
        #expect(run.stdout.contains("HTTP status: 200 1, 404 1"))
        #expect(run.stdout.contains("taken as UTC"))
        let strict = CLIRun(["import", "loghub-nova", inputs.nova, "--client-errors-fail", "-o", inputs.folder + "/nova2.csv"])
        #expect(strict.exitCode == .success)
        #expect(inputs.read("nova2.csv")?.contains("failure,http_404") == true)
    }

    @Test("command-line mistakes are usage errors (64) with a hint, and write nothing")
    func usageErrors() throws {
        let inputs = try Inputs()
        defer { inputs.remove() }
        let out = inputs.folder + "/never.csv"
        let cases: [([String], String)] = [
            (["import"], "missing argument '<source>'"),
            (["import", "zipkin", "-o", out], "unknown source 'zipkin': expected one of nezha, loghub-nova"),
            (["import", "nezha", "--faults", inputs.faults, "-o", out], "missing required option '--calls'"),
            (["import", "nezha", "--calls", inputs.calls, "-o", out], "missing required option '--faults'"),
            (["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults], "missing required option '--output'"),
            (["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults, "--timeout-ms", "0", "-o", out],
             "invalid value '0' for option '--timeout-ms'"),
            (["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults, "--timeout-ms", "1s", "-o", out],
             "invalid value '1s' for option '--timeout-ms'"),
            (["import", "nezha", "--calls", inputs.calls, "--calls", inputs.calls, "--faults", inputs.faults, "-o", out],
             "is given twice"),
            (["import", "nezha", inputs.calls, "--faults", inputs.faults, "-o", out], "nezha takes its files with --calls"),
            (["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults, "--client-errors-fail", "-o", out],
             "option '--client-errors-fail' applies to 'loghub-nova', not 'nezha'"),
            (["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults, "-o", inputs.calls], "is the input file"),
            (["import", "loghub-nova", "-o", out], "missing argument '<file>'"),
            (["import", "loghub-nova", inputs.nova, "--calls", inputs.calls, "-o", out],
             "option '--calls' applies to 'nezha', not 'loghub-nova'"),
            (["import", "loghub-nova", inputs.nova, "--bogus", "-o", out], "unknown option '--bogus'"),
        ]
        for (arguments, message) in cases {
            let run = CLIRun(arguments)
            #expect(run.exitCode == .usage, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(arguments)")
            #expect(run.stderrLines.first?.hasPrefix("Error: ") == true, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains("See 'tripwise import --help'"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a missing input is exit 66, a malformed one exit 65, both 'Error: FILE[:LINE]: ...'")
    func dataErrors() throws {
        let inputs = try Inputs()
        defer { inputs.remove() }
        let out = inputs.folder + "/never.csv"

        let missing = CLIRun(["import", "nezha", "--calls", inputs.folder + "/nope.csv", "--faults", inputs.faults, "-o", out])
        #expect(missing.exitCode == .noInput)
        #expect(missing.stderr == "Error: \(inputs.folder)/nope.csv: no such file\n")

        let bad = inputs.folder + "/bad.csv"
        try "ts_ms,caller_service,callee_service,client_duration_us\n1000,a,b,12\n2000,a,b,\"12\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let unterminated = CLIRun(["import", "nezha", "--calls", bad, "--faults", inputs.faults, "-o", out])
        #expect(unterminated.exitCode == .dataError)
        #expect(unterminated.stderr.hasPrefix("Error: \(bad):3: column 'client_duration_us': "))

        try "ts_ms,caller_service,callee_service,client_duration_us\n1000,a,b,12us\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let junk = CLIRun(["import", "nezha", "--calls", bad, "--faults", inputs.faults, "-o", out])
        #expect(junk.exitCode == .dataError)
        #expect(junk.stderr == "Error: \(bad):2: column 'client_duration_us': expected a number, found \"12us\"\n")

        try "timestamp,method,path_template,status,latency_ms\n2017-05-16 00:00:00,GET,/a,200,1\nyesterday,GET,/a,200,1\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let time = CLIRun(["import", "loghub-nova", bad, "-o", out])
        #expect(time.exitCode == .dataError)
        #expect(time.stderr.hasPrefix("Error: \(bad):3: column 'timestamp': "))
        #expect(!FileManager.default.fileExists(atPath: out))

        let folderAsOutput = CLIRun(["import", "loghub-nova", inputs.nova, "-o", inputs.folder])
        #expect(folderAsOutput.exitCode == .cannotCreate)
        #expect(folderAsOutput.stderr.hasPrefix("Error: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inputs.folder).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test("times and latencies out of the trace format's range are exit 65 naming the input line; no output is left")
    func outOfRangeInputs() throws {
        let inputs = try Inputs()
        defer { inputs.remove() }
        let out = inputs.folder + "/out.csv"
        try "an older trace\n".write(toFile: out, atomically: true, encoding: .utf8)
        let bad = inputs.folder + "/calls_us.csv"
        // ts_ms holding microseconds since the epoch.
        try "ts_ms,caller_service,callee_service,client_duration_us\n1674981729000,a,b,12\n1674981729000123,a,b,12\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let micros = CLIRun(["import", "nezha", "--calls", bad, "--faults", inputs.faults, "-o", out])
        #expect(micros.exitCode == .dataError)
        #expect(micros.stderr == "Error: \(bad):3: column 'ts_ms': expected milliseconds since the epoch; "
                + "1.7e15 looks like microseconds since the epoch: divide by 1000\n")
        #expect(inputs.read("out.csv") == "an older trace\n")  // untouched

        try "ts_ms,caller_service,callee_service,client_duration_us\n1674981729000,a,b,1e20\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let duration = CLIRun(["import", "nezha", "--calls", bad, "--faults", inputs.faults, "-o", inputs.folder + "/new.csv"])
        #expect(duration.exitCode == .dataError)
        #expect(duration.stderr.hasPrefix("Error: \(bad):2: column 'client_duration_us': expected microseconds ≤ 1e13"))
        #expect(inputs.read("new.csv") == nil)  // neither an empty nor a partial file

        try "timestamp,method,path_template,status,latency_ms\n2017-05-16 00:00:00,GET,/a,200,20000000000\n"
            .write(toFile: bad, atomically: true, encoding: .utf8)
        let latency = CLIRun(["import", "loghub-nova", bad, "-o", inputs.folder + "/new.csv"])
        #expect(latency.exitCode == .dataError)
        #expect(latency.stderr.hasPrefix("Error: \(bad):2: column 'latency_ms': expected milliseconds ≤ 1e10"))
        #expect(inputs.read("new.csv") == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inputs.folder).allSatisfy { !$0.hasSuffix(".tmp") })

        // A good import replaces the old output whole, through a temporary file that is gone afterwards.
        let good = CLIRun(["import", "nezha", "--calls", inputs.calls, "--faults", inputs.faults, "-o", out])
        #expect(good.exitCode == .success, "\(good.stderr)")
        #expect(inputs.read("out.csv")?.hasPrefix("timestamp,target,latency_ms,outcome,error,caller,healthy\n") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inputs.folder).allSatisfy { !$0.hasSuffix(".tmp") })
    }
}
