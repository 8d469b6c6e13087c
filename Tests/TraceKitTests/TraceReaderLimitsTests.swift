import Testing
@testable import TraceKit

/// The reader's limits: record size (a stray quote), cut-off files, bounded skip reports,
/// invalid UTF-8.
@Suite("TraceReader: stray quotes and the record size limit")
struct TraceReaderRecordLimitTests {
    static let header = "timestamp,target,latency_ms,outcome\n"

    /// `rows` rows of about 37 bytes; with `strayQuote`, line 2's target opens a quote that no
    /// later byte closes.
    static func file(rows: Int, strayQuote: Bool) -> [UInt8] {
        var bytes = Array(header.utf8)
        bytes.reserveCapacity(rows * 40)
        for row in 0..<rows {
            bytes += Array("\(1_700_000_000 + row).250000,".utf8)
            if row == 0 && strayQuote { bytes.append(UInt8(ascii: "\"")) }
            bytes += Array("api,12.500,success\n".utf8)
        }
        return bytes
    }

    @Test("a stray quote in a 20 MB file: one bad line, the open record tokenized once, every other row kept")
    func strayQuoteIsLinear() throws {
        let rows = 560_000
        let clean = Self.file(rows: rows, strayQuote: false)
        let stray = Self.file(rows: rows, strayQuote: true)
        #expect(stray.count > 20_000_000)
        let cleanResult = try ReaderFixture.read(bytes: clean)
        #expect(cleanResult.trace.count == rows)

        // Without skipBadRows: refused at the line where the quote opened, once the quote has run
        // past the limit (not at the end of the file).
        let error = ReaderFixture.error(bytes: stray)
        #expect(error?.code == .unterminatedQuote)
        #expect(error?.line == 2)
        #expect(error?.column == "target")
        #expect(error?.message.contains("none within 1048576 bytes") == true, "\(error?.message ?? "")")

        var options = TraceReadOptions()
        options.skipBadRows = true
        for chunkSize in [nil, 65_536] as [Int?] {
            let result = try ReaderFixture.read(bytes: stray, options: options, chunkSize: chunkSize)
            // The clean file's slow-path bytes at the same chunk size: the header and the rows
            // cut by chunk ends.
            let baseline = try ReaderFixture.read(bytes: clean, chunkSize: chunkSize).tokenizedBytes
            #expect(result.skippedRowCount == 1)
            #expect(result.skippedByCode == [.unterminatedQuote: 1])
            #expect(result.skippedExamples.map(\.line) == [2])
            #expect(result.trace.count == rows - 1)
            #expect(result.trace.timestamps == Array(cleanResult.trace.timestamps.dropFirst()))
            #expect(result.trace.targets.values == ["api"])
            // Linear, structurally: the slow path examined the open record once, up to the limit,
            // not once per chunk from its start (which would be ~n²/2 chunk bytes, ~200 MB here).
            #expect(result.tokenizedBytes <= baseline + TraceReader.maxRecordBytes + 64,
                    "chunk \(String(describing: chunkSize)): \(result.tokenizedBytes) bytes tokenized, clean \(baseline)")
            #expect(baseline < 64 * (stray.count / (chunkSize ?? TraceReader.defaultChunkSize) + 1))
        }
    }

    @Test("a long record resumes where the last chunk stopped: bytes tokenized do not grow with the chunk count")
    func resumableTokenizing() throws {
        let field = String(repeating: "q", count: 200_000)
        let text = Self.header + "1,\"\(field)\",1,success\n2,b,2,failure\n"
        let bytes = Array(text.utf8)
        var tokenized: [Int] = []
        for chunkSize in [97, 4096, 1 << 20] {
            let result = try ReaderFixture.read(bytes: bytes, chunkSize: chunkSize)
            #expect(result.trace.targets.values == [field, "b"])
            tokenized.append(result.tokenizedBytes)
        }
        #expect(tokenized.allSatisfy { $0 <= bytes.count }, "\(tokenized)")
    }

    @Test("an unclosed quote reaching the end of the file skips only its line under skipBadRows")
    func strayQuoteAtEndSkipsOneLine() throws {
        let text = Self.header + "1,a,1,success\n2,\"b,2,success\n3,c,3,failure\n4,d,x,success\n5,e,5,timeout\n"
        #expect(ReaderFixture.error(text)?.line == 3)
        var options = TraceReadOptions()
        options.skipBadRows = true
        for chunkSize in [nil, 1, 2, 3, 7, 16] as [Int?] {
            for fastPath in [true, false] {
                let result = try TraceReader.read(bytes: Array(text.utf8), name: "t.csv", options: options,
                                                  chunkSize: chunkSize ?? TraceReader.defaultChunkSize, fastPath: fastPath)
                #expect(result.trace.targets.values == ["a", "c", "e"], "chunk \(String(describing: chunkSize))")
                // Line numbers after the skipped line are still right.
                #expect(result.skippedExamples.map { "\($0.line ?? 0) \($0.code)" }
                    == ["3 unterminated-quote", "5 unparsable-number"], "chunk \(String(describing: chunkSize))")
            }
        }
    }

    /// A file whose line 3 is a row of exactly `length` bytes, its line break included.
    static func fileWithRow(ofLength length: Int, quoted: Bool) -> [UInt8] {
        // "1," + target + ",1,success\n": 13 bytes around the target (15 when quoted).
        let target = String(repeating: "t", count: length - (quoted ? 15 : 13))
        let cell = quoted ? "\"\(target)\"" : target
        return Array((header + "0,a,1,success\n1,\(cell),1,success\n2,b,2,failure\n").utf8)
    }

    @Test("a record of exactly 1 MiB is read; one byte more is refused, and skipped alone", arguments: [false, true])
    func recordSizeLimit(quoted: Bool) throws {
        let limit = TraceReader.maxRecordBytes
        for chunkSize in [1 << 20, 4096, 3 << 20] {
            for fastPath in [true, false] {
                let fits = Self.fileWithRow(ofLength: limit, quoted: quoted)
                let read = try TraceReader.read(bytes: fits, name: "t.csv", options: TraceReadOptions(),
                                                chunkSize: chunkSize, fastPath: fastPath)
                #expect(read.trace.count == 3)

                let over = Self.fileWithRow(ofLength: limit + 1, quoted: quoted)
                do {
                    _ = try TraceReader.read(bytes: over, name: "t.csv", options: TraceReadOptions(),
                                             chunkSize: chunkSize, fastPath: fastPath)
                    Issue.record("a record over the limit was read (chunk \(chunkSize))")
                } catch {
                    // Quoted or not, the record runs on past the limit outside quotes.
                    #expect(error.code == .recordTooLong, "chunk \(chunkSize) fast \(fastPath): \(error)")
                    #expect(error.line == 3)
                }
                var options = TraceReadOptions()
                options.skipBadRows = true
                let skipped = try TraceReader.read(bytes: over, name: "t.csv", options: options,
                                                   chunkSize: chunkSize, fastPath: fastPath)
                #expect(skipped.trace.targets.values == ["a", "b"])
                #expect(skipped.skippedExamples.map(\.line) == [3])
                #expect(skipped.tokenizedBytes <= 2 * limit)
            }
        }
    }

    @Test("a quote still open at the limit is an unterminated quote at its line")
    func quoteOpenAtLimit() throws {
        let long = String(repeating: "x\n", count: TraceReader.maxRecordBytes / 2)
        let text = Self.header + "1,a,1,success\n2,b,2,\"\(long)\"\n3,c,3,success\n"
        for chunkSize in [1 << 20, 1000] {
            let error = ReaderFixture.error(text, chunkSize: chunkSize)
            #expect(error?.code == .unterminatedQuote)
            #expect(error?.line == 3)
            #expect(error?.column == "outcome")
        }
    }
}

