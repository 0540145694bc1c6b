import SObjectMetadata

/// A describe's `childRelationships`: every reference field, in any object of the model, that can
/// point at the described object. A polymorphic field appears on each of its targets.
public enum ChildRelationships {
  /// The fields that record who created and last changed a record: a User has them as child
  /// relationships, but Salesforce gives them no relationship name (they are not navigable).
  static let auditReferenceFields: Set<String> = ["CreatedById", "LastModifiedById"]

  /// The child relationships of `parent` in `version`, sorted by child object then field, as the
  /// fixtures are (plain code-point order).
  static func describe(of parent: SObjectDefinition, in model: MetadataModel, version: APIVersion)
    -> [JSONValue]
  {
    resolved(of: parent, in: model, version: version).map { relationship in
      .object([
        ("cascadeDelete", .bool(relationship.field.reference?.relationshipType == .masterDetail)),
        ("childSObject", .string(relationship.childObject.name)),
        ("deprecatedAndHidden", false),
        ("field", .string(relationship.field.name)),
        ("junctionIdListNames", []),
        ("junctionReferenceTo", []),
        ("relationshipName", .string(orNull: relationship.name)),
        ("restrictedDelete", .bool(relationship.field.has(.restrictedDelete))),
      ])
    }
  }

  /// The child relationships of `parent` in `version`, named as describe names them: what SOQL's
  /// child subqueries (`(SELECT Id FROM Interactions)`) resolve against.
  public static func resolved(of parent: SObjectDefinition, in model: MetadataModel, version: APIVersion)
    -> [ChildRelationship]
  {
    var children: [(child: SObjectDefinition, field: FieldDefinition)] = []
    // Only the objects with a field referring to the parent, from the model's index.
    for child in model.objects(referencing: parent.name) where child.isAvailable(in: version) {
      for field in DescribeFieldOrder.fields(of: child, in: version)
      where field.reference?.targets.contains(parent.name) == true {
        children.append((child, field))
      }
    }
    children.sort { ($0.child.name, $0.field.name) < ($1.child.name, $1.field.name) }
    var usedNames: Set<String> = []
    return children.map { child, field in
      ChildRelationship(
        name: relationshipName(child: child, field: field, usedNames: &usedNames), childObject: child, field: field)
    }
  }

  /// The child's plural name without spaces (`Interactions`, as Salesforce names Account's
  /// `Cases`); `__r` appended for custom fields. When a parent already has that name (a child with
  /// two fields pointing at it), the field's relationship name comes first (`RelatedRecordInteractions`,
  /// as Account's `PersonCases`). Audit fields have none.
  static func relationshipName(
    child: SObjectDefinition, field: FieldDefinition, usedNames: inout Set<String>
  ) -> String? {
    if field.isSystem && auditReferenceFields.contains(field.name) { return nil }
    let plural = String(
      child.pluralLabel.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })
    let suffix = field.name.hasSuffix("__c") ? "__r" : ""
    var candidate = plural + suffix
    if usedNames.contains(candidate) {
      let prefix = field.reference.map { field.apiRelationshipName ?? $0.relationshipName } ?? field.name
      candidate = prefix.replacingOccurrences(of: "__r", with: "") + plural + suffix
    }
    var unique = candidate
    var counter = 1
    while usedNames.contains(unique) {
      unique = candidate + String(counter)
      counter += 1
    }
    usedNames.insert(unique)
    return unique
  }
}

/// One child relationship of an object: the child object, its reference field pointing at the
/// parent, and the relationship's name (nil for the audit fields, which are not navigable).
public struct ChildRelationship: Sendable {
  public var name: String?
  public var childObject: SObjectDefinition
  public var field: FieldDefinition
}
