import COpenBLAS
import Dispatch
import Foundation

/// The three passes over the rows that one Newton iteration makes, and the memory they use.
///
/// Rows are cut into blocks of ``blockRows`` (a block's scratch stays in the L2 cache) and the
/// blocks into at most ``maximumShards`` contiguous shards. The shards run concurrently
/// (`DispatchQueue.concurrentPerform`); each writes only its own rows and its own scratch and
/// partial sums, and the driver adds the partials in shard order. The shards depend only on the
/// row count, every BLAS call runs single-threaded on a buffer of ours, and every sum has a
/// fixed order, so the result is bit-identical however many cores run the shards.
///
/// Features are standardised on the fly, block by block, into the scratch buffer, with the
/// exact expression of ``Standardization`` (no standardised copy of the matrix is made):
///
/// - derivatives (``accumulateDerivatives(shard:)``): per row p = σ(η), residual w·(p − y) and
///   curvature c = w·p·(1 − p); `cblas_dgemv` adds Zᵀ·residual to the gradient and
///   `cblas_dsyrk` adds [√c·Z, √c]ᵀ·[√c·Z, √c] to the (d+1)×(d+1) Hessian (its last
///   row/column is the intercept's); it also keeps π = the probability of the wrong label;
/// - direction (``applyDirection(shard:)``): ζ = Z·Δβ + Δb by `cblas_dgemv`;
/// - trial (``evaluateTrial(shard:step:)``): η' = η + t·ζ and Σ w·(ℓ(η') − ℓ(η)), each row's
///   change computed directly as log1p(π·expm1(±t·ζ)) (``LogisticMath/lossChange``), so the
///   line search sees objective changes accurate relative to their own size — down to
///   gradients near 1e-15, far below where differences of two summed objectives drown in
///   rounding.
///
/// Why `@unchecked Sendable` is sound: the struct holds raw pointers, which Swift cannot check.
/// They point at buffers the fit owns for its whole duration; `concurrentPerform` hands each
/// shard a disjoint row range and that shard's own scratch and partial sums, the shared inputs
/// (x, labels, means, inverse scales) are only read while the shards run, and the driver reads
/// the partials only after `concurrentPerform` has returned (which orders every shard's writes
/// before it). No memory is written by two shards, or read while another shard writes it.
struct LogisticPasses: @unchecked Sendable {
    /// Rows per block.
    static let blockRows = 1024
    /// Upper bound on shards (they are work units, not threads).
    static let maximumShards = 16

    let rows: Int
    let columns: Int
    /// d + 1: the features and the intercept.
    var size: Int { columns + 1 }
    let x: UnsafePointer<Double>
    let labels: UnsafePointer<Double>
    let means: UnsafeMutablePointer<Double>
    let inverseScales: UnsafeMutablePointer<Double>
    let negativeWeight: Double
    let positiveWeight: Double
    /// Row ranges, in order; a function of `rows` alone.
    let shards: [Range<Int>]

    /// Current log-odds η, and η at the last trial point.
    var eta: UnsafeMutablePointer<Double>
    var trialEta: UnsafeMutablePointer<Double>
    /// π = σ(±η): the probability the current model gives each row's wrong label (written by
    /// the derivative pass, read by the trial pass).
    let wrongProbability: UnsafeMutablePointer<Double>
    /// ζ = Z·Δβ + Δb for the current direction.
    let zeta: UnsafeMutablePointer<Double>
    /// The direction (Δβ, Δb), `size` values.
    let direction: UnsafeMutablePointer<Double>

    /// Per-shard scratch and partial results.
    let standardized: UnsafeMutablePointer<Double>   // shards × blockRows × columns
    let scaled: UnsafeMutablePointer<Double>         // shards × blockRows × size
    let residuals: UnsafeMutablePointer<Double>      // shards × blockRows
    let hessianPartials: UnsafeMutablePointer<Double>  // shards × size × size (upper, row-major)
    let gradientPartials: UnsafeMutablePointer<Double> // shards × size
    let sumPartials: UnsafeMutablePointer<Double>      // shards

    /// The shards for `rows` rows: whole blocks, split as evenly as blocks allow.
    static func shards(rows: Int) -> [Range<Int>] {
        let blocks = (rows + blockRows - 1) / blockRows
        let count = max(1, min(maximumShards, blocks))
        return (0..<count).map { shard in
            let first = shard * blocks / count
            let last = (shard + 1) * blocks / count
            return min(first * blockRows, rows)..<min(last * blockRows, rows)
        }
    }

    // MARK: Derivatives

