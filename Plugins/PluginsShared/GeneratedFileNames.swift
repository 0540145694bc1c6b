// Shared by the plugins and the generator core through relative symlinks: the names of the files
// `sobjectgen` generates, which the build plugin must declare before it runs.

/// The files `sobjectgen generate` writes, named from the objects' API names alone (so that the
/// build plugin can declare its outputs without reading the metadata), and the flat names under
/// which the build plugin puts the non-Swift ones into a module's resources.
enum GeneratedFileNames {
  /// Per object, relative to the output folder; `{object}` stands for the object's API name.
  static let perObject = [
    "reference/{object}.md",
    "swift/{object}.swift",
  ]

  /// Once for the whole metadata.
  static let shared: [String] = []

  /// Every file for objects with these API names, sorted.
  static func all(objects: [String]) -> [String] {
    (objects.flatMap { object in perObject.map { $0.replacingOccurrences(of: "{object}", with: object) } } + shared)
      .sorted()
  }

  /// The Swift sources of a module built by the plugin: one per object.
  static func swiftSource(forObject object: String) -> String { "\(object).swift" }

  /// The Swift source that gives a module access to its generated resources.
  static let resourceAccessorSource = "SObjectGenResources.swift"

  /// Whether a generated file is Swift source (compiled) rather than a resource.
  static func isSwiftSource(_ path: String) -> Bool { path.hasPrefix("swift/") }

  /// A generated file's name among a module's resources, which SwiftPM keeps in one flat folder:
  /// `describe/Account.json` → `describe__Account.json`.
  static func resourceName(for path: String) -> String { path.replacingOccurrences(of: "/", with: "__") }
}
