/// A fixed-size feature vector stored inline (no allocation): up to 16 values in a
/// `SIMD16<Double>`, so extracting features on every call costs no heap traffic.
public struct FeatureVector: Sendable, Hashable {
    /// The most features a vector holds.
    public static let capacity = 16
    /// The values; lanes at and beyond ``count`` are zero.
    public var storage = SIMD16<Double>()
    /// The number of features.
    public let count: Int

    /// A zero vector of `count` features (at most ``capacity``).
    public init(count: Int) {
        precondition(count <= Self.capacity, "at most \(Self.capacity) features")
        self.count = count
    }

    /// Feature `index`.
    @inlinable
    public subscript(index: Int) -> Double {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The values as an array (allocates; for training and tests).
    public var array: [Double] { (0..<count).map { storage[$0] } }
}
