import Foundation
import SObjectGenTestSupport
import Testing
import Yams

@testable import SObjectMetadata

/// Keeps Metadata/metadata.schema.json equal to what the loader accepts.
@Suite struct MetadataSchemaTests {
  let schemaURL = packageRoot.appendingPathComponent("Metadata/metadata.schema.json")

  func schema() throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)) as? [String: Any])
  }

  /// The mapping schema of a definition (for definitions that also accept a bare name, its object form).
  func definition(_ name: String) throws -> [String: Any] {
    let defs = try #require(try schema()["$defs"] as? [String: Any])
    let definition = try #require(defs[name] as? [String: Any], "no $defs/\(name)")
    if let choices = definition["oneOf"] as? [[String: Any]] {
      return try #require(choices.first { $0["type"] as? String == "object" })
    }
    return definition
  }

  func keys(of name: String) throws -> (all: Set<String>, required: Set<String>) {
    let definition = try definition(name)
    let properties = try #require(definition["properties"] as? [String: Any])
    #expect(definition["additionalProperties"] as? Bool == false, "\(name) must reject unknown keys")
    return (Set(properties.keys), Set(definition["required"] as? [String] ?? []))
  }

  @Test(arguments: [
    ("object", MetadataKeys.object, MetadataKeys.objectRequired),
    ("field", MetadataKeys.field, MetadataKeys.fieldRequired),
    ("picklistValue", MetadataKeys.picklistValue, MetadataKeys.picklistValueRequired),
    ("associatedObject", MetadataKeys.associatedObject, MetadataKeys.associatedObjectRequired),
    ("recordType", MetadataKeys.recordType, MetadataKeys.recordTypeRequired),
    ("layout", MetadataKeys.layout, MetadataKeys.layoutRequired),
    ("layoutSection", MetadataKeys.layoutSection, MetadataKeys.layoutSectionRequired),
    ("layoutItem", MetadataKeys.layoutItem, MetadataKeys.layoutItemRequired),
    ("rule", MetadataKeys.rule, MetadataKeys.ruleRequired),
  ])
  func schemaKeysEqualLoaderKeys(definition: String, loaderKeys: [String], loaderRequired: [String]) throws {
    let (all, required) = try keys(of: definition)
    #expect(all == Set(loaderKeys))
    #expect(required == Set(loaderRequired))
  }

  func enumeration(_ path: [String]) throws -> Set<String> {
    var node: Any = try schema()
    for key in path {
      node = try #require((node as? [String: Any])?[key], "no \(path.joined(separator: "/"))")
    }
    return Set(try #require((node as? [String: Any])?["enum"] as? [String]))
  }

  @Test func schemaEnumerationsEqualLoaderEnumerations() throws {
    #expect(try enumeration(["$defs", "field", "properties", "type"]) == Set(FieldType.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "field", "properties", "properties", "items"])
        == Set(FieldProperty.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "field", "properties", "relationshipType"])
        == Set(RelationshipType.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "object", "properties", "supportedCalls", "items"])
        == Set(SupportedCall.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "rule", "properties", "kind"]) == Set(RuleKind.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "rule", "properties", "unit"])
        == Set(DerivedFieldRule.DurationUnit.allCases.map(\.rawValue)))
    #expect(
      try enumeration(["$defs", "layoutSection", "properties", "tabOrder"])
        == Set(LayoutSection.TabOrder.allCases.map(\.rawValue)))
  }

  @Test func everyMetadataFileNamesTheSchema() throws {
    for path in try MetadataLoader.objectFilePaths(in: packageRoot.appendingPathComponent("Metadata").path) {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text.hasPrefix("# yaml-language-server: $schema=../metadata.schema.json\n"), "\(path)")
    }
  }

  @Test func everyMetadataFileIsValidAgainstTheSchema() throws {
    let paths = try MetadataLoader.objectFilePaths(in: packageRoot.appendingPathComponent("Metadata").path)
    let instances = try paths.map { try YAMLAsJSON.convert(String(contentsOfFile: $0, encoding: .utf8)) }
    let verdicts = try PythonJSONSchema.validate(schema: Data(contentsOf: schemaURL), instances: instances)
    for (path, verdict) in zip(paths, verdicts) {
      #expect(verdict == nil, "\(path): \(verdict ?? "")")
    }
    #expect(verdicts.count == paths.count && paths.count >= 13)
  }

  /// Files the loader rejects for their shape are rejected by the schema too, and the reverse.
  @Test func schemaAndLoaderAgreeOnSamples() throws {
    let header = "name: Thing\nlabel: Thing\npluralLabel: Things\n"
    let samples: [(yaml: String, valid: Bool)] = [
      (header, true),
      (header + "fields:\n  Seen:\n    type: date\n    properties: [Filter]\n", true),
      (header + "colour: red\n", false),
      (header + "keyPrefix: 001\n", false),
      (header + "since: 55\n", true),
      (header + "since: 55.0\n", true),
      (header + "since: \"55.0\"\n", true),
      (header + "since: 55.5\n", false),
      (header + "since: \"55\"\n", false),
      (header + "since: v55\n", false),
      (header + "fields:\n  Seen:\n    type: dateTimez\n    properties: [Filter]\n", false),
      (header + "fields:\n  Seen:\n    type: date\n    properties: [Sortable]\n", false),
      (header + "fields:\n  Seen:\n    type: date\n", false),
      (header + "fields:\n  S:\n    type: picklist\n    properties: [Filter]\n", false),
      (header + "fields:\n  S:\n    type: string\n    properties: [Filter]\n    values: [A]\n", false),
      (header + "fields:\n  OwnerId:\n    type: reference\n    properties: [Create]\n    referenceTo: [User]\n", false),
      (
        header
          + "fields:\n  OwnerId:\n    type: reference\n    properties: [Create]\n    referenceTo: [User]\n    relationshipName: Owner\n",
        true
      ),
      (
        header
          + "fields:\n  A:\n    type: datetime\n    properties: [Create]\nrules:\n  - kind: duration\n    field: A\n    trigger: A\n",
        false
      ),
      (
        header
          + "layouts:\n  - name: Main\n    sections:\n      - heading: Info\n        fields: [~, CreatedById, {field: Id, required: true}]\n",
        true
      ),
      (header + "supportedCalls: [query, find]\n", false),
    ]
    let verdicts = try PythonJSONSchema.validate(
      schema: Data(contentsOf: schemaURL), instances: samples.map { try YAMLAsJSON.convert($0.yaml) })
    for (sample, verdict) in zip(samples, verdicts) {
      let files = declaredObjects + [MetadataFile(path: "Metadata/objects/Thing.yaml", contents: sample.yaml)]
      let loaderAccepts = !MetadataLoader.load(files: files).1.containsErrors
      #expect(loaderAccepts == sample.valid, "loader on:\n\(sample.yaml)")
      #expect((verdict == nil) == sample.valid, "schema on:\n\(sample.yaml)\n\(verdict ?? "")")
    }
  }
}

/// Turns YAML into JSON as YAML 1.2's core schema reads it (the reading editors use), with Yams.
enum YAMLAsJSON {
  static func convert(_ yaml: String) throws -> Data {
    guard let node = try Yams.compose(yaml: yaml, Resolver.basic) else { return Data("null".utf8) }
    return try JSONSerialization.data(withJSONObject: value(node), options: [.fragmentsAllowed, .sortedKeys])
  }

  static func value(_ node: Node) -> Any {
    switch node {
    case .mapping(let mapping):
      var object: [String: Any] = [:]
      for (key, value) in mapping { object[key.scalar?.string ?? ""] = self.value(value) }
      return object
    case .sequence(let sequence):
      return sequence.map(value)
    case .scalar(let scalar):
      switch node.coreKind {
      case .null?: return NSNull()
      case .boolean(let flag)?: return flag
      case .integer?: return Int(scalar.string) ?? Double(scalar.string) ?? scalar.string
      case .float?: return Double(scalar.string) ?? scalar.string
      default: return scalar.string
      }
    case .alias:
      return NSNull()
    }
  }
}
