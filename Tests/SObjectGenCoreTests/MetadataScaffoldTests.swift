import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// What `sobjectgen init` writes: the same editor schema as the repository's own, and metadata that
/// validates and generates.
@Suite struct MetadataScaffoldTests {
  @Test func theEditorSchemaIsTheRepositorys() throws {
    let committed = try String(
      contentsOf: packageRoot.appendingPathComponent("Metadata/\(MetadataEditorSchema.fileName)"), encoding: .utf8)
    #expect(
      MetadataEditorSchema.json == committed,
      """
      Metadata/metadata.schema.json and MetadataEditorSchema.json differ; change both together:
      \(unifiedDiff(expected: committed, actual: MetadataEditorSchema.json, expectedName: "Metadata/metadata.schema.json", actualName: "MetadataEditorSchema.json"))
      """)
  }

  @Test func theScaffoldValidatesAndGenerates() throws {
    let files = MetadataScaffold.files.filter { $0.path.hasPrefix("objects/") }
      .map { MetadataFile(path: "Metadata/" + $0.path, contents: $0.text) }
    let (model, diagnostics) = MetadataLoader.load(files: files)
    #expect(diagnostics.isEmpty, "\(diagnostics)")
    let generated = try Generator.generate(model: try #require(model)).map(\.path)
    #expect(generated.contains("swift/Ticket.swift"))
    #expect(generated.contains("sql/sqlite.sql"))
  }

  @Test func theInstructionsLinkTheMetadataFromTheTargetsFolder() {
    let text = MetadataScaffold.instructions(metadataPath: "Config/Metadata", target: "Models")
    #expect(text.contains("ln -s ../../Config/Metadata Sources/Models/Metadata"))
    #expect(text.contains(#".package(url: "https://github.com/<owner>/SObjectGen.git", branch: "main", traits: []),"#))
  }
}