    /// Adds shard `shard`'s rows to its partial gradient (Zᵀ·w(p−y), then Σ w(p−y) for the
    /// intercept) and partial Hessian (upper triangle), both unnormalised.
    func accumulateDerivatives(shard: Int) {
        let m = size
        let d = columns
        let block = Self.blockRows
        let hessian = hessianPartials + shard * m * m
        let gradient = gradientPartials + shard * m
        hessian.update(repeating: 0, count: m * m)
        gradient.update(repeating: 0, count: m)
        let z = standardized + shard * block * d
        let s = scaled + shard * block * m
        let r = residuals + shard * block
        var interceptSum = 0.0
        var start = shards[shard].lowerBound
        let end = shards[shard].upperBound
        while start < end {
            let count = min(block, end - start)
            var blockSum = 0.0
            for i in 0..<count {
                let row = start + i
                let logOdds = eta[row]
                let e = exp(-abs(logOdds))
                let large = 1 / (1 + e)  // σ(|η|)
                let small = e * large     // σ(−|η|) = 1 − σ(|η|)
                let positive = labels[row] == 1
                let weight = positive ? positiveWeight : negativeWeight
                // π = p for label 0, 1 − p for label 1, each without cancellation.
                let wrong = (logOdds >= 0) != positive ? large : small
                wrongProbability[row] = wrong
                let residual = weight * (positive ? -wrong : wrong)  // w·(p − y)
                r[i] = residual
                blockSum += residual
                let root = (weight * large * small).squareRoot()
                let source = x + row * d
                let target = z + i * d
                let scaledRow = s + i * m
                for j in 0..<d {
                    let value = (source[j] - means[j]) * inverseScales[j]
                    target[j] = value
                    scaledRow[j] = root * value
                }
                scaledRow[d] = root
            }
            interceptSum += blockSum
            if d > 0 {
                cblas_dgemv(CblasRowMajor, CblasTrans, blasint(count), blasint(d), 1, z, blasint(d),
                            r, 1, 1, gradient, 1)
            }
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, blasint(m), blasint(count), 1, s, blasint(m),
                        1, hessian, blasint(m))
            start += count
        }
        gradient[d] = interceptSum
    }

    // MARK: Direction

    /// Writes ζ = Z·Δβ + Δb for shard `shard`'s rows, from ``direction``.
    func applyDirection(shard: Int) {
        let d = columns
        let block = Self.blockRows
        let z = standardized + shard * block * d
        let interceptStep = direction[d]
        var start = shards[shard].lowerBound
        let end = shards[shard].upperBound
        while start < end {
            let count = min(block, end - start)
            (zeta + start).update(repeating: interceptStep, count: count)
            if d > 0 {
                for i in 0..<count {
                    let source = x + (start + i) * d
                    let target = z + i * d
                    for j in 0..<d {
                        target[j] = (source[j] - means[j]) * inverseScales[j]
                    }
                }
                cblas_dgemv(CblasRowMajor, CblasNoTrans, blasint(count), blasint(d), 1, z, blasint(d),
                            direction, 1, 1, zeta + start, 1)
            }
            start += count
        }
    }

    // MARK: Trial point

    /// For shard `shard`'s rows: η' = η + step·ζ into ``trialEta`` and the partial sum
    /// Σ w·(ℓ(η') − ℓ(η)) into ``sumPartials``.
    func evaluateTrial(shard: Int, step: Double) {
        var change = 0.0
        var start = shards[shard].lowerBound
        let end = shards[shard].upperBound
        while start < end {
            let count = min(Self.blockRows, end - start)
            var blockChange = 0.0
            for row in start..<(start + count) {
                let move = step * zeta[row]
                let logOdds = eta[row]
                trialEta[row] = logOdds + move
                let positive = labels[row] == 1
                let rowChange = LogisticMath.lossChange(
                    wrongProbability: wrongProbability[row], signedStep: positive ? -move : move,
                    signedLogOdds: positive ? -logOdds : logOdds)
                blockChange += (positive ? positiveWeight : negativeWeight) * rowChange
            }
            change += blockChange
            start += count
        }
        sumPartials[shard] = change
    }

    /// Makes the last trial point the current one (swaps the arrays; nothing is copied).
    mutating func acceptTrial() {
        swap(&eta, &trialEta)
    }

    /// Runs `work(shard)` for every shard, concurrently when there are several.
    func forEachShard(_ work: @Sendable (Int) -> Void) {
        if shards.count == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: shards.count, execute: work)
        }
    }
}

/// Owns the memory behind a ``LogisticPasses`` for the duration of one fit.
final class LogisticWorkspace {
    private(set) var passes: LogisticPasses
    private var allocations: [UnsafeMutableRawPointer] = []

    /// Allocates every per-row array and every shard's scratch (64-byte aligned, so BLAS sees
    /// the same alignment on every run). `x` and `labels` must stay valid while it is used;
    /// `x` may be nil only when there are no columns (it is then never read).
    init(x: UnsafePointer<Double>?, labels: UnsafePointer<Double>, rows: Int, columns: Int,
         standardization: Standardization, classWeights: LogisticRegressionOptions.ClassWeights) {
        var allocations: [UnsafeMutableRawPointer] = []
        func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride,
                                                       alignment: 64)
            allocations.append(raw)
            return raw.bindMemory(to: Double.self, capacity: max(count, 1))
        }
        let shards = LogisticPasses.shards(rows: rows)
        let size = columns + 1
        let block = LogisticPasses.blockRows
        let means = allocate(columns)
        let inverseScales = allocate(columns)
        let inverse = standardization.inverseScales
        for j in 0..<columns {
            means[j] = standardization.means[j]
            inverseScales[j] = inverse[j]
        }
        let features = x ?? UnsafePointer(allocate(1))
        let direction = allocate(size)
        direction.update(repeating: 0, count: size)
        passes = LogisticPasses(
            rows: rows, columns: columns, x: features, labels: labels, means: means, inverseScales: inverseScales,
            negativeWeight: classWeights.negative, positiveWeight: classWeights.positive, shards: shards,
            eta: allocate(rows), trialEta: allocate(rows), wrongProbability: allocate(rows),
            zeta: allocate(rows), direction: direction,
            standardized: allocate(shards.count * block * columns),
            scaled: allocate(shards.count * block * size),
            residuals: allocate(shards.count * block),
            hessianPartials: allocate(shards.count * size * size),
            gradientPartials: allocate(shards.count * size),
            sumPartials: allocate(shards.count))
        self.allocations = allocations
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Makes the last trial point the current one.
    func acceptTrial() {
        passes.acceptTrial()
    }
}
