/// How a model scored on one split (training or validation), as plain numbers: what a model
/// card quotes and what a service can log at load time.
///
/// ``LogisticModelFile/validate(source:)`` enforces: `count` ≥ 0, `positives` in 0…`count`,
/// `logLoss` finite and ≥ 0, `brier`, `expectedCalibrationError`, `rocAUC` and `prAUC` (when
/// present) finite and in [0, 1], and every calibration bin valid.
public struct ModelEvaluation: Sendable, Hashable, Codable {
    /// Rows evaluated.
    public var count: Int
    /// Rows labelled 1.
    public var positives: Int
    /// Mean negative log-likelihood (natural log; lower is better).
    public var logLoss: Double
    /// Mean squared error of the probabilities (the Brier score; lower is better).
    public var brier: Double
    /// Area under the ROC curve; nil when one class is absent.
    public var rocAUC: Double?
    /// Area under the precision–recall curve (average precision); nil when one class is absent.
    public var prAUC: Double?
    /// Expected calibration error over ``calibration``: Σ (bin weight share) · |observed − predicted|.
    public var expectedCalibrationError: Double
    /// The reliability table.
    public var calibration: [ModelCalibrationBin]

    /// Creates an evaluation from its figures verbatim (no checks).
    public init(count: Int, positives: Int, logLoss: Double, brier: Double, rocAUC: Double?, prAUC: Double?,
                expectedCalibrationError: Double, calibration: [ModelCalibrationBin]) {
        self.count = count
        self.positives = positives
        self.logLoss = logLoss
        self.brier = brier
        self.rocAUC = rocAUC
        self.prAUC = prAUC
        self.expectedCalibrationError = expectedCalibrationError
        self.calibration = calibration
    }
}
