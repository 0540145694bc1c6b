import Foundation
import SObjectGenTestSupport
import Testing

/// `sobjectgen` run as a user runs it.
@Suite(.serialized) struct CommandLineTests {
  @Test func validateAcceptsTheRepositoryMetadata() throws {
    let result = try runCLI(["validate", "--metadata", metadataFolder])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasSuffix("no problems found.\n"))
  }

  @Test func validateReportsEveryProblemOfABrokenCopyWithItsPosition() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = try copyOfMetadata(in: folder)
    let file = metadata.appendingPathComponent("objects/Interaction.yaml")
    var text = try String(contentsOf: file, encoding: .utf8)
    text = text.replacingOccurrences(of: "  EndTime:\n    type: datetime\n", with: "  EndTime:\n    type: dateTimez\n")
    text = text.replacingOccurrences(of: "    referenceTo: [Location]\n", with: "    referenceTo: [Place]\n")
    try text.write(to: file, atomically: true, encoding: .utf8)

    let result = try runCLI(["validate", "--metadata", "Metadata"], in: folder)
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let endTimeLine = try #require(text.components(separatedBy: "\n").firstIndex(of: "    type: dateTimez")) + 1
    let locationLine = try #require(text.components(separatedBy: "\n").firstIndex(of: "    referenceTo: [Place]")) + 1
    #expect(
      lines == [
        "Metadata/objects/Interaction.yaml:\(endTimeLine):11: error: unknown type 'dateTimez'; did you mean 'datetime'?",
        "Metadata/objects/Interaction.yaml:\(locationLine):19: error: field 'LocationId' refers to undeclared object 'Place'; declare it in objects/Place.yaml",
        "2 errors found.",
      ])
  }

  @Test func generateIsIdempotentAndCheckSpotsEveryDifference() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try copyOfMetadata(in: folder)

    let first = try runCLI(["generate"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let written = try snapshot(of: folder.appendingPathComponent("Generated"))
    #expect(!written.isEmpty)
    Thread.sleep(forTimeInterval: 0.05)
    let second = try runCLI(["generate"], in: folder)
    #expect(second.stdout.contains("0 added, 0 changed, 0 removed"))
    let rewritten = try snapshot(of: folder.appendingPathComponent("Generated"))
    #expect(rewritten.mapValues(\.1) == written.mapValues(\.1), "no file was rewritten")
    #expect(try runCLI(["generate", "--check"], in: folder).status == 0)

    // One stale, one missing, one extra file.
    let generated = folder.appendingPathComponent("Generated")
    try "stale".write(to: generated.appendingPathComponent("reference/Account.md"), atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: generated.appendingPathComponent("reference/User.md"))
    try "extra".write(to: generated.appendingPathComponent("reference/Gone.md"), atomically: true, encoding: .utf8)
    let check = try runCLI(["generate", "--check"], in: folder)
    #expect(check.status == 1)
    #expect(check.stderr.contains("Generated/reference/User.md: missing\n"))
    #expect(check.stderr.contains("Generated/reference/Account.md: stale\n"))
    #expect(
      check.stderr.contains("Generated/reference/Gone.md: extra (not written by sobjectgen; remove it by hand)\n"))
    #expect(check.stderr.contains("3 of "))
  }

  @Test func aFailedRunLeavesTheOutputFolderExactlyAsItWas() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = try copyOfMetadata(in: folder)
    #expect(try runCLI(["generate"], in: folder).status == 0)
    let before = try snapshot(of: folder.appendingPathComponent("Generated"))

    // A valid change to one object and a broken one to another: nothing may be written.
    let interaction = metadata.appendingPathComponent("objects/Interaction.yaml")
    let text = try String(contentsOf: interaction, encoding: .utf8)
    try text.replacingOccurrences(of: "label: Interaction\n", with: "label: Meeting\n")
      .write(to: interaction, atomically: true, encoding: .utf8)
    try "name: Broken\nlabel: [\n".write(
      to: metadata.appendingPathComponent("objects/Broken.yaml"), atomically: true, encoding: .utf8)
    Thread.sleep(forTimeInterval: 0.05)
    let result = try runCLI(["generate"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("Metadata/objects/Broken.yaml:3:1: error: YAML syntax error"))
    #expect(result.stderr.hasSuffix("1 error found; nothing was written.\n"))
    let after = try snapshot(of: folder.appendingPathComponent("Generated"))
    #expect(after.keys.sorted() == before.keys.sorted())
    for (path, (data, date)) in before {
      #expect(after[path]?.0 == data && after[path]?.1 == date, "\(path) was touched")
    }
  }

  @Test func referencePrintsTheSeedPage() throws {
    let result = try runCLI(["reference", "Interaction", "--metadata", metadataFolder])
    let seed = try String(contentsOf: fixturesFolder.appendingPathComponent("seeds/Interaction.txt"), encoding: .utf8)
    #expect(result.stdout == seed + "\n")
    let unknown = try runCLI(["reference", "Nothing", "--metadata", metadataFolder])
    #expect(unknown.status == 1 && unknown.stderr.contains("no object 'Nothing'"))
  }
}
