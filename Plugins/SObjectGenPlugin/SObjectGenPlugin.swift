import Foundation
import PackagePlugin

/// Runs `sobjectgen` on every build of a target whose folder holds object metadata
/// (`objects/<Object>.yaml`, usually through a relative symlink to the package's `Metadata/`).
/// Inputs are the metadata files; outputs are named from the file names alone, so SwiftPM reruns
/// the generator exactly when a metadata file changes, appears or goes. Every generated file is kept
/// between builds in the plugin's work folder (`Generated.all`, with its cache beside it), so that a
/// run makes again only what an edit reaches and rewrites only the outputs whose content changed.
@main
struct SObjectGenPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let sourceTarget = target as? SourceModuleTarget else { return [] }
    let metadataFiles = sourceTarget.sourceFiles.map(\.url)
      .filter { ["yaml", "yml", "json"].contains($0.pathExtension) }
      .sorted { $0.path < $1.path }
    let objectFiles = metadataFiles.filter {
      $0.deletingLastPathComponent().lastPathComponent == "objects" && $0.pathExtension != "json"
    }
    guard let metadataFolder = objectFiles.first?.deletingLastPathComponent().deletingLastPathComponent() else {
      Diagnostics.error(
        "SObjectGenPlugin: target '\(target.name)' holds no objects/<Object>.yaml; link your metadata folder into it (ln -s ../../Metadata Sources/\(target.name)/Metadata)"
      )
      return []
    }
    let objects = objectFiles.map { $0.deletingPathExtension().lastPathComponent }
    let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
    let generated = context.pluginWorkDirectoryURL.appending(path: "Generated.all")
    let outputs = GeneratedFileNames.pluginOutputs(objects: objects).map { output.appending(path: $0) }
    return [
      .buildCommand(
        displayName: "Generating models of \(objects.count) objects for \(target.name)",
        executable: try context.tool(named: "sobjectgen").url,
        arguments: [
          "plugin-outputs", "--metadata", metadataFolder.path, "--output", output.path, "--generated", generated.path,
        ],
        inputFiles: metadataFiles,
        outputFiles: outputs)
    ]
  }
}
