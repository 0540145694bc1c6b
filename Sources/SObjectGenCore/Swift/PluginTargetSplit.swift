import Foundation
import SObjectMetadata

/// An org's objects split over several targets that apply the build plugin (`PluginTargetObjects`):
/// the objects this target holds, and those the targets it depends on and the package's other
/// targets hold. Each target's plugin run generates from the whole model (a describe lists the child
/// relationships of every object), but its module gets the models and resources of its own objects
/// only. A model names the types of the objects its references point at, so each of those must be
/// held by the target itself or by a target it depends on.
public struct PluginTargetSplit: Sendable {
  /// A target and the objects it holds, as read from its `sobjectgen-plugin.json` (`file`).
  public struct Target: Sendable {
    public var name: String
    public var file: String
    var objects: PluginTargetObjects

    /// Reads the target's file; throws `MetadataError`, at the file, when it is not as expected.
    public init(name: String, file: String) throws {
      self.name = name
      self.file = file
      do {
        objects = try PluginTargetObjects(contentsOf: URL(fileURLWithPath: file))
      } catch let problem as PluginTargetObjects.Problem {
        throw MetadataError(diagnostics: [.error(problem.message, at: SourceLocation(file: file, line: 1, column: 1))])
      }
    }

    init(name: String, file: String, patterns: [String]) {
      self.name = name
      self.file = file
      objects = PluginTargetObjects(patterns: patterns)
    }

    public func holds(_ object: String) -> Bool { objects.holds(object) }

    /// The names and patterns its file lists.
    public var patterns: [String] { objects.patterns }
  }

  public var target: Target
  public var dependencies: [Target]
  /// The package's other targets that hold objects, for naming where an object out of reach is.
  public var others: [Target]

  public init(target: Target, dependencies: [Target], others: [Target]) {
    self.target = target
    self.dependencies = dependencies
    self.others = others
  }

  /// What stops the target's module from building, every problem at once: a pattern that matches no
  /// object; an object held by this target and another too (two modules would define its type); a
  /// reference from one of its objects to an object neither it nor a target it depends on holds.
  /// `metadataDirectory` is the folder the model was loaded from, for the paths of the object files.
  public func problems(in model: MetadataModel, metadataDirectory: String) -> [Diagnostic] {
    let names = model.objects.map(\.name)
    var diagnostics: [Diagnostic] = target.objects.unmatchedPatterns(among: names).map {
      .error(
        "'\($0)' matches none of the metadata's objects (target \(target.name))",
        at: SourceLocation(file: target.file, line: 1, column: 1))
    }
    let otherTargets = dependencies + others
    for object in model.objects where target.holds(object.name) {
      let objectFile = SourceLocation(
        file: (metadataDirectory as NSString).appendingPathComponent(object.sourceFile), line: 1, column: 1)
      if let twin = otherTargets.first(where: { $0.holds(object.name) }) {
        diagnostics.append(
          .error(
            "\(object.name) is held by both target \(target.name) and target \(twin.name) (\(twin.file)); "
              + "each object belongs to one target", at: objectFile))
      }
      var reported: Set<String> = []
      for field in object.allFields {
        for pointee in field.reference?.targets ?? [] where !isInReach(pointee) {
          // The system fields (CreatedById, LastModifiedById) have no place in the file: one problem
          // per object and pointee for them.
          if field.location == nil, !reported.insert(pointee).inserted { continue }
          diagnostics.append(
            .error(unreachable(object: object.name, field: field, pointee: pointee), at: field.location ?? objectFile))
        }
      }
    }
    return diagnostics.sortedByLocation()
  }

  /// What `problems(in:metadataDirectory:)` reads besides the model: the executable, and each
  /// target's name, file and patterns. With the metadata unchanged and this unchanged since a check
  /// passed, the check would pass again.
  public var fingerprint: String {
    var text = "executable \(ExecutableIdentity.current)\n"
    for (role, targets) in [("target", [target]), ("dependency", dependencies), ("other", others)] {
      for target in targets {
        text += "\(role) \(target.name) \(target.file)\n" + target.patterns.map { "  \($0)\n" }.joined()
      }
    }
    return String(FileHash.of(Data(text.utf8)))
  }

  private func isInReach(_ object: String) -> Bool {
    target.holds(object) || dependencies.contains { $0.holds(object) }
  }

  private func unreachable(object: String, field: FieldDefinition, pointee: String) -> String {
    let what = field.location == nil ? "\(object)'s system fields point" : "\(object).\(field.name) points"
    let start = "\(what) to \(pointee), which target \(target.name) does not hold and no target it depends on holds"
    guard let holder = others.first(where: { $0.holds(pointee) }) else {
      return start + "; name \(pointee) in the sobjectgen-plugin.json of \(target.name) or of a target it depends on"
    }
    return start
      + "; target \(holder.name) holds it: add \(holder.name) to the dependencies of \(target.name), or hold "
      + "\(object) and \(pointee) in one target (SwiftPM allows no cycle between targets)"
  }
}
