import Foundation
import Testing
@testable import TraceKit

@Suite("TraceReader: reading and round trips")
struct TraceReaderTests {
    @Test("reads the writer's example back")
    func readsWriterOutput() throws {
        let text = """
            timestamp,target,latency_ms,outcome,error,healthy,propensity
            1700000000.123456,payments,12.500,success,,1,0.25
            1700000000.500000,"search,eu",0.000,failure,"say ""no\""",,

            """
        let result = try ReaderFixture.read(text)
        let trace = result.trace
        #expect(trace.count == 2)
        #expect(trace.timestamps == [1_700_000_000.123456, 1_700_000_000.5])
        #expect(trace.targets[1] == "search,eu")
        #expect(trace.latenciesMs == [12.5, 0])
        #expect(trace.outcomes == [.success, .failure])
        #expect(trace.errors?[1] == "say \"no\"")
        #expect(trace.healthy == [1, -1])
        #expect(trace.propensities?[0] == 0.25)
        #expect(trace.propensities?[1].isNaN == true)
        #expect(trace.callers == nil)
        #expect(result.skippedRows.isEmpty)
        #expect(result.bytesRead == text.utf8.count)
        #expect(try TraceWriter.csv(trace) == text)
    }

    @Test("round trip: read(write(trace)) == trace and write(read(bytes)) == bytes", arguments: 0..<60)
    func roundTrip(seed: Int) throws {
        let trace = RandomTraces.trace(seed: UInt64(seed))
        let bytes = try ReaderFixture.csvBytes(trace)
        let read = try ReaderFixture.read(bytes: bytes)
        #expect(read.trace == trace)
        #expect(read.trace.columns == trace.columns)
        #expect(try ReaderFixture.csvBytes(read.trace) == bytes)
        #expect(read.bytesRead == bytes.count)
        // Bit-identical numbers, not just equal ones.
        #expect(read.trace.timestamps.map(\.bitPattern) == trace.timestamps.map(\.bitPattern))
        #expect(read.trace.latenciesMs.map(\.bitPattern) == trace.latenciesMs.map(\.bitPattern))
        // The same bytes, cut into small chunks so that records straddle chunk boundaries.
        var random = TraceRandom(seed: UInt64(seed) &+ 1000)
        let chunked = try ReaderFixture.read(bytes: bytes, chunkSize: Int.random(in: 1...97, using: &random))
        #expect(chunked.trace == trace)
    }

    @Test("columns by name in any order; unknown columns ignored unparsed")
    func anyOrderAndUnknownColumns() throws {
        let text = """
            note,outcome,latency_ms,host,target,timestamp
            "anything, ""quoted""\",timeout,5000.000,, db ,1700000001
            not a number,success,1.5,x,db,1700000002.25

            """
        let trace = try ReaderFixture.read(text).trace
        #expect(trace.timestamps == [1_700_000_001, 1_700_000_002.25])
        #expect(trace.targets[0] == " db ")
        #expect(trace.outcomes == [.timeout, .success])
        #expect(trace.columns == [.timestamp, .target, .latencyMs, .outcome])
    }

    @Test("optionalColumns: nil keeps all the file has, a set keeps those asked for and present")
    func optionalColumnSelection() throws {
        let text = """
            timestamp,target,latency_ms,outcome,region,healthy,propensity
            1,a,1,success,eu,1,0.5

            """
        #expect(try ReaderFixture.read(text).trace.columns == [.timestamp, .target, .latencyMs, .outcome, .region, .healthy, .propensity])
        var options = TraceReadOptions()
        options.optionalColumns = [.healthy, .caller, .target]
        let trace = try ReaderFixture.read(text, options: options).trace
        #expect(trace.columns == [.timestamp, .target, .latencyMs, .outcome, .healthy])
        #expect(trace.healthy == [1])
        options.optionalColumns = []
        #expect(try ReaderFixture.read(text, options: options).trace.columns == [.timestamp, .target, .latencyMs, .outcome])
    }

