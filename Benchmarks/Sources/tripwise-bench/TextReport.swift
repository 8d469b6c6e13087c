/// Renders a ``SuiteReport`` as an aligned table for people.
///
///     core: 7 runs × 3000000 iterations; ns per operation (median of runs), ratio = median / clock.now
///
///     name                        median      min      max   ratio
///     clock.now                    21.05    20.93    21.40    1.00
///     ...
///     target breaker.acquire+record ≤ 2.0 × clock.now: 1.62 × clock.now: met
enum TextReport {
    static func render(_ report: SuiteReport) -> String {
        let header = ["name", "median ns", "min ns", "max ns", "ratio", ""]
        let rows = report.results.map { result -> [String] in
            [
                result.name,
                format(result.medianNanoseconds, places: 2),
                format(result.minNanoseconds, places: 2),
                format(result.maxNanoseconds, places: 2),
                result.ratioToClockNow.map { format($0, places: 2) } ?? "-",
                extra(result),
            ]
        }
        var widths = header.map(\.count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                switch column {
                case 0: pad(cell, to: widths[column], right: false)
                case cells.count - 1: cell
                default: pad(cell, to: widths[column], right: true)
                }
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }

        var lines: [String] = []
        let ratioNote = report.results.contains { $0.ratioToClockNow != nil }
            ? ", ratio = median / clock.now median" : ""
        lines.append("\(report.suite): \(report.runs) runs × \(report.iterations) iterations; "
                     + "ns per operation (median, min, max over runs)\(ratioNote)")
        lines.append("")
        lines.append(line(header))
        lines.append(contentsOf: rows.map(line))
        lines.append("")
        for target in report.targets {
            lines.append(describe(target))
        }
        lines.append(contentsOf: report.notes)
        return lines.joined(separator: "\n") + "\n"
    }

    /// E.g. `target breaker.acquire+record ≤ 2.00 × clock.now: 1.62 × clock.now: MET`.
    static func describe(_ target: SuiteReport.Target) -> String {
        let verdict = target.met ? "met" : "NOT met"
        if let limit = target.limitRatio, let ratio = target.ratio {
            let unit = target.source ?? "× baseline"
            return "target \(target.name) ≤ \(format(limit, places: 2)) \(unit): "
                + "\(format(ratio, places: 2)) \(unit): \(verdict)"
        }
        if let limit = target.limitMegabytesPerSecond, let value = target.megabytesPerSecond {
            let source = target.source.map { " (\($0))" } ?? ""
            return "target \(target.name) ≥ \(format(limit, places: 0)) MB/s\(source): "
                + "\(format(value, places: 1)) MB/s: \(verdict)"
        }
        if let limit = target.limitNanoseconds, let value = target.medianNanoseconds {
            let source = target.source.map { " (\($0))" } ?? ""
            return "target \(target.name) ≤ \(format(limit, places: 0)) ns\(source): "
                + "\(format(value, places: 2)) ns: \(verdict)"
        }
        return "target \(target.name): \(verdict)"
    }

    /// The free-form last column: total throughput of a multi-threaded row, or the MB/s of a
    /// row that processes bytes.
    static func extra(_ result: SuiteReport.Result) -> String {
        if let throughput = result.throughputOperationsPerSecond {
            return "\(format(throughput / 1e6, places: 1)) M ops/s total"
        }
        if let median = result.megabytesPerSecond {
            let low = format(result.minMegabytesPerSecond ?? .nan, places: 1)
            let high = format(result.maxMegabytesPerSecond ?? .nan, places: 1)
            return "\(format(median, places: 1)) MB/s (min \(low), max \(high))"
        }
        return ""
    }

    /// `value` with exactly `places` decimals (no Foundation formatting, locale-independent).
    static func format(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let whole = Int(scaled / scale)
        if places == 0 { return "\(sign)\(whole)" }
        let fraction = Int(scaled - Double(whole) * scale)
        let digits = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }

    static func pad(_ text: String, to width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(width - text.count, 0))
        return right ? padding + text : text + padding
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
