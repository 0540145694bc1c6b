import SObjectMetadata

/// An object's reference page, in the structure of Salesforce's Object Reference pages: the facts
/// of the metadata laid out as the pages lay them out, for the renderers to print.
public struct ReferencePage: Sendable, Equatable {
  public struct FieldEntry: Sendable, Equatable {
    public var name: String
    public var type: String
    public var properties: String
    /// Description lines: the text (with the "Required." / "Read-only." markers restored), the
    /// possible values, the admin-may-extend sentence, the default-value sentence and the
    /// cross-field rules the field takes part in.
    public var descriptionLines: [String]
    /// Label/value pairs after the description ("Relationship Name", "Relationship Type", "Refers To").
    public var details: [(label: String, value: String)]

    public static func == (lhs: FieldEntry, rhs: FieldEntry) -> Bool {
      lhs.name == rhs.name && lhs.type == rhs.type && lhs.properties == rhs.properties
        && lhs.descriptionLines == rhs.descriptionLines
        && lhs.details.map(\.label) == rhs.details.map(\.label)
        && lhs.details.map(\.value) == rhs.details.map(\.value)
    }
  }

  public struct AssociatedEntry: Sendable, Equatable {
    public var name: String
    public var description: String?
  }

  public static let associatedObjectsIntroduction =
    "This object has the following associated objects. If the API version isn’t specified, they’re available in the same API versions as this object. Otherwise, they’re available in the specified API version and later."
  public static let extensibleSentence =
    "Your Salesforce admin can define new field values or update the existing field values."

  public var title: String
  public var description: String?
  public var supportedCalls: String
  public var specialAccessRules: String?
  public var fields: [FieldEntry]
  public var usage: String?
  public var associatedObjects: [AssociatedEntry]

  public init(object: SObjectDefinition) {
    title = object.name
    description = object.description
    supportedCalls = object.supportedCalls.map { "\($0.rawValue)()" }.joined(separator: ", ")
    specialAccessRules = object.specialAccessRules
    fields = object.fields.sorted { $0.name < $1.name }.map { ReferencePage.entry(for: $0, of: object) }
    usage = object.usage
    associatedObjects = object.associatedObjects.map {
      AssociatedEntry(name: $0.name, description: $0.description)
    }
  }

  /// The type as the reference pages print it (`dateTime`, where describe says `datetime`).
  public static func pageTypeName(_ type: FieldType) -> String {
    switch type {
    case .datetime: return "dateTime"
    case .id: return "ID"
    default: return type.rawValue
    }
  }

  static func entry(for field: FieldDefinition, of object: SObjectDefinition) -> FieldEntry {
    var lines: [String] = []
    var text = field.description ?? ""
    if field.isReadOnly { text = text.isEmpty ? "Read-only." : "Read-only. " + text }
    if field.isRequired { text = text.isEmpty ? "Required." : "Required. " + text }
    if !text.isEmpty { lines += text.splitAtLineFeeds().map(String.init) }
    if let picklist = field.picklist {
      lines.append("Possible values are:")
      lines += picklist.values.map { "  • \($0.value)" }
      if picklist.isExtensible { lines.append(extensibleSentence) }
    }
    if let defaultValue = field.defaultValue {
      lines.append("The default value is \(defaultValue).")
    }
    // A cross-field rule, stated where the pages state such rules: in each field's description.
    for case .crossField(let rule) in object.rules(involving: field.name) {
      lines.append(rule.statement)
    }
    var details: [(String, String)] = []
    if let reference = field.reference {
      details.append(("Relationship Name", reference.relationshipName))
      if let type = reference.relationshipType { details.append(("Relationship Type", type.rawValue)) }
      details.append(("Refers To", reference.targets.joined(separator: ", ")))
    }
    return FieldEntry(
      name: field.name, type: pageTypeName(field.type),
      properties: field.sortedProperties.map(\.rawValue).joined(separator: ", "),
      descriptionLines: lines, details: details)
  }
}
