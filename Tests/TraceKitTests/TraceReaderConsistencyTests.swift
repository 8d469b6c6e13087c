import Testing
@testable import TraceKit

/// The reader has a fast path (unquoted, valid rows) and a slow path (everything else); a row
/// is in the trace or in the errors the same way whichever path and whatever chunk size read
/// it. These tests corrupt valid files at random and compare the three.
@Suite("TraceReader: fast path, slow path and chunking agree")
struct TraceReaderConsistencyTests {
    enum Outcome: Equatable, CustomStringConvertible {
        case read(Trace, TraceSkippedRows, Int)
        case failed(TraceError)

        var description: String {
            switch self {
            case .read(let trace, let skipped, _): "\(trace.count) rows, skipped \(skipped.count): \(skipped.examples.map(\.description))"
            case .failed(let error): "error \(error)"
            }
        }
    }

    static func outcome(_ bytes: [UInt8], _ options: TraceReadOptions, chunkSize: Int = TraceReader.defaultChunkSize,
                        fastPath: Bool = true) -> Outcome {
        do {
            let result = try TraceReader.read(bytes: bytes, name: "f.csv", options: options, chunkSize: chunkSize, fastPath: fastPath)
            return .read(result.trace, result.skippedRows, result.bytesRead)
        } catch {
            return .failed(error)
        }
    }

    /// Bytes that matter to the parser, to corrupt files with.
    static let interesting: [UInt8] = Array(",\"\n\r-+.eE019 xZT:z\u{0}".utf8) + [0xC3, 0xFF]

    static func base(seed: UInt64) throws -> [UInt8] {
        var bytes = try ReaderFixture.csvBytes(RandomTraces.trace(seed: seed, maxRows: 30))
        // Some rows in other forms the writer does not produce.
        let header = String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
        if header == "timestamp,target,latency_ms,outcome" {
            bytes += Array("2023-01-29T10:00:00.5+01:00,\"q\",1e1,timeout\r\n-1.5,x,.5,rejected\r\n".utf8)
        }
        return bytes
    }

    @Test("random corruptions read the same through both paths and any chunk size", arguments: 0..<40)
    func corruptedFiles(seed: Int) throws {
        var random = TraceRandom(seed: UInt64(seed) &* 7919)
        let original = try Self.base(seed: UInt64(seed))
        for _ in 0..<25 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = Self.interesting.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(Self.interesting.randomElement(using: &random)!, at: index)
                default: bytes.removeLast(Int.random(in: 0...min(5, bytes.count), using: &random))
                }
            }
            var options = TraceReadOptions()
            options.skipBadRows = Bool.random(using: &random)
            options.requireTimeOrder = Bool.random(using: &random)
            if Bool.random(using: &random) { options.optionalColumns = [.healthy, .error] }
            let whole = Self.outcome(bytes, options)
            let slow = Self.outcome(bytes, options, fastPath: false)
            let chunkSize = Int.random(in: 1...40, using: &random)
            let chunked = Self.outcome(bytes, options, chunkSize: chunkSize)
            let text = String(decoding: bytes, as: UTF8.self).debugDescription
            #expect(whole == slow, "fast vs slow path on \(text)")
            #expect(whole == chunked, "whole vs chunks of \(chunkSize) on \(text)")
        }
    }

    @Test("valid files read the same through both paths")
    func validFiles() throws {
        for seed in 0..<30 {
            let bytes = try Self.base(seed: UInt64(seed))
            let whole = Self.outcome(bytes, TraceReadOptions())
            #expect(whole == Self.outcome(bytes, TraceReadOptions(), fastPath: false))
            if case .failed(let error) = whole { Issue.record("seed \(seed): \(error)") }
        }
    }

    @Test("the fast path's outcome words are the spellings")
    func outcomeWords() {
        func word(_ text: String) -> UInt64 {
            text.utf8.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        #expect(TraceParser.successWord == word("success"))
        #expect(TraceParser.failureWord == word("failure"))
        #expect(TraceParser.timeoutWord == word("timeout"))
        #expect(TraceParser.rejectedWord == word("rejected"))
    }
}
