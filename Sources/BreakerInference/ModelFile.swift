import Foundation

/// A model file of any kind this build reads, chosen by its `kind` field — what `tripwise bench`
/// and `evaluate` accept as `model:PATH`.
public enum ModelFile: Sendable, Hashable {
    /// `kind: "logistic"`.
    case logistic(LogisticModelFile)
    /// `kind: "bandit"`.
    case bandit(BanditModelFile)
    /// `kind: "qtable"`.
    case qtable(QTableModelFile)

    /// The kinds this build reads.
    public static let kinds = [LogisticModelFile.logisticKind, BanditModelFile.banditKind, QTableModelFile.qtableKind]

    /// Reads the file at `path`, dispatching on `kind`; errors as for each kind (an unknown kind
    /// is `unknownKind`, listing the kinds this build reads).
    public static func load(path: String) throws(ModelFileError) -> ModelFile {
        let data = try ModelDocumentIO.read(path: path)
        let (_, kind) = try ModelDocumentIO.parse(data, source: path, kinds: kinds)
        switch kind {
        case BanditModelFile.banditKind: return .bandit(try BanditModelFile.decode(data, source: path))
        case QTableModelFile.qtableKind: return .qtable(try QTableModelFile.decode(data, source: path))
        default: return .logistic(try LogisticModelFile.decode(data, source: path))
        }
    }

    /// The model's feature set.
    public var featureSet: FeatureSet {
        switch self {
        case .logistic(let file): file.featureSet
        case .bandit(let file): file.featureSet
        case .qtable(let file): file.featureSet
        }
    }
}
