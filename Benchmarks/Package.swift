// swift-tools-version: 6.0
import PackageDescription

// The benchmark's own package, apart from SObjectGen's so that the generator's users never fetch
// the peer: an in-process Yams parse of the metadata files (the floor `generate` is measured
// against) and swift-openapi-generator, the peer, built from its release. Run `Benchmarks/run.sh`.
let package = Package(
  name: "SObjectGenBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3"),
  ],
  targets: [
    // Parses every objects/*.yaml of a metadata folder into Yams nodes, on every core, as sobjectgen's
    // loader does, and nothing else.
    .executableTarget(
      name: "yams-parse",
      dependencies: [.product(name: "Yams", package: "Yams")]
    )
  ]
)
