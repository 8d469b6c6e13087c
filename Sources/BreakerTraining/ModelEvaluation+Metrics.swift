import BreakerInference

extension ModelEvaluation {
    /// The figures of `metrics`, as a model file stores them.
    public init(_ metrics: BinaryClassificationMetrics) {
        self.init(count: metrics.count, positives: metrics.positives, logLoss: metrics.logLoss,
                  brier: metrics.brierScore, rocAUC: metrics.rocAUC, prAUC: metrics.averagePrecision,
                  expectedCalibrationError: metrics.expectedCalibrationError,
                  calibration: metrics.calibration.map {
                      ModelCalibrationBin(lower: $0.lowerBound, upper: $0.upperBound, count: $0.count,
                                          meanPredicted: $0.meanPredicted, observedRate: $0.observedRate)
                  })
    }
}