@Suite("TraceReader: files cut off")
struct TraceReaderCutTests {
    /// A random trace holding only `column` among the optional ones (so that each column is
    /// last in some file).
    static func trace(seed: UInt64, column: TraceColumn?) -> Trace {
        let source = RandomTraces.trace(seed: seed, maxRows: 20)
        var trace = Trace(optionalColumns: column.map { [$0] } ?? [])
        for row in 0..<source.count {
            var record = source.record(at: row)
            if column == .healthy, record.healthy == nil { record.healthy = row % 2 == 0 }
            trace.append(record)
        }
        return trace
    }

    @Test("a writer's file cut at every byte reads as a prefix of its rows or is refused, never altered",
          arguments: [nil, .error, .caller, .region, .priority, .healthy, .propensity] as [TraceColumn?])
    func everyCut(column: TraceColumn?) throws {
        for seed in 0..<3 as Range<UInt64> {
            let trace = Self.trace(seed: seed * 31 + 7, column: column)
            let bytes = try ReaderFixture.csvBytes(trace)
            var prefixesRead = 0
            for cut in 0...bytes.count {
                let prefix = Array(bytes[..<cut])
                for skip in [false, true] {
                    var options = TraceReadOptions()
                    options.skipBadRows = skip
                    let read: Trace
                    do {
                        read = try ReaderFixture.read(bytes: prefix, options: options).trace
                    } catch {
                        continue  // refused: fine
                    }
                    #expect(read.count <= trace.count)
                    for row in 0..<min(read.count, trace.count) where read.record(at: row) != trace.record(at: row) {
                        Issue.record("cut at \(cut) of \(bytes.count) (skip \(skip)): row \(row) reads \(read.record(at: row)), wrote \(trace.record(at: row))")
                    }
                    if !skip { prefixesRead += 1 }
                }
            }
            #expect(prefixesRead > trace.count)  // at least every cut at a line end reads
        }
    }

