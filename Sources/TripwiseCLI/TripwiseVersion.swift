/// The version of the `tripwise` tool and the Tripwise package.
public enum TripwiseVersion {
    /// The semantic version, e.g. `"0.1.0"`; printed by `tripwise version`
    /// and `tripwise --version` as `tripwise 0.1.0`. The only place the version
    /// is written.
    public static let current = "0.1.0"
}
