// swift-tools-version: 6.0
import PackageDescription

/// Tripwise: learned circuit breakers. Module layout and dependencies follow
/// `DESIGN.md` (shared/DESIGN.md): a service links `BreakerCore` and
/// `BreakerInference` only, never BLAS.
let package = Package(
    name: "Tripwise",
    products: [
        .library(name: "BreakerCore", targets: ["BreakerCore"]),
        .library(name: "BreakerInference", targets: ["BreakerInference"]),
        .library(name: "TraceKit", targets: ["TraceKit"]),
        .library(name: "BreakerTraining", targets: ["BreakerTraining"]),
        .library(name: "BreakerLab", targets: ["BreakerLab"]),
        .executable(name: "tripwise", targets: ["tripwise"]),
    ],
    targets: [
        .target(name: "BreakerCore"),
        .target(name: "BreakerInference", dependencies: ["BreakerCore"]),
        .target(name: "TraceKit"),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "pkg-config"])]
        ),
        .target(name: "BreakerTraining", dependencies: ["BreakerInference", "TraceKit", "COpenBLAS"]),
        .target(name: "BreakerLab", dependencies: ["BreakerCore", "BreakerInference", "TraceKit", "BreakerTraining"]),
        .target(name: "TripwiseCLI", dependencies: ["BreakerCore", "BreakerInference", "TraceKit", "BreakerTraining", "BreakerLab"]),
        .executableTarget(name: "tripwise", dependencies: ["TripwiseCLI"]),

        .testTarget(name: "BreakerCoreTests", dependencies: ["BreakerCore"]),
        .testTarget(name: "BreakerInferenceTests", dependencies: ["BreakerInference"]),
        .testTarget(name: "TraceKitTests", dependencies: ["TraceKit"]),
        .testTarget(name: "BreakerTrainingTests", dependencies: ["BreakerTraining"]),
        .testTarget(name: "BreakerLabTests", dependencies: ["BreakerLab", "BreakerCore"]),
        .testTarget(name: "TripwiseCLITests", dependencies: ["TripwiseCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
