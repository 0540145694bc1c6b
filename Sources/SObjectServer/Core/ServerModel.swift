import Foundation
import SObjectGenCore
import SObjectMetadata

import struct SObjectRuntime.AnySalesforceID

/// The metadata as the server reads it: objects by name and key prefix, the API versions it
/// answers, and describe results cached per version (made by the describe emitter, never here).
public final class ServerModel: Sendable {
  public let model: MetadataModel
  private let objectsByLowercasedName: [String: SObjectDefinition]
  private let objectsByKeyPrefix: [String: SObjectDefinition]
  private let cache = DescribeCache()

  public init(model: MetadataModel) {
    self.model = model
    var byName: [String: SObjectDefinition] = [:]
    var byPrefix: [String: SObjectDefinition] = [:]
    for object in model.objects {
      byName[object.name.lowercased()] = object
      if let prefix = object.keyPrefix { byPrefix[prefix] = object }
    }
    objectsByLowercasedName = byName
    objectsByKeyPrefix = byPrefix
  }

  /// The newest version served: the one the outputs are made for.
  public var newestVersion: APIVersion { model.outputAPIVersion }
  /// The oldest version served (Salesforce's REST API starts at 20.0).
  public static let oldestVersion = APIVersion(20)

  /// `v57.0` from a path; nil for anything else or a version outside those served.
  public func version(fromPathComponent text: String) -> APIVersion? {
    guard text.hasPrefix("v"), let version = APIVersion(parsing: String(text.dropFirst())),
      version >= Self.oldestVersion, version <= newestVersion
    else { return nil }
    return version
  }

  /// The object a request names (case-insensitively, as Salesforce), if it exists in the version.
  public func object(named name: String, in version: APIVersion) -> SObjectDefinition? {
    guard let object = objectsByLowercasedName[name.lowercased()], object.isAvailable(in: version) else { return nil }
    return object
  }

  public func object(withKeyPrefix prefix: String) -> SObjectDefinition? { objectsByKeyPrefix[prefix] }

  /// Salesforce's release name of a version: v20.0 was Winter '11, three releases a year.
  static func releaseLabel(_ version: APIVersion) -> String {
    let index = version.major - 20
    let season = ["Winter", "Spring", "Summer"][index % 3]
    return "\(season) '\(11 + index / 3)"
  }

  // MARK: Describe results, rendered once per version.

  func describeGlobal(_ version: APIVersion) -> String {
    cache.text("global", version) { DescribeGlobalResult.describe(model, version: version).compact() }
  }

  func describe(_ object: SObjectDefinition, _ version: APIVersion) throws -> String {
    try cache.text("describe/\(object.name)", version) {
      try DescribeSObjectResult.describe(object, in: model, version: version).compact()
    }
  }

  func describeLayouts(_ object: SObjectDefinition, _ version: APIVersion) throws -> String {
    try cache.text("layouts/\(object.name)", version) {
      try DescribeLayoutResult.describe(object, version: version).compact()
    }
  }

  /// `describe/layouts/<recordTypeId>`: the layout the record type maps to, as Salesforce answers it.
  func describeLayout(_ object: SObjectDefinition, _ version: APIVersion, recordTypeID: String) throws -> String {
    try cache.text("layouts/\(object.name)/\(recordTypeID)", version) {
      let result = try DescribeLayoutResult.describe(object, version: version)
      let wanted = AnySalesforceID(recordTypeID)?.caseSafe.lowercased() ?? recordTypeID.lowercased()
      guard case .array(let mappings)? = result["recordTypeMappings"], case .array(let layouts)? = result["layouts"],
        let mapping = mappings.first(where: {
          if case .string(let id)? = $0["recordTypeId"] { return id.lowercased() == wanted }
          return false
        }),
        case .string(let layoutID)? = mapping["layoutId"],
        let layout = layouts.first(where: { $0["id"] == .string(layoutID) })
      else { throw APIError.notFound }
      return layout.compact()
    }
  }

  func basicInfo(_ object: SObjectDefinition, _ version: APIVersion) -> String {
    cache.text("basic/\(object.name)", version) {
      JSONValue.object([
        ("objectDescribe", DescribeGlobalResult.entry(object, version: version)), ("recentItems", []),
      ]).compact()
    }
  }

  /// The fields of the object in the version, in describe order (the order records list them).
  func fields(of object: SObjectDefinition, in version: APIVersion) -> [FieldDefinition] {
    cache.fields(object, version) { DescribeFieldOrder.fields(of: object, in: version) }
  }
}

/// Texts and field lists computed once per key and version, shared by every request.
final class DescribeCache: Sendable {
  private let texts = Memo<String, String>()
  private let fieldLists = Memo<String, [FieldDefinition]>()

  /// The text of the key in the version, made the first time it is asked for.
  func text(_ key: String, _ version: APIVersion, _ make: () throws -> String) rethrows -> String {
    try texts.value(for: "\(key)@\(version)", make: make)
  }

  func fields(_ object: SObjectDefinition, _ version: APIVersion, _ make: () -> [FieldDefinition])
    -> [FieldDefinition]
  {
    fieldLists.value(for: "\(object.name)@\(version)", make: make)
  }
}
