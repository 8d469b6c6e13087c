/// One synthetic region: its share of the calls (each call carries a `region`) and a latency
/// factor applied to every call made there.
public struct RegionProfile: Sendable, Hashable, Codable {
    /// The `region` column value, e.g. `us-east`.
    public var name: String
    /// Relative weight of this region in the traffic (normalised over all regions).
    public var share: Double
    /// Multiplies every latency of calls in this region (1 = none).
    public var latencyFactor: Double

    /// Creates a profile.
    public init(name: String, share: Double, latencyFactor: Double = 1) {
        self.name = name
        self.share = share
        self.latencyFactor = latencyFactor
    }

    /// The three standard regions: `us-east` (45 % of calls), `eu-west` (35 %, latency ×1.1),
    /// `ap-south` (20 %, latency ×1.25).
    public static let standard: [RegionProfile] = [
        RegionProfile(name: "us-east", share: 0.45, latencyFactor: 1.0),
        RegionProfile(name: "eu-west", share: 0.35, latencyFactor: 1.1),
        RegionProfile(name: "ap-south", share: 0.20, latencyFactor: 1.25),
    ]
}
