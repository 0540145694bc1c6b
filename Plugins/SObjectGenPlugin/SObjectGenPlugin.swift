import Foundation
import PackagePlugin

/// Runs `sobjectgen` on every build of a target whose folder holds object metadata
/// (`objects/<Object>.yaml`, usually through a relative symlink to the package's `Metadata/`).
/// Inputs are the metadata files; outputs are named from the file names alone, so SwiftPM reruns
/// the generator exactly when a metadata file changes, appears or goes. Every generated file is kept
/// between builds in the plugin's work folder (`Generated.all`, with its cache beside it), so that a
/// run makes again only what an edit reaches and rewrites only the outputs whose content changed.
///
/// A target with a `sobjectgen-plugin.json` (`PluginTargetObjects`) gets the models and resources of
/// the objects it names only, so that an org too large for one module is split over several targets;
/// the generator checks that every object its models point at is held by it or by a target it
/// depends on.
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
    var arguments = [
      "plugin-outputs", "--metadata", metadataFolder.path, "--output",
      context.pluginWorkDirectoryURL.appending(path: "Generated").path, "--generated",
      context.pluginWorkDirectoryURL.appending(path: "Generated.all").path,
    ]
    var splitFiles: [URL] = []
    if let file = Self.objectsFile(of: target) {
      // The module holds the objects the file names (the generator reads it and checks the split as
      // a whole); the outputs stay those of every object, since SwiftPM does not ask the plugin again
      // when the file's content changes.
      arguments += ["--target-name", target.name, "--objects-file", file.path]
      splitFiles.append(file)
      let dependencies = target.recursiveTargetDependencies
      for dependency in dependencies {
        guard let file = Self.objectsFile(of: dependency) else { continue }
        arguments += ["--dependency", "\(dependency.name)=\(file.path)"]
        splitFiles.append(file)
      }
      let reached = Set(dependencies.map(\.id) + [target.id])
      for other in context.package.targets where !reached.contains(other.id) {
        guard let file = Self.objectsFile(of: other) else { continue }
        arguments += ["--other", "\(other.name)=\(file.path)"]
        splitFiles.append(file)
      }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
    let outputs = GeneratedFileNames.pluginOutputs(objects: objects).map { output.appending(path: $0) }
    return [
      .buildCommand(
        displayName: "Generating models of \(objects.count) objects for \(target.name)",
        executable: try context.tool(named: "sobjectgen").url,
        arguments: arguments,
        inputFiles: Array(Set(metadataFiles + splitFiles)).sorted { $0.path < $1.path },
        outputFiles: outputs)
    ]
  }

  /// The target's `sobjectgen-plugin.json`, if it has one.
  static func objectsFile(of target: Target) -> URL? {
    guard let target = target as? SourceModuleTarget else { return nil }
    let file = target.directoryURL.appending(path: PluginTargetObjects.fileName)
    return FileManager.default.fileExists(atPath: file.path) ? file : nil
  }
}
