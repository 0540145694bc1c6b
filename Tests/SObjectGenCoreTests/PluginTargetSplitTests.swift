import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// An org split over several targets that apply the build plugin: which objects a
/// `sobjectgen-plugin.json` names, what the generator refuses, and what `plugin-outputs` writes.
@Suite struct PluginTargetObjectsTests {
  @Test func patternsMatchNamesWithStarsStandingForAnyRun() {
    let objects = PluginTargetObjects(patterns: ["User", "Object0*", "*__x", "A*c*e"])
    for held in ["User", "Object0", "Object0007__c", "Thing__x", "__x", "Ace", "Abcde", "Accce"] {
      #expect(objects.holds(held), "\(held)")
    }
    for other in ["Users", "user", "Object1007__c", "Object", "Thing__xy", "Acd", "Aec", ""] {
      #expect(!objects.holds(other), "\(other)")
    }
    #expect(PluginTargetObjects(patterns: ["*"]).holds("Anything"))
    #expect(PluginTargetObjects(patterns: ["**c"]).holds("Abc"))
    #expect(!PluginTargetObjects(patterns: ["**c"]).holds("Abd"))
  }

  @Test func unmatchedPatternsAreTheOnesNoObjectMatches() {
    let objects = PluginTargetObjects(patterns: ["User", "Acount", "Contact*", "Lead*"])
    #expect(objects.unmatchedPatterns(among: ["User", "Account", "Lead"]) == ["Acount", "Contact*"])
  }