    @Test("the whole file and a last line with a line break always read")
    func wholeFileReads() throws {
        let text = "timestamp,target,latency_ms,outcome,error\n1,a,1,success,x\n2,b,2,failure,\n"
        #expect(try ReaderFixture.read(text).trace.count == 2)
        // A last line without a line break ending in outcome or healthy is accepted.
        #expect(try ReaderFixture.read("timestamp,target,latency_ms,healthy,outcome\n1,a,1,1,success").trace.count == 1)
        #expect(try ReaderFixture.read("timestamp,target,latency_ms,outcome,healthy\n1,a,1,success,0").trace.healthy == [0])
        #expect(try ReaderFixture.read("timestamp,target,latency_ms,outcome,healthy\n1,a,1,success,1\r").trace.healthy == [1])
    }
}

@Suite("TraceReader: bounded skip reports")
struct TraceReaderSkipReportTests {
    @Test("every skipped row is counted by code; only the first 100 are kept whole")
    func boundedExamples() throws {
        var text = "timestamp,target,latency_ms,outcome\n"
        var expected: [TraceError.Code: Int] = [:]
        for row in 0..<1000 {
            switch row % 4 {
            case 0:
                text += "\(row),a,-1,success\n"
                expected[.negativeLatency, default: 0] += 1
            case 1:
                text += "\(row),b,1,maybe\n"
                expected[.unknownOutcome, default: 0] += 1
            case 2:
                text += "\(row + 1)00000000000,c,1,success\n"  // ≥ 3e11 s: milliseconds
                expected[.outOfRange, default: 0] += 1
            default:
                text += "\(row),d,1,success\n"
            }
        }
        var options = TraceReadOptions()
        options.skipBadRows = true
        for chunkSize in [nil, 64] as [Int?] {
            let result = try ReaderFixture.read(text, options: options, chunkSize: chunkSize)
            #expect(result.trace.count == 250)
            #expect(result.skippedRowCount == 750)
            #expect(result.skippedByCode == expected)
            #expect(result.skippedExamples.count == TraceSkippedRows.exampleLimit)
            #expect(result.skippedExamples.first?.line == 2)
            #expect(result.skippedExamples.last?.line == 134)  // the 100th bad row: 3 of every 4 lines from line 2
            #expect(result.skippedExamples.allSatisfy { $0.file == ReaderFixture.name && $0.column != nil })
        }
    }

