import Foundation
import SObjectGenTestSupport
import Testing

/// The build plugin as a user meets it: edit the metadata, build, and the models follow.
@Suite(.serialized) struct BuildPluginTests {
  /// Copies the package (sources, plugins, metadata) into a temporary folder with a `Probe`
  /// executable that uses the models.
  func copyPackage(to folder: URL) throws -> URL {
    let copy = folder.appendingPathComponent("SObjectGen")
    try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
    for item in ["Package.swift", "Sources", "Plugins", "Metadata", "Tests"] {
      try FileManager.default.copyItem(
        at: packageRoot.appendingPathComponent(item), to: copy.appendingPathComponent(item))
    }
    let manifest = copy.appendingPathComponent("Package.swift")
    var text = try String(contentsOf: manifest, encoding: .utf8)
    let probe =
      #"package.targets.append(.executableTarget(name: "Probe", dependencies: ["SObjectModels"], path: "Probe"))"#
    text += "\n" + probe + "\n"
    try text.write(to: manifest, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: copy.appendingPathComponent("Probe"), withIntermediateDirectories: true)
    return copy
  }

  func writeProbe(_ source: String, in package: URL) throws {
    try source.write(to: package.appendingPathComponent("Probe/main.swift"), atomically: true, encoding: .utf8)
  }

  /// Builds and runs the probe; returns what it printed.
  func buildAndRunProbe(in package: URL) throws -> String {
    let build = try run("swift", ["build", "--product", "Probe", "--package-path", package.path])
    try #require(build.status == 0, "swift build failed:\n\(build.output)")
    let binary = package.appendingPathComponent(".build/debug/Probe")
    return try run(binary.path, []).output
  }

  /// Runs a command found on the PATH; the output is standard output, then standard error.
  func run(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let result = try runProgram("/usr/bin/env", [command] + arguments)
    return (result.status, result.stdout + result.stderr)
  }

  @Test(.timeLimit(.minutes(15)))
  func aNewFieldAndANewObjectFileReachTheModelOnTheNextBuild() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let package = try copyPackage(to: folder)

    try writeProbe(
      "import SObjectModels\nprint(Interaction.Field.allCases.map(\\.rawValue).joined(separator: \",\"))\n", in: package
    )
    let before = try buildAndRunProbe(in: package)
    #expect(!before.contains("Outcome"))
    #expect(before.contains("StartTime"))

    // A field added to an existing file, and an object in a file of its own.
    let interaction = package.appendingPathComponent("Metadata/objects/Interaction.yaml")
    var text = try String(contentsOf: interaction, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "  StartTime:\n",
      with: """
          Outcome:
            type: picklist
            properties: [Create, Filter, Group, Nillable, Sort, Update]
            values: [Resolved, Follow-up Needed]
            extensible: true
          StartTime:

        """)
    try text.write(to: interaction, atomically: true, encoding: .utf8)
    try """
    name: Meeting
    label: Meeting
    pluralLabel: Meetings
    keyPrefix: a02
    fields:
      Topic:
        type: string
        properties: [Create, Filter, Nillable, Sort, Update]

    """.write(to: package.appendingPathComponent("Metadata/objects/Meeting.yaml"), atomically: true, encoding: .utf8)
    try writeProbe(
      """
      import SObjectModels
      print(Interaction.Field.outcome.rawValue, Interaction.Outcome.followUpNeeded.rawValue)
      print(Meeting.apiName, Meeting.Field.topic.rawValue)
      print(SObjectGenResources.paths.contains("reference/Meeting.md"))

      """, in: package)
    let after = try buildAndRunProbe(in: package)
    #expect(after == "Outcome Follow-up Needed\nMeeting Topic\ntrue\n")
  }
}
