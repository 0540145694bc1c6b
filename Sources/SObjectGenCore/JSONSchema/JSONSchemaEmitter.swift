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

  /// The `attributes` member: the record's type and URL. Records carry it; create and update
  /// bodies may (sObject Collections require it).
  static func attributesSchema(_ object: SObjectDefinition) -> (String, JSONValue) {
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
  }

  /// A record: every field (null where the field is nillable), the `attributes` member, and the
  /// parent records a query may nest under a relationship name.
  static func recordSchema(_ object: SObjectDefinition, fields: [FieldDefinition]) -> JSONValue {
    var properties = [attributesSchema(object)]
    for field in fields {
      var schema = valueSchema(field, in: .recordRead, allowsNull: field.acceptsNull(in: .recordRead))
      if !field.isCreateable && !field.isUpdateable { schema.append(("readOnly", true)) }
      properties.append((field.name, .object(schema)))
    }
    for field in fields {
      guard let reference = field.reference, let relationshipName = field.apiRelationshipName else { continue }
      properties.append(
        (
          relationshipName,
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

  /// A create or update body: `attributes` and the fields the operation may set, nothing else;
  /// the object's cross-field rules as `allOf`.
  static func requestSchema(_ object: SObjectDefinition, fields: [FieldDefinition], operation: Operation) -> JSONValue {
    var properties = [attributesSchema(object)]
    var required: [String] = []
    for field in fields {
      let settable = operation == .create ? field.isCreateable : field.isUpdateable
      guard settable else { continue }
      let isRequired = operation == .create && field.isRequiredOnCreate
      let schema = valueSchema(
        field, in: .request, allowsNull: field.acceptsNull(in: .request, creating: operation == .create))
      properties.append((field.name, .object(schema)))
      if isRequired { required.append(field.name) }
    }
    let rules = object.crossFieldRules.map { crossFieldSchema($0, operation: operation) }
    let title = "\(object.label) (\(operation.rawValue) request)"
    let description =
      operation == .create
      ? "The body of a create request for \(object.name): only createable fields; the required ones must be given."
      : "The body of an update request for \(object.name): only updateable fields; null clears a field."
    return document(
      id: "\(object.name).\(operation.rawValue)", title: title, description: description, properties: properties,
      required: required, rules: rules)
  }

  /// A cross-field rule. `atLeastOneOf`: a create body gives one of the fields a value; an update
  /// body does not clear them all (fields it leaves out keep their values).
  static func crossFieldSchema(_ rule: CrossFieldRule, operation: Operation) -> JSONValue {
    switch rule.kind {
    case .atLeastOneOf:
      let null: JSONValue = .object([("type", "null")])
      if operation == .create {
        return .object([
          ("description", .string(rule.statement)),
          (
            "anyOf",
            .array(
              rule.fields.map { name in
                .object([
                  ("required", [.string(name)]),
                  ("properties", .object([(name, .object([("not", null)]))])),
                ])
              })
          ),
        ])
      }
      return .object([
        ("description", .string(rule.statement + " An update may not clear them all.")),
        (
          "not",
          .object([
            ("required", .array(rule.fields.map(JSONValue.string))),
            ("properties", .object(rule.fields.map { ($0, null) })),
          ])
        ),
      ])
    }
  }

  static func document(
    id: String, title: String, description: String, properties: [(String, JSONValue)], required: [String],
    rules: [JSONValue] = []
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
    if !rules.isEmpty { members.append(("allOf", .array(rules))) }
    members.append(("additionalProperties", false))
    members.append(("$defs", definitions))
    return .object(members)
  }

  /// A day of the Gregorian calendar, YYYY-MM-DD: months of 31 and 30 days, February of 28, and
  /// 29 February of leap years only, as the runtime's `SalesforceDate` reads dates.
  static let calendarDay =
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    + "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)"

  /// The value types shared by every schema.
  static let definitions: JSONValue = .object([
    (
      "salesforceId",
      .object([
        (
          "description",
          "A 15- or 18-character Salesforce record ID; of an 18-character one, the last three characters are the checksum of the first fifteen (any case)."
        ),
        ("type", "string"),
        ("pattern", .string(idPattern)),
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
          "pattern",
          .string(
            "^\(calendarDay)[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):?[0-5][0-9])$"
          )
        ),
      ])
    ),
    (
      "date",
      .object([
        ("description", "A date: 2024-03-01."), ("type", "string"), ("format", "date"),
        ("pattern", .string("^\(calendarDay)$")),
      ])
    ),
    (
      "time",
      .object([
        ("description", "A time of day: 10:05:00.000Z."), ("type", "string"),
        ("pattern", "^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?[Zz]?$"),
      ])
    ),
  ])

  /// A 15-character ID, or an 18-character one whose checksum holds: for each five-character
  /// chunk, a lookahead lists the 32 patterns of upper-case letters with the checksum character
  /// each gives (as `AnySalesforceID` computes it).
  static let idPattern: String = {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
    let lookaheads = (0..<3).map { chunk in
      let alternatives = (0..<32).map { mask in
        let classes = (0..<5).map { mask & (1 << $0) != 0 ? "[A-Z]" : "[a-z0-9]" }.joined()
        let check = alphabet[mask]
        let checkClass = check.isLetter ? "[\(check)\(check.lowercased())]" : String(check)
        return classes + ".{\(10 - 4 * chunk)}" + checkClass
      }
      return "(?=.{\(5 * chunk)}(?:\(alternatives.joined(separator: "|"))))"
    }
    return "^(?:[a-zA-Z0-9]{15}|" + lookaheads.joined() + "[a-zA-Z0-9]{18})$"
  }()

  /// The schema members for a field's value in the context (a record read, or a request body).
  static func valueSchema(_ field: FieldDefinition, in context: ValueContext, allowsNull: Bool) -> [(String, JSONValue)]
  {
    var members: [(String, JSONValue)] = [("description", .string(description(of: field)))]
    func typed(_ type: String) -> JSONValue { allowsNull ? [.string(type), "null"] : .string(type) }
    func reference(_ definition: String) {
      if allowsNull {
        members.append(("anyOf", [.object([("$ref", .string("#/$defs/\(definition)"))]), .object([("type", "null")])]))
      } else {
        members.append(("$ref", .string("#/$defs/\(definition)")))
      }
    }
    let sizes = field.resolvedSizes
    // Records read are not held to sizes: an org may widen a field (ResolvedFacts).
    let checksSizes = context != .recordRead
    switch field.type {
    case .reference where field.requiresKnownKeyPrefix(in: context):
      let prefixes = (field.reference?.resolvedTargets ?? []).compactMap(\.keyPrefix).map(escapeRegex)
      let id: JSONValue = .object([
        ("$ref", "#/$defs/salesforceId"), ("pattern", .string("^(?:\(prefixes.joined(separator: "|")))")),
      ])
      members.append(("anyOf", .array([id] + (allowsNull ? [.object([("type", "null")])] : []))))
    case .id, .reference: reference("salesforceId")
    case .datetime: reference("dateTime")
    case .date: reference("date")
    case .time: reference("time")
    case .boolean: members.append(("type", typed("boolean")))
    case .int, .long:
      members.append(("type", typed("integer")))
      if checksSizes, let maximum = sizes.maximumWholeNumber {
        members.append(("minimum", .number("-" + maximum)))
        members.append(("maximum", .number(maximum)))
      }
    case .double, .currency, .percent:
      members.append(("type", typed("number")))
      if checksSizes {
        let bound = "1" + String(repeating: "0", count: sizes.precision - sizes.scale)
        members.append(("exclusiveMinimum", .number("-" + bound)))
        members.append(("exclusiveMaximum", .number(bound)))
      }
    case .picklist:
      if let values = field.allowedValues(in: context) {
        members.append(("enum", .array(values.map(JSONValue.string) + (allowsNull ? [.null] : []))))
      } else {
        members.append(("type", typed("string")))
        if checksSizes { members.append(("maxLength", .int(sizes.length))) }
      }
    case .multipicklist:
      members.append(("type", typed("string")))
      if let values = field.allowedValues(in: context) {
        let alternatives = values.map(escapeRegex).joined(separator: "|")
        members.append(("pattern", .string("^(?:\(alternatives))(?:;(?:\(alternatives)))*$")))
      } else {
        members.append(("pattern", "^[^;]+(?:;[^;]+)*$"))
      }
      if checksSizes { members.append(("maxLength", .int(sizes.length))) }
    default:
      members.append(("type", typed("string")))
      if checksSizes, sizes.length > 0 { members.append(("maxLength", .int(sizes.length))) }
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
