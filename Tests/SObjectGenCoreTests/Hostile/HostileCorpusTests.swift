import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// The hostile-but-valid corpus (`Hostile/Valid/<Set>/`, written by `make-corpus.py`): names Swift
/// or the runtime use, keywords, names that collide once camel-cased, and texts that try to end a
/// comment or a literal early. Each set goes through `sobjectgen generate`; then all of the Swift is
/// compiled in one package build and probed, the SQL runs on SQLite and PostgreSQL, and every JSON
/// file is parsed and every schema checked against the 2020-12 metaschema.
@Suite(.serialized) struct HostileCorpusTests {
  static let corpus = packageRoot.appendingPathComponent("Tests/SObjectGenCoreTests/Hostile/Valid")

  static var sets: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
  }

  /// Generates a set with the CLI into `folder/<set>`; returns the model.
  func generate(_ set: String, into folder: URL) throws -> MetadataModel {
    let metadata = HostileCorpusTests.corpus.appendingPathComponent(set).path
    let result = try runCLI(["generate", "--metadata", metadata, "--output", folder.appendingPathComponent(set).path])
    #expect(result.status == 0, "generate \(set) failed:\n\(result.stderr)")
    return try MetadataLoader.load(directory: metadata)
  }

  @Test func theCorpusHoldsEverySetAndSixtyHostileNames() throws {
    #expect(HostileCorpusTests.sets == ["HostileMembers", "HostileTexts", "HostileTypes"])
    var names = 0
    for set in HostileCorpusTests.sets {
      let model = try MetadataLoader.load(directory: HostileCorpusTests.corpus.appendingPathComponent(set).path)
      names += model.objects.reduce(0) {
        $0 + 1 + $1.fields.count + $1.fields.reduce(0) { $0 + ($1.picklist?.values.count ?? 0) }
      }
    }
    #expect(names >= 60)
  }

  /// One package: the runtime, a module per set with its plugin outputs and a probe listing what
  /// the models say of themselves, and an executable printing every probe as JSON.
  @Test(.timeLimit(.minutes(20))) func everySetCompilesInOnePackageAndMapsEveryNameExactly() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let package = folder.appendingPathComponent("HostileCorpus")
    let sources = package.appendingPathComponent("Sources")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: packageRoot.appendingPathComponent("Sources/SObjectRuntime"),
      to: sources.appendingPathComponent("SObjectRuntime"))

    var expected: [String: [String: [String]]] = [:]
    var targets: [String] = []
    var archives: [String: [String]] = [:]
    for set in HostileCorpusTests.sets {
      let model = try generate(set, into: folder)
      let module = sources.appendingPathComponent(set)
      try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
      for file in try PluginOutputs.files(model: model) {
        try file.contents.write(to: module.appendingPathComponent(file.path))
        if file.path.hasSuffix(".json") { archives[set, default: []].append(file.path) }
      }
      let (probe, facts) = probeSource(model)
      try probe.write(to: module.appendingPathComponent("HostileProbe.swift"), atomically: true, encoding: .utf8)
      expected[set] = facts
      targets.append(set)
    }
    let main = sources.appendingPathComponent("Probe")
    try FileManager.default.createDirectory(at: main, withIntermediateDirectories: true)
    try """
    import Foundation
    \(targets.map { "import \($0)" }.joined(separator: "\n"))

    let probes: [Swift.String: [Swift.String: [Swift.String]]] = [
    \(targets.map { "  \"\($0)\": \($0).hostileProbe," }.joined(separator: "\n"))
    ]
    let data = try! JSONSerialization.data(withJSONObject: probes, options: [.sortedKeys])
    FileHandle.standardOutput.write(data)

    """.write(to: main.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
    let targetList = targets.map { target in
      let resources = archives[target, default: []].map { ".copy(\"\($0)\")" }.joined(separator: ", ")
      return ".target(name: \"\(target)\", dependencies: [\"SObjectRuntime\"], resources: [\(resources)]),"
    }
    try """
    // swift-tools-version: 6.0
    import PackageDescription

    let package = Package(
      name: "HostileCorpus",
      targets: [
        .target(name: "SObjectRuntime"),
        \(targetList.joined(separator: "\n    "))
        .executableTarget(name: "Probe", dependencies: [\(targets.map { "\"\($0)\"" }.joined(separator: ", "))]),
      ]
    )

    """.write(to: package.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)

    let build = try runProgram(
      "/usr/bin/env", ["swift", "build", "--package-path", package.path, "--product", "Probe"])
    try #require(build.status == 0, "the hostile corpus does not compile:\n\(build.stdout)\(build.stderr)")
    let run = try runProgram(package.appendingPathComponent(".build/debug/Probe").path, [])
    try #require(run.status == 0, "\(run.stderr)")
    let probed = try JSONDecoder().decode([String: [String: [String]]].self, from: Data(run.stdout.utf8))
    for set in targets {
      let facts = expected[set] ?? [:]
      for (key, values) in facts.sorted(by: { $0.key < $1.key }) {
        #expect(probed[set]?[key] == values, "\(set) \(key)")
      }
    }
  }

  /// A Swift file for a set's module: every object's API name, field API names and picklist raw
  /// values as the compiled models tell them, and what the metadata says they are. A text that
  /// escaped its comment would declare `injected`, which the probe declares too: a redeclaration.
  func probeSource(_ model: MetadataModel) -> (String, [String: [String]]) {
    let naming = SwiftNaming(model: model)
    var facts: [String: [String]] = [:]
    var lines = ["import SObjectRuntime", "", "public let hostileProbe: [String: [String]] = ["]
    var canaries: [String] = []
    for object in model.objects {
      let type = naming.typeName(forObject: object.name)
      canaries.append("extension \(type) { static let injected = 0 }")
      lines.append("  \(SwiftNames.literal("object " + object.name)): [\(type).apiName],")
      facts["object " + object.name] = [object.name]
      lines.append("  \(SwiftNames.literal("fields " + object.name)): \(type).Field.allCases.map(\\.rawValue),")
      facts["fields " + object.name] = object.allFields.map(\.name)
      lines.append(
        "  \(SwiftNames.literal("labels " + object.name)): \(type).Field.allCases.map(\\.metadata.label),")
      facts["labels " + object.name] = object.allFields.map(\.label)
      let translator = SwiftModelTranslator(object: object, model: model, naming: naming)
      for property in translator.properties() {
        guard let enumName = property.picklistType, let picklist = property.field.picklist else { continue }
        let key = "values \(object.name).\(property.field.name)"
        lines.append("  \(SwiftNames.literal(key)): \(type).\(enumName).knownValues.map(\\.rawValue),")
        facts[key] = picklist.values.map(\.value)
      }
    }
    lines.append("]")
    return ((lines + [""] + canaries).joined(separator: "\n") + "\n", facts)
  }

  @Test(arguments: SQLDialect.allCases) func theSQLOfEverySetRuns(_ dialect: SQLDialect) throws {
    try SQLEngines.requireEngine(dialect)
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for set in HostileCorpusTests.sets {
      _ = try generate(set, into: folder)
      let script = try String(
        contentsOf: folder.appendingPathComponent("\(set)/sql/\(dialect.rawValue).sql"), encoding: .utf8)
      try withDatabase(dialect) { database in
        _ = try database.execute(script)
      }
    }
  }

  @Test func everyJSONFileParsesAndEverySchemaMeetsTheMetaschema() throws {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var schemas: [String] = []
    for set in HostileCorpusTests.sets {
      _ = try generate(set, into: folder)
      let root = folder.appendingPathComponent(set)
      let enumerator = FileManager.default.enumerator(atPath: root.path)
      while let relative = enumerator?.nextObject() as? String {
        guard relative.hasSuffix(".json") else { continue }
        let data = try Data(contentsOf: root.appendingPathComponent(relative))
        #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(set)/\(relative) is not JSON")
        if relative.hasPrefix("jsonschema/") { schemas.append(root.appendingPathComponent(relative).path) }
      }
    }
    #expect(schemas.count > 200)
    // Installs python-jsonschema when it is missing, then checks every schema in one process.
    _ = try PythonJSONSchema.validate(schema: Data(contentsOf: URL(fileURLWithPath: schemas[0])), instances: [])
    let script = """
      import json, sys
      from jsonschema import Draft202012Validator
      bad = []
      for path in sys.argv[1:]:
          try:
              Draft202012Validator.check_schema(json.load(open(path, encoding="utf-8")))
          except Exception as error:
              bad.append(path + ": " + str(error).splitlines()[0])
      print("\\n".join(bad))
      sys.exit(1 if bad else 0)
      """
    let result = PythonJSONSchema.run(["-c", script] + schemas)
    #expect(result.status == 0, "\(result.output)")
  }
}
