import BreakerTraining
import Foundation
import TraceKit

/// Logistic-regression training: `LogisticRegression.fit` on a deterministic dense problem of
/// `--iterations` rows (1,000,000 by default) × 16 features, against DESIGN.md's target (≤ 0.35 ×
/// scikit-learn's lbfgs time at equal log-loss, ±1e-6 relative; `compare_sklearn.py` measures
/// scikit-learn on the identical data, written with `--file`).
///
/// The problem (seeded, the same on every run and machine up to the last bit of libm): latent
/// u ~ N(0, I₁₆); feature j = mean_j + scale_j · (u_j + 0.6·u_{j−1}) (neighbouring features
/// correlate; means from −20 to 25, scales from 0.01 to 100, so standardisation matters);
/// label ~ Bernoulli(σ(b + Σ_j β_j·(u_j + 0.6·u_{j−1}))) with fixed β and b (12.5 % positives).
///
/// One operation is one whole fit (standardisation included), with the library's defaults:
/// λ = 1e-4, tolerance 1e-8 on the gradient's infinity norm. After the untimed warm-up fit and
/// the timed runs, every fit must have converged and be bit-identical to the first, or the suite
/// fails. Reported: fit time (median, min, max), iterations, objective, gradient norm, the mean
/// log-loss of the fitted model on the training rows, and the weights.
struct TrainSuite: BenchmarkSuite {
    let name = "train"
    let summary = "LogisticRegression.fit (Newton, OpenBLAS) on a seeded 1000000 × 16 problem; --file writes it as .npy"
    let defaultIterations = 1_000_000
    var takesFile: Bool { true }

    static let fitRow = "LogisticRegression.fit"
    static let columns = 16
    /// DESIGN.md: at most this multiple of scikit-learn's lbfgs time (checked by compare_sklearn.py).
    static let targetRatioToScikitLearn = 0.35

    func run(_ harness: Harness) throws -> SuiteReport {
        let rows = harness.iterations
        harness.progress("generating \(rows) × \(Self.columns)")
        let (matrix, labels) = try Self.problem(rows: rows)
        let positives = labels.reduce(0, +)
        if let path = harness.file {
            harness.progress("writing \(path)")
            try Self.writeNumpy(path: path, matrix: matrix, labels: labels)
        }
        let options = LogisticRegressionOptions()

        let problem = Problem()
        let reference = Reference()
        let fitting = Benchmark.singleThreaded(Self.fitRow, check: { problem.text }) { _ in
            do {
                let fit = try LogisticRegression.fit(matrix, labels: labels, options: options)
                if !fit.converged {
                    problem.text = "did not converge: \(fit.iterations) iterations, gradient norm \(fit.gradientNorm)"
                }
                if let first = reference.fit {
                    if first != fit { problem.text = "two fits of the same data differ (not deterministic)" }
                } else {
                    reference.fit = fit
                }
                blackHole(fit)
            } catch {
                problem.text = "\(error)"
            }
        }
        var measuring = harness
        measuring.iterations = 1  // one operation = one whole fit
        let measurements = try measuring.measure([fitting])
        guard let fit = reference.fit, let measurement = measurements.first else {
            throw BenchmarkInvalid(benchmark: Self.fitRow, reason: "no fit ran")
        }
        let logLoss = Self.meanLogLoss(fit, matrix: matrix, labels: labels)
        let milliseconds = { (nanoseconds: Double) in (nanoseconds / 1e6).rounded(toPlaces: 2) }
        let result = SuiteReport.Result(measurement, baseline: nil)
        return SuiteReport(
            suite: name, runs: harness.runs, iterations: rows, results: [result], targets: [],
            notes: [
                "one operation = one fit of \(rows) × \(Self.columns) (standardisation included), "
                    + "λ = \(options.l2), tolerance \(options.tolerance) (gradient ∞-norm)",
                "fit time: median \(TextReport.format(milliseconds(measurement.median), places: 1)) ms "
                    + "(min \(TextReport.format(milliseconds(measurement.min), places: 1)), "
                    + "max \(TextReport.format(milliseconds(measurement.max), places: 1)))",
                "iterations \(fit.iterations), converged \(fit.converged), objective \(fit.objective), "
                    + "gradient norm \(fit.gradientNorm), mean log-loss \(logLoss), "
                    + "positives \(TextReport.format(100 * positives / Double(rows), places: 2)) %",
                "target (DESIGN.md): ≤ \(Self.targetRatioToScikitLearn) × scikit-learn lbfgs time at equal log-loss; "
                    + "measure with: python3 compare_sklearn.py /tmp/train.npy (runs this suite with --file, then scikit-learn)",
            ] + (harness.file.map { ["file: \($0) (.npy, float64, \(rows) × \(Self.columns + 1): features, then the label)"] } ?? []),
            details: [
                ("rows", .integer(rows)),
                ("columns", .integer(Self.columns)),
                ("positive_fraction", .number(positives / Double(rows))),
                ("l2", .number(options.l2)),
                ("tolerance", .number(options.tolerance)),
                ("fit_ms_median", .number(milliseconds(measurement.median))),
                ("fit_ms_min", .number(milliseconds(measurement.min))),
                ("fit_ms_max", .number(milliseconds(measurement.max))),
                ("fit_ms_runs", .array(measurement.nanosecondsPerOperation.map { .number(milliseconds($0)) })),
                ("iterations_newton", .integer(fit.iterations)),
                ("converged", .bool(fit.converged)),
                ("objective", .number(fit.objective)),
                ("gradient_norm", .number(fit.gradientNorm)),
                ("log_loss", .number(logLoss)),
                ("intercept", .number(fit.intercept)),
                ("weights", .array(fit.weights.map { .number($0) })),
                ("means", .array(fit.standardization.means.map { .number($0) })),
                ("scales", .array(fit.standardization.scales.map { .number($0) })),
            ] + (harness.file.map { [("file", JSONValue.string($0))] } ?? []))
    }

