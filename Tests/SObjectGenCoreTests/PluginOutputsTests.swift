import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Testing

/// `sobjectgen plugin-outputs`, as the build plugin runs it: after an edit it rewrites only the outputs
/// whose content changed (so that SwiftPM recompiles and copies only those), and whatever state its
/// folders are in, the outputs are exactly those of a cold run.
@Suite(.serialized) struct PluginOutputsTests {
  struct Setup {
    var folder: URL
    var metadata: URL
    var output: URL { folder.appendingPathComponent("Generated") }
    var generated: URL { folder.appendingPathComponent("Generated.all") }
    var state: URL { folder.appendingPathComponent(".sobjectgen-cache/Generated.cache") }

    init() throws {
      folder = try makeTemporaryFolder()
      metadata = try copyOfMetadata(in: folder)
    }

    func run() throws {
      let result = try runCLI(
        ["plugin-outputs", "--metadata", metadata.path, "--output", output.path, "--generated", generated.path])
      #expect(result.status == 0, "\(result.stderr)")
    }

    /// The plugin's outputs, by name, with their bytes and modification dates (the manifest left out).
    func outputs() throws -> [String: (Data, Date)] {
      try snapshot(of: output).filter { !$0.key.hasPrefix(".") }
    }

    func expectOutputsAreCold(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
      let actual = try outputs().mapValues(\.0)
      var expected: [String: Data] = [:]
      for file in try PluginOutputs.files(model: MetadataLoader.load(directory: metadata.path)) {
        expected[file.path] = file.contents
      }
      expectSameFiles(actual, expected, sourceLocation: sourceLocation)
    }

    func editDescription(of object: String) throws {
      try editFirstDescription(of: object, in: metadata)
    }
  }

  @Test func aDescriptionEditRewritesOnlyTheOutputsItChanges() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.run()
    let before = try setup.outputs()
    try setup.editDescription(of: "Interaction")
    try setup.run()
    let after = try setup.outputs()
    #expect(after.keys.sorted() == before.keys.sorted())
    let rewritten = Set(after.keys.filter { after[$0]!.1 != before[$0]!.1 })
    let changed = Set(after.keys.filter { after[$0]!.0 != before[$0]!.0 })
    #expect(rewritten == changed, "rewritten without a change: \(rewritten.subtracting(changed).sorted())")
    // The object's archive (its reference page carries descriptions) alone: not its Swift model, nor the
    // whole model's archive (the SQL comments a column with its label), nor the accessor (the same paths).
    #expect(changed == ["SObjectGenResources.Interaction.json"])
    let archive = try JSONDecoder().decode(
      [String: String].self, from: after["SObjectGenResources.Interaction.json"]!.0)
    #expect(archive["reference/Interaction.md"]?.contains("Edited. ") == true)
    try setup.expectOutputsAreCold()
  }

  @Test func aDamagedStateOrOutputFolderGivesTheColdOutputs() throws {
    let setup = try Setup()
    defer { try? FileManager.default.removeItem(at: setup.folder) }
    try setup.run()
    // An output gone and another one changed, behind the state's back.
    try FileManager.default.removeItem(at: setup.output.appendingPathComponent("SObjectGenResources.Account.json"))
    try Data("// edited by hand\n".utf8).write(to: setup.output.appendingPathComponent("Contact.swift"))
    try setup.run()
    try setup.expectOutputsAreCold()
    // A state that fails its checksum, and an edit.
    try Data("sobjectgen-cache 2\nnot a cache\n".utf8).write(to: setup.state)
    try setup.editDescription(of: "Interaction")
    try setup.run()
    try setup.expectOutputsAreCold()
    // A generation folder emptied behind the cache's back.
    try FileManager.default.removeItem(at: setup.generated)
    try setup.editDescription(of: "EngagementInteraction")
    try setup.run()
    try setup.expectOutputsAreCold()
  }
}