  @Test func aFileThatIsNotAListOfNamesIsRefusedNamingTheFile() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(PluginTargetObjects.fileName)
    for (text, expected) in [
      (#"{"objects": ["User", "Object0*"]}"#, nil),
      (#"{"objects": "User"}"#, #"expected a JSON object with one key, "objects""#),
      (#"{"objects": ["User"], "extra": 1}"#, #"expected a JSON object with one key, "objects""#),
      (#"["User"]"#, #"expected a JSON object with one key, "objects""#),
      (#"{"objects": [1]}"#, #"expected a JSON object with one key, "objects""#),
      (#"{"objects": []}"#, #""objects" must list at least one name"#),
      (#"{"objects": ["User", ""]}"#, #""objects" must list at least one name, and no empty one"#),
      ("{", #"expected a JSON object with one key, "objects""#),
    ] as [(String, String?)] {
      try Data(text.utf8).write(to: file)
      do {
        let target = try PluginTargetSplit.Target(name: "Models", file: file.path)
        #expect(expected == nil, "\(text) was accepted")
        #expect(target.patterns == ["User", "Object0*"])
      } catch let error as MetadataError {
        let expected = try #require(expected, "\(text): \(error)")
        // One diagnostic, at the file, in the form every other problem takes.
        #expect(error.diagnostics.count == 1, "\(error)")
        #expect(error.description.hasPrefix("\(file.path):1:1: error: "), "\(error)")
        #expect(!error.description.dropFirst("\(file.path):1:1: error: ".count).contains("error:"), "\(error)")
        #expect(error.description.contains(expected), "\(text): \(error)")
      }
    }
  }
}

@Suite struct PluginTargetSplitTests {
  /// Interaction points at Account (line 29), Location (67), Group or User (79) and FinancialDeal or
  /// Opportunity (92); its system fields at User.
  func split(holding held: [String], dependencies: [String: [String]], others: [String: [String]])
    -> PluginTargetSplit
  {
    func targets(_ targets: [String: [String]]) -> [PluginTargetSplit.Target] {
      targets.sorted { $0.key < $1.key }.map { .init(name: $0.key, file: "\($0.key).json", patterns: $0.value) }
    }
    return PluginTargetSplit(
      target: .init(name: "Interactions", file: "Interactions.json", patterns: held),
      dependencies: targets(dependencies), others: targets(others))
  }

  @Test func everyObjectPointedAtOutOfReachIsReportedAtItsField() throws {
    let model = try loadRepositoryMetadata()
    let split = split(
      holding: ["Interaction", "Nothing*"], dependencies: ["Core": ["User", "Account", "Group"]],
      others: ["Places": ["Location"], "Sales": ["Opportunity", "Interaction"]])
    let file = "\(metadataFolder)/objects/Interaction.yaml"
    let reach = "which target Interactions does not hold and no target it depends on holds"
    let expected = [
      "\(file):1:1: error: Interaction is held by both target Interactions and target Sales (Sales.json); "
        + "each object belongs to one target",
      "\(file):63:3: error: Interaction.LocationId points to Location, \(reach); target Places holds it: add Places "
        + "to the dependencies of Interactions, or hold Interaction and Location in one target (SwiftPM allows no "
        + "cycle between targets)",
      "\(file):86:3: error: Interaction.RelatedRecordId points to FinancialDeal, \(reach); name FinancialDeal in "
        + "the sobjectgen-plugin.json of Interactions or of a target it depends on",
      "\(file):86:3: error: Interaction.RelatedRecordId points to Opportunity, \(reach); target Sales holds it: add "
        + "Sales to the dependencies of Interactions, or hold Interaction and Opportunity in one target (SwiftPM "
        + "allows no cycle between targets)",
      "Interactions.json:1:1: error: 'Nothing*' matches none of the metadata's objects (target Interactions)",
    ]
    let actual = split.problems(in: model, metadataDirectory: metadataFolder).map(\.description)
    #expect(actual.sorted() == expected.sorted(), "\(actual.joined(separator: "\n"))")
  }

  @Test func systemFieldsOutOfReachAreReportedOncePerObject() throws {
    let model = try loadRepositoryMetadata()
    let split = split(holding: ["EngagementInteraction"], dependencies: [:], others: ["Core": ["User"]])
    let problems = split.problems(in: model, metadataDirectory: metadataFolder).map(\.description)
    let file = "\(metadataFolder)/objects/EngagementInteraction.yaml"
    // CreatedById and LastModifiedById, which have no place in the file: once, at its start.
    let systemFields = problems.filter { $0.contains("EngagementInteraction's system fields point to User") }
    #expect(systemFields.count == 1, "\(problems)")
    #expect(systemFields.first?.hasPrefix("\(file):1:1: error: ") == true)
    // A field of its own that points at User is reported where it is.
    #expect(problems.contains { $0.hasPrefix("\(file):115:3: error: EngagementInteraction.OwnerId points to User") })
  }

  @Test func aSplitWithEveryPointeeInReachHasNoProblem() throws {
    let model = try loadRepositoryMetadata()
    let everything = model.objects.map(\.name)
    let split = split(
      holding: ["Interaction", "Location"],
      dependencies: ["Core": everything.filter { !["Interaction", "Location"].contains($0) }],
      others: [:])
    #expect(split.problems(in: model, metadataDirectory: metadataFolder).isEmpty)
  }
}

/// `sobjectgen plugin-outputs --objects-file`, as the plugin runs it for a split target.
@Suite(.serialized) struct PluginOutputsSplitTests {
  @Test func aSplitTargetGetsItsObjectsAndPlaceholdersForTheRest() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = try copyOfMetadata(in: folder)
    let model = try MetadataLoader.load(directory: metadata.path)
    let held = ["User", "Group", "Account", "Contact", "Lead", "Location", "RecordType"]
    let core = folder.appendingPathComponent("core.json")
    try Data(#"{"objects": ["User", "Group", "Account", "Contact", "Lead", "Location", "RecordType"]}"#.utf8).write(
      to: core)
    let rest = folder.appendingPathComponent("rest.json")
    let others = model.objects.map(\.name).filter { !held.contains($0) }
    try JSONSerialization.data(withJSONObject: ["objects": others]).write(to: rest)
    let output = folder.appendingPathComponent("Generated")
    func run(_ target: String, _ extra: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
      try runCLI(
        ["plugin-outputs", "--metadata", metadata.path, "--output", output.path, "--target-name", target] + extra)
    }

    func expectColdOutputs(holding held: [String]) throws -> [String: Data] {
      let written = try snapshot(of: output).filter { !$0.key.hasPrefix(".") }.mapValues(\.0)
      var expected: [String: Data] = [:]
      for file in try PluginOutputs.files(model: model, holds: held.contains) { expected[file.path] = file.contents }
      expectSameFiles(written, expected)
      // The work folder has the files of the objects held, and those made from the whole model.
      let generated = folder.appendingPathComponent("Generated.all")
      for object in model.objects.map(\.name) {
        let describe = generated.appendingPathComponent("describe/\(object).json").path
        #expect(FileManager.default.fileExists(atPath: describe) == held.contains(object), "\(describe)")
      }
      #expect(FileManager.default.fileExists(atPath: generated.appendingPathComponent("sql/sqlite.sql").path))
      return written
    }

    let result = try run("Core", ["--objects-file", core.path, "--other", "Rest=\(rest.path)"])
    #expect(result.status == 0, "\(result.stderr)")
    let written = try expectColdOutputs(holding: held)
    // Every object's two files are there (SwiftPM declared them); those of the others are placeholders.
    #expect(written.keys.sorted() == GeneratedFileNames.pluginOutputs(objects: model.objects.map(\.name)))
    #expect(
      String(decoding: try #require(written["Interaction.swift"]), as: UTF8.self)
        == "// Generated by sobjectgen. Interaction is held by another target (sobjectgen-plugin.json).\n")
    #expect(written["SObjectGenResources.Interaction.json"] == Data("{}".utf8))
    #expect(String(decoding: try #require(written["Account.swift"]), as: UTF8.self).contains("public struct Account"))
    let accessor = String(decoding: try #require(written["SObjectGenResources.swift"]), as: UTF8.self)
    #expect(accessor.contains(#""describe/Account.json","#))
    #expect(!accessor.contains("describe/Interaction.json"))
    #expect(accessor.contains(#""sql/sqlite.sql","#))

    // The other half, as its own target sees it, holds Interaction, whose references reach the core
    // only through a dependency: without one, every such reference is refused and nothing is written.
    let before = try snapshot(of: output)
    let refused = try run("Rest", ["--objects-file", rest.path, "--other", "Core=\(core.path)"])
    #expect(refused.status != 0)
    #expect(
      refused.stderr.contains(
        "\(metadata.path)/objects/Interaction.yaml:25:3: error: Interaction.AccountId points to Account, which "
          + "target Rest does not hold and no target it depends on holds; target Core holds it: add Core to the "
          + "dependencies of Rest"), "\(refused.stderr)")
    #expect(refused.stderr.contains("nothing was written"), "\(refused.stderr)")
    let after = try snapshot(of: output)
    #expect(after.keys.sorted() == before.keys.sorted())
    let touched = after.keys.filter { before[$0]?.1 != after[$0]?.1 }
    #expect(touched.isEmpty, "\(touched)")

    // With the dependency, it is written; nothing-changed runs of the generation load the model to check.
    let accepted = try run("Rest", ["--objects-file", rest.path, "--dependency", "Core=\(core.path)"])
    #expect(accepted.status == 0, "\(accepted.stderr)")
    let restWritten = try expectColdOutputs(holding: others)
    let account = try #require(restWritten["Account.swift"])
    #expect(
      String(decoding: account, as: UTF8.self).hasPrefix("// Generated by sobjectgen. Account is held by another"))
    // Nothing changed since: the generation's cache answers; the check is run again only when the split
    // differs from the one that last passed, and a failed check is never taken as passed.
    let checked = folder.appendingPathComponent(".sobjectgen-cache/Generated.all.checked")
    #expect(FileManager.default.fileExists(atPath: checked.path))
    #expect(try run("Rest", ["--objects-file", rest.path, "--dependency", "Core=\(core.path)"]).status == 0)
    for _ in 0..<2 {
      #expect(try run("Rest", ["--objects-file", rest.path, "--other", "Core=\(core.path)"]).status != 0)
      #expect(!FileManager.default.fileExists(atPath: checked.path))
    }
    _ = try expectColdOutputs(holding: others)
    #expect(try run("Rest", ["--objects-file", rest.path, "--dependency", "Core=\(core.path)"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: checked.path))
  }
}
