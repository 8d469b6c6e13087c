import Foundation

/// `manifest.json` of the standard suite: how it was made and, per split file, every segment
/// (family, seed, span, rows) and every ground-truth incident.
///
/// Encoded with sorted keys and pretty printing, so equal manifests are equal bytes.
public struct SuiteManifest: Sendable, Hashable, Codable {
    /// `manifest.json`.
    public static let fileName = "manifest.json"

    /// `standard`.
    public var suite: String
    /// The generator model (``TraceGenerator/version``).
    public var generator: String
    /// ``StandardSuite/seed``.
    public var seed: UInt64
    /// ``StandardSuite/scale``.
    public var scale: Double
    /// The trace CSV schema version (``TraceColumn/schemaVersion``).
    public var schemaVersion: Int
    /// The CSV header's columns (the same in every file).
    public var columns: [String]
    /// train, validation, test, in time order.
    public var splits: [SuiteSplitManifest]

    /// Creates a manifest.
    public init(suite: String = "standard", seed: UInt64, scale: Double, columns: [String],
                splits: [SuiteSplitManifest], generator: String = TraceGenerator.version) {
        self.suite = suite
        self.generator = generator
        self.seed = seed
        self.scale = scale
        schemaVersion = TraceColumn.schemaVersion
        self.columns = columns
        self.splits = splits
    }

    /// Every incident of every split.
    public var incidents: [Incident] { splits.flatMap { $0.segments.flatMap(\.incidents) } }

    /// The JSON bytes (sorted keys, pretty-printed, ending with a newline).
    public func jsonData() throws(TraceError) -> Data {
        try ManifestJSON.encode(self, file: Self.fileName)
    }

    /// Decodes a manifest from JSON.
    public static func decode(_ data: Data) throws -> SuiteManifest {
        try JSONDecoder().decode(SuiteManifest.self, from: data)
    }
}

/// One split file of the standard suite in its ``SuiteManifest``.
public struct SuiteSplitManifest: Sendable, Hashable, Codable {
    /// `train`, `validation` or `test`.
    public var split: StandardSuite.Split
    /// The CSV file name.
    public var file: String
    /// First instant covered (the first segment's start), Unix seconds.
    public var start: Double
    /// End of the covered span (the last segment's end, exclusive), Unix seconds.
    public var end: Double
    /// `start` as ISO-8601 UTC.
    public var startTime: String
    /// `end` as ISO-8601 UTC.
    public var endTime: String
    /// Rows in the file.
    public var rows: Int
    /// Size of the file in bytes.
    public var bytes: Int
    /// The families of the segments, in time order.
    public var families: [ScenarioFamily]
    /// The seeds of the segments, in time order.
    public var seeds: [UInt64]
    /// Incidents over all segments.
    public var incidentCount: Int
    /// The segments, in time order.
    public var segments: [IncidentManifest]

    /// Creates the entry of `split` from its segments (non-empty, in time order).
    public init(split: StandardSuite.Split, file: String, bytes: Int, segments: [IncidentManifest]) {
        self.split = split
        self.file = file
        start = segments.first?.start ?? 0
        end = segments.last?.end ?? 0
        startTime = UTCTimestamp.format(start)
        endTime = UTCTimestamp.format(end)
        rows = segments.reduce(0) { $0 + $1.rows }
        self.bytes = bytes
        families = segments.map(\.family)
        seeds = segments.map(\.seed)
        incidentCount = segments.reduce(0) { $0 + $1.incidents.count }
        self.segments = segments
    }
}
