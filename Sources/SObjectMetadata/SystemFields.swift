/// The fields Salesforce gives every object (Object Reference, "System Fields"), read-only and
/// defaulted on create. The metadata does not repeat them; the model adds them.
public enum SystemFields {
  public static let names: [String] = [
    "Id", "IsDeleted", "CreatedById", "CreatedDate", "LastModifiedById", "LastModifiedDate",
    "SystemModstamp",
  ]

  public static func isSystemField(_ name: String) -> Bool {
    // An ASCII name is compared in lower case, without Foundation's Unicode comparison (which finds
    // `K`, the Kelvin sign, equal to `k`: other names still go through it).
    if name.utf8.allSatisfy({ $0 < 0x80 }) { return lowercasedNames.contains(name.lowercased()) }
    return names.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
  }

  private static let lowercasedNames = Set(names.map { $0.lowercased() })

  /// The system fields that refer to other objects, in field order. They are the same for every
  /// object (only the ID, which refers to nothing, has a label naming the object), so they are taken
  /// from one object's once, instead of each object's system fields being made again.
  public static let referenceFields: [FieldDefinition] = fields(
    for: SObjectDefinition(name: "Object", label: "Object", pluralLabel: "Objects", sourceFile: "")
  ).filter { $0.reference != nil }

  /// The objects the system fields refer to, each once, in field order.
  public static let referenceTargets: [String] = {
    var targets: [String] = []
    for target in referenceFields.flatMap({ $0.reference?.targets ?? [] }) where !targets.contains(target) {
      targets.append(target)
    }
    return targets
  }()

  static func fields(for object: SObjectDefinition) -> [FieldDefinition] {
    let dateProperties: Set<FieldProperty> = [.defaultedOnCreate, .filter, .sort]
    let groupable: Set<FieldProperty> = [.defaultedOnCreate, .filter, .group, .sort]
    func userReference(_ relationship: String) -> ReferenceDefinition {
      ReferenceDefinition(targets: ["User"], relationshipName: relationship, relationshipType: .lookup)
    }
    return [
      FieldDefinition(
        name: "Id", label: "\(object.label) ID", type: .id,
        properties: groupable.union([.idLookup]), length: 18, isSystem: true),
      FieldDefinition(
        name: "IsDeleted", label: "Deleted", type: .boolean, properties: groupable,
        defaultValue: .boolean(false), isSystem: true),
      FieldDefinition(
        name: "CreatedById", label: "Created By ID", type: .reference, properties: groupable,
        length: 18, reference: userReference("CreatedBy"), isSystem: true),
      FieldDefinition(
        name: "CreatedDate", label: "Created Date", type: .datetime, properties: dateProperties,
        isSystem: true),
      FieldDefinition(
        name: "LastModifiedById", label: "Last Modified By ID", type: .reference,
        properties: groupable, length: 18, reference: userReference("LastModifiedBy"),
        isSystem: true),
      FieldDefinition(
        name: "LastModifiedDate", label: "Last Modified Date", type: .datetime,
        properties: dateProperties, isSystem: true),
      FieldDefinition(
        name: "SystemModstamp", label: "System Modstamp", type: .datetime,
        properties: dateProperties, isSystem: true),
    ]
  }
}
