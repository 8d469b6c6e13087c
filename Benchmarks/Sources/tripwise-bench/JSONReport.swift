/// Renders a ``SuiteReport`` as one JSON object for tools (CI, plots, regression checks),
/// keys in a fixed order:
///
///     { "suite": "core", "runs": 7, "iterations": 3000000,
///       "results": [ { "name": ..., "median_ns": ..., "min_ns": ..., "max_ns": ...,
///                      "ratio_to_clock_now": ... }, ... ],
///       "targets": [ { "name": ..., "limit_ratio": 2.0, "ratio": ..., "met": true }, ... ] }
///
/// Multi-threaded rows add `throughput_ops_per_s`; rows that process bytes (`ingest`) add
/// `median_mb_per_s`, `min_mb_per_s`, `max_mb_per_s`. A target given in nanoseconds has
/// `limit_ns` and `median_ns` instead of `limit_ratio` and `ratio`, one given as a throughput
/// floor has `limit_mb_per_s` and `median_mb_per_s`. A suite's `details` (e.g. the file
/// `ingest` read) follow `targets`. Absent values are omitted.
enum JSONReport {
    static func render(_ report: SuiteReport) -> String {
        value(of: report).rendered(indent: "") + "\n"
    }

    static func value(of report: SuiteReport) -> JSONValue {
        .object([
            ("suite", .string(report.suite)),
            ("runs", .integer(report.runs)),
            ("iterations", .integer(report.iterations)),
            ("results", .array(report.results.map { result in
                .object([
                    ("name", .string(result.name)),
                    ("median_ns", .number(result.medianNanoseconds)),
                    ("min_ns", .number(result.minNanoseconds)),
                    ("max_ns", .number(result.maxNanoseconds)),
                    ("ratio_to_clock_now", result.ratioToClockNow.map(JSONValue.number)),
                    ("throughput_ops_per_s", result.throughputOperationsPerSecond.map { .integer(Int($0)) }),
                    ("median_mb_per_s", result.megabytesPerSecond.map(JSONValue.number)),
                    ("min_mb_per_s", result.minMegabytesPerSecond.map(JSONValue.number)),
                    ("max_mb_per_s", result.maxMegabytesPerSecond.map(JSONValue.number)),
                ].compactMap(present))
            })),
            ("targets", .array(report.targets.map { target in
                .object([
                    ("name", .string(target.name)),
                    ("limit_ratio", target.limitRatio.map(JSONValue.number)),
                    ("ratio", target.ratio.map(JSONValue.number)),
                    ("limit_ns", target.limitNanoseconds.map(JSONValue.number)),
                    ("median_ns", target.medianNanoseconds.map(JSONValue.number)),
                    ("limit_mb_per_s", target.limitMegabytesPerSecond.map(JSONValue.number)),
                    ("median_mb_per_s", target.megabytesPerSecond.map(JSONValue.number)),
                    ("met", .bool(target.met)),
                ].compactMap(present))
            })),
        ] + report.details)
    }

    private static func present(_ pair: (String, JSONValue?)) -> (String, JSONValue)? {
        pair.1.map { (pair.0, $0) }
    }
}

/// A JSON document whose objects keep their keys in the order given.
indirect enum JSONValue {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// Pretty-printed, two spaces per level; `indent` is the current level's prefix.
    func rendered(indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .string(let text):
            return Self.quoted(text)
        case .integer(let value):
            return String(value)
        case .number(let value):
            // Swift prints the shortest round-tripping form (`2.0`, `24.43`, `9902149.0`);
            // JSON has no NaN or infinity.
            return value.isFinite ? "\(value)" : "null"
        case .bool(let value):
            return value ? "true" : "false"
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            return "[\n" + elements.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { key, value in
                inner + Self.quoted(key) + ": " + value.rendered(indent: inner)
            }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
