import Foundation
import SObjectGenCore
import SObjectGenTestSupport
import SObjectMetadata
import Yams

/// A parsed JSON value for comparing shapes: objects lose their key order here (order is checked
/// on `JSONValue` directly).
indirect enum ParsedJSON: Decodable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([ParsedJSON])
  case object([String: ParsedJSON])

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else if let value = try? container.decode(Double.self) {
      self = .double(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ParsedJSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ParsedJSON].self))
    }
  }

  init(parsing text: String) throws {
    self = try JSONDecoder().decode(ParsedJSON.self, from: Data(text.utf8))
  }

  init(_ value: JSONValue) throws { try self.init(parsing: value.compact()) }

  /// The JSON type, as describe-format.md names them.
  var kind: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int: return "int"
    case .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }

  subscript(key: String) -> ParsedJSON? {
    if case .object(let pairs) = self { return pairs[key] }
    return nil
  }

  var array: [ParsedJSON] {
    if case .array(let values) = self { return values }
    return []
  }

  var keys: Set<String> {
    if case .object(let pairs) = self { return Set(pairs.keys) }
    return []
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }
}

/// The real recorded responses in `Tests/Fixtures/salesforce/`.
enum RealResponses {
  static let folder = fixturesFolder.appendingPathComponent("salesforce")

  static func json(_ name: String) throws -> ParsedJSON {
    try ParsedJSON(parsing: String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
  }

  /// The JSON body of a VCR cassette: `response.body.string`, read with Yams.
  static func cassetteBody(_ name: String) throws -> ParsedJSON {
    let yaml = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    guard let document = try Yams.load(yaml: yaml) as? [String: Any],
      let response = document["response"] as? [String: Any],
      let body = response["body"] as? [String: Any], let text = body["string"] as? String
    else { throw CocoaError(.fileReadCorruptFile) }
    return try ParsedJSON(parsing: text)
  }

  static func caseV48() throws -> ParsedJSON { try json("cumulusci-Case-describe-v48.json") }
  static func event() throws -> ParsedJSON { try cassetteBody("cumulusci-GET_sobjects_Event_describe.yaml") }
  static func accountV59() throws -> ParsedJSON {
    try cassetteBody("cumulusci-GET_sobjects_Account_PersonAccount_describe.yaml")
  }
  static func globalV48() throws -> ParsedJSON { try json("cumulusci-global-describe-v48.json") }
  static func layoutSingle() throws -> ParsedJSON { try json("grassroots-mockDescribeLayoutSingle.json") }
  static func layoutsMultiple() throws -> ParsedJSON { try json("grassroots-mockDescribeLayoutsResponseMultiple.json") }

  /// Every real object describe.
  static func describes() throws -> [(name: String, value: ParsedJSON)] {
    [("Case v48", try caseV48()), ("Event", try event()), ("Account v59", try accountV59())]
  }

  /// Every field describe in the real responses, the 12 inside the layout fixture included.
  static func fieldDescribes() throws -> [ParsedJSON] {
    var fields = try describes().flatMap { $0.value["fields"]?.array ?? [] }
    for section in try layoutSingle()["editLayoutSections"]?.array ?? [] {
      for row in section["layoutRows"]?.array ?? [] {
        for item in row["layoutItems"]?.array ?? [] {
          for component in item["layoutComponents"]?.array ?? [] {
            if let details = component["details"] { fields.append(details) }
          }
        }
      }
    }
    return fields
  }
}

/// The test metadata beside these tests (Survey, Garden, Site and the objects they point at).
let describeFixtureMetadata = packageRoot.appendingPathComponent("Tests/SObjectGenCoreTests/Describe/Fixtures/Metadata")
let describeGoldenFolder = packageRoot.appendingPathComponent("Tests/SObjectGenCoreTests/Describe/Golden")

func loadDescribeFixtureMetadata() throws -> MetadataModel {
  try MetadataLoader.load(directory: describeFixtureMetadata.path)
}

/// Problems where `ours` does not have the shape of `real`: a key of `real` missing, or a value of
/// another JSON type. `null` in `real` accepts a value in ours only for keys Salesforce documents
/// as nullable strings, numbers or booleans (`nullableKeys`); a value in `real` never accepts null.
/// Arrays are compared element by element against the first real element.
func shapeProblems(
  ours: ParsedJSON, real: ParsedJSON, path: String, nullableKeys: Set<String> = DescribeKeys.nullable,
  ignoringKeysOf ignored: Set<String> = ["urls"]
) -> [String] {
  var problems: [String] = []
  switch (ours, real) {
  case (.object(let ourPairs), .object(let realPairs)):
    let lastKey = path.split(separator: ".").last.map(String.init) ?? path
    if ignored.contains(lastKey) { return [] }
    for (key, realValue) in realPairs.sorted(by: { $0.key < $1.key }) {
      guard let ourValue = ourPairs[key] else {
        problems.append("\(path).\(key): missing")
        continue
      }
      if realValue == .null {
        if ourValue != .null && !nullableKeys.contains(key) {
          problems.append("\(path).\(key): real is null, ours is \(ourValue.kind)")
        }
        continue
      }
      if ourValue == .null {
        if !nullableKeys.contains(key) { problems.append("\(path).\(key): real is \(realValue.kind), ours is null") }
        continue
      }
      problems += shapeProblems(ours: ourValue, real: realValue, path: "\(path).\(key)", nullableKeys: nullableKeys)
    }
  case (.array(let ourValues), .array(let realValues)):
    if let first = realValues.first {
      for (index, value) in ourValues.enumerated() {
        problems += shapeProblems(ours: value, real: first, path: "\(path)[\(index)]", nullableKeys: nullableKeys)
      }
    }
  default:
    let sameKind = ours.kind == real.kind || (ours.kind == "int" && real.kind == "number")
    if !sameKind { problems.append("\(path): real is \(real.kind), ours is \(ours.kind)") }
  }
  return problems
}

enum DescribeKeys {
  /// Keys whose value is `string|null`, `int|null`, `boolean|null` or `string|boolean|null`
  /// (describe-format.md §1, §2, §7, §8).
  static let nullable: Set<String> = [
    "keyPrefix", "relationshipName", "relationshipOrder", "defaultValue", "calculatedFormula",
    "compoundFieldName", "controllerName", "defaultValueFormula", "extraTypeInfo", "filteredLookupInfo",
    "inlineHelpText", "mask", "maskType", "referenceTargetField", "validFor", "associateEntityType",
    "associateParentEntity", "defaultImplementation", "extendedBy", "extendsInterfaces", "implementedBy",
    "implementsInterfaces", "networkScopeFieldName", "listviewable", "lookupLayoutable", "layouts",
  ]
}

/// Paths of objects (outside `urls`) whose keys are not in alphabetical order.
func unorderedObjects(in value: JSONValue, path: String = "$") -> [String] {
  switch value {
  case .object(let pairs):
    var problems: [String] = []
    let keys = pairs.map(\.0)
    if !path.hasSuffix(".urls") && keys != keys.sorted() { problems.append(path) }
    for (key, child) in pairs { problems += unorderedObjects(in: child, path: "\(path).\(key)") }
    return problems
  case .array(let values):
    return values.enumerated().flatMap { unorderedObjects(in: $1, path: "\(path)[\($0)]") }
  default:
    return []
  }
}
