/// Rules every model kind shares (feature set, extractor constants, provenance), and the
/// helpers that phrase a broken rule as a ``JSONTreeError`` naming the field.
enum ModelFileRules {
    static func fail(_ code: ModelFileError.Code, _ field: String, _ message: String) -> JSONTreeError {
        JSONTreeError(code: code, field: field, message: message, line: nil, column: nil)
    }

    static func require(_ condition: Bool, _ field: String, _ expected: String, _ found: some CustomStringConvertible) throws(JSONTreeError) {
        if !condition { throw fail(.outOfRange, field, "expected \(expected), found \(found)") }
    }

    /// `format` is `"tripwise-model"` (`wrongFormat`), `formatVersion` supported
    /// (`unsupportedVersion`), `kind` is `expected` (`unknownKind`).
    static func checkHeader(format: String, formatVersion: Int, kind: String, expected: String) throws(JSONTreeError) {
        if format != LogisticModelFile.formatName {
            throw fail(.wrongFormat, "format", "expected \"\(LogisticModelFile.formatName)\", found \"\(format)\"")
        }
        if !LogisticModelFile.supportedFormatVersions.contains(formatVersion) {
            throw fail(.unsupportedVersion, "formatVersion", LogisticModelFile.unsupportedVersionMessage(found: "\(formatVersion)"))
        }
        if kind != expected {
            throw fail(.unknownKind, "kind", "expected \"\(expected)\", found \"\(kind)\"")
        }
    }

    /// The known feature set `featureSet` names, or `unknownFeatureSet` / `featureMismatch`.
    static func knownFeatureSet(_ featureSet: FeatureSet) throws(JSONTreeError) -> FeatureSet {
        guard let known = FeatureSet.known[featureSet.id] else {
            let ids = FeatureSet.known.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw fail(.unknownFeatureSet, "featureSet.id", "expected one of \(ids), found \"\(featureSet.id)\"")
        }
        let names = featureSet.names
        for index in 0..<max(names.count, known.count) {
            if index >= names.count {
                throw fail(.featureMismatch, "featureSet.names",
                           "expected the \(known.count) names of \(known.id), found \(names.count); "
                           + "the first difference is at index \(index): expected \"\(known.names[index])\", found no name")
            }
            if index >= known.count {
                throw fail(.featureMismatch, "featureSet.names",
                           "expected the \(known.count) names of \(known.id), found \(names.count); "
                           + "the first difference is at index \(index): found the extra name \"\(names[index])\"")
            }
            if names[index] != known.names[index] {
                throw fail(.featureMismatch, "featureSet.names[\(index)]",
                           "the first difference from \(known.id) is at index \(index): "
                           + "expected \"\(known.names[index])\", found \"\(names[index])\"")
            }
        }
        return known
    }

    /// Extractor constants: windows ≥ 1 call, slow threshold > 0.
    static func check(_ extractor: FeatureExtractorConfiguration) throws(JSONTreeError) {
        for (name, value) in extractor.fields {
            if name == "slowCallThresholdMs" {
                try require(value > 0, "extractor.\(name)", "a number > 0", value)
            } else {
                try require(value >= 1, "extractor.\(name)", "a number of calls ≥ 1", value)
            }
        }
        if !extractor.isValid {
            throw fail(.outOfRange, "extractor", "the extractor constants are not valid")
        }
    }

    /// Provenance rules: see ``ModelProvenance`` and ``ModelTraceFile``.
    static func check(_ provenance: ModelProvenance) throws(JSONTreeError) {
        for (index, trace) in provenance.traces.enumerated() {
            try check(trace, "provenance.traces[\(index)]")
        }
        for (index, trace) in (provenance.validation ?? []).enumerated() {
            try check(trace, "provenance.validation[\(index)]")
        }
        try require(provenance.rows >= 0, "provenance.rows", "an integer ≥ 0", provenance.rows)
        try require((0...1).contains(provenance.positiveRate), "provenance.positiveRate", "a fraction in [0, 1]",
                    provenance.positiveRate)
        try require(ModelProvenance.isUTCTimestamp(provenance.createdAt), "provenance.createdAt",
                    "an ISO-8601 UTC time such as \"2025-03-01T12:00:00Z\"", "\"\(provenance.createdAt)\"")
        try require(!provenance.tripwiseVersion.isEmpty, "provenance.tripwiseVersion", "a non-empty version", "\"\"")
    }

    private static func check(_ trace: ModelTraceFile, _ prefix: String) throws(JSONTreeError) {
        try require(!trace.path.isEmpty, "\(prefix).path", "a non-empty path", "\"\"")
        let isDigest = trace.sha256.utf8.count == 64 && trace.sha256.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
        }
        try require(isDigest, "\(prefix).sha256", "64 lowercase hexadecimal digits", "\"\(trace.sha256)\"")
        try require(trace.rows >= 0, "\(prefix).rows", "an integer ≥ 0", trace.rows)
        try require(trace.bytes >= 0, "\(prefix).bytes", "an integer ≥ 0", trace.bytes)
    }

}
