// swift-tools-version: 6.0
// A libFuzzer target over the loader and every emitter. Its own package, whose library targets are
// the main package's sources (Sources/ here links to them), so that no executable or plugin tool but
// the fuzz target is built with libFuzzer (which brings its own `main`). Build and run it with
// Tests/Fuzz/run.sh.
import PackageDescription

let package = Package(
  name: "SObjectGenFuzz",
  dependencies: [.package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2")],
  targets: [
    .target(name: "SObjectMetadata", dependencies: [.product(name: "Yams", package: "Yams")]),
    .target(name: "SObjectRuntime"),
    .target(name: "SObjectGenCore", dependencies: ["SObjectMetadata", "SObjectRuntime"]),
    .executableTarget(name: "FuzzMetadata", dependencies: ["SObjectGenCore", "SObjectMetadata"]),
  ]
)
