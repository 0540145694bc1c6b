// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "SObjectGen",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sobjectgen", targets: ["sobjectgen"]),
    .library(name: "SObjectMetadata", targets: ["SObjectMetadata"]),
    .library(name: "SObjectGenCore", targets: ["SObjectGenCore"]),
    .library(name: "SObjectRuntime", targets: ["SObjectRuntime"]),
    .library(name: "SObjectModels", targets: ["SObjectModels"]),
    .library(name: "SObjectQuery", targets: ["SObjectQuery"]),
    .library(name: "SObjectServer", targets: ["SObjectServer"]),
    .executable(name: "sobjectgen-server", targets: ["sobjectgen-server"]),
    .plugin(name: "SObjectGenPlugin", targets: ["SObjectGenPlugin"]),
    .plugin(name: "SObjectGenCommandPlugin", targets: ["SObjectGenCommandPlugin"]),
  ],
  // The local server's packages are used only under this trait, on by default. A package that applies the
  // plugin depends on this one with `traits: []`: it then resolves Yams and ArgumentParser and nothing else.
  traits: [
    .trait(name: "Server", description: "The local server (SObjectServer, sobjectgen-server) and its packages."),
    .default(enabledTraits: ["Server"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    // The local server only (SObjectServer, sobjectgen-server), under the Server trait: never a
    // dependency of the generator or its plugin, which consumer packages build.
    .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
    .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
    .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
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
      dependencies: ["SObjectMetadata", "SObjectRuntime"]
    ),
    // The SOQL and SOSL engine: parse (positions kept) → resolve against the model → a plan per
    // dialect of parameterised SQL → Salesforce-shaped JSON. No server or database packages.
    .target(
      name: "SObjectQuery",
      dependencies: ["SObjectMetadata", "SObjectGenCore"]
    ),
    // What generated Swift models need at run time: typed IDs, datetime coding, picklists, validation.
    .target(name: "SObjectRuntime"),
    // The models of Metadata/, generated on every build by SObjectGenPlugin. `Metadata` in its folder
    // is a relative symlink to the top-level Metadata/, so that SwiftPM sees new metadata files.
    .target(
      name: "SObjectModels",
      dependencies: ["SObjectRuntime"],
      plugins: ["SObjectGenPlugin"]
    ),
    .plugin(
      name: "SObjectGenPlugin",
      capability: .buildTool(),
      dependencies: ["sobjectgen"]
    ),
    .plugin(
      name: "SObjectGenCommandPlugin",
      capability: .command(
        intent: .custom(
          verb: "sobjectgen-generate", description: "Writes every output into Generated/ from Metadata/."),
        permissions: [.writeToPackageDirectory(reason: "sobjectgen writes its outputs into Generated/.")]
      ),
      dependencies: ["sobjectgen"]
    ),
    // The command-line tool: the only place that writes files.
    .executableTarget(
      name: "sobjectgen",
      dependencies: [
        "SObjectGenCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The local Salesforce-compatible REST server: a pure core (request → validated write → storage →
    // response) under a thin Hummingbird layer; storage on SQLite or PostgreSQL.
    .target(
      name: "SObjectServer",
      dependencies: [
        "SObjectGenCore", "SObjectMetadata", "SObjectRuntime", "SObjectQuery",
        .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Server"])),
        .product(name: "GRDB", package: "GRDB.swift", condition: .when(traits: ["Server"])),
        .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["Server"])),
      ]
    ),
    .executableTarget(
      name: "sobjectgen-server",
      dependencies: [
        "SObjectServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What several test targets share: running python-jsonschema, the real validator.
    .target(
      name: "SObjectGenTestSupport",
      dependencies: ["SObjectMetadata", "SObjectGenCore"],
      path: "Tests/SObjectGenTestSupport"
    ),
    .testTarget(
      name: "SObjectMetadataTests",
      dependencies: ["SObjectMetadata", "SObjectGenTestSupport"]
    ),
    // `swift run -c release soql-benchmark`: the SOQL engine's statements on a large SQLite table.
    .executableTarget(
      name: "soql-benchmark",
      dependencies: ["SObjectQuery", "SObjectGenTestSupport"],
      path: "Benchmarks/SOQLBenchmark"
    ),
    .testTarget(
      name: "SObjectQueryTests",
      dependencies: ["SObjectQuery", "SObjectGenTestSupport"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "SObjectModelsTests",
      dependencies: ["SObjectModels", "SObjectGenTestSupport"]
    ),
    .testTarget(
      name: "SObjectGenCoreTests",
      // The CLI is a dependency so that it is built before the tests that run it; SObjectModels is
      // the Swift judge of the conformance table (Conformance/).
      dependencies: [
        "SObjectGenCore", "sobjectgen", "SObjectGenTestSupport", "SObjectModels",
        .product(name: "Yams", package: "Yams"),
      ],
      // Test metadata and reviewed golden files, read from the source tree by path.
      exclude: ["Describe/Fixtures", "Describe/Golden", "SQL/Fixtures", "Hostile/Valid", "Hostile/make-corpus.py"]
    ),
    .testTarget(
      name: "SObjectServerTests",
      dependencies: [
        // The executable is a dependency so that it is built before the tests that run it.
        "SObjectServer", "SObjectModels", "SObjectGenTestSupport", "sobjectgen-server",
        .product(name: "HummingbirdTesting", package: "hummingbird", condition: .when(traits: ["Server"])),
      ],
      exclude: ["Clients"]
    ),
  ]
)