    /// The first fit, against which later fits are compared bit for bit.
    final class Reference {
        var fit: LogisticFit?
    }

    /// The mean (unweighted) log-loss of `fit` on the rows, computed stably from the log-odds.
    static func meanLogLoss(_ fit: LogisticFit, matrix: DesignMatrix, labels: [Double]) -> Double {
        var total = 0.0
        matrix.values.withUnsafeBufferPointer { values in
            for row in 0..<matrix.rows {
                let slice = UnsafeBufferPointer(rebasing: values[(row * matrix.columns)..<((row + 1) * matrix.columns)])
                let z = fit.logOdds(slice)
                total += max(z, 0) - labels[row] * z + log1p(exp(-abs(z)))
            }
        }
        return total / Double(matrix.rows)
    }
}

// MARK: - The problem

extension TrainSuite {
    static let trueWeights: [Double] = [1.0, -0.8, 0.6, -0.5, 0.4, -0.3, 0.25, -0.2,
                                        0.15, -0.1, 0.08, -0.05, 0.03, -0.02, 0.01, 0.0]
    static let trueIntercept = -2.2
    static let featureScales: [Double] = [0.01, 0.1, 1, 10, 100]

    /// The benchmark problem: the same values for the same `rows`, on every run.
    static func problem(rows: Int) throws -> (DesignMatrix, [Double]) {
        var random = TraceRandom(seed: 0x7EA1_2026)
        let d = columns
        var values = [Double](repeating: 0, count: rows * d)
        var labels = [Double](repeating: 0, count: rows)
        var latent = [Double](repeating: 0, count: d)
        for row in 0..<rows {
            for j in 0..<d { latent[j] = random.normal() }
            var logOdds = trueIntercept
            for j in 0..<d {
                let mixed = latent[j] + (j > 0 ? 0.6 * latent[j - 1] : 0)
                logOdds += trueWeights[j] * mixed
                values[row * d + j] = (3 * Double(j) - 20) + featureScales[j % featureScales.count] * mixed
            }
            let p = 1 / (1 + exp(-logOdds))
            labels[row] = random.uniform() < p ? 1 : 0
        }
        return (try DesignMatrix(rows: rows, columns: d, values: values), labels)
    }

    /// Writes the problem as a NumPy `.npy` file (format 1.0): float64, little-endian, C order,
    /// shape (rows, columns + 1), each row the features followed by the label (0 or 1).
    /// `numpy.load(path)` reads it.
    static func writeNumpy(path: String, matrix: DesignMatrix, labels: [Double]) throws {
        let width = matrix.columns + 1
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(matrix.rows), \(width)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchmarkInvalid(benchmark: fitRow, reason: "cannot create \(path)")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        let chunkRows = 65_536
        var chunk = [Double]()
        chunk.reserveCapacity(chunkRows * width)
        var start = 0
        while start < matrix.rows {
            let end = min(start + chunkRows, matrix.rows)
            chunk.removeAll(keepingCapacity: true)
            for row in start..<end {
                chunk.append(contentsOf: matrix.row(row))
                chunk.append(labels[row])
            }
            // x86-64 and arm64 are little-endian, as '<f8' says.
            try handle.write(contentsOf: chunk.withUnsafeBytes { Data($0) })
            start = end
        }
    }
}
