import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory sobjectgen-generate [--check]`: writes every
/// output into the package's `Generated/` from its `Metadata/`, as `sobjectgen generate` does.
@main
struct SObjectGenCommandPlugin: CommandPlugin {
  func performCommand(context: PluginContext, arguments: [String]) throws {
    let package = context.package.directoryURL
    let process = Process()
    process.executableURL = try context.tool(named: "sobjectgen").url
    process.currentDirectoryURL = package
    process.arguments =
      [
        "generate", "--metadata", package.appending(path: "Metadata").path, "--output",
        package.appending(path: "Generated").path,
      ]
      + arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      Diagnostics.error("sobjectgen generate failed (exit \(process.terminationStatus))")
      throw CommandFailure()
    }
  }

  struct CommandFailure: Error {}
}