    @Test("TraceSkippedRows counts everything and keeps the first examples")
    func skippedRowsValue() {
        var skipped = TraceSkippedRows()
        #expect(skipped.isEmpty)
        for line in 1...250 {
            skipped.add(TraceError(line % 2 == 0 ? .emptyValue : .wrongFieldCount, file: "f", line: line, message: "m"))
        }
        #expect(skipped.count == 250)
        #expect(skipped.countsByCode == [.emptyValue: 125, .wrongFieldCount: 125])
        #expect(skipped.examples.map { $0.line ?? 0 } == Array(1...100))
    }
}

@Suite("TraceReader: invalid UTF-8")
struct TraceReaderUTF8Tests {
    static func bytes(_ rows: [[UInt8]], header: String = "timestamp,target,latency_ms,outcome,error") -> [UInt8] {
        Array((header + "\n").utf8) + rows.flatMap { $0 + [10] }
    }

    @Test("two targets differing only in invalid bytes are refused, not merged into one")
    func distinctInvalidTargets() throws {
        let file = Self.bytes([
            Array("1,ok,1,success,".utf8),
            Array("2,a".utf8) + [0xFF] + Array(",1,success,".utf8),
            Array("3,a".utf8) + [0xFE] + Array(",1,success,".utf8),
            Array("4,ü,1,success,".utf8),
        ])
        for chunkSize in [nil, 1, 5] as [Int?] {
            let error = ReaderFixture.error(bytes: file, chunkSize: chunkSize)
            #expect(error?.code == .invalidUTF8)
            #expect(error?.line == 3)
            #expect(error?.column == "target")
            #expect(error?.message.contains("byte 0xFF at byte 2") == true, "\(error?.message ?? "")")
        }
        var options = TraceReadOptions()
        options.skipBadRows = true
        for chunkSize in [nil, 1, 5] as [Int?] {
            for fastPath in [true, false] {
                let result = try TraceReader.read(bytes: file, name: "t.csv", options: options,
                                                  chunkSize: chunkSize ?? TraceReader.defaultChunkSize, fastPath: fastPath)
                #expect(result.trace.targets.values == ["ok", "ü"])
                #expect(result.skippedByCode == [.invalidUTF8: 2])
                #expect(result.skippedExamples.map(\.line) == [3, 4])
            }
        }
    }

    @Test("a row with a new valid value and an invalid one adds nothing to any column")
    func noUnusedValues() throws {
        let file = Self.bytes([
            Array("1,a,1,success,x".utf8),
            Array("2,new,1,success,".utf8) + [0xC3, 0x28],  // invalid two-byte sequence
            Array("3,a,1,success,".utf8) + [0xC0, 0x80],  // overlong NUL
            Array("4,a,1,success,".utf8) + [0xED, 0xA0, 0x80],  // UTF-16 surrogate
            Array("5,b,1,success,é".utf8),
        ])
        var options = TraceReadOptions()
        options.skipBadRows = true
        for fastPath in [true, false] {
            let result = try TraceReader.read(bytes: file, name: "t.csv", options: options,
                                              chunkSize: TraceReader.defaultChunkSize, fastPath: fastPath)
            #expect(result.trace.targets.values == ["a", "b"])
            #expect(result.trace.errors?.values == ["x", "é"])
            #expect(result.skippedExamples.map { "\($0.line ?? 0) \($0.column ?? "")" } == ["3 error", "4 error", "5 error"])
        }
    }

    @Test("invalid bytes in a column the trace does not keep are not checked")
    func skippedColumnsUnchecked() throws {
        let file = Self.bytes([Array("1,a,1,success,".utf8) + [0xFF]])
        var options = TraceReadOptions()
        options.optionalColumns = []
        #expect(try ReaderFixture.read(bytes: file, options: options).trace.count == 1)
    }
}
