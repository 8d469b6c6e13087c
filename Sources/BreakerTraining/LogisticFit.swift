/// A trained binary logistic-regression model and how its training ended.
///
/// The model is p(y = 1 | x) = σ(z·weights + intercept) with z = `standardization` applied to
/// the raw feature row x. Produced by ``LogisticRegression/fit(_:labels:options:progress:)``;
/// `Codable` for model files (the field names are the JSON keys).
public struct LogisticFit: Sendable, Hashable, Codable {
    /// One weight per feature, on the standardised features.
    public var weights: [Double]
    /// The intercept (unpenalised), on the standardised features.
    public var intercept: Double
    /// The standardisation fitted on the training rows; applied to raw rows before the weights.
    public var standardization: Standardization
    /// Newton steps taken (accepted line-search steps).
    public var iterations: Int
    /// Whether the gradient's infinity norm reached the tolerance. When `false` the model is the
    /// last iterate, whose objective is the lowest seen (the line search only accepts
    /// decreases): training hit `maxIterations` or could not decrease the objective further
    /// in floating point.
    public var converged: Bool
    /// The objective at the returned weights: (1/W)·Σ w_i·logloss_i + (λ/2)·‖weights‖²
    /// (accurate to ~1e-16 relative; see ``LogisticRegression/fit(_:labels:options:progress:)``).
    public var objective: Double
    /// The infinity norm of the objective's gradient (weights and intercept) at the returned
    /// weights.
    public var gradientNorm: Double

    /// Creates a fit from its parts (as decoded from a model file).
    public init(weights: [Double], intercept: Double, standardization: Standardization, iterations: Int,
                converged: Bool, objective: Double, gradientNorm: Double) {
        self.weights = weights
        self.intercept = intercept
        self.standardization = standardization
        self.iterations = iterations
        self.converged = converged
        self.objective = objective
        self.gradientNorm = gradientNorm
    }

    /// The linear predictor z·weights + intercept (the log-odds) of a raw feature row.
    ///
    /// - Precondition: `raw.count == weights.count` (traps otherwise).
    public func logOdds(_ raw: [Double]) -> Double {
        raw.withUnsafeBufferPointer { logOdds($0) }
    }

    /// ``logOdds(_:)-([Double])`` without allocating, for a row in a larger buffer.
    ///
    /// - Precondition: `raw.count == weights.count` (traps otherwise).
    public func logOdds(_ raw: UnsafeBufferPointer<Double>) -> Double {
        precondition(raw.count == weights.count && standardization.columns == weights.count,
                     "LogisticFit: row has \(raw.count) values, the model has \(weights.count) weights")
        var sum = intercept
        for j in 0..<weights.count {
            sum += (raw[j] - standardization.means[j]) * (1 / standardization.scales[j]) * weights[j]
        }
        return sum
    }

    /// p(y = 1) for a raw (unstandardised) feature row, in [0, 1], computed without overflow for
    /// any finite log-odds.
    ///
    /// - Precondition: `raw.count == weights.count` (traps otherwise).
    public func probability(_ raw: [Double]) -> Double {
        LogisticMath.sigmoid(logOdds(raw))
    }

    /// ``probability(_:)-([Double])`` without allocating, for a row in a larger buffer.
    public func probability(_ raw: UnsafeBufferPointer<Double>) -> Double {
        LogisticMath.sigmoid(logOdds(raw))
    }

    /// The same model on raw features: p = σ(x·weights' + intercept') with
    /// weights'_j = weights_j / scale_j and intercept' = intercept − Σ_j means_j · weights'_j,
    /// for consumers that do not standardise (e.g. a served policy). Equal to ``logOdds(_:)``
    /// up to rounding, which grows with |mean / scale| of the columns.
    public func unstandardized() -> (weights: [Double], intercept: Double) {
        var raw = [Double](repeating: 0, count: weights.count)
        var shift = intercept
        for j in weights.indices {
            raw[j] = weights[j] * (1 / standardization.scales[j])
            shift -= standardization.means[j] * raw[j]
        }
        return (raw, shift)
    }
}
