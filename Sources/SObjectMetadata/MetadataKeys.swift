/// The keys the loader accepts in each structure of a metadata file. `metadata.schema.json`
/// lists the same keys; a test keeps the two equal.
public enum MetadataKeys {
  public static let object = [
    "name", "label", "pluralLabel", "description", "keyPrefix", "since", "supportedCalls",
    "specialAccessRules", "usage", "associatedObjects", "recordTypes", "layouts", "fields",
    "rules",
  ]
  public static let objectRequired = ["name", "label", "pluralLabel"]

  public static let field = [
    "label", "type", "properties", "description", "required", "readOnly", "default", "length",
    "precision", "scale", "digits", "values", "extensible", "referenceTo", "relationshipName",
    "relationshipType", "since", "nameField",
  ]
  public static let fieldRequired = ["type", "properties"]

  public static let picklistValue = ["value", "label", "active"]
  public static let picklistValueRequired = ["value"]

  public static let associatedObject = ["name", "description", "since"]
  public static let associatedObjectRequired = ["name"]

  public static let recordType = ["developerName", "label", "id", "description", "active", "default"]
  public static let recordTypeRequired = ["developerName", "label"]

  public static let layout = ["name", "sections"]
  public static let layoutRequired = ["name", "sections"]

  public static let layoutSection = ["heading", "columns", "tabOrder", "fields"]
  public static let layoutSectionRequired = ["heading", "fields"]

  public static let layoutItem = ["field", "required", "readOnly"]
  public static let layoutItemRequired = ["field"]

  public static let rule = [
    "kind", "field", "fields", "description", "source", "map", "start", "end", "unit", "trigger",
  ]
  public static let ruleRequired = ["kind"]

  /// The keys each kind of rule requires besides `kind` (every kind may have a `description`).
  public static func ruleKeys(for kind: RuleKind) -> [String] {
    switch kind {
    case .valueMap: return ["field", "source", "map"]
    case .duration: return ["field", "start", "end", "unit"]
    case .currentTimeWhenTrue: return ["field", "trigger"]
    case .atLeastOneOf: return ["fields"]
    }
  }
}
