import Testing
@testable import TraceKit

/// Helpers shared by the reader tests.
enum ReaderFixture {
    static let name = "t.csv"

    /// Reads `text` in one piece, or `chunkSize` bytes at a time.
    static func read(_ text: String, options: TraceReadOptions = TraceReadOptions(),
                     chunkSize: Int? = nil) throws(TraceError) -> TraceReadResult {
        try read(bytes: Array(text.utf8), options: options, chunkSize: chunkSize)
    }

    static func read(bytes: [UInt8], options: TraceReadOptions = TraceReadOptions(),
                     chunkSize: Int? = nil) throws(TraceError) -> TraceReadResult {
        if let chunkSize {
            return try TraceReader.read(bytes: bytes, name: name, options: options, chunkSize: chunkSize)
        }
        return try TraceReader.read(bytes: bytes, name: name, options: options)
    }

    /// The error reading `text` throws (nil if it reads).
    static func error(_ text: String, options: TraceReadOptions = TraceReadOptions(),
                      chunkSize: Int? = nil) -> TraceError? {
        error(bytes: Array(text.utf8), options: options, chunkSize: chunkSize)
    }

    /// The error reading `bytes` throws (nil if it reads).
    static func error(bytes: [UInt8], options: TraceReadOptions = TraceReadOptions(),
                      chunkSize: Int? = nil) -> TraceError? {
        do {
            _ = try read(bytes: bytes, options: options, chunkSize: chunkSize)
            return nil
        } catch {
            return error
        }
    }

    /// The CSV bytes TraceWriter produces for `trace`.
    static func csvBytes(_ trace: Trace) throws(TraceError) -> [UInt8] {
        Array(try TraceWriter.csv(trace).utf8)
    }

    /// A fresh path under the temporary directory.
    static func temporaryPath(_ label: String) -> String {
        let unique = UInt64.random(in: 0...UInt64.max)
        return "/tmp/tracekit-reader-tests-\(label)-\(unique).csv"
    }
}

/// Random traces of every shape the writer can produce.
enum RandomTraces {
    /// Targets, some of which need quoting (comma, quote, line break, carriage return), some
    /// non-ASCII, some longer than 16 bytes (the interner's long path).
    static let targets = [
        "payments", "search", "auth/login", "a,b", "say \"hi\"", "line\nbreak", "cr\rhere", "crlf\r\n",
        "ünïcödé-svc", " spaced ", "a-very-long-service-name/with/an/endpoint", "x", "\"", ",",
    ]
    static let strings = ["", "", "http_503", "connect_refused", "eu-west", "high", "a,b", "q\"q", "multi\nline", "é"]
    static let propensities: [Double?] = [nil, 0.1, 0.25, 1, 0.5, 1.0 / 3, 1e-05, 0.999_999_999_999, 2e-300]
    static let optional: [TraceColumn] = [.error, .caller, .region, .priority, .healthy, .propensity]

    static func trace(seed: UInt64, maxRows: Int = 120) -> Trace {
        var random = TraceRandom(seed: seed)
        let columns = Set(optional.filter { _ in Bool.random(using: &random) })
        var trace = Trace(optionalColumns: columns)
        let rows = Int.random(in: 0...maxRows, using: &random)
        // Anywhere within the format's ±1e11 s (less room for the rows that follow).
        var micros = Int64.random(in: -99_000_000_000_000_000...99_000_000_000_000_000, using: &random)
        for _ in 0..<rows {
            micros += Int64.random(in: -1_000_000...5_000_000, using: &random)
            let latencyMicros = Int64.random(in: 0...(Bool.random(using: &random) ? 5_000_000 : 1 << 40), using: &random)
            var propensity = propensities.randomElement(using: &random)!
            if Int.random(in: 0..<4, using: &random) == 0 { propensity = Double.random(in: 0.000_001...1, using: &random) }
            trace.append(TraceRecord(
                timestamp: Double(micros) / 1e6,
                target: targets.randomElement(using: &random)!,
                latencyMs: Double(latencyMicros) / 1e3,
                outcome: TraceOutcome.allCases.randomElement(using: &random)!,
                error: strings.randomElement(using: &random)!,
                caller: strings.randomElement(using: &random)!,
                region: strings.randomElement(using: &random)!,
                priority: strings.randomElement(using: &random)!,
                healthy: [nil, true, false].randomElement(using: &random)!,
                propensity: propensity))
        }
        return trace
    }
}
