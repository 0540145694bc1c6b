// Shared by the plugins and the generator core through relative symlinks: the names of the files
// the build plugin declares before `sobjectgen` runs.

/// The files the build plugin puts into a module, named from the objects' API names alone (the
/// metadata's file names), so that the plugin declares its outputs without reading the metadata.
enum GeneratedFileNames {
  /// The folder of `Generated/` that holds the Swift models.
  static let swiftFolder = "swift"

  /// The Swift source of an object's model.
  static func swiftSource(forObject object: String) -> String { "\(object).swift" }

  /// The Swift source that gives a module access to its generated resources.
  static let resourceAccessorSource = "SObjectGenResources.swift"

  /// The resource that carries the generated files made from the whole model (describeGlobal, the
  /// SQL files): a JSON object from path, as under `Generated/`, to content.
  static let resourceArchive = "SObjectGenResources.json"

  /// The resource that carries an object's other generated files (describe JSON, layouts, JSON
  /// Schemas, reference page), in the form of `resourceArchive`. An archive per object, rather than a
  /// resource per file, because which files an emitter writes may depend on the metadata's content
  /// (describeLayout exists only for layoutable objects); per object, so that an edit rewrites (and
  /// the build copies again) only the archives of the objects it reaches.
  static func resourceArchive(forObject object: String) -> String { "SObjectGenResources.\(object).json" }

  /// Every file the plugin writes for objects with these API names, sorted.
  static func pluginOutputs(objects: [String]) -> [String] {
    (objects.map(swiftSource(forObject:)) + objects.map(resourceArchive(forObject:)) + [
      resourceAccessorSource, resourceArchive,
    ]).sorted()
  }

  /// Whether a generated file (a path as under `Generated/`) is Swift source to compile.
  static func isSwiftSource(_ path: String) -> Bool { path.hasPrefix(swiftFolder + "/") }
}
