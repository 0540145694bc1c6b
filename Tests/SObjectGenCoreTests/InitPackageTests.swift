import Foundation
import SObjectGenTestSupport
import Testing

/// The README's consumer section, done as a user does it: `sobjectgen init` in a new package, the
/// printed steps followed word for word, `swift build`; then a field and an object file added to
/// the metadata reach the models on the next build.
@Suite(.serialized) struct InitPackageTests {
  /// The printed Package.swift lines name the package by URL; a test has no network, so the
  /// dependency line alone becomes a path dependency on this checkout, reached through a folder named
  /// SObjectGen (SwiftPM names a path dependency after its folder).
  static let urlDependency = #".package(url: "https://github.com/<owner>/SObjectGen.git", branch: "main", traits: []),"#

  /// Runs a command found on the PATH in `directory`; the output is standard output, then standard error.
  func run(_ command: String, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
    let result = try runProgram("/usr/bin/env", [command] + arguments, directory: directory)
    return (result.status, result.stdout + result.stderr)
  }

  /// The lines of the printed step that follows `heading`, up to the next blank line after them.
  func block(after heading: String, in text: String) throws -> String {
    let lines = text.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasPrefix(heading) }, "no step '\(heading)' in:\n\(text)")
    var body: [String] = []
    for line in lines[(start + 2)...] {
      if line.isEmpty { break }
      body.append(line)
    }
    return body.map { String($0.dropFirst(5)) }.joined(separator: "\n")
  }

  /// The folder the build plugin writes a target's outputs into.
  func pluginOutputFolder(in package: URL, target: String) throws -> URL {
    let outputs = package.appendingPathComponent(".build/plugins/outputs")
    let found = try FileManager.default.contentsOfDirectory(atPath: outputs.path).map {
      outputs.appendingPathComponent("\($0)/\(target)/destination/SObjectGenPlugin/Generated")
    }.filter { FileManager.default.fileExists(atPath: $0.path) }
    return try #require(found.first, "no plugin outputs of \(target) in \(outputs.path)")
  }

  /// The identities of the packages pinned in the package's Package.resolved, sorted.
  func resolvedPackages(in package: URL) throws -> [String] {
    struct Resolved: Decodable {
      struct Pin: Decodable { var identity: String }
      var pins: [Pin]
    }
    let data = try Data(contentsOf: package.appendingPathComponent("Package.resolved"))
    return try JSONDecoder().decode(Resolved.self, from: data).pins.map(\.identity).sorted()
  }

  func buildAndRunProbe(in package: URL) throws -> String {
    let build = try run("swift", ["build", "--product", "Probe"], in: package)
    try #require(build.status == 0, "swift build failed:\n\(build.output)")
    return try run(package.appendingPathComponent(".build/debug/Probe").path, [], in: package).output
  }

  @Test(.timeLimit(.minutes(15)))
  func aPackageMadeByInitBuildsAndFollowsItsMetadata() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("SObjectGen"), withDestinationURL: packageRoot)
    let package = folder.appendingPathComponent("App")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)

    let initialised = try runCLI(["init", "--target", "AppModels"], in: package)
    try #require(initialised.status == 0, "init failed: \(initialised.stderr)")
    let printed = initialised.stdout
    #expect(printed.contains("created Metadata/objects/Ticket.yaml"))

    // Step 1: the printed dependency and target, in a manifest with a probe executable beside them.
    let step1 = try block(after: "1. In Package.swift", in: printed)
    #expect(step1.contains(Self.urlDependency))
    let manifest = """
      // swift-tools-version: 6.1
      import PackageDescription

      let package = Package(
        name: "App",
        \(step1.replacingOccurrences(of: Self.urlDependency, with: #".package(path: "../SObjectGen", traits: []),"#)
          .replacingOccurrences(of: "targets: [\n", with: "targets: [\n  .executableTarget(name: \"Probe\", dependencies: [\"AppModels\"]),\n"))
      )

      """
    try manifest.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    // Steps 2 and 3: the printed shell commands, run as printed.
    for step in ["2. Link the metadata", "3. Give the target"] {
      let command = try block(after: step, in: printed)
      let result = try run("sh", ["-c", command], in: package)
      try #require(result.status == 0, "\(command): \(result.output)")
    }
    try FileManager.default.createDirectory(
      at: package.appendingPathComponent("Sources/Probe"), withIntermediateDirectories: true)
    func writeProbe(_ source: String) throws {
      try source.write(
        to: package.appendingPathComponent("Sources/Probe/main.swift"), atomically: true, encoding: .utf8)
    }

    try writeProbe(
      """
      import AppModels
      print(Ticket.Field.allCases.map(\\.rawValue).joined(separator: ","))
      print(Ticket.Status.new.rawValue)

      """)
    let before = try buildAndRunProbe(in: package)
    #expect(before.contains("Subject,Status,AssigneeId,OpenedAt"), "\(before)")
    #expect(!before.contains("Priority"))
    // With `traits: []`, the package resolved what the generator needs and none of the server's packages.
    #expect(try resolvedPackages(in: package) == ["swift-argument-parser", "yams"])

    // A field added to the example object, and an object in a file of its own.
    let ticket = package.appendingPathComponent("Metadata/objects/Ticket.yaml")
    var text = try String(contentsOf: ticket, encoding: .utf8)
    text = text.replacingOccurrences(
      of: "  OpenedAt:\n",
      with: """
          Priority:
            type: picklist
            properties: [Create, Filter, Group, Nillable, Sort, Update]
            values: [Low, High, Follow-up Needed]
          OpenedAt:

        """)
    try text.write(to: ticket, atomically: true, encoding: .utf8)
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
      import AppModels
      print(Ticket.Field.priority.rawValue, Ticket.Priority.followUpNeeded.rawValue)
      print(Meeting.apiName, Meeting.Field.topic.rawValue)
      print(SObjectGenResources.paths.contains("reference/Meeting.md"))

      """)
    let after = try buildAndRunProbe(in: package)
    #expect(after == "Priority Follow-up Needed\nMeeting Topic\ntrue\n")

    // One field's description edited: the plugin rewrites only the outputs whose content changed, so
    // that the build compiles and copies only those; the resources stay readable.
    let outputs = try pluginOutputFolder(in: package, target: "AppModels")
    let outputsBefore = try snapshot(of: outputs)
    text = text.replacingOccurrences(of: "description: What the ticket is about.", with: "description: The topic.")
    try text.write(to: ticket, atomically: true, encoding: .utf8)
    try writeProbe(
      """
      import AppModels
      print(SObjectGenResources.text(atPath: "reference/Ticket.md")?.contains("The topic.") == true)
      print(SObjectGenResources.text(atPath: "describe/Meeting.json")?.contains("Topic") == true)
      print(SObjectGenResources.text(atPath: "sql/sqlite.sql")?.contains("CREATE TABLE") == true)

      """)
    let edited = try buildAndRunProbe(in: package)
    #expect(edited == "true\ntrue\ntrue\n")
    let rewritten = try snapshot(of: outputs).filter { outputsBefore[$0.key]?.1 != $0.value.1 }.keys
    // Ticket's archive (its reference page), and what else carries Ticket's description here; never
    // Meeting's or User's outputs, nor the accessor (the same paths).
    #expect(rewritten.contains("SObjectGenResources.Ticket.json"))
    let untouched = ["Meeting", "User"].flatMap { ["\($0).swift", "SObjectGenResources.\($0).json"] }
    #expect(rewritten.filter { untouched.contains($0) || $0 == "SObjectGenResources.swift" }.isEmpty, "\(rewritten)")

    // init overwrites nothing: a second run refuses, naming each file, and writes nothing.
    let again = try runCLI(["init"], in: package)
    #expect(again.status != 0)
    #expect(again.stderr.contains("Metadata/objects/Ticket.yaml: error: the file exists"))
    #expect(try String(contentsOf: ticket, encoding: .utf8) == text)

    // The objects split over two targets (README, "Splitting a large org over several targets"): each
    // module gets the models of the objects its sobjectgen-plugin.json names.
    try """
    // swift-tools-version: 6.1
    import PackageDescription

    let package = Package(
      name: "App",
      dependencies: [.package(path: "../SObjectGen", traits: [])],
      targets: [
        .target(
          name: "AppModels",
          dependencies: [.product(name: "SObjectRuntime", package: "SObjectGen")],
          plugins: [.plugin(name: "SObjectGenPlugin", package: "SObjectGen")]
        ),
        .target(
          name: "MeetingModels",
          dependencies: ["AppModels"],
          plugins: [.plugin(name: "SObjectGenPlugin", package: "SObjectGen")]
        ),
        .executableTarget(name: "Probe", dependencies: ["AppModels", "MeetingModels"]),
      ]
    )

    """.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    let meetingModels = package.appendingPathComponent("Sources/MeetingModels")
    try FileManager.default.createDirectory(at: meetingModels, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: meetingModels.appendingPathComponent("Metadata").path, withDestinationPath: "../../Metadata")
    try "@_exported import AppModels\n".write(
      to: meetingModels.appendingPathComponent("MeetingModels.swift"), atomically: true, encoding: .utf8)
    func hold(_ objects: [String], in target: String) throws {
      try JSONSerialization.data(withJSONObject: ["objects": objects]).write(
        to: package.appendingPathComponent("Sources/\(target)/sobjectgen-plugin.json"))
    }
    try hold(["User", "Ticket"], in: "AppModels")
    try hold(["Meet*"], in: "MeetingModels")
    try writeProbe(
      """
      import AppModels
      import MeetingModels
      print(Ticket.apiName, Meeting.apiName, Meeting.Field.topic.rawValue)
      print(AppModels.SObjectGenResources.paths.contains("describe/Meeting.json"))
      print(MeetingModels.SObjectGenResources.paths.contains("describe/Meeting.json"))

      """)
    let split = "Ticket Meeting Topic\nfalse\ntrue\n"
    #expect(try buildAndRunProbe(in: package) == split)
    // Ticket's owner out of the reach of AppModels: the build fails at the field, naming the target
    // that holds User. Only the files' content changed, which SwiftPM does not plan again for.
    try hold(["Ticket"], in: "AppModels")
    try hold(["Meeting", "User"], in: "MeetingModels")
    let refused = try run("swift", ["build", "--product", "Probe"], in: package)
    #expect(refused.status != 0)
    #expect(
      refused.output.contains(
        ": error: Ticket.AssigneeId points to User, which target AppModels does not hold and no target it depends "
          + "on holds; target MeetingModels holds it"), "\(refused.output)")
    try hold(["User", "Ticket"], in: "AppModels")
    try hold(["Meeting"], in: "MeetingModels")
    #expect(try buildAndRunProbe(in: package) == split)
  }
}
