import SObjectMetadata

/// The REST `/sobjects/<Object>/describe` result (DescribeSObjectResult) for one API version: the
/// 45 top-level keys of the v59 response, alphabetical, none left out.
public enum DescribeSObjectResult {
  /// `fields`, when given, are the object's field describes in `version` (made once for the
  /// describe and the layouts).
  public static func describe(
    _ object: SObjectDefinition, in model: MetadataModel, version: APIVersion, fields: FieldDescribes? = nil
  ) throws -> JSONValue {
    guard object.isAvailable(in: version) else {
      throw DescribeError.objectNotAvailable(object: object.name, since: object.since!, requested: version)
    }
    let flags = ObjectFlags(object)
    let urls = DescribeURLs(object: object, version: version)
    let fields = fields ?? FieldDescribes(of: object, in: version)
    return .object([
      ("actionOverrides", []),
      ("activateable", false),
      ("associateEntityType", .null),
      ("associateParentEntity", .null),
      ("childRelationships", .array(ChildRelationships.describe(of: object, in: model, version: version))),
      ("compactLayoutable", .bool(flags.compactLayoutable)),
      ("createable", .bool(flags.createable)),
      ("custom", .bool(flags.custom)),
      ("customSetting", false),
      ("deepCloneable", false),
      ("defaultImplementation", .null),
      ("deletable", .bool(flags.deletable)),
      ("deprecatedAndHidden", false),
      ("extendedBy", .null),
      ("extendsInterfaces", .null),
      ("feedEnabled", .bool(flags.feedEnabled)),
      ("fields", .array(fields.values)),
      ("hasSubtypes", false),
      ("implementedBy", .null),
      ("implementsInterfaces", .null),
      ("isInterface", false),
      ("isSubtype", false),
      ("keyPrefix", .string(orNull: object.keyPrefix)),
      ("label", .string(object.label)),
      ("labelPlural", .string(object.pluralLabel)),
      ("layoutable", .bool(flags.layoutable)),
      ("listviewable", .null),
      ("lookupLayoutable", .null),
      ("mergeable", .bool(flags.mergeable)),
      ("mruEnabled", .bool(flags.mruEnabled)),
      ("name", .string(object.name)),
      ("namedLayoutInfos", []),
      ("networkScopeFieldName", .null),
      ("queryable", .bool(flags.queryable)),
      ("recordTypeInfos", .array(DescribedRecordType.all(of: object).map { $0.recordTypeInfo(urls: urls) })),
      ("replicateable", .bool(flags.replicateable)),
      ("retrieveable", .bool(flags.retrieveable)),
      ("searchLayoutable", .bool(flags.searchLayoutable)),
      ("searchable", .bool(flags.searchable)),
      ("sobjectDescribeOption", "FULL"),
      ("supportedScopes", .array(supportedScopes(of: object, in: version))),
      ("triggerable", .bool(flags.triggerable)),
      ("undeletable", .bool(flags.undeletable)),
      ("updateable", .bool(flags.updateable)),
      ("urls", urls.urls(includeUITemplates: true)),
    ])
  }

  /// The list-view scopes (ScopeInfo), sorted by name as in the fixtures: every queryable object
  /// has `everything`; an owned one `mine`; one a queue can own (OwnerId → Group) also
  /// `queue_owned` and `user_owned`, as Case has.
  static func supportedScopes(of object: SObjectDefinition, in version: APIVersion) -> [JSONValue] {
    guard object.supports(.query) else { return [] }
    let plural = object.pluralLabel.lowercased()
    var scopes: [(name: String, label: String)] = [("everything", "All \(plural)")]
    if let owner = object.allFields(availableIn: version).first(where: { $0.name == "OwnerId" }) {
      scopes.append(("mine", "My \(plural)"))
      if owner.reference?.targets.contains("Group") == true {
        scopes.append(("queue_owned", "Queue owned \(plural)"))
        scopes.append(("user_owned", "User owned \(plural)"))
      }
    }
    return scopes.sorted { $0.name < $1.name }.map {
      .object([("label", .string($0.label)), ("name", .string($0.name))])
    }
  }
}

public enum DescribeError: Error, CustomStringConvertible, Equatable {
  case objectNotAvailable(object: String, since: APIVersion, requested: APIVersion)
  case notLayoutable(object: String)

  public var description: String {
    switch self {
    case .objectNotAvailable(let object, let since, let requested):
      return "error: \(object) is available in API version \(since) and later, not in \(requested)"
    case .notLayoutable(let object):
      return "error: \(object) has no page layouts (its supported calls do not include describeLayout)"
    }
  }
}
