import Testing
@testable import TraceKit

@Suite("TraceReader: malformed input")
struct TraceReaderErrorTests {
    static let header = "timestamp,target,latency_ms,outcome"
    static let good = "1700000000.000000,api,1.000,success"

    /// A file whose line 3 is `row` (line 2 is a good row).
    static func file(withRow row: String, header: String = header) -> String {
        let good = header == header7 ? good7 : good
        return "\(header)\n\(good)\n\(row)\n\(good)\n"
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let text: String
        let code: TraceError.Code
        let line: Int?
        let column: String?
        let found: String?
        var requireTimeOrder = false
        var testDescription: String { label }
    }

    static let header7 = "timestamp,target,latency_ms,outcome,healthy,propensity,region"
    static let good7 = "1,api,1,success,1,0.5,eu"

    static let cases: [Case] = [
        Case(label: "missing required column", text: "timestamp,target,outcome\n1,a,success\n",
             code: .missingColumn, line: 1, column: "latency_ms", found: nil),
        Case(label: "duplicate column", text: "timestamp,target,latency_ms,outcome,target\n",
             code: .duplicateColumn, line: 1, column: "target", found: nil),
        Case(label: "unparsable latency", text: file(withRow: "1700000001,api,12.x,success"),
             code: .unparsableNumber, line: 3, column: "latency_ms", found: "\"12.x\""),
        Case(label: "negative latency", text: file(withRow: "1700000001,api,-3,success"),
             code: .negativeLatency, line: 3, column: "latency_ms", found: "\"-3\""),
        Case(label: "NaN latency", text: file(withRow: "1700000001,api,nan,success"),
             code: .unparsableNumber, line: 3, column: "latency_ms", found: "\"nan\""),
        Case(label: "infinite latency", text: file(withRow: "1700000001,api,inf,success"),
             code: .unparsableNumber, line: 3, column: "latency_ms", found: "\"inf\""),
        Case(label: "empty latency", text: file(withRow: "1700000001,api,,success"),
             code: .emptyValue, line: 3, column: "latency_ms", found: "an empty cell"),
        Case(label: "unknown outcome", text: file(withRow: "1700000001,api,1,ok"),
             code: .unknownOutcome, line: 3, column: "outcome", found: "\"ok\""),
        Case(label: "outcome with a suffix", text: file(withRow: "1700000001,api,1,successful"),
             code: .unknownOutcome, line: 3, column: "outcome", found: "\"successful\""),
        Case(label: "capitalised outcome", text: file(withRow: "1700000001,api,1,Success"),
             code: .unknownOutcome, line: 3, column: "outcome", found: "\"Success\""),
        Case(label: "empty target", text: file(withRow: "1700000001,,1,success"),
             code: .emptyValue, line: 3, column: "target", found: "an empty cell"),
        Case(label: "unparsable timestamp", text: file(withRow: "yesterday,api,1,success"),
             code: .unparsableTimestamp, line: 3, column: "timestamp", found: "\"yesterday\""),
        Case(label: "ISO time without a zone", text: file(withRow: "2023-01-29T10:00:00,api,1,success"),
             code: .unparsableTimestamp, line: 3, column: "timestamp", found: "\"2023-01-29T10:00:00\""),
        Case(label: "ISO date that does not exist", text: file(withRow: "2023-02-29T10:00:00Z,api,1,success"),
             code: .unparsableTimestamp, line: 3, column: "timestamp", found: "\"2023-02-29T10:00:00Z\""),
        Case(label: "timestamp out of range", text: file(withRow: "1e999,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp", found: "\"1e999\""),
        Case(label: "non-monotonic time", text: file(withRow: "1699999999.5,api,1,success"),
             code: .nonMonotonicTime, line: 3, column: "timestamp", found: "\"1699999999.5\"", requireTimeOrder: true),
        Case(label: "too few fields", text: file(withRow: "1700000001,api,1"),
             code: .wrongFieldCount, line: 3, column: "outcome", found: "found 3"),
        Case(label: "too many fields", text: file(withRow: "1700000001,api,1,success,extra"),
             code: .wrongFieldCount, line: 3, column: nil, found: "found 5"),
        Case(label: "blank line in the middle", text: "\(header)\n\(good)\n\n\(good)\n",
             code: .wrongFieldCount, line: 3, column: nil, found: "blank line"),
        Case(label: "two empty lines at the end", text: "\(header)\n\(good)\n\n\n",
             code: .wrongFieldCount, line: 3, column: nil, found: "blank line"),
        Case(label: "truncated last line", text: "\(header)\n\(good)\n1700000001,api",
             code: .truncatedLine, line: 3, column: "latency_ms", found: "cut off"),
        Case(label: "last line with too many fields and no line break", text: "\(header)\n\(good)\n1,a,1,success,x",
             code: .wrongFieldCount, line: 3, column: nil, found: "found 5"),
        Case(label: "empty file", text: "", code: .emptyFile, line: nil, column: nil, found: "header"),
        Case(label: "byte-order mark", text: "\u{FEFF}\(header)\n\(good)\n",
             code: .byteOrderMark, line: 1, column: nil, found: "remove the BOM"),
        Case(label: "unterminated quote", text: "\(header)\n\(good)\n1700000001,\"api,1,success\n\(good)\n",
             code: .unterminatedQuote, line: 3, column: "target", found: "end of the file"),
        Case(label: "propensity above 1", text: file(withRow: "1,api,1,success,1,1.5,eu", header: header7),
             code: .outOfRange, line: 3, column: "propensity", found: "\"1.5\""),
        Case(label: "propensity 0", text: file(withRow: "1,api,1,success,1,0,eu", header: header7),
             code: .outOfRange, line: 3, column: "propensity", found: "\"0\""),
        Case(label: "propensity negative", text: file(withRow: "1,api,1,success,1,-0.5,eu", header: header7),
             code: .outOfRange, line: 3, column: "propensity", found: "\"-0.5\""),
        Case(label: "propensity not a number", text: file(withRow: "1,api,1,success,1,often,eu", header: header7),
             code: .unparsableNumber, line: 3, column: "propensity", found: "\"often\""),
        Case(label: "healthy not 0 or 1", text: file(withRow: "1,api,1,success,2,,eu", header: header7),
             code: .outOfRange, line: 3, column: "healthy", found: "\"2\""),
        Case(label: "healthy spelled out", text: file(withRow: "1,api,1,success,true,,eu", header: header7),
             code: .outOfRange, line: 3, column: "healthy", found: "\"true\""),
        // Values out of the format's range (|t| < 1e11 s, latency ≤ 1e10 ms).
        Case(label: "timestamp in milliseconds", text: file(withRow: "1700000000000,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp",
             found: "expected Unix seconds; 1.7e12 looks like milliseconds since the epoch: divide by 1000, found \"1700000000000\""),
        Case(label: "timestamp in microseconds", text: file(withRow: "1700000000123456,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp",
             found: "1.7e15 looks like microseconds since the epoch: divide by 1000000"),
        Case(label: "timestamp in nanoseconds, negative", text: file(withRow: "-1700000000123456789,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp", found: "-1.7e18 looks like nanoseconds since the epoch"),
        Case(label: "timestamp exactly 1e11", text: file(withRow: "100000000000,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp", found: "looks like milliseconds"),
        Case(label: "timestamp far out of range", text: file(withRow: "1e30,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp", found: "expected Unix seconds with |t| < 1e11"),
        Case(label: "ISO time after the year 5138", text: file(withRow: "6000-01-01T00:00:00Z,api,1,success"),
             code: .outOfRange, line: 3, column: "timestamp",
             found: "expected Unix seconds with |t| < 1e11 (about the years −1200 to 5138), found \"6000-01-01T00:00:00Z\""),
        Case(label: "latency above 1e10 ms", text: file(withRow: "1700000001,api,10000000000.001,success"),
             code: .outOfRange, line: 3, column: "latency_ms",
             found: "expected a number of milliseconds ≤ 1e10 (about 116 days), found \"10000000000.001\""),
        Case(label: "latency too large for a Double", text: file(withRow: "1700000001,api,1e999,success"),
             code: .outOfRange, line: 3, column: "latency_ms",
             found: "expected a number of milliseconds ≤ 1e10 (about 116 days), found \"1e999\""),
        // A last line without a line break whose last value a cut may have shortened.
        Case(label: "last line without a line break ending in a string",
             text: "timestamp,target,latency_ms,outcome,error\n1,api,1,success,x\n1,api,1,failure,http_50",
             code: .truncatedLine, line: 3, column: "error", found: "may be cut off"),
        Case(label: "last line without a line break ending in an empty cell",
             text: "timestamp,target,latency_ms,outcome,healthy\n1,api,1,success,1\n1,api,1,failure,",
             code: .truncatedLine, line: 3, column: "healthy", found: "may be cut off"),
        Case(label: "last line without a line break ending in a number",
             text: "outcome,target,timestamp,latency_ms\nsuccess,api,1,12.56\nsuccess,api,1,12.5",
             code: .truncatedLine, line: 3, column: "latency_ms", found: "may be cut off"),
        Case(label: "last line without a line break ending in an unknown column",
             text: "timestamp,target,latency_ms,outcome,note\n1,api,1,success,x\n1,api,1,success,ab",
             code: .truncatedLine, line: 3, column: "note", found: "may be cut off"),
        Case(label: "last line without a line break ending in a cut outcome", text: "\(header)\n\(good)\n1,api,1,succ",
             code: .unknownOutcome, line: 3, column: "outcome", found: "\"succ\""),
        // Invalid UTF-8 in a string cell the trace keeps.
        Case(label: "invalid UTF-8 in target", text: file(withRow: "1700000001,a\u{1},1,success"),
             code: .invalidUTF8, line: 3, column: "target", found: "byte 0xFF at byte 2"),
        Case(label: "unterminated quote after a good row, the rest of the file short",
             text: "\(header)\n\(good)\n\(good)\n1700000001,\"api,1,success\n",
             code: .unterminatedQuote, line: 4, column: "target", found: "found the end of the file"),
        Case(label: "error after a multi-line quoted field counts lines from the record's start",
             text: "\(header)\n\(good)\n1,\"two\nlines\",1,success\n1,api,x,success\n",
             code: .unparsableNumber, line: 5, column: "latency_ms", found: "\"x\""),
    ]

    /// A case's bytes: U+0001 in its text stands for the byte 0xFF (a `String` cannot hold
    /// invalid UTF-8).
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8).map { $0 == 1 ? 0xFF : $0 }
    }

    @Test("each malformed file fails with its code, line and column", arguments: cases)
    func malformed(_ testCase: Case) {
        var options = TraceReadOptions()
        options.requireTimeOrder = testCase.requireTimeOrder
        for chunkSize in [nil, 1, 2, 5, 16] as [Int?] {
            let error = ReaderFixture.error(bytes: Self.bytes(testCase.text), options: options, chunkSize: chunkSize)
            #expect(error?.code == testCase.code, "chunk \(String(describing: chunkSize))")
            #expect(error?.file == ReaderFixture.name)
            #expect(error?.line == testCase.line, "chunk \(String(describing: chunkSize))")
            #expect(error?.column == testCase.column, "chunk \(String(describing: chunkSize))")
            if let found = testCase.found {
                #expect(error?.message.contains(found) == true, "\(error?.message ?? "no error")")
            }
        }
    }

    @Test("messages say what was expected and what was found, in FILE:LINE: column 'NAME': form")
    func messageForm() {
        let error = ReaderFixture.error(Self.file(withRow: "1700000001,api,-3,success"))
        #expect(error?.description == "t.csv:3: column 'latency_ms': expected a number of milliseconds ≥ 0, found \"-3\"")
        let count = ReaderFixture.error(Self.file(withRow: "1700000001,api,1"))
        #expect(count?.description == "t.csv:3: column 'outcome': expected 4 fields as in the header, found 3: \"1700000001,api,1\"")
        let missing = ReaderFixture.error("timestamp,target,outcome\n")
        #expect(missing?.message.contains("found \"timestamp\", \"target\", \"outcome\"") == true)
    }

    @Test("offending text is quoted and cut to 40 characters")
    func longTextTruncated() {
        let long = String(repeating: "x", count: 100)
        let error = ReaderFixture.error(Self.file(withRow: "1700000001,api,1,\(long)"))
        #expect(error?.code == .unknownOutcome)
        #expect(error?.message.hasSuffix("found \"\(String(repeating: "x", count: 40))…\"") == true)
    }

    @Test("without requireTimeOrder, time may go backwards")
    func timeOrderOptional() throws {
        let trace = try ReaderFixture.read(Self.file(withRow: "1699999999.5,api,1,success")).trace
        #expect(trace.timestamps == [1_700_000_000, 1_699_999_999.5, 1_700_000_000])
        var options = TraceReadOptions()
        options.requireTimeOrder = true
        // Equal timestamps are in order.
        #expect(try ReaderFixture.read(Self.file(withRow: Self.good), options: options).trace.count == 3)
    }

    @Test("a file that cannot be opened is an io error naming the path")
    func missingFile() {
        let path = "/nonexistent-dir/trace.csv"
        let error = #expect(throws: TraceError.self) { try TraceReader.read(path: path) }
        #expect(error?.code == .io)
        #expect(error?.file == path)
        #expect(error?.message.contains("No such file") == true)
        let directory = #expect(throws: TraceError.self) { try TraceReader.read(path: "/tmp") }
        #expect(directory?.code == .io)
    }
}

@Suite("TraceReader: skipBadRows")
struct TraceReaderSkipTests {
    static let text = """
        timestamp,target,latency_ms,outcome,healthy
        1,a,1,success,1
        2,b,-1,success,1
        3,c,1,maybe,0
        4,d,1,failure,0

        5,e,1,timeout,
        4.5,f,1,success,1
        6,g,1,rejected,7
        7,h,1,success,1,extra
        8,"i
        j",1,success,1
        9,k,1
        """

    @Test("every bad row is reported with its line and column, every good row kept")
    func skipsAndReports() throws {
        var options = TraceReadOptions()
        options.skipBadRows = true
        options.requireTimeOrder = true
        for chunkSize in [nil, 1, 3, 10] as [Int?] {
            let result = try ReaderFixture.read(Self.text, options: options, chunkSize: chunkSize)
            #expect(result.trace.targets.values == ["a", "d", "e", "i\nj"])
            #expect(result.trace.timestamps == [1, 4, 5, 8])
            #expect(result.trace.healthy == [1, 0, -1, 1])
            let reported = result.skippedExamples.map { "\($0.line ?? 0) \($0.column ?? "-") \($0.code)" }
            #expect(reported == [
                "3 latency_ms negative-latency",
                "4 outcome unknown-outcome",
                "6 - wrong-field-count",
                "8 timestamp non-monotonic-time",
                "9 healthy out-of-range",
                "10 - wrong-field-count",
                "13 outcome truncated-line",
            ], "chunk \(String(describing: chunkSize))")
            #expect(result.skippedExamples.allSatisfy { $0.file == ReaderFixture.name })
            #expect(result.skippedRowCount == 7)
        }
    }

    @Test("file-level problems still throw")
    func fileLevelStillThrows() {
        var options = TraceReadOptions()
        options.skipBadRows = true
        #expect(ReaderFixture.error("", options: options)?.code == .emptyFile)
        #expect(ReaderFixture.error("\u{FEFF}timestamp,target,latency_ms,outcome\n", options: options)?.code == .byteOrderMark)
        #expect(ReaderFixture.error("timestamp,target,latency\n1,a,1\n", options: options)?.code == .missingColumn)
    }

    @Test("without skipBadRows the first bad row throws and nothing is skipped silently")
    func failsFast() {
        let error = ReaderFixture.error(Self.text)
        #expect(error?.code == .negativeLatency)
        #expect(error?.line == 3)
    }
}