    @Test("CRLF line ends, a last line without a line break, one trailing empty line")
    func lineEnds() throws {
        let expected = try ReaderFixture.read("timestamp,target,latency_ms,outcome\n1,a,2,success\n3,b,4,failure\n").trace
        for text in [
            "timestamp,target,latency_ms,outcome\r\n1,a,2,success\r\n3,b,4,failure\r\n",
            "timestamp,target,latency_ms,outcome\n1,a,2,success\n3,b,4,failure",
            "timestamp,target,latency_ms,outcome\r\n1,a,2,success\r\n3,b,4,failure",
            "timestamp,target,latency_ms,outcome\n1,a,2,success\n3,b,4,failure\n\n",
            "timestamp,target,latency_ms,outcome\r\n1,a,2,success\r\n3,b,4,failure\r\n\r\n",
        ] {
            #expect(try ReaderFixture.read(text).trace == expected, "\(text.debugDescription)")
            for chunk in 1...8 {
                #expect(try ReaderFixture.read(text, chunkSize: chunk).trace == expected, "\(text.debugDescription) chunk \(chunk)")
            }
        }
    }

    @Test("header only: an empty trace with the header's columns")
    func headerOnly() throws {
        let trace = try ReaderFixture.read("timestamp,target,latency_ms,outcome,caller\n").trace
        #expect(trace.isEmpty)
        #expect(trace.callers != nil)
        #expect(try ReaderFixture.read("timestamp,target,latency_ms,outcome").trace.isEmpty)
    }

    @Test("number forms: integers, signs, exponents, leading zeros, long digit strings")
    func numberForms() throws {
        // Double(String) (strtod, correctly rounded) is the reference.
        let cases: [(String, Double)] = [
            ("0", 0), ("12", 12), ("12.5", 12.5), ("+3", 3), (".5", 0.5), ("5.", 5), ("1e3", 1000),
            ("1.5E-3", 0.0015), ("000012.500", 12.5), ("1e22", 1e22), ("1e23", 1e23),
            ("1700000000.123456", 1_700_000_000.123456),
        ] + ["123456789012345678901234567890", "0.1000000000000000055511151231257827", "4.9e-324",
             "9007199254740993", "9007199254740992.5", "2.2250738585072011e-308"].map { ($0, Double($0)!) }
        for (text, value) in cases {
            var bytes = Array(text.utf8)
            bytes.append(contentsOf: repeatElement(0, count: 16))
            let parsed = bytes.withUnsafeBufferPointer { TraceDecimal.parse($0.baseAddress!, from: 0, to: text.utf8.count) }
            #expect(parsed?.bitPattern == value.bitPattern, "\(text)")
            let csv = "timestamp,target,latency_ms,outcome\n\(text),a,\(text),success\n"
            guard value < TraceReader.maxLatencyMs else {
                // Beyond the format's limits (1e10 ms, 1e11 s): parsed exactly, then refused.
                #expect(ReaderFixture.error(csv)?.code == .outOfRange, "\(text)")
                continue
            }
            let trace = try ReaderFixture.read(csv).trace
            #expect(trace.timestamps[0].bitPattern == value.bitPattern, "\(text)")
            #expect(trace.latenciesMs[0].bitPattern == value.bitPattern, "\(text)")
        }
        let negative = try ReaderFixture.read("timestamp,target,latency_ms,outcome\n-86400.5,a,-0,success\n").trace
        #expect(negative.timestamps == [-86400.5])
        #expect(negative.latenciesMs[0].sign == .plus)
    }

