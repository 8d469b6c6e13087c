import Foundation
import Testing
@testable import TraceKit

/// Records cut by chunk boundaries at every possible byte: the reader must carry the partial
/// record over and give the same trace (and the same errors) whatever the chunk size.
@Suite("TraceReader: chunk boundaries")
struct TraceReaderChunkTests {
    /// CRLF line ends, quoted fields with commas, doubled quotes, CRLF and LF inside quotes,
    /// an ISO timestamp, a long (slow-path) number, an unknown column, an empty optional cell.
    static let text = "timestamp,target,latency_ms,outcome,note,error\r\n"
        + "1700000000.123456,payments,12.500,success,x,\r\n"
        + "1700000000.200000,\"search,eu\",0.000,failure,\"a \"\"b\"\"\",\"say \"\"no\"\"\"\r\n"
        + "2023-11-14T22:13:20.25Z,\"multi\r\nline\nname\",3.25,timeout,,http_503\r\n"
        + "1700000001.000000000000000001,db,7,rejected,\"\",\"\"\r\n"
        + "1700000002,db,1e3,success,last,\"\"\r\n"

    static func expected() -> Trace {
        var trace = Trace(optionalColumns: [.error])
        trace.append(TraceRecord(timestamp: 1_700_000_000.123456, target: "payments", latencyMs: 12.5, outcome: .success, error: ""))
        trace.append(TraceRecord(timestamp: 1_700_000_000.2, target: "search,eu", latencyMs: 0, outcome: .failure, error: "say \"no\""))
        trace.append(TraceRecord(timestamp: 1_700_000_000.25, target: "multi\r\nline\nname", latencyMs: 3.25, outcome: .timeout, error: "http_503"))
        trace.append(TraceRecord(timestamp: 1_700_000_001, target: "db", latencyMs: 7, outcome: .rejected, error: ""))
        trace.append(TraceRecord(timestamp: 1_700_000_002, target: "db", latencyMs: 1000, outcome: .success, error: ""))
        return trace
    }

    @Test("every chunk size from 1 byte to the whole file gives the same trace")
    func everyChunkSize() throws {
        let bytes = Array(Self.text.utf8)
        let expected = Self.expected()
        #expect(try ReaderFixture.read(bytes: bytes).trace == expected)
        for chunkSize in 1...bytes.count + 1 {
            let result = try ReaderFixture.read(bytes: bytes, chunkSize: chunkSize)
            #expect(result.trace == expected, "chunk size \(chunkSize)")
            #expect(result.bytesRead == bytes.count)
        }
    }

    @Test("a CRLF split between chunks, and a quote split from its escape")
    func specificSplits() throws {
        let bytes = Array(Self.text.utf8)
        // Cut right after each `\r` (so its `\n` opens the next chunk) and right after each `"`.
        let cuts = bytes.indices.filter { bytes[$0] == 13 || bytes[$0] == UInt8(ascii: "\"") }.map { $0 + 1 }
        for cut in cuts {
            var offset = 0
            var parser = TraceParser(file: "t.csv", options: TraceReadOptions(), expectedBytes: nil)
            var carried: [UInt8] = []
            for piece in [Array(bytes[..<cut]), Array(bytes[cut...]), []] {
                carried += piece
                offset += piece.count
                var buffer = carried + [10] + Array(repeating: 0, count: TraceParser.padding)
                let consumed = try buffer.withUnsafeMutableBufferPointer { pointer throws(TraceError) in
                    try parser.consume(pointer.baseAddress!, count: carried.count, isFinal: piece.isEmpty)
                }
                carried.removeFirst(consumed)
            }
            #expect(carried.isEmpty)
            #expect(parser.finish().trace == Self.expected(), "cut at \(cut)")
        }
    }

    @Test("errors carry the same line and column whatever the chunk size")
    func errorsAcrossChunks() {
        let text = Self.text + "1700000003,\"x\ny\",oops,success,,\r\n"
        for chunkSize in 1...80 {
            let error = ReaderFixture.error(text, chunkSize: chunkSize)
            #expect(error?.code == .unparsableNumber)
            #expect(error?.line == 9, "chunk \(chunkSize)")
            #expect(error?.column == "latency_ms")
        }
    }

    @Test("a record longer than the chunk grows the buffer")
    func longRecord() throws {
        let target = String(repeating: "t", count: 10_000)
        let text = "timestamp,target,latency_ms,outcome\n1,\(target),1,success\n2,\"\(target),\",2,failure\n"
        let trace = try ReaderFixture.read(text, chunkSize: 100).trace
        #expect(trace.targets.values == [target, target + ","])
    }

    @Test("a generated file read from disk in small chunks equals the trace written")
    func fileInSmallChunks() throws {
        let trace = RandomTraces.trace(seed: 4242, maxRows: 2000)
        let path = ReaderFixture.temporaryPath("chunks")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TraceWriter.write(trace, to: path)
        for chunkSize in [5, 13, 100, 1000] {
            #expect(try TraceReader.read(path: path, options: TraceReadOptions(), chunkSize: chunkSize).trace == trace)
        }
    }
}
