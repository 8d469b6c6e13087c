import Foundation

/// Small helpers for the inline SVG charts of the HTML report: escaping, number formatting
/// that never prints `nan` or `inf`, and axis ticks.
enum SVGChart {
    /// Escapes text for HTML/SVG content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate: two decimals, 0 for a non-finite value.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    /// A label for an axis value.
    static func label(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return abs(value) >= 10 ? String(format: "%.0f", value) : String(format: "%.2g", value)
    }

    /// About `count` round tick values covering `low…high`.
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low else { return [low.isFinite ? low : 0] }
        let raw = (high - low) / Double(max(count, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9, values.count < 50 {
            values.append(value)
            value += step
        }
        return values
    }

    /// A linear map from `domain` to `range`.
    struct Scale {
        var domain: (Double, Double)
        var range: (Double, Double)
        func callAsFunction(_ value: Double) -> Double {
            let span = domain.1 - domain.0
            guard span != 0, span.isFinite, value.isFinite else { return range.0 }
            return range.0 + (value - domain.0) / span * (range.1 - range.0)
        }
    }

    /// `hh:mm:ss` UTC of a Unix time.
    static func clock(_ time: Double) -> String {
        guard time.isFinite else { return "-" }
        let seconds = Int64(time.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", Int(day / 3600), Int(day / 60 % 60), Int(day % 60))
    }
}
