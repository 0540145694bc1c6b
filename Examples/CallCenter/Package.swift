// swift-tools-version: 6.1
// An app package that generates its own models from its own metadata with SObjectGenPlugin.
import PackageDescription

let package = Package(
  name: "CallCenter",
  platforms: [.macOS(.v13)],
  dependencies: [
    // In your package: .package(url: "https://github.com/<owner>/SObjectGen.git", from: "…", traits: [])
    .package(name: "SObjectGen", path: "../..", traits: [])
  ],
  targets: [
    // Sources/CallCenterModels/Metadata is a relative symlink to this package's Metadata/.
    .target(
      name: "CallCenterModels",
      dependencies: [.product(name: "SObjectRuntime", package: "SObjectGen")],
      plugins: [.plugin(name: "SObjectGenPlugin", package: "SObjectGen")]
    ),
    .executableTarget(name: "CallCenter", dependencies: ["CallCenterModels"]),
  ]
)
