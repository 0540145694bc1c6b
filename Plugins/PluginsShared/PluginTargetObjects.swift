// Shared by the build plugin and the generator core through relative symlinks: which objects a target
// that applies the build plugin holds, when the objects are split over several targets.

import Foundation

/// The objects one target that applies the build plugin holds. A Swift module holds at most about
/// 2,000 models of 50 fields (its file must stay under 256 MiB), so a larger org is split over
/// several targets: each names its objects in `sobjectgen-plugin.json` in its folder, as API names
/// or patterns where `*` stands for any run of characters:
///
///     { "objects": ["User", "Account", "Object0*"] }
///
/// A target without the file holds every object of its metadata.
struct PluginTargetObjects: Sendable, Equatable {
  /// The name of the file, in the target's folder.
  static let fileName = "sobjectgen-plugin.json"

  /// The patterns, as the file lists them.
  let patterns: [String]
  /// The patterns without a `*`, which match their own name only.
  private let names: Set<String>
  /// The bytes of the patterns with a `*`.
  private let wildcards: [[UInt8]]

  init(patterns: [String]) {
    self.patterns = patterns
    names = Set(patterns.filter { !$0.contains("*") })
    wildcards = patterns.filter { $0.contains("*") }.map { Array($0.utf8) }
  }

  /// Reads the file's patterns; throws a message (without the file's path) that says what is wrong.
  init(contentsOf url: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw Problem(message: "cannot read the file: \(error.localizedDescription)")
    }
    let root = try? JSONSerialization.jsonObject(with: data)
    guard let object = root as? [String: Any], let list = object["objects"] as? [Any],
      let patterns = list as? [String], object.count == 1
    else {
      throw Problem(
        message:
          #"expected a JSON object with one key, "objects", a list of object API names or patterns (`*` stands for any run of characters): {"objects": ["User", "Object0*"]}"#
      )
    }
    guard !patterns.isEmpty, patterns.allSatisfy({ !$0.isEmpty }) else {
      throw Problem(message: "\"objects\" must list at least one name, and no empty one")
    }
    self.init(patterns: patterns)
  }

  /// Whether the target holds the object with this API name.
  func holds(_ object: String) -> Bool {
    if names.contains(object) { return true }
    if wildcards.isEmpty { return false }
    let name = Array(object.utf8)[...]
    return wildcards.contains { Self.matches(name, $0[...]) }
  }

  /// The patterns that match none of these objects (a misspelt name, an object since removed).
  func unmatchedPatterns(among objects: [String]) -> [String] {
    let names = objects.map { Array($0.utf8)[...] }
    let objects = Set(objects)
    return patterns.filter { pattern in
      guard pattern.contains("*") else { return !objects.contains(pattern) }
      let pattern = Array(pattern.utf8)[...]
      return !names.contains { Self.matches($0, pattern) }
    }
  }

  /// Whether `name` matches `pattern`, where `*` matches any run of bytes (API names are ASCII).
  private static func matches(_ name: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
    guard let star = pattern.firstIndex(of: UInt8(ascii: "*")) else { return name.elementsEqual(pattern) }
    let head = pattern[..<star]
    guard name.starts(with: head) else { return false }
    let rest = pattern[(star + 1)...]
    let tail = name.dropFirst(head.count)
    if rest.isEmpty { return true }
    var start = tail.startIndex
    while start <= tail.endIndex {
      if matches(tail[start...], rest) { return true }
      start += 1
    }
    return false
  }

  struct Problem: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }
}
