// swift-tools-version: 6.0
// A libFuzzer target over the loader and every emitter, built apart from the main package so that
// its sanitizer flags reach no other build. Build and run it with Tests/Fuzz/run.sh.
import PackageDescription

let package = Package(
  name: "SObjectGenFuzz",
  dependencies: [.package(name: "SObjectGen", path: "../..")],
  targets: [
    .executableTarget(
      name: "FuzzMetadata",
      dependencies: [
        .product(name: "SObjectGenCore", package: "SObjectGen"),
        .product(name: "SObjectMetadata", package: "SObjectGen"),
      ]
    )
  ]
)
