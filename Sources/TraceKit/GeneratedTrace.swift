import Foundation

/// What ``TraceGenerator/generate(_:)`` returns: the trace, its ground-truth incidents and the
/// spec that made it.
public struct GeneratedTrace: Sendable {
    /// The spec generated.
    public let spec: ScenarioSpec
    /// The calls, sorted by timestamp, with the optional columns `error`, `region`, `healthy`.
    public var trace: Trace
    /// The incidents, by start time; `healthy` = 0 exactly on the calls they cover.
    public let incidents: [Incident]

    /// Creates a result (the generator does this).
    public init(spec: ScenarioSpec, trace: Trace, incidents: [Incident]) {
        self.spec = spec
        self.trace = trace
        self.incidents = incidents
    }

    /// The manifest of this trace, naming `file` as where its rows are.
    public func manifest(file: String) -> IncidentManifest {
        IncidentManifest(file: file, family: spec.family, seed: spec.seed, start: spec.start, end: spec.end,
                         rate: spec.rate, rows: trace.count, targets: spec.targets.map(\.name),
                         regions: spec.regions.map(\.name), columns: trace.columns.map(\.rawValue),
                         incidents: incidents)
    }

    /// The trace as schema-v1 CSV text.
    public func csv() throws(TraceError) -> String {
        try TraceWriter.csv(trace)
    }

    /// Writes the trace as CSV to `path` and its manifest to ``manifestPath(forTrace:)``,
    /// creating the folder if needed.
    ///
    /// - Returns: the manifest written.
    /// - Throws: ``TraceError`` (`io`) when a file cannot be written.
    @discardableResult
    public func write(to path: String) throws(TraceError) -> IncidentManifest {
        try TraceWriter.write(trace, to: path)
        let manifest = manifest(file: (path as NSString).lastPathComponent)
        let manifestPath = Self.manifestPath(forTrace: path)
        try ManifestJSON.write(try manifest.jsonData(), to: manifestPath)
        return manifest
    }

    /// Where the manifest of the trace at `path` goes: `path` with a final `.csv` replaced by
    /// `.manifest.json` (`out/x.csv` → `out/x.manifest.json`), or `.manifest.json` appended
    /// when `path` does not end in `.csv`.
    public static func manifestPath(forTrace path: String) -> String {
        let stem = path.lowercased().hasSuffix(".csv") ? String(path.dropLast(4)) : path
        return stem + ".manifest.json"
    }
}
