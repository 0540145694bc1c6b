import SObjectMetadata

/// One element of a describe's `fields`: the 57 keys of a REST Field describe (API 48.0 and later),
/// in the alphabetical order Salesforce emits them, none left out (absent values are `null`).
/// The conventions come from the recorded responses in `Tests/Fixtures/salesforce/`
/// (describe-format.md §2–§6).
public enum FieldDescribe {
  /// The Field describe of `field`, a field of `object`.
  public static func describe(_ field: FieldDefinition, of object: SObjectDefinition) -> JSONValue {
    let type = field.type
    let sizes = FieldSizes(field)
    let isPolymorphicPointer = field.isPolymorphic || field.has(.namePointing)
    let isCustom = field.name.hasSuffix("__c")
    return .object([
      ("aggregatable", .bool(isAggregatable(field))),
      ("aiPredictionField", false),
      ("autoNumber", .bool(field.isAutoNumber)),
      ("byteLength", .int(sizes.byteLength)),
      ("calculated", .bool(field.has(.calculated))),
      ("calculatedFormula", .null),
      ("cascadeDelete", .bool(field.has(.cascadeDelete))),
      ("caseSensitive", .bool(field.has(.caseSensitive))),
      ("compoundFieldName", .null),
      ("controllerName", .null),
      ("createable", .bool(field.isCreateable)),
      ("custom", .bool(isCustom)),
      ("defaultValue", defaultValue(field)),
      ("defaultValueFormula", defaultValueFormula(field)),
      ("defaultedOnCreate", .bool(field.isDefaultedOnCreate)),
      ("dependentPicklist", false),
      ("deprecatedAndHidden", false),
      ("digits", .int(sizes.digits)),
      ("displayLocationInDecimal", false),
      ("encrypted", .bool(field.has(.encrypted))),
      ("externalId", .bool(field.isExternalID)),
      ("extraTypeInfo", type == .textarea ? "plaintextarea" : .null),
      ("filterable", .bool(field.has(.filter))),
      ("filteredLookupInfo", .null),
      ("formulaTreatNullNumberAsZero", false),
      ("groupable", .bool(field.has(.group))),
      ("highScaleNumber", false),
      ("htmlFormatted", false),
      ("idLookup", .bool(field.isIDLookup)),
      ("inlineHelpText", .null),
      ("label", .string(field.label)),
      ("length", .int(sizes.length)),
      ("mask", .null),
      ("maskType", .null),
      ("name", .string(field.name)),
      ("nameField", .bool(field.isNameField)),
      ("namePointing", .bool(isPolymorphicPointer)),
      ("nillable", .bool(field.isNillable)),
      ("permissionable", .bool(isPermissionable(field))),
      ("picklistValues", .array(picklistValues(field))),
      ("polymorphicForeignKey", .bool(isPolymorphicPointer)),
      ("precision", .int(sizes.precision)),
      ("queryByDistance", .bool(field.has(.queryByDistance))),
      ("referenceTargetField", .null),
      ("referenceTo", .array((field.reference?.targets ?? []).sorted().map(JSONValue.string))),
      ("relationshipName", .string(orNull: field.apiRelationshipName)),
      ("relationshipOrder", relationshipOrder(field, of: object)),
      ("restrictedDelete", .bool(field.has(.restrictedDelete))),
      ("restrictedPicklist", .bool(field.picklist?.isRestricted ?? field.has(.restrictedPicklist))),
      ("scale", .int(sizes.scale)),
      ("searchPrefilterable", .bool(isSearchPrefilterable(field))),
      ("soapType", .string(soapType(of: type))),
      ("sortable", .bool(field.has(.sort))),
      ("type", .string(type.rawValue)),
      ("unique", .bool(field.has(.unique))),
      ("updateable", .bool(field.isUpdateable)),
      ("writeRequiresMasterRead", false),
    ])
  }

  /// The SOAP type Salesforce pairs with each field type (describe-format.md §3).
  public static func soapType(of type: FieldType) -> String {
    switch type {
    case .id, .reference: return "tns:ID"
    case .string, .textarea, .phone, .email, .url, .picklist, .multipicklist, .combobox,
      .encryptedstring:
      return "xsd:string"
    case .boolean: return "xsd:boolean"
    case .date: return "xsd:date"
    case .datetime: return "xsd:dateTime"
    case .time: return "xsd:time"
    case .int: return "xsd:int"
    case .long: return "xsd:long"
    case .double, .currency, .percent: return "xsd:double"
    case .base64: return "xsd:base64Binary"
    }
  }

