import Foundation
import SObjectGenTestSupport
import Testing

@testable import SObjectGenCore

/// The committed `Generated/` is what the generator makes of `Metadata/` today: a change to any
/// emitter's output fails here, inside `swift test`, with the diff and the command that refreshes it
/// (CI's `generate --check` is the same check from outside).
@Suite struct GeneratedFolderTests {
  static let generatedFolder = packageRoot.appendingPathComponent("Generated")
  static let refreshCommand = "swift run sobjectgen generate"

  @Test func everyGeneratedFileMatchesWhatTheMetadataMakes() throws {
    let files = try Generator.generate(metadataDirectory: metadataFolder)
    #expect(!files.isEmpty)
    let committed = try committedFiles()
    let produced = Set(files.map(\.path))
    let missing = produced.subtracting(committed).sorted()
    let extra = committed.subtracting(produced).sorted()
    #expect(missing.isEmpty, "not in Generated/ (run `\(Self.refreshCommand)`): \(missing)")
    #expect(extra.isEmpty, "in Generated/ but no output makes them (run `\(Self.refreshCommand)`): \(extra)")
    var differing: [String] = []
    for file in files where committed.contains(file.path) {
      let onDisk = try Data(contentsOf: Self.generatedFolder.appendingPathComponent(file.path))
      if onDisk == file.contents { continue }
      differing.append(file.path)
      // The diffs of the first three differing files; the rest are listed by name.
      if differing.count <= 3 {
        Issue.record(
          """
          Generated/\(file.path) is out of date with Metadata/; run `\(Self.refreshCommand)` and review the diff:
          \(unifiedDiff(
            expected: String(decoding: onDisk, as: UTF8.self), actual: file.text,
            expectedName: "Generated/\(file.path)", actualName: "generated now"))
          """)
      }
    }
    #expect(differing.isEmpty, "\(differing.count) files differ: \(differing)")
  }

  /// Every regular file below Generated/, relative to it, but the writer's manifest of them.
  func committedFiles() throws -> Set<String> {
    let root = Self.generatedFolder.path
    var paths: Set<String> = []
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return paths }
    while let relative = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
        if relative != OutputDirectory.manifestName { paths.insert(relative) }
      }
    }
    return paths
  }
}
