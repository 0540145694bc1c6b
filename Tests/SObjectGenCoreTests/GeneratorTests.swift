import Foundation
import SObjectMetadata
import Testing

@testable import SObjectGenCore

@Suite struct GeneratorTests {
  func files(in order: [MetadataFile]) throws -> [OutputFile] {
    let (model, diagnostics) = MetadataLoader.load(files: order)
    #expect(diagnostics.isEmpty)
    return try Generator.generate(model: try #require(model))
  }

  /// Outputs are byte-identical whatever order the files are listed in.
  @Test func outputDoesNotDependOnFileOrder() throws {
    let paths = try MetadataLoader.objectFilePaths(in: metadataFolder)
    let metadataFiles = try paths.map {
      MetadataFile(path: $0, contents: try String(contentsOfFile: $0, encoding: .utf8))
    }
    let forward = try files(in: metadataFiles)
    let backward = try files(in: metadataFiles.reversed())
    var generator = SystemRandomNumberGenerator()
    let shuffled = try files(in: metadataFiles.shuffled(using: &generator))
    #expect(forward == backward)
    #expect(forward == shuffled)
    #expect(forward.map(\.path) == forward.map(\.path).sorted())
  }

  @Test func everyObjectHasAReferencePage() throws {
    let model = try loadRepositoryMetadata()
    let paths = try Generator.generate(model: model).map(\.path)
    for object in model.objects { #expect(paths.contains("reference/\(object.name).md")) }
  }

  @Test func twoOutputsForOnePathAreAnError() throws {
    let model = try loadRepositoryMetadata()
    let clash = Emitter(name: "clash") { _ in [OutputFile(path: "reference/Account.md", text: "x")] }
    #expect(throws: GeneratorError.duplicateOutput(path: "reference/Account.md")) {
      try Generator.generate(model: model, emitters: Generator.emitters + [clash])
    }
  }
}

/// The build plugin declares its outputs from `GeneratedFileNames` before the generator runs:
/// the list must name exactly what the generator writes.
@Suite struct GeneratedFileNamesTests {
  @Test func theDeclaredNamesAreExactlyTheGeneratedFiles() throws {
    let model = try loadRepositoryMetadata()
    let generated = try Generator.generate(model: model).map(\.path)
    #expect(generated == GeneratedFileNames.all(objects: model.objects.map(\.name)))
  }

  @Test func pluginOutputsAreFlatAndCarryAnAccessor() throws {
    let model = try loadRepositoryMetadata()
    let files = PluginOutputs.files(from: try Generator.generate(model: model))
    #expect(files.allSatisfy { !$0.path.contains("/") })
    #expect(files.map(\.path).contains("Interaction.swift"))
    #expect(files.map(\.path).contains("reference__Interaction.md"))
    let accessor = try #require(files.first { $0.path == "SObjectGenResources.swift" })
    #expect(accessor.text.contains("\"reference/Interaction.md\","))
  }
}