  /// Usable in SOQL aggregate functions: not checkboxes or multi-select picklists; a text area only
  /// when it is sortable (short ones, and Case.Comments at 4000, are; 32,000-character ones are not).
  static func isAggregatable(_ field: FieldDefinition) -> Bool {
    switch field.type {
    case .boolean, .multipicklist, .base64: return false
    case .textarea: return field.has(.sort)
    default: return true
    }
  }

  /// Field-level security can be set: not on system fields, the name field, auto-numbers, fields
  /// the platform maintains (owner, record type, recently viewed), or required (non-nillable)
  /// fields, checkboxes excepted.
  static func isPermissionable(_ field: FieldDefinition) -> Bool {
    let platformMaintained: Set<String> = [
      "OwnerId", "RecordTypeId", "LastViewedDate", "LastReferencedDate", "LastActivityDate",
    ]
    guard !field.isSystem, !field.isNameField, !field.isAutoNumber,
      !platformMaintained.contains(field.name)
    else { return false }
    return field.isNillable || field.type == .boolean
  }

  /// Lookups a user may set and leave empty can pre-filter searches (ContactId, WhoId, custom
  /// lookups in the fixtures); record types and required lookups cannot.
  static func isSearchPrefilterable(_ field: FieldDefinition) -> Bool {
    field.type == .reference && field.isNillable && field.isCreateable && field.name != "RecordTypeId"
  }

  /// A checkbox's default is a JSON boolean (false unless the metadata says otherwise); a picklist's
  /// default is its value; other defaults are formulas (`defaultValueFormula`).
  static func defaultValue(_ field: FieldDefinition) -> JSONValue {
    switch (field.type, field.resolvedDefault) {
    case (.boolean, .boolean(let value)?): return .bool(value)
    case (_, .text(let value)?) where field.picklist?.defaultValue != nil: return .string(value)
    default: return .null
    }
  }

  static func defaultValueFormula(_ field: FieldDefinition) -> JSONValue {
    guard field.type != .boolean, field.picklist?.defaultValue == nil else { return .null }
    switch field.defaultValue {
    case .text(let text)?: return .string("\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"")
    case .number(let number)?: return .string(number)
    case .boolean(let value)?: return .string(value ? "true" : "false")
    case nil: return .null
    }
  }

  static func picklistValues(_ field: FieldDefinition) -> [JSONValue] {
    guard field.type.isPicklist, let picklist = field.picklist else { return [] }
    return picklist.values.map { value in
      .object([
        ("active", .bool(value.isActive)),
        ("defaultValue", .bool(value.isDefault)),
        ("label", .string(value.label)),
        ("validFor", .null),
        ("value", .string(value.value)),
      ])
    }
  }

  /// 0 for an object's first master-detail field, 1 for its second; null for every other field.
  static func relationshipOrder(_ field: FieldDefinition, of object: SObjectDefinition) -> JSONValue {
    guard field.reference?.relationshipType == .masterDetail else { return .null }
    let masterDetailFields = object.allFields.filter { $0.reference?.relationshipType == .masterDetail }
    return .int(masterDetailFields.firstIndex { $0.name == field.name } ?? 0)
  }
}

/// `length`, `byteLength`, `digits`, `precision` and `scale` as Salesforce reports them per type:
/// text sizes in characters with byteLength = 3 × length (multi-select picklists excepted), IDs
/// 18/18, numbers in precision/scale, integers in digits, and 0 for everything that does not apply.
struct FieldSizes {
  var length = 0
  var byteLength = 0
  var digits = 0
  var precision = 0
  var scale = 0

  init(_ field: FieldDefinition) {
    let type = field.type
    let sizes = field.resolvedSizes
    length = sizes.length
    digits = sizes.digits
    precision = sizes.precision
    scale = sizes.scale
    switch type {
    case .id, .reference, .base64: byteLength = length
    case .multipicklist:
      byteLength = length
      precision = field.precision ?? 0
    default: byteLength = 3 * length
    }
  }
}

/// The Field describes of an object's fields that exist in one API version, in describe order,
/// made once for the object's describe (`fields`) and its layouts (each cell's `details`): both then
/// hold the same values, which `JSONValue.prettyPrintedBytes(oneLineKeys:memo:)` prints once.
public struct FieldDescribes {
  public let values: [JSONValue]
  private let indexByName: [String: Int]

  public init(of object: SObjectDefinition, in version: APIVersion) {
    let fields = DescribeFieldOrder.fields(of: object, in: version)
    values = fields.map { FieldDescribe.describe($0, of: object) }
    indexByName = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The describe of the field named `name`, when it exists in the version.
  public subscript(name: String) -> JSONValue? { indexByName[name].map { values[$0] } }
}
