import SObjectMetadata

/// The REST `/sobjects` result (describeGlobal): `encoding`, `maxBatchSize` and one entry per object
/// that exists in the version, sorted by name. Each entry carries the 26 keys of the v48 response
/// plus `associateEntityType`/`associateParentEntity` (v52), alphabetical, with the same values as
/// the object's full describe; its `urls` lack the `ui…` templates, as in real responses.
public enum DescribeGlobalResult {
  public static func describe(_ model: MetadataModel, version: APIVersion) -> JSONValue {
    .object([
      ("encoding", "UTF-8"),
      ("maxBatchSize", 200),
      ("sobjects", .array(model.objects.filter { $0.isAvailable(in: version) }.map { entry($0, version: version) })),
    ])
  }

  public static func entry(_ object: SObjectDefinition, version: APIVersion) -> JSONValue {
    let flags = ObjectFlags(object)
    return .object([
      ("activateable", false),
      ("associateEntityType", .null),
      ("associateParentEntity", .null),
      ("createable", .bool(flags.createable)),
      ("custom", .bool(flags.custom)),
      ("customSetting", false),
      ("deepCloneable", false),
      ("deletable", .bool(flags.deletable)),
      ("deprecatedAndHidden", false),
      ("feedEnabled", .bool(flags.feedEnabled)),
      ("hasSubtypes", false),
      ("isInterface", false),
      ("isSubtype", false),
      ("keyPrefix", .string(orNull: object.keyPrefix)),
      ("label", .string(object.label)),
      ("labelPlural", .string(object.pluralLabel)),
      ("layoutable", .bool(flags.layoutable)),
      ("mergeable", .bool(flags.mergeable)),
      ("mruEnabled", .bool(flags.mruEnabled)),
      ("name", .string(object.name)),
      ("queryable", .bool(flags.queryable)),
      ("replicateable", .bool(flags.replicateable)),
      ("retrieveable", .bool(flags.retrieveable)),
      ("searchable", .bool(flags.searchable)),
      ("triggerable", .bool(flags.triggerable)),
      ("undeletable", .bool(flags.undeletable)),
      ("updateable", .bool(flags.updateable)),
      ("urls", DescribeURLs(object: object, version: version).urls(includeUITemplates: false)),
    ])
  }
}
