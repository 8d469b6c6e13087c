import Foundation

/// The description of one generated scenario: where its rows are, how it was made and its
/// ground-truth incidents. Written as JSON next to a single generated trace
/// (``GeneratedTrace/write(to:)``) and once per segment inside a ``SuiteManifest``.
///
/// Encoded with sorted keys and pretty printing, so equal manifests are equal bytes.
public struct IncidentManifest: Sendable, Hashable, Codable {
    /// The generator model (``TraceGenerator/version``).
    public var generator: String
    /// The CSV file holding the rows (its last path component).
    public var file: String
    /// The scenario family.
    public var family: ScenarioFamily
    /// The seed the scenario was generated with.
    public var seed: UInt64
    /// First instant covered, Unix seconds.
    public var start: Double
    /// End of the covered span (exclusive), Unix seconds.
    public var end: Double
    /// `start` as ISO-8601 UTC.
    public var startTime: String
    /// `end` as ISO-8601 UTC.
    public var endTime: String
    /// The spec's mean call rate, calls per second.
    public var rate: Double
    /// Rows the scenario produced.
    public var rows: Int
    /// The targets, in profile order.
    public var targets: [String]
    /// The regions, in profile order.
    public var regions: [String]
    /// The CSV header's columns.
    public var columns: [String]
    /// The ground-truth incidents, by start time.
    public var incidents: [Incident]

    /// Creates a manifest.
    public init(file: String, family: ScenarioFamily, seed: UInt64, start: Double, end: Double, rate: Double,
                rows: Int, targets: [String], regions: [String], columns: [String], incidents: [Incident],
                generator: String = TraceGenerator.version) {
        self.generator = generator
        self.file = file
        self.family = family
        self.seed = seed
        self.start = start
        self.end = end
        startTime = UTCTimestamp.format(start)
        endTime = UTCTimestamp.format(end)
        self.rate = rate
        self.rows = rows
        self.targets = targets
        self.regions = regions
        self.columns = columns
        self.incidents = incidents
    }

    /// The JSON bytes (sorted keys, pretty-printed, ending with a newline).
    public func jsonData() throws(TraceError) -> Data {
        try ManifestJSON.encode(self, file: file)
    }

    /// Decodes a manifest from JSON.
    public static func decode(_ data: Data) throws -> IncidentManifest {
        try JSONDecoder().decode(IncidentManifest.self, from: data)
    }
}

/// JSON encoding shared by the manifests: sorted keys, pretty printing, unescaped slashes and a
/// final newline, so the bytes depend only on the values.
enum ManifestJSON {
    static func encode(_ value: some Encodable, file: String) throws(TraceError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(value)
            data.append(UInt8(ascii: "\n"))
            return data
        } catch {
            throw TraceError(.io, file: file, message: "cannot encode the manifest: \(error)")
        }
    }

    static func write(_ data: Data, to path: String) throws(TraceError) {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw TraceError(.io, file: path, message: "cannot write the manifest: \(error.localizedDescription)")
        }
    }
}
