import SObjectMetadata

/// The order of `fields` in a describe, as Salesforce lists an object's fields (Case, Account,
/// GRMS__Survey__c in the fixtures): Id, IsDeleted, the name field, the object's other fields, the
/// owner, then the audit fields (CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
/// SystemModstamp), the recently-viewed fields, and last the fields added in later API versions,
/// oldest first (Salesforce appends fields as they are added).
public enum DescribeFieldOrder {
  static let auditFields = [
    "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "SystemModstamp",
  ]
  static let recentlyViewedFields = ["LastActivityDate", "LastViewedDate", "LastReferencedDate"]

  /// The object's fields that exist in `version`, in describe order.
  public static func fields(of object: SObjectDefinition, in version: APIVersion) -> [FieldDefinition] {
    let available = object.allFields(availableIn: version)
    func named(_ name: String) -> FieldDefinition? { available.first { $0.name == name } }
    let placedAtFixedPositions = Set(["Id", "IsDeleted", "OwnerId"] + auditFields + recentlyViewedFields)
    let isOriginal: (FieldDefinition) -> Bool = { field in
      guard let since = field.since else { return true }
      return object.since.map { since <= $0 } ?? false
    }
    let declared = available.filter { !$0.isSystem && !placedAtFixedPositions.contains($0.name) }
    let nameFields = declared.filter { $0.isNameField && isOriginal($0) }
    let original = declared.filter { !$0.isNameField && isOriginal($0) }
    let later = declared.filter { !isOriginal($0) }
      .enumerated()
      .sorted { ($0.element.since!, $0.offset) < ($1.element.since!, $1.offset) }
      .map(\.element)
    return [named("Id"), named("IsDeleted")].compactMap { $0 } + nameFields + original
      + [named("OwnerId")].compactMap { $0 } + auditFields.compactMap(named)
      + recentlyViewedFields.compactMap(named) + later
  }
}
