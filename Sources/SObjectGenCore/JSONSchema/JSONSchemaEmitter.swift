import SObjectMetadata

/// Emits, per object, JSON Schemas (Draft 2020-12) of a record as the REST API returns it
/// (`jsonschema/<Object>.json`), of a create request body (`<Object>.create.json`) and of an update
/// request body (`<Object>.update.json`), for the API version outputs are made for.
public enum JSONSchemaEmitter {
  public static let folder = "jsonschema"
  public static let metaschema = "https://json-schema.org/draft/2020-12/schema"

  @Sendable public static func emit(_ model: MetadataModel) -> [OutputFile] {
    model.objects.flatMap { emit($0, in: model) }
  }

  /// The files of one object.
  @Sendable public static func emit(_ object: SObjectDefinition, in model: MetadataModel) -> [OutputFile] {
    let fields = object.allFields(availableIn: model.outputAPIVersion)
    return [
      OutputFile(
        path: "\(folder)/\(object.name).json", bytes: recordSchema(object, fields: fields).prettyPrintedBytes()),
      OutputFile(
        path: "\(folder)/\(object.name).create.json",
        bytes: requestSchema(object, fields: fields, operation: .create).prettyPrintedBytes()),
      OutputFile(
        path: "\(folder)/\(object.name).update.json",
        bytes: requestSchema(object, fields: fields, operation: .update).prettyPrintedBytes()),
    ]
  }

  enum Operation: String {
    case create, update
  }

  /// A record: every field (null where the field is nillable), the `attributes` member, and the
  /// parent records a query may nest under a relationship name.
  static func recordSchema(_ object: SObjectDefinition, fields: [FieldDefinition]) -> JSONValue {
    var properties: [(String, JSONValue)] = [
      (
        "attributes",
        .object([
          ("description", "The record's type and URL."),
          ("type", "object"),
          (
            "properties",
            .object([("type", .object([("const", .string(object.name))])), ("url", .object([("type", "string")]))])
          ),
          ("required", ["type"]),
        ])
      )
    ]
    for field in fields {
      var schema = valueSchema(field, allowsNull: field.isNillable)
      if !field.isCreateable && !field.isUpdateable || field.isReadOnly { schema.append(("readOnly", true)) }
      properties.append((field.name, .object(schema)))
    }
    for field in fields {
      guard let reference = field.reference, !reference.relationshipName.isEmpty else { continue }
      properties.append(
        (
          reference.relationshipName,
          .object([
            (
              "description",
              .string(
                "The \(reference.targets.joined(separator: " or ")) record \(field.name) points to, when a query selects its fields."
              )
            ),
            ("type", ["object", "null"]),
            ("readOnly", true),
          ])
        ))
    }
    return document(
      id: object.name, title: object.label, description: object.description ?? object.label,
      properties: properties, required: [])
  }

  /// A create or update body: only the fields the operation may set, nothing else.
  static func requestSchema(_ object: SObjectDefinition, fields: [FieldDefinition], operation: Operation) -> JSONValue {
    var properties: [(String, JSONValue)] = []
    var required: [String] = []
    for field in fields {
      let settable = operation == .create ? field.isCreateable : field.isUpdateable
      guard settable else { continue }
      let isRequired = operation == .create && (field.isRequired || (!field.isNillable && !field.isDefaultedOnCreate))
      var schema = valueSchema(field, allowsNull: field.isNillable && !isRequired)
      if field.isReadOnly { schema.append(("readOnly", true)) }
      properties.append((field.name, .object(schema)))
      if isRequired { required.append(field.name) }
    }
    let title = "\(object.label) (\(operation.rawValue) request)"
    let description =
      operation == .create
      ? "The body of a create request for \(object.name): only createable fields; the required ones must be given."
      : "The body of an update request for \(object.name): only updateable fields; null clears a field."
    return document(
      id: "\(object.name).\(operation.rawValue)", title: title, description: description, properties: properties,
      required: required)
  }

  static func document(
    id: String, title: String, description: String, properties: [(String, JSONValue)], required: [String]
  ) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("$schema", .string(metaschema)),
      ("$id", .string("urn:sobjectgen:jsonschema:\(id)")),
      ("title", .string(title)),
      ("description", .string(description)),
      ("type", "object"),
      ("properties", .object(properties)),
    ]
    if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
    members.append(("additionalProperties", false))
    members.append(("$defs", definitions))
    return .object(members)
  }

  /// The value types shared by every schema.
  static let definitions: JSONValue = .object([
    (
      "salesforceId",
      .object([
        ("description", "A 15- or 18-character Salesforce record ID."),
        ("type", "string"),
        ("pattern", "^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$"),
      ])
    ),
    (
      "dateTime",
      .object([
        (
          "description",
          "A datetime: the REST API's form (2024-03-01T10:05:00.000+0000) or RFC 3339 (2024-03-01T10:05:00Z). Not `format: date-time`, which strict validators apply and which rejects the REST form's +0000 offset."
        ),
        ("type", "string"),
        (
          "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})$"
        ),
      ])
    ),
    (
      "date",
      .object([
        ("description", "A date: 2024-03-01."), ("type", "string"), ("format", "date"),
        ("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
      ])
    ),
    (
      "time",
      .object([
        ("description", "A time of day: 10:05:00.000Z."), ("type", "string"),
        ("pattern", "^[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?Z?$"),
      ])
    ),
  ])

  /// The schema members for a field's value.
  static func valueSchema(_ field: FieldDefinition, allowsNull: Bool) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [("description", .string(description(of: field)))]
    func typed(_ type: String) -> JSONValue { allowsNull ? [.string(type), "null"] : .string(type) }
    func reference(_ definition: String) {
      if allowsNull {
        members.append(("anyOf", [.object([("$ref", .string("#/$defs/\(definition)"))]), .object([("type", "null")])]))
      } else {
        members.append(("$ref", .string("#/$defs/\(definition)")))
      }
    }
    switch field.type {
    case .id, .reference: reference("salesforceId")
    case .datetime: reference("dateTime")
    case .date: reference("date")
    case .time: reference("time")
    case .boolean: members.append(("type", typed("boolean")))
    case .int, .long: members.append(("type", typed("integer")))
    case .double, .currency, .percent: members.append(("type", typed("number")))
    case .picklist where field.picklist?.isRestricted == true:
      let values = (field.picklist?.values ?? []).filter(\.isActive).map { JSONValue.string($0.value) }
      members.append(("enum", .array(values + (allowsNull ? [.null] : []))))
    case .multipicklist where field.picklist?.isRestricted == true:
      let alternatives = (field.picklist?.values ?? []).map { escapeRegex($0.value) }.joined(separator: "|")
      members.append(("type", typed("string")))
      members.append(("pattern", .string("^(?:\(alternatives))(?:;(?:\(alternatives)))*$")))
    default:
      members.append(("type", typed("string")))
      if let length = field.length { members.append(("maxLength", .int(length))) }
    }
    if let defaultValue = field.defaultValue {
      switch defaultValue {
      case .boolean(let flag): members.append(("default", .bool(flag)))
      case .number(let text): members.append(("default", .number(text)))
      case .text(let text): members.append(("default", .string(text)))
      }
    }
    return members
  }

  static func description(of field: FieldDefinition) -> String {
    var text = field.description ?? field.label
    if field.isReadOnly { text = "Read-only. " + text }
    if field.isRequired { text = "Required. " + text }
    return text
  }

  static func escapeRegex(_ text: String) -> String {
    var out = ""
    for character in text {
      if "\\^$.|?*+()[]{}".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}
