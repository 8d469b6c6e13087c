import Foundation

/// The standard synthetic suite: `train.csv`, `validation.csv` and `test.csv`, plus
/// `manifest.json` describing every segment and incident.
///
/// Guarantees:
/// - **Every family in every split**: each split is a concatenation in time of one segment per
///   ``ScenarioFamily`` (in declaration order), each generated from its own seed.
/// - **Disjoint seeds**: segment seeds are `seed·1 000 000 + split·1 000 + family`, with split
///   1 (train), 2 (validation), 3 (test) and family 1…8, so no two segments share one.
/// - **Time-ordered splits**: train starts at ``epoch`` (2025-01-03T00:00:00Z, a Friday);
///   validation starts at the first midnight (UTC) after train ends and test at the first
///   midnight after validation ends, so test is later than validation, which is later than
///   train, with no overlap.
/// - **Sizes**: incident families last their default duration times the split's
///   ``Split/durationScale`` (1.5, 0.7, 1.1); the diurnal segment lasts 2, 1 and 1 days. At
///   scale 1 that is about 45 %, 23 % and 32 % of the rows (324 451 in all) and ~17.4 MB of CSV.
/// - **Deterministic**: the same `seed` and `scale` write the same bytes.
public struct StandardSuite: Sendable, Hashable {
    /// One of the three files of the suite.
    public enum Split: String, CaseIterable, Sendable, Hashable, Codable {
        /// The earliest split, for fitting.
        case train
        /// The middle split, for tuning thresholds and choosing models.
        case validation
        /// The latest split, for reporting only.
        case test

        /// `train.csv`, `validation.csv`, `test.csv`.
        public var fileName: String { rawValue + ".csv" }

        /// 1, 2, 3: the split's digit in segment seeds.
        public var number: UInt64 {
            switch self {
            case .train: 1
            case .validation: 2
            case .test: 3
            }
        }

        /// Factor on each incident family's ``ScenarioFamily/defaultDuration``: 1.5, 0.7, 1.1.
        public var durationScale: Double {
            switch self {
            case .train: 1.5
            case .validation: 0.7
            case .test: 1.1
            }
        }

        /// Days of the diurnal segment: 2, 1, 1.
        public var diurnalDays: Int { self == .train ? 2 : 1 }
    }

    /// 2025-01-03T00:00:00Z, a Friday: where the train split starts.
    public static let epoch: Double = 1_735_862_400

    /// Shifts every segment seed (0 gives the published suite).
    public var seed: UInt64
    /// Multiplies every segment's rate (1 gives the published suite; tests use less). The time
    /// layout does not depend on it.
    public var scale: Double

    /// A suite with the given seed and rate scale.
    public init(seed: UInt64 = 0, scale: Double = 1) {
        self.seed = seed
        self.scale = scale
    }

    /// The seed of `family`'s segment in `split`.
    public func segmentSeed(_ split: Split, _ family: ScenarioFamily) -> UInt64 {
        let familyNumber = UInt64(ScenarioFamily.allCases.firstIndex(of: family)!) + 1
        return seed &* 1_000_000 &+ split.number * 1_000 &+ familyNumber
    }

    /// The segments of `split`, in time order, each starting where the previous one ends.
    public func segments(of split: Split) -> [ScenarioSpec] {
        var start = Self.epoch
        for current in Split.allCases {
            let specs = ScenarioFamily.allCases.reduce(into: [ScenarioSpec]()) { specs, family in
                let duration = family == .diurnal
                    ? Double(current.diurnalDays) * 86_400
                    : (family.defaultDuration * current.durationScale).rounded()
                specs.append(ScenarioSpec(family: family, seed: segmentSeed(current, family),
                                          start: specs.last?.end ?? start, duration: duration,
                                          rate: family.defaultRate * scale))
            }
            if current == split { return specs }
            start = ((specs.last!.end / 86_400).rounded(.down) + 1) * 86_400
        }
        return []
    }

    /// Checks the scale and every segment spec.
    ///
    /// - Throws: ``ScenarioSpecError`` (field `suite` for a scale outside (0, 10]).
    public func validate() throws(ScenarioSpecError) {
        guard scale.isFinite, scale > 0, scale <= 10 else {
            throw ScenarioSpecError(.suite, "scale must be more than 0 and at most 10, not \(ScenarioSpec.format(scale))")
        }
        for split in Split.allCases {
            for spec in segments(of: split) { try spec.validate() }
        }
    }

    /// Writes the three CSV files and `manifest.json` into `directory` (created if needed),
    /// replacing files of those names.
    ///
    /// - Returns: the manifest written.
    /// - Throws: ``TraceError`` (`io`) when a file cannot be written, (`outOfRange`) when the
    ///   suite is invalid (see ``validate()``).
    @discardableResult
    public func write(to directory: String) throws(TraceError) -> SuiteManifest {
        do {
            try validate()
        } catch {
            throw TraceError(.outOfRange, file: directory, message: error.message)
        }
        var splits: [SuiteSplitManifest] = []
        for split in Split.allCases {
            let path = (directory as NSString).appendingPathComponent(split.fileName)
            let writer = try TraceWriter(path: path, optionalColumns: TraceGenerator.columns)
            var manifests: [IncidentManifest] = []
            for spec in segments(of: split) {
                let generated = TraceGenerator.generate(spec)
                try writer.append(contentsOf: generated.trace)
                manifests.append(generated.manifest(file: split.fileName))
            }
            try writer.finish()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            splits.append(SuiteSplitManifest(split: split, file: split.fileName, bytes: bytes, segments: manifests))
        }
        let manifest = SuiteManifest(seed: seed, scale: scale, columns: TraceColumn.allCases
            .filter { $0.isRequired || TraceGenerator.columns.contains($0) }.map(\.rawValue), splits: splits)
        let manifestPath = (directory as NSString).appendingPathComponent(SuiteManifest.fileName)
        try ManifestJSON.write(try ManifestJSON.encode(manifest, file: manifestPath), to: manifestPath)
        return manifest
    }

    /// Writes the published suite (seed 0, scale 1) into `directory`; see ``write(to:)``.
    @discardableResult
    public static func write(to directory: String) throws(TraceError) -> SuiteManifest {
        try StandardSuite().write(to: directory)
    }
}
