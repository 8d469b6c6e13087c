// swift-tools-version: 6.0
import PackageDescription

/// Tripwise's benchmarks, a package nested in the repository (as swift-collections does) so
/// the library's own manifest stays free of benchmark-only targets. It depends on the
/// enclosing package by path and links `BreakerCore` (the `core` suite), `TraceKit` (the
/// `ingest` suite) and `BreakerTraining` (the `train` suite).
///
///     cd Benchmarks && swift run -c release tripwise-bench core
let package = Package(
    name: "TripwiseBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Tripwise", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "tripwise-bench",
            dependencies: [
                .product(name: "BreakerCore", package: "Tripwise"),
                .product(name: "BreakerInference", package: "Tripwise"),
                .product(name: "TraceKit", package: "Tripwise"),
                .product(name: "BreakerTraining", package: "Tripwise"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
