import SObjectMetadata

/// The object-level booleans of describeSObjects and describeGlobal, from the supported calls
/// (describe-format.md §5): create → createable, delete → deletable, query → queryable,
/// retrieve → retrieveable, search → searchable, undelete → undeletable, update → updateable,
/// describeLayout → layoutable, getUpdated/getDeleted → replicateable, merge → mergeable.
struct ObjectFlags {
  var createable: Bool
  var deletable: Bool
  var queryable: Bool
  var retrieveable: Bool
  var searchable: Bool
  var undeletable: Bool
  var updateable: Bool
  var layoutable: Bool
  var replicateable: Bool
  var mergeable: Bool
  /// Objects with page layouts also have compact and search layouts, triggers and list views.
  var compactLayoutable: Bool { layoutable }
  var searchLayoutable: Bool { layoutable && searchable }
  var triggerable: Bool { layoutable && createable }
  var listviewable: Bool { layoutable && searchable }
  /// Recently viewed records: objects with a layout, or with LastViewedDate.
  var mruEnabled: Bool
  /// Feed tracking: the object has an associated `<Object>Feed`.
  var feedEnabled: Bool
  var custom: Bool

  init(_ object: SObjectDefinition) {
    createable = object.supports(.create)
    deletable = object.supports(.delete)
    queryable = object.supports(.query)
    retrieveable = object.supports(.retrieve)
    searchable = object.supports(.search)
    undeletable = object.supports(.undelete)
    updateable = object.supports(.update)
    layoutable = object.supports(.describeLayout)
    replicateable = object.supports(.getUpdated) && object.supports(.getDeleted)
    mergeable = object.supports(.merge)
    mruEnabled = object.supports(.describeLayout) || object.field(named: "LastViewedDate") != nil
    feedEnabled = object.associatedObjects.contains { $0.name == object.name + "Feed" }
    custom = object.name.hasSuffix("__c")
  }
}
