/// One field as its reference page describes it.
public struct FieldDefinition: Sendable, Hashable {
  public var name: String
  public var label: String
  public var type: FieldType
  public var properties: Set<FieldProperty>
  /// The page's description, without the leading "Required." / "Read-only." markers
  /// (those are `isRequired` / `isReadOnly`).
  public var description: String?
  /// The page says "Required." — the field must be given on create, even where the API marks it Nillable.
  public var isRequired: Bool
  /// The page says "Read-only." — the value is derived. Kept as the page's words (descriptions,
  /// reference pages); whether a request may write the field follows `Create`/`Update` alone
  /// (docs/metadata-format.md, "Tensions in the seed pages").
  public var isReadOnly: Bool
  public var defaultValue: FieldValue?
  public var length: Int?
  public var precision: Int?
  public var scale: Int?
  public var digits: Int?
  public var picklist: PicklistDefinition?
  public var reference: ReferenceDefinition?
  /// "Available in API version 57.0 and later."; nil when the field is as old as its object.
  public var since: APIVersion?
  public var isNameField: Bool
  /// One of the fields every object has (Id, CreatedDate, …), not written in the metadata.
  public var isSystem: Bool
  public var location: SourceLocation?

  public init(
    name: String, label: String, type: FieldType, properties: Set<FieldProperty>,
    description: String? = nil, isRequired: Bool = false, isReadOnly: Bool = false,
    defaultValue: FieldValue? = nil, length: Int? = nil, precision: Int? = nil,
    scale: Int? = nil, digits: Int? = nil, picklist: PicklistDefinition? = nil,
    reference: ReferenceDefinition? = nil, since: APIVersion? = nil, isNameField: Bool = false,
    isSystem: Bool = false, location: SourceLocation? = nil
  ) {
    self.name = name
    self.label = label
    self.type = type
    self.properties = properties
    self.description = description
    self.isRequired = isRequired
    self.isReadOnly = isReadOnly
    self.defaultValue = defaultValue
    self.length = length
    self.precision = precision
    self.scale = scale
    self.digits = digits
    self.picklist = picklist
    self.reference = reference
    self.since = since
    self.isNameField = isNameField
    self.isSystem = isSystem
    self.location = location
  }

  public func has(_ property: FieldProperty) -> Bool { properties.contains(property) }

  public var isCreateable: Bool { has(.create) }
  public var isUpdateable: Bool { has(.update) }
  public var isNillable: Bool { has(.nillable) }
  public var isDefaultedOnCreate: Bool { has(.defaultedOnCreate) }
  public var isAutoNumber: Bool { has(.autonumber) }
  public var isIDLookup: Bool { has(.idLookup) }
  public var isExternalID: Bool { has(.externalID) }
  public var isPolymorphic: Bool { (reference?.targets.count ?? 0) > 1 }

  /// Whether a field exists in records of the given API version.
  public func isAvailable(in version: APIVersion) -> Bool { since.map { $0 <= version } ?? true }

  /// The properties in the order the reference pages list them.
  public var sortedProperties: [FieldProperty] { properties.sorted() }
}

/// A literal value in the metadata: a default value, for instance.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
  case boolean(Bool)
  case text(String)
  case number(String)

  public var description: String {
    switch self {
    case .boolean(let value): return value ? "true" : "false"
    case .text(let value), .number(let value): return value
    }
  }
}

public struct PicklistDefinition: Sendable, Hashable {
  public var values: [PicklistValue]
  /// "Restricted picklist" among the properties: the API rejects values not in the list.
  public var isRestricted: Bool
  /// "Your Salesforce admin can define new field values or update the existing field values."
  public var isExtensible: Bool

  public init(values: [PicklistValue], isRestricted: Bool, isExtensible: Bool) {
    self.values = values
    self.isRestricted = isRestricted
    self.isExtensible = isExtensible
  }

  public var defaultValue: PicklistValue? { values.first { $0.isDefault } }
  public func contains(_ value: String) -> Bool { values.contains { $0.value == value } }
}

public struct PicklistValue: Sendable, Hashable {
  public var value: String
  public var label: String
  public var isActive: Bool
  public var isDefault: Bool

  public init(value: String, label: String? = nil, isActive: Bool = true, isDefault: Bool = false) {
    self.value = value
    self.label = label ?? value
    self.isActive = isActive
    self.isDefault = isDefault
  }
}

public struct ReferenceDefinition: Sendable, Hashable {
  /// The objects the field may point to ("Refers To"); more than one makes it polymorphic.
  public var targets: [String]
  public var relationshipName: String
  /// "Relationship Type" as the page gives it; nil where the page names none.
  public var relationshipType: RelationshipType?
  /// The targets sorted by name, each with its key prefix: filled when the model is built
  /// (`Resolution`); until then, the targets without prefixes.
  public var resolvedTargets: [ResolvedTarget]

  public init(targets: [String], relationshipName: String, relationshipType: RelationshipType?) {
    self.targets = targets
    self.relationshipName = relationshipName
    self.relationshipType = relationshipType
    self.resolvedTargets = targets.sorted().map { ResolvedTarget(object: $0, keyPrefix: nil) }
  }

  /// The relationship type outputs use: the stated one, or Lookup when the page states none.
  public var effectiveRelationshipType: RelationshipType { relationshipType ?? .lookup }
}
