import Foundation
import SObjectGenTestSupport
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
/// the names must be exactly what `plugin-outputs` writes.
@Suite struct GeneratedFileNamesTests {
  @Test func theDeclaredNamesAreExactlyThePluginOutputs() throws {
    let model = try loadRepositoryMetadata()
    let files = try PluginOutputs.files(model: model)
    #expect(files.map(\.path) == GeneratedFileNames.pluginOutputs(objects: model.objects.map(\.name)))
  }

  @Test func everyObjectHasItsSwiftModel() throws {
    let model = try loadRepositoryMetadata()
    let swift = try Generator.generate(model: model).map(\.path).filter(GeneratedFileNames.isSwiftSource)
    #expect(swift == model.objects.map { "swift/\($0.name).swift" })
  }

  @Test func theArchivesCarryEveryOtherOutputOnceAndTheAccessorFindsEach() throws {
    let model = try loadRepositoryMetadata()
    let generated = try Generator.generate(model: model)
    let files = try PluginOutputs.files(model: model)
    var archived: [String: (text: String, archive: String)] = [:]
    for archive in files where archive.path.hasSuffix(".json") {
      let decoded = try JSONDecoder().decode([String: String].self, from: archive.contents)
      for (path, text) in decoded {
        #expect(archived[path] == nil, "\(path) is in two archives")
        archived[path] = (text, archive.path)
      }
    }
    let others = generated.filter { !GeneratedFileNames.isSwiftSource($0.path) }
    #expect(archived.count == others.count)
    for file in others { #expect(archived[file.path]?.text == file.text, "\(file.path)") }
    // An object's files are in its own archive; describeGlobal and the SQL in the whole model's.
    #expect(archived["describe/Interaction.json"]?.archive == "SObjectGenResources.Interaction.json")
    #expect(archived["reference/Interaction.md"]?.archive == "SObjectGenResources.Interaction.json")
    #expect(archived["describe/global.json"]?.archive == "SObjectGenResources.json")
    #expect(archived["sql/sqlite.sql"]?.archive == "SObjectGenResources.json")
    let accessor = try #require(files.first { $0.path == "SObjectGenResources.swift" })
    #expect(accessor.text.contains("\"describe/Interaction.json\","))
    #expect(accessor.text.contains("\"SObjectGenResources.Interaction\","))
  }

}