    @Test("the decimal parser agrees bit for bit with Double(String) on random decimals")
    func decimalParserIsCorrectlyRounded() {
        var random = TraceRandom(seed: 7)
        for _ in 0..<20_000 {
            var text = Bool.random(using: &random) ? "-" : ""
            let integerDigits = Int.random(in: 0...20, using: &random)
            for index in 0..<integerDigits {
                text += String(Int.random(in: (index == 0 ? 1 : 0)...9, using: &random))
            }
            let fractionDigits = Int.random(in: (integerDigits == 0 ? 1 : 0)...20, using: &random)
            if fractionDigits > 0 || Bool.random(using: &random) { text += "." }
            for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &random)) }
            if Int.random(in: 0..<4, using: &random) == 0 { text += "e\(Int.random(in: -40...40, using: &random))" }
            var bytes = Array(text.utf8)
            let count = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: 16))
            let parsed = bytes.withUnsafeBufferPointer { TraceDecimal.parse($0.baseAddress!, from: 0, to: count) }
            #expect(parsed?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test("ISO-8601 timestamps agree with Foundation's ISO8601DateFormatter")
    func isoTimestamps() throws {
        var random = TraceRandom(seed: 11)
        let formatter = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<300 {
            let seconds = Int.random(in: -2_208_988_800...4_102_444_800, using: &random)  // 1900…2100
            let offset = [0, 3600 * 8, -3600 * 5, 5 * 3600 + 1800, 13 * 3600 + 45 * 60, -9 * 3600 - 30 * 60]
                .randomElement(using: &random)!
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            let date = Date(timeIntervalSince1970: Double(seconds))
            let text = formatter.string(from: date)
            let csv = "timestamp,target,latency_ms,outcome\n\(text),a,1,success\n"
            let parsed = try ReaderFixture.read(csv).trace.timestamps[0]
            #expect(parsed == Double(seconds), "\(text)")
            #expect(parsed == formatter.date(from: text)!.timeIntervalSince1970, "\(text)")

            let millis = Int.random(in: 0...999, using: &random)
            fractional.timeZone = formatter.timeZone
            let fractionText = fractional.string(from: Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000))
            let fractionCSV = "timestamp,target,latency_ms,outcome\n\(fractionText),a,1,success\n"
            let fractionParsed = try ReaderFixture.read(fractionCSV).trace.timestamps[0]
            let reference = fractional.date(from: fractionText)!.timeIntervalSince1970
            #expect(abs(fractionParsed - reference) < 1e-6, "\(fractionText)")
            // Exactly the value of the same instant written as Unix seconds.
            let unix = Double(seconds * 1000 + millis) / 1000
            #expect(fractionParsed.bitPattern == unix.bitPattern, "\(fractionText)")
        }
    }

    @Test("ISO-8601 forms: lowercase t and z, compact and hour-only offsets, long fractions")
    func isoForms() throws {
        let cases: [(String, Double)] = [
            ("2023-01-29T10:00:00Z", 1_674_986_400),
            ("2023-01-29t10:00:00z", 1_674_986_400),
            ("2023-01-29 10:00:00Z", 1_674_986_400),
            ("2023-01-29T10:00Z", 1_674_986_400),
            ("2023-01-29T18:00:00+08:00", 1_674_986_400),
            ("2023-01-29T18:00:00+0800", 1_674_986_400),
            ("2023-01-29T18:00:00+08", 1_674_986_400),
            ("2023-01-29T05:00:00-05:00", 1_674_986_400),
            ("2023-01-29T10:00:00.123+08:00", 1_674_957_600.123),
            ("2023-01-29T10:00:00.123456Z", 1_674_986_400.123456),
            ("2023-01-29T10:00:00.123456789012Z", Double("1674986400.123456789012")!),
            ("1969-12-31T23:59:59.25Z", -0.75),
            ("1900-01-01T00:00:00.000000000001Z", Double("-2208988799.999999999999")!),
            ("2000-02-29T00:00:00Z", 951_782_400),
        ]
        for (text, value) in cases {
            let trace = try ReaderFixture.read("timestamp,target,latency_ms,outcome\n\(text),a,1,success\n").trace
            #expect(trace.timestamps[0].bitPattern == value.bitPattern, "\(text): \(trace.timestamps[0]) vs \(value)")
        }
    }

    @Test("strings are interned: one value per distinct string, whatever the row count")
    func interning() throws {
        var text = "timestamp,target,latency_ms,outcome,region\n"
        let targets = ["a", "bb", "a-long-target-name-over-16-bytes", "a-long-target-name-over-16-bytez", "ü"]
        for row in 0..<1000 { text += "\(row),\(targets[row % targets.count]),1,success,\(row % 3 == 0 ? "" : "eu")\n" }
        let trace = try ReaderFixture.read(text).trace
        #expect(trace.targets.values == targets)
        #expect(trace.regions?.values == ["", "eu"])
        #expect((0..<1000).allSatisfy { trace.targets[$0] == targets[$0 % targets.count] })
    }

    @Test("reads a file from disk, in tiny chunks too")
    func readsFile() throws {
        let trace = RandomTraces.trace(seed: 99, maxRows: 400)
        let path = ReaderFixture.temporaryPath("file")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TraceWriter.write(trace, to: path)
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        let whole = try TraceReader.read(path: path)
        #expect(whole.trace == trace)
        #expect(whole.bytesRead == size)
        for chunk in [1, 2, 3, 7, 64, 4096] {
            #expect(try TraceReader.read(path: path, options: TraceReadOptions(), chunkSize: chunk).trace == trace)
        }
    }
}
