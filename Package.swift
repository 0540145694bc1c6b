// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "SObjectGen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sobjectgen", targets: ["sobjectgen"]),
    .library(name: "SObjectMetadata", targets: ["SObjectMetadata"]),
    .library(name: "SObjectGenCore", targets: ["SObjectGenCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
  ],
  targets: [
    // The metadata model, the YAML loader (positions kept) and the validator.
    .target(
      name: "SObjectMetadata",
      dependencies: [.product(name: "Yams", package: "Yams")]
    ),
    // The pipeline: load → validate → emit, each emitter a pure function of the model.
    .target(
      name: "SObjectGenCore",
      dependencies: ["SObjectMetadata"]
    ),
    // The command-line tool: the only place that writes files.
    .executableTarget(
      name: "sobjectgen",
      dependencies: [
        "SObjectGenCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "SObjectMetadataTests",
      dependencies: ["SObjectMetadata"]
    ),
    .testTarget(
      name: "SObjectGenCoreTests",
      // The CLI is a dependency so that it is built before the tests that run it.
      dependencies: ["SObjectGenCore", "sobjectgen"],
      // Metadata and expected SQL the SQL tests read from the source tree.
      exclude: ["SQL/Fixtures"]
    ),
  ]
)
